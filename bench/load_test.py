"""A load test against the production server (gunicorn), on SQLite or PostgreSQL.

Usage (from the repository root)::

    .venv/bin/python bench/load_test.py --database sqlite
    .venv/bin/python bench/load_test.py --database postgres --clients 50 --seconds 60

It sets up a throwaway database (a temporary SQLite file, or the PostgreSQL database
``newsreader_load`` on 127.0.0.1, dropped and made again), migrates it, imports the seed files
in ``fixtures/``, creates one user and API token per client, collects the static files, then
starts gunicorn on a free port of 127.0.0.1 with ``DEBUG=0``. Each client (a thread with its own
connection) loops for the given time over: the article list, an article page, the annotations
of the article (API), creating a shared annotation with a unique marker in its comment, a reply
to it, and an edit of an annotation that two clients of the same user race for with
``If-Match`` (each pair of clients is one user; of two edits sent with the same ``ETag`` one
wins, the other must get ``412``). Every request goes to 127.0.0.1 only, and
the loop stops by itself.

Printed: requests, errors (5xx, connection failures, unexpected answers), p50/p95 latency per
kind, and afterwards, read from the database: every acknowledged annotation and reply present
exactly once, and none present that was not acknowledged as created (lost or doubled writes).
The exit status is 1 when there were errors or lost or doubled writes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = "postgres://postgres@127.0.0.1:5432/newsreader_load"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


SETUP = """
import json, sys
from django.contrib.auth import get_user_model
from annotations.services import token_create
from articles.models import Article
n = int(sys.argv[1])
User = get_user_model()
keys = []
for i in range(n):
    user = User.objects.create_user(f"load{i}", password="load-test-password")
    keys.append(token_create(user=user, name="load")[1])
article = Article.objects.order_by("pk").first()
print(json.dumps({"keys": keys, "slug": article.slug, "length": len(article.body)}))
"""

CHECK = """
import json, sys
from annotations.models import Annotation
markers = json.loads(sys.stdin.read())
found = {}
rows = Annotation.objects.filter(comment__startswith="load-")
for comment in rows.values_list("comment", flat=True):
    found[comment] = found.get(comment, 0) + 1
