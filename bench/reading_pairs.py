"""Reading pages paired with the trivial view, request by request, for before/after comparisons.

    cd TREE && .venv/bin/python /path/to/bench/reading_pairs.py [--db nr_lead_bench]
        [--match "article list,search"] [--modes "cold,cached,after update()"] [--requests 30]

Measures the code of the tree it is run from (the working directory: an exported older commit
too, with the same database), on a database that ``bench/reading_bench.py`` filled (``--db``,
on the local PostgreSQL; copy it first, ``createdb -T``, since the "after" ways write to it).
For each page of ``reading_bench.cases()`` whose name contains one of ``--match``'s
comma-separated parts, and each way: five warm-up requests of the page and of the trivial
view, then ``--requests`` times the way's preparation (``reading_bench.prepare``: the caches
emptied, or an unrelated write), the page, then the trivial view. Printed: the page's median,
the trivial view's median, their ratio and the page's 95th percentile, in ms.

The ratio of two medians taken in the same minutes cancels much of a shared machine's drift;
run before and after in turn, twice each, and compare the columns (docs/benchmarks.md).
A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="nr_lead_bench", help="a filled PostgreSQL database")
    parser.add_argument("--match", default="article list,search")
    parser.add_argument("--modes", default="cold,cached,after update()")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()

    tree = Path.cwd()
    url = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ["DATABASE_URL"] = os.environ["BENCH_READING_DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "reading-benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "reading_settings"
    sys.path[:0] = [str(tree), str(tree / "bench")]

    import django

    django.setup()
    import reading_bench
    from django.contrib.auth.models import User
    from django.test import Client

    writer = reading_bench.Writer(reading_bench.bystander())
    user, _ = User.objects.get_or_create(username="bench")
    client = Client()
    client.force_login(user)

    def timed(url: str) -> float:
        start = time.perf_counter()
        response = client.get(url)
        took = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return took

    parts = [part.strip() for part in args.match.split(",")]
    for name, url in reading_bench.cases():
        if not any(part in name for part in parts):
            continue
        for mode in args.modes.split(","):
            for _ in range(5):
                timed(url)
                timed("/trivial/")
            page, trivial = [], []
            for _ in range(args.requests):
                reading_bench.prepare(mode, writer)
                page.append(timed(url))
                trivial.append(timed("/trivial/"))
            median, base = statistics.median(page), statistics.median(trivial)
            p95 = sorted(page)[max(int(len(page) * 0.95) - 1, 0)]
            print(
                f"{name[:40]:40} {mode:15} page {median:7.2f} trivial {base:5.2f} "
                f"ratio {median / base:5.2f}x p95 {p95:7.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
