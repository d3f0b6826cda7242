"""Paint benchmark: how long static/js/annotate.js takes to paint an article's highlights in
Chromium.

    .venv/bin/python bench/paint_bench.py [--annotations 500] [--loads 20]

Uses a throw-away test database (``test_`` + the configured name; PostgreSQL with
DATABASE_URL=postgres://…, else SQLite), made and dropped by Django's test machinery. The seed
article gets ``--annotations`` shared highlights of 10 to 200 characters (many overlap, some
cross paragraphs, every fifth has a reply), the page is rendered by Django's test client for a
second user, and Debian's Chromium (Playwright, /usr/bin/chromium) loads it ``--loads`` times,
the page's own URL and its static files answered from the rendered HTML and static/.

The figure is the ``annotate:paint`` performance measure the script records around its paint
function (JSON data already parsed; the DOM work of wrapping every text node piece). The goal
(issue 5): under 200 ms with 500 annotations.
"""

from __future__ import annotations

import argparse
import statistics

from common import CHROMIUM, CHROMIUM_ARGS, ROOT, django_setup, throwaway_database

TYPES = {".css": "text/css", ".js": "text/javascript"}


def render_page(count: int) -> tuple[str, str, int]:
    """The article page's HTML with ``count`` annotations, its path, and the number of marks
    the page should hold at least (one per highlight)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from annotations import services
    from articles.services import seed_import

    seed = ROOT / "fixtures" / "000_f7e28fe3f4ccecb1.txt"
    article = seed_import(name=seed.name, data=seed.read_bytes()).article
    users = get_user_model().objects
    author = users.create_user("author", password="bench-password")
    reader = users.create_user("reader", password="bench-password")
    body = article.body
    for i in range(count):
        length = 10 + (i * 53) % 190
        start = (i * 137) % (len(body) - length)
        annotation = services.annotation_create(
            user=author,
            article=article,
            start=start,
            end=start + length,
            comment=f"Kommentar **{i}**",
            tags=[f"tag{i % 10}"],
            visibility="shared",
            colour=["yellow", "green", "blue", "pink", "purple"][i % 5],
        )
        if i % 5 == 0:
            services.reply_create(user=reader, parent=annotation, comment="Antwort")
    client = Client()
    client.force_login(reader)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), article.get_absolute_url(), count


def measure(html: str, path: str, count: int, loads: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    origin = "http://bench.invalid"

    def answer(route):
        url = route.request.url.removeprefix(origin)
        if url.split("#")[0] == path:
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        if url.startswith("/static/"):
            file = ROOT / url.split("?")[0].lstrip("/")
            if file.is_file():
                return route.fulfill(
                    status=200,
                    content_type=TYPES.get(file.suffix, "text/plain"),
                    body=file.read_bytes(),
                )
        return route.fulfill(status=404, body="")

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            context.route("**/*", answer)
            page = context.new_page()
            for _ in range(loads + 2):  # two warm-up loads
                page.goto(origin + path)
                page.wait_for_selector("[data-annotate-ready]", state="attached")
                duration, ids = page.evaluate(
                    """() => [performance.getEntriesByName("annotate:paint")[0].duration,
                              new Set(Array.from(document.querySelectorAll(
                                "[data-body] mark[data-annotation-id]"),
                                m => m.dataset.annotationId)).size]"""
                )
                assert ids == count, f"{ids} highlights painted, {count} expected"
                timings.append(duration)
            marks = page.locator("[data-body] mark").count()
        finally:
            browser.close()
    print(f"{count} annotations, {marks} <mark> elements on the page")
    return timings[2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=500)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args()

    django_setup()
    with throwaway_database():
        html, path, count = render_page(args.annotations)
    timings = measure(html, path, count, args.loads)
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"paint over {len(timings)} loads: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(timings):.1f} ms (goal: under 200 ms)"
    )


if __name__ == "__main__":
    main()