print(json.dumps(found))
"""


class Client(threading.Thread):
    def __init__(self, i: int, port: int, key: str, shared: dict, until: float):
        super().__init__(daemon=True)
        self.i, self.port, self.key, self.shared, self.until = i, port, key, shared, until
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.created: list[str] = []  # markers of acknowledged writes
        self.races = Counter()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, kind: str, method: str, path: str, body=None, headers=None):
        headers = {"Authorization": f"Bearer {self.key}", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/ld+json"
        start = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.errors[f"{kind}: {type(error).__name__}"] += 1
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return None, None, {}
        self.latencies[kind].append(time.perf_counter() - start)
        if response.status >= 500:
            self.errors[f"{kind}: {response.status}"] += 1
        return response.status, payload, dict(response.getheaders())

    def annotation(self, marker: str, target: str | dict) -> dict:
        return {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "Annotation",
            "body": [{"type": "TextualBody", "value": marker, "purpose": "commenting"}],
            "target": target,
            "visibility": "shared",
        }

    def run(self) -> None:
        slug, length, base = self.shared["slug"], self.shared["length"], self.shared["base"]
        rng = random.Random(self.i)
        n = 0
        while time.monotonic() < self.until:
            n += 1
            self.call("list", "GET", "/articles/")
            self.call("article", "GET", f"/articles/{slug}/")
            self.call("api-list", "GET", f"/api/annotations/?article={slug}")
            start = rng.randrange(0, max(1, length - 40))
            marker = f"load-{self.i}-{n}"
            target = {
                "source": f"{base}/articles/{slug}/",
                "selector": [{"type": "TextPositionSelector", "start": start, "end": start + 30}],
            }
            status, payload, headers = self.call(
                "create", "POST", "/api/annotations/", self.annotation(marker, target)
            )
            if status == 201:
                self.created.append(marker)
                reply_marker = f"{marker}-reply"
                location = json.loads(payload)["id"]
                status, _payload, _h = self.call(
                    "reply", "POST", "/api/annotations/", self.annotation(reply_marker, location)
                )
                if status == 201:
                    self.created.append(reply_marker)
                elif status is not None:
                    self.errors[f"reply: {status}"] += 1
            elif status is not None:
                self.errors[f"create: {status}"] += 1
            self.race(rng)

    def race(self, rng: random.Random) -> None:
        """PUT the shared race annotation with the ETag just read: 200 or 412, never more."""
        path = f"/api/annotations/{self.shared['race_ids'][self.i // 2]}/"
        status, payload, headers = self.call("race-get", "GET", path)
        if status != 200:
            return
        document = json.loads(payload)
        document["colour"] = rng.choice(["yellow", "green", "blue", "pink", "purple"])
        status, _p, _h = self.call(
            "race-put", "PUT", path, document, {"If-Match": headers.get("ETag", "")}
        )
        if status in (200, 412):
            self.races[status] += 1
        elif status is not None:
            self.errors[f"race-put: {status}"] += 1


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="newsreader-load-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "load-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    if args.database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'load.sqlite3'}"
    else:
        env["DATABASE_URL"] = PG_URL
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists",
                        "newsreader_load"], check=True)  # fmt: skip
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "newsreader_load"],
                       check=True)  # fmt: skip
    manage(env, "migrate", "--noinput")
    manage(env, "import_seeds", "fixtures")
    manage(env, "collectstatic", "--noinput")
    users = (args.clients + 1) // 2
    setup = json.loads(
        manage(env, "shell", "-v", "0", "-c", SETUP.replace("sys.argv[1]", str(users)))
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "newsreader.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        shared = {"slug": setup["slug"], "length": setup["length"], "base": base}
        shared["race_ids"] = []
        target = {
            "source": f"{base}/articles/{setup['slug']}/",
            "selector": [{"type": "TextPositionSelector", "start": 0, "end": 20}],
        }
        for key in setup["keys"]:
            owner = Client(0, port, key, shared, 0)
            status, payload, _h = owner.call(
                "setup", "POST", "/api/annotations/", owner.annotation("race", target)
            )
            if status != 201:
                raise SystemExit(f"could not create a race annotation: {status} {payload!r}")
            shared["race_ids"].append(json.loads(payload)["id"].rstrip("/").rsplit("/", 1)[1])
        until = time.monotonic() + args.seconds
        clients = [
            Client(i, port, setup["keys"][i // 2], shared, until) for i in range(args.clients)
        ]
        started = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join(args.seconds + 120)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(30)

    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter = Counter()
    races: Counter = Counter()
    created: list[str] = []
    for client in clients:
        for kind, values in client.latencies.items():
            latencies[kind] += values
        errors.update(client.errors)
        races.update(client.races)
        created += client.created
    found = json.loads(
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-v", "0", "-c", CHECK], cwd=ROOT, env=env,
            input=json.dumps(created), capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    acknowledged = Counter(created)
    lost = [m for m in acknowledged if found.get(m, 0) == 0]
    doubled = [m for m, n in found.items() if n > 1]
    unacknowledged = [m for m in found if m not in acknowledged]

    total = sum(len(v) for v in latencies.values())
    print(
        f"{args.database}: {args.clients} clients, {elapsed:.0f} s, {args.workers} gunicorn "
        f"workers: {total} requests ({total / elapsed:.0f}/s), {sum(errors.values())} errors"
    )
    for kind in sorted(latencies):
        values = latencies[kind]
        print(
            f"  {kind:9s} {len(values):6d}  p50 {percentile(values, 0.5):7.1f} ms  "
            f"p95 {percentile(values, 0.95):7.1f} ms"
        )
    for error, n in errors.most_common():
        print(f"  error {error}: {n}")
    print(f"  racing edits: {races[200]} won, {races[412]} refused with 412")
    print(
        f"  writes acknowledged {len(acknowledged)}, in the database {len(found)}: "
        f"lost {len(lost)}, doubled {len(doubled)}, present but never acknowledged "
        f"{len(unacknowledged)}"
    )
    if args.database == "postgres":
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists",
                        "newsreader_load"], check=False)  # fmt: skip
    return 1 if errors or lost or doubled else 0


if __name__ == "__main__":
    raise SystemExit(main())
