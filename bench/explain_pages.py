"""Every query of every reading page, through EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.

    .venv/bin/python bench/explain_pages.py [--database newsreader_reading_bench_1m]
                                            [--page speaker] [--plans] [--slow 1]
                                            [--profile 20] [--mode cold]

Works on a database bench/reading_bench.py filled (``newsreader_reading_bench`` by default; its
``_1m`` copy for a million quotations) and on the pages it measures, chosen the same way. For
each page: every cache emptied, one request with Django's test Client (logged in, DEBUG off)
while CaptureQueriesContext records the SQL; then each SELECT it ran is run again under
``EXPLAIN (ANALYZE, BUFFERS)``, inside a transaction rolled back afterwards. Printed per query:
execution and planning time, shared buffers hit and read, rows and the plan's top node; per
page the totals and the request's own time. ``--plans`` prints the whole plan of each query
that took ``--slow`` ms or more. A tool for reading plans, not a benchmark: one run each.

``--profile N`` runs N more requests of each page under cProfile instead (every cache emptied
before each with ``--mode cold``, the default; ``--mode cached`` the same request again;
``--mode write`` after the bench's unrelated ``update()``) and prints the functions that took
the most time, by their own time and with what they call.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import reading_bench  # noqa: E402


def explain(sql: str, *, text: bool = False):
    """The plan of ``sql`` as EXPLAIN (ANALYZE, BUFFERS) gives it: JSON, or text with ``text``;
    whatever the query writes is rolled back."""
    from django.db import connection, transaction

    how = "ANALYZE, BUFFERS" if text else "ANALYZE, BUFFERS, FORMAT JSON"
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ({how}) {sql}")
            rows = cursor.fetchall()
        transaction.set_rollback(True)
    if text:
        return "\n".join(row[0] for row in rows)
    plan = rows[0][0]
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]


def page(client, name: str, url: str, *, plans: bool, slow: float) -> None:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # connection, templates
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        took = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    print(f"\n## {name}: {url}\n")
    print(f"request {took:.1f} ms (with query capture), {len(captured)} queries\n")
    print("| # | execution | planning | hit | read | rows | top node | query |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    total = {"execution": 0.0, "planning": 0.0, "hit": 0, "read": 0}
    slow_ones = []
    for n, query in enumerate(captured.captured_queries, 1):
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            print(f"| {n} | | | | | | (not a SELECT) | {sql[:90]} |")
            continue
        result = explain(sql)
        root = result["Plan"]
        execution, planning = result["Execution Time"], result["Planning Time"]
        hit, read = root.get("Shared Hit Blocks", 0), root.get("Shared Read Blocks", 0)
        total["execution"] += execution
        total["planning"] += planning
        total["hit"] += hit
        total["read"] += read
        node = root["Node Type"] + (
            f" on {root['Relation Name']}" if "Relation Name" in root else ""
        )
        short = " ".join(sql.split())[:90].replace("|", "\\|")
        print(
            f"| {n} | {execution:.2f} ms | {planning:.2f} ms | {hit} | {read} "
            f"| {root.get('Actual Rows', '')} | {node} | {short} |"
        )
        if execution >= slow:
            slow_ones.append((n, sql))
    print(
        f"| total | {total['execution']:.2f} ms | {total['planning']:.2f} ms | {total['hit']} "
        f"| {total['read']} | | | |"
    )
    if plans:
        for n, sql in slow_ones:
            print(f"\n### query {n}\n\n```\n{sql}\n\n{explain(sql, text=True)}\n```")


def profile(client, name: str, url: str, requests: int, mode: str, top: int = 30) -> None:
    """The ``top`` functions of ``requests`` requests of ``url`` under cProfile."""
    import cProfile
    import pstats

    writer = reading_bench.Writer(reading_bench.bystander())
    how = {"cold": "cold", "cached": "cached", "write": "after update()"}[mode]
    client.get(url)
    profiler = cProfile.Profile()
    took = []
    for _ in range(requests):
        reading_bench.prepare(how, writer)
        started = time.perf_counter()
        profiler.enable()
        response = client.get(url)
        profiler.disable()
        took.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    took.sort()
    print(f"\n## {name}, {mode}: {url}\n")
    print(f"{requests} requests under cProfile, median {took[len(took) // 2]:.1f} ms\n")
    print("```")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    print("```")


def main() -> None:
    # Before anything imports the settings (reading_bench.database_name does).
    os.environ["DATABASE_URL"] = reading_bench.BENCH_URL
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "reading-benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "reading_settings"
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database",
        default=reading_bench.database_name(reading_bench.BENCH_URL),
        help="a database bench/reading_bench.py filled",
    )
    parser.add_argument("--page", default="", help="only pages whose name or URL contains this")
    parser.add_argument("--plans", action="store_true", help="print the plans of slow queries")
    parser.add_argument("--slow", type=float, default=1.0, help="ms; with --plans")
    parser.add_argument(
        "--profile", type=int, default=0, help="profile this many requests of each page instead"
    )
    parser.add_argument("--mode", choices=("cold", "cached", "write"), default="cold")
    parser.add_argument("--top", type=int, default=30, help="functions listed; with --profile")
    args = parser.parse_args()

    if not reading_bench.exists(args.database):
        raise SystemExit(f"no database {args.database}: run bench/reading_bench.py first")

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from articles.models import Quote

    reading_bench.use_database(args.database)
    if reading_bench.migrate():
        print("migrations ran: the derived data may need bench/reading_bench.py --reuse --rebuild")
    user, _ = User.objects.get_or_create(username="bench")
    client = Client()
    client.force_login(user)
    version = connection.cursor().connection.info.server_version
    print(f"# {args.database}: {Quote.objects.count():,} quotations, PostgreSQL {version}")
    for name, url in reading_bench.cases():
        if args.page.lower() not in f"{name} {url}".lower():
            continue
        if args.profile:
            profile(client, name, url, args.profile, args.mode, args.top)
        else:
            page(client, name, url, plans=args.plans, slow=args.slow)


if __name__ == "__main__":
    main()
