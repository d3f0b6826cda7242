"""Reading benchmark: 100,000 generated articles in PostgreSQL, server time of the reading pages.

    .venv/bin/python bench/reading_bench.py [--articles 100000] [--requests 100] [--rounds 3]
                                            [--reuse]

Uses its own database (``newsreader_reading_bench`` on the local PostgreSQL, or
$BENCH_READING_DATABASE_URL), dropped, migrated and filled at the start (``--reuse`` keeps a
filled one). Articles come from bench/import_bench.py's generator and go in with bulk_create, so
the search trigger fills their search vectors; quotations are the generator's quoted passages,
given to random speakers. Then each page is requested with Django's test Client (DEBUG off,
logged in), in ``--rounds`` turns over all pages, and the server time's median and 95th
percentile over all rounds are printed, next to a trivial view measured in the same run.
Each page twice: as the shared cache serves it (articles/shared.py: the same request again at
the same reading revision), and rendered, with the cache emptied before each request (outside
the timing): a page's first request after a write, or a search nobody made before.
A benchmark, not a test: the figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BENCH_URL = os.environ.get(
    "BENCH_READING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsreader_reading_bench"
)
QUOTED = re.compile(r"„[^“\n]+“|\"[^\"\n]+\"|»[^«\n]+«")
RARE = "Die Rede war von der gesamten westlichen Militärmaschinerie."
BATCH = 2000


def fill(count: int, seed: int = 4) -> None:
    """``count`` articles, 300 speakers, 5 outlets; one article with 50 quotations."""
    from import_bench import FIRST, LAST, ROLES, article

    from articles import seedfile
    from articles.models import Article, Quote, Source, Speaker

    rng = random.Random(seed)
    sources = {}
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"{first} {last} {n}", slug=f"speaker-{n}", role=rng.choice(ROLES))
        for n, (first, last) in enumerate((rng.choice(FIRST), rng.choice(LAST)) for _ in range(300))
    )
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        parsed = []
        for n in range(first, min(first + BATCH, count)):
            text = article(rng)
            if n % 1000 == 0:  # one article in a thousand names the rare phrase
                text = text.replace("\n\n", f" {RARE}\n\n", 1)
            parsed.append((n, seedfile.parse(text, f"reading_{n:06d}.txt")))
        for _n, p in parsed:
            if p.source not in sources:
                sources[p.source] = Source.objects.create(
                    name=p.source, slug=f"source-{len(sources)}"
                )
        articles = Article.objects.bulk_create(
            Article(
                source=sources[p.source],
                title=p.title,
                slug=f"reading-{n}",
                date=p.date + datetime.timedelta(days=rng.randrange(28)),
                date_precision="day",
                body=p.body,
                seed_filename=p.filename,
                content_hash=hashlib.sha256(f"{n}:{p.content_hash}".encode()).hexdigest(),
            )
            for n, p in parsed
        )
        Quote.objects.bulk_create(
            Quote(
                article=a,
                start=m.start(),
                end=m.end(),
                kind="direct",
                speaker=rng.choice(speakers),
            )
            for a in articles
            for m in QUOTED.finditer(a.body)
        )
        done = first + len(parsed)
        if done % 20_000 == 0 or done == count:
            print(f"  {done} articles, {time.perf_counter() - started:.0f} s", flush=True)

    # The article page's case: one long article with 50 quotations.
    people = rng.sample(speakers, 8)
    paragraphs = [
        f"Am {n + 1}. Tag sagte {people[n % 8].name}: „Die Lage bleibt angespannt, und wir "
        f"werden die Vorschläge sorgfältig prüfen, Punkt {n + 1}.“ Danach ging es weiter."
        for n in range(50)
    ]
    body = "\n\n".join(paragraphs)
    long = Article.objects.create(
        source=next(iter(sources.values())),
        title="Fünfzig Zitate an einem Tag",
        slug="fifty-quotes",
        date=datetime.date(2024, 6, 1),
        body=body,
        seed_filename="fifty.txt",
        content_hash="f" * 64,
    )
    Quote.objects.bulk_create(
        Quote(article=long, start=m.start(), end=m.end(), kind="direct", speaker=people[i % 8])
        for i, m in enumerate(re.finditer(r"„[^“]+“", body))
    )


def measure(client, url: str, requests: int, *, rendered: bool = False) -> list[float]:
    """Server times of ``requests`` requests in ms, after 5 warm-up requests; ``rendered``:
    with the shared cache emptied before each one."""
    from django.core.cache import cache

    for _ in range(5):  # warm up: connection, caches, templates
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(requests):
        if rendered:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return times


def summary(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    times = sorted(times)
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="measure every page this many times in turn, so that a passing load on the "
        "machine falls on all pages alike; the figures are over all rounds' requests",
    )
    parser.add_argument("--reuse", action="store_true", help="keep a database filled before")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "reading-benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "reading_settings"
    if not args.reuse:
        import import_bench

        import_bench.BENCH_URL = BENCH_URL  # its prepare_database drops and creates this one
        import_bench.prepare_database()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles.models import Article, Quote, Speaker

    call_command("migrate", verbosity=0)  # --reuse: a database filled by older code too
    if not args.reuse:
        print(f"generating {args.articles} articles …", flush=True)
        started = time.perf_counter()
        fill(args.articles)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"filled in {time.perf_counter() - started:.0f} s")
    print(
        f"{Article.objects.count()} articles, {Quote.objects.count()} quotations, "
        f"{Speaker.objects.count()} speakers; PostgreSQL "
        f"{connection.cursor().connection.info.server_version}"
    )
    user, _ = User.objects.get_or_create(username="bench")
    client = Client()
    client.force_login(user)
    speaker = Speaker.objects.order_by("pk").first()
    cases = [
        ("trivial Django view", "/trivial/"),
        ("trivial page in the site's layout", "/trivial-page/"),
        ("search, rare word (“Militärmaschinerie”)", "/articles/?q=Militärmaschinerie"),
        ("search, phrase and exclusion", '/articles/?q="westliche Militärmaschinerie" -Lawrow'),
        (
            "search, common word (“Waffenlieferungen”), by relevance",
            "/articles/?q=Waffenlieferungen",
        ),
        ("search, common word, newest first", "/articles/?q=Waffenlieferungen&sort=newest"),
        ("article list, first page", "/articles/"),
        ("article list, page 100", "/articles/?page=100"),
        ("article list, one speaker", f"/articles/?speaker={speaker.slug}"),
        ("article page, 50 quotations", "/articles/fifty-quotes/"),
        ("speaker page", f"/speakers/{speaker.slug}/"),
        ("trivial Django view (again)", "/trivial/"),
    ]
    times: dict[tuple[str, bool], list[float]] = {}
    for round_ in range(args.rounds):
        print(f"round {round_ + 1} of {args.rounds}", flush=True)
        for name, url in cases:
            for rendered in (False, True):
                run = times.setdefault((name, rendered), [])
                run += measure(client, url, args.requests, rendered=rendered)
                median, p95 = summary(run[-args.requests :])
                how = "rendered" if rendered else "cached"
                print(f"  {name}, {how}: median {median:.1f} ms, p95 {p95:.1f} ms", flush=True)
    trivial = statistics.mean(
        [summary(times[(cases[0][0], False)])[0], summary(times[(cases[-1][0], False)])[0]]
    )
    layout = summary(times[(cases[1][0], False)])[0]
    print()
    print(
        "| page | cached: median | p95 | ÷ trivial view | ÷ trivial page "
        "| rendered: median | p95 | ÷ trivial view | ÷ trivial page |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, _url in cases:
        cells = []
        for rendered in (False, True):
            median, p95 = summary(times[(name, rendered)])
            cells += [
                f"{median:.1f} ms",
                f"{p95:.1f} ms",
                f"{median / trivial:.1f}×",
                f"{median / layout:.1f}×",
            ]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
