"""The README's screenshots: an article with its quotations, and a speaker's page.

    .venv/bin/python bench/screenshots.py [--out docs/screenshots] [--width 1200 --height 800]

Runs the app as ``make run`` does, on a throwaway SQLite database in a temporary folder (the
seed files in ``fixtures/`` with the demo articles, and the demo login), logs in with Debian's
Chromium driven by Playwright (never ``playwright install``), and saves two PNG files:
``article.png`` (the demo's article with the most quotations of people named in full on its first
screen) and
``speaker.png`` (the person quoted in the most articles). Which article and speaker is decided
from the database, not named here, so the script keeps working when the demo or the pages
change; run it again after a change to the reading pages (``make screenshots``).

The PNGs are made small for the repository: reduced to 256 colours by ``pngquant`` when it is
installed (``make screenshots`` installs Debian's; the text stays sharp), else written again
with zlib's best compression; then ``optipng`` when it is installed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Printed by ``manage.py shell``: the article and the speaker to show, found in the database.
PICK = """
import json
from django.db.models import Count, Q
from articles.models import Article, ArticleSpeaker, Quote, Speaker
spoken = Q(quotes__kind__in=Quote.SPOKEN)
top = Q(quotes__start__lt=1000)  # on the first screen
# Quotations of people named in full: the extractor's surest, and the page's best example.
named = Q(quotes__speaker__kind=Speaker.Kind.PERSON, quotes__speaker__name__contains=" ")
article = (
    Article.objects.annotate(
        named=Count("quotes", filter=spoken & top & named),
        other=Count("quotes", filter=spoken & top & ~named),
        people=Count("quotes__speaker", filter=spoken & top & named, distinct=True),
    )
    .order_by("-named", "other", "-people", "title")
    .first()
)
person = (
    ArticleSpeaker.objects.filter(speaker__kind=Speaker.Kind.PERSON)
    .values("speaker")
    .annotate(articles=Count("article"))
    .order_by("-articles", "speaker")
    .first()
)
speaker = Speaker.objects.get(pk=person["speaker"]) if person else Speaker.objects.first()
print(json.dumps({
    "article": article.get_absolute_url() if article else None,
    "speaker": speaker.get_absolute_url() if speaker else None,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--language", default="en", help="the interface's language (en, de)")
    parser.add_argument("--article", help="the article's path (/articles/…/) instead of the pick")
    parser.add_argument("--speaker", help="the speaker's path instead of the pick")
    args = parser.parse_args()
    if not shutil.which(CHROMIUM):
        sys.exit(f"no Chromium at {CHROMIUM}: make browser installs Debian's")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="newsreader-screenshots-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(folder) / 'demo.sqlite3'}",
            "DEBUG": "1",  # runserver serves the static files
            "CACHE_URL": "locmem",
            "TASKS_BACKEND": "immediate",
        }
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "import_seeds", "--verbosity", "0", "--jobs", "1", "fixtures")
        login = manage(env, "demo_user")
        match = re.search(r"user '(?P<user>[^']+)', password '(?P<password>[^']+)'", login)
        if match is None:
            sys.exit(f"cannot read the demo login from: {login!r}")
        pick = json.loads(manage(env, "shell", "--verbosity", "0", "--command", PICK))
        pick["article"] = args.article or pick["article"]
        pick["speaker"] = args.speaker or pick["speaker"]
        if not pick["article"] or not pick["speaker"]:
            sys.exit(f"the demo has no article or no speaker to show: {pick}")
        with server(env) as base:
            shots = capture(base, match["user"], match["password"], pick, args)
    for path in shots:
        before = path.stat().st_size
        optimise(path)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{before // 1024} -> {path.stat().st_size // 1024} kB")  # fmt: skip


def manage(env: dict, *arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def server(env: dict):
    """``manage.py runserver`` on a free port until the block ends; its address."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: stopped whole, and only it
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None:
                sys.exit(f"the server stopped:\n{process.stderr.read()}")
            if time.monotonic() > deadline:
                sys.exit("the server did not answer within 60 s")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def capture(base: str, user: str, password: str, pick: dict, args) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": args.width, "height": args.height},
                device_scale_factor=1,
                locale="de-DE" if args.language == "de" else "en-GB",
                extra_http_headers={"Accept-Language": args.language},
                reduced_motion="reduce",
            )
            page = context.new_page()
            page.set_default_timeout(20_000)
            # Log in through the login form, as a person does.
            page.goto(f"{base}/accounts/login/?next={pick['article']}")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.press("input[name=password]", "Enter")
            page.wait_for_url(f"**{pick['article']}")
            for name, url in (("article", pick["article"]), ("speaker", pick["speaker"])):
                page.goto(f"{base}{url}")
                page.wait_for_load_state("networkidle")
                page.evaluate("document.fonts && document.fonts.ready")
                path = args.out / f"{name}.png"
                page.screenshot(path=str(path), animations="disabled", caret="hide")
                shots.append(path)
        finally:
            browser.close()
    return shots


def optimise(path: Path) -> None:
    """Make the PNG small: ``pngquant`` (lossy, 256 colours) when installed, else its image
    data compressed again at zlib's best level without ancillary chunks; then ``optipng``
    when installed (it tries the filters too)."""
    if shutil.which("pngquant"):
        subprocess.run(
            ["pngquant", "--force", "--skip-if-larger", "--strip", "--speed", "1",
             "--quality", "70-95", "--output", str(path), str(path)],
            check=False,
        )  # fmt: skip
    else:
        recompress(path)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", "-strip", "all", str(path)], check=False)


def recompress(path: Path) -> None:
    """The PNG written again with its image data at zlib's best level, ancillary chunks
    dropped, when that is smaller."""
    data = path.read_bytes()
    signature, position = data[:8], 8
    if signature != b"\x89PNG\r\n\x1a\n":
        return
    chunks: list[tuple[bytes, bytes]] = []
    image = bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IDAT":
            image += body
        elif kind in (b"IHDR", b"PLTE", b"tRNS", b"IEND"):
            chunks.append((kind, body))
    compressed = zlib.compress(zlib.decompress(bytes(image)), 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    out = [signature]
    for kind, body in chunks:
        if kind == b"IEND":
            out.append(chunk(b"IDAT", compressed))
        out.append(chunk(kind, body))
    rewritten = b"".join(out)
    if len(rewritten) < len(data):
        path.write_bytes(rewritten)


if __name__ == "__main__":
    main()
