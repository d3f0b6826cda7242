"""Import benchmark: generate N seed files like the real ones and import them into PostgreSQL.

    .venv/bin/python bench/import_bench.py [--files 10000] [--jobs 1,2,4]

Uses its own database (``newsreader_bench`` on the local PostgreSQL, or $BENCH_DATABASE_URL),
dropped and migrated before each run. For each number of worker processes (``--jobs``, a
comma-separated list), prints files per second and per core, the time spent in the database
per file (every statement, COPY and commit of every process, as the client waits for it), the
processor time per file of the import's processes (the database server's not counted: a
figure that other work on the machine changes little), and the peak memory of the main
process and of the largest worker. Then the same files' bodies written with a raw COPY into a
table of two columns, as a floor for what the database needs. A benchmark, not a test: the
figures go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsreader_bench"
)

FIRST = ["Anna", "Jens", "Olaf", "Maria", "Sergei", "Lloyd", "Ursula", "Karl", "Petra", "Wladimir"]
LAST = ["Schmidt", "Stoltenberg", "Scholz", "Berger", "Lawrow", "Austin", "Leyen", "Krause", "Wolf"]
ROLES = [
    "Bundeskanzler",
    "Außenministerin",
    "NATO-Generalsekretär",
    "Sprecher der Polizei",
    "Bürgermeisterin",
    "Verteidigungsminister",
    "Vorsitzende des Vereins",
]
OUTLETS = ["RT DE", "Wikinews", "Tagesblatt", "Rundschau", "Nachrichtenagentur dpa"]
VERBS = ["sagte", "erklärte", "betonte", "warnte", "kritisierte", "meinte", "ergänzte"]
NOUNS = [
    "Regierung",
    "Stadt",
    "Polizei",
    "Opposition",
    "Kommission",
    "Verwaltung",
    "Bündnis",
    "Gemeinde",
    "Bevölkerung",
    "Wirtschaft",
    "Energieversorgung",
    "Waffenlieferung",
]
CLAUSES = [
    "die Lage sei ernst und verlange schnelle Entscheidungen",
    "man werde die Vorschläge sorgfältig prüfen",
    "die Kosten seien höher als erwartet",
    "es gebe keinen Grund zur Sorge",
    "die Verhandlungen kämen gut voran",
]


def sentence(rng: random.Random) -> str:
    noun, other = rng.sample(NOUNS, 2)
    return rng.choice(
        [
            f"Die {noun} hat am Montag neue Pläne für die {other} vorgestellt.",
            f"Nach Angaben der {noun} wurden {rng.randint(2, 900)} Fälle gezählt.",
            f"Kritiker werfen der {noun} vor, die {other} zu lange vernachlässigt zu haben.",
            f'Die sogenannte "{other}" soll bis zum Herbst {rng.randint(2020, 2030)} stehen.',
        ]
    )


def quotation(rng: random.Random, name: str, role: str) -> str:
    clause = rng.choice(CLAUSES)
    spoken = clause[0].upper() + clause[1:]
    verb = rng.choice(VERBS)
    return rng.choice(
        [
            f"„{spoken}“, {verb} {name}.",
            f'Der {role} {name} {verb}: "{spoken}."',
            f"{name} {verb}, {clause}.",
            f"»{spoken}«, so {name.split()[-1]}.",
            f'Laut {name} ist "die Lage angespannt".',
        ]
    )


def article(rng: random.Random) -> str:
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(3)]
    paragraphs = []
    for _ in range(rng.randint(4, 10)):
        parts = [sentence(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.7:
            parts.insert(rng.randint(0, len(parts)), quotation(rng, *rng.choice(people)))
        paragraphs.append(" ".join(parts))
    year, month = rng.randint(2004, 2024), rng.randint(1, 12)
    return (
        f" date {year}-{month:02d} "
        + "\n\n".join(paragraphs)
        + f"\n\nQuelle: {rng.choice(OUTLETS)}\n"
    )


def generate(folder: Path, count: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    total = 0
    for number in range(count):
        data = article(rng).encode("utf-8")
        (folder / f"bench_{number:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def prepare_database() -> None:
    from common import postgres_admin

    admin, name = postgres_admin(BENCH_URL)
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


# Time in the database, summed over the main process and the forked workers (shared memory).
DB_SECONDS = multiprocessing.Value("d", 0.0)
DB_STATEMENTS = multiprocessing.Value("q", 0)


def _timed(execute, sql, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        _count(time.perf_counter() - started)


def _count(seconds: float) -> None:
    with DB_SECONDS.get_lock():
        DB_SECONDS.value += seconds
        DB_STATEMENTS.value += 1


def time_the_database() -> None:
    """Every statement (``execute_wrapper``), every COPY and every commit of the default
    connection, in this process and in the workers it forks (they inherit the wrapper and the
    patches). A COPY is timed from its start to its end, the rows' encoding in this process
    included: a little more than the database's part."""
    import contextlib

    import psycopg
    from django.db import connection
    from django.db.backends.base.base import BaseDatabaseWrapper

    copy = psycopg.Cursor.copy

    @contextlib.contextmanager
    def timed_copy(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            with copy(self, *args, **kwargs) as rows:
                yield rows
        finally:
            _count(time.perf_counter() - started)

    psycopg.Cursor.copy = timed_copy

    connection.execute_wrappers.append(_timed)
    commit = BaseDatabaseWrapper._commit

    def timed_commit(self):
        started = time.perf_counter()
        try:
            return commit(self)
        finally:
            _count(time.perf_counter() - started)

    BaseDatabaseWrapper._commit = timed_commit


def import_run(folder: Path, jobs: int, files: int) -> dict:
    """Import the folder into a fresh database with ``jobs`` workers, in a child process
    (so that each run's peak memory is its own)."""
    prepare_database()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    connections.close_all()
    DB_SECONDS.value, DB_STATEMENTS.value = 0.0, 0
    result = multiprocessing.get_context("fork").Queue()
    child = multiprocessing.get_context("fork").Process(
        target=_import_child, args=(folder, jobs, result)
    )
    child.start()
    figures = result.get()
    child.join()
    figures.update(db_seconds=DB_SECONDS.value, statements=DB_STATEMENTS.value)
    return figures


def _import_child(folder: Path, jobs: int, result) -> None:
    from django.core.management import call_command

    from articles.models import Article, Quote

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    call_command("import_seeds", str(folder), verbosity=0, jobs=jobs)
    elapsed = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    result.put(
        {
            "elapsed": elapsed,
            "cpu": cpu,
            "articles": Article.objects.count(),
            "quotes": Quote.objects.count(),
            "rss_before": rss_before,
            "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
    )


def _cpu_seconds() -> float:
    """The processor time of this process and of its children that ended (the workers, which
    the command waits for): what the import costs whatever else the machine is doing, but for
    the database server's part."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def copy_run(folder: Path) -> tuple[float, int]:
    """The floor: each file read and its body parsed, then all written with one COPY."""
    import psycopg

    from articles import seedfile

    prepare_database()
    from newsreader.settings import database_from_url

    config = database_from_url(BENCH_URL)
    started = time.perf_counter()
    count = 0
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname=config["NAME"],
    ) as conn:
        conn.execute("CREATE TABLE copy_baseline (name text, body text)")
        with conn.cursor().copy("COPY copy_baseline (name, body) FROM STDIN") as copy:
            for path in sorted(folder.glob("*.txt")):
                parsed = seedfile.parse(seedfile.decode(path.read_bytes(), path.name), path.name)
                copy.write_row((path.name, parsed.body))
                count += 1
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument(
        "--jobs", default="1,2,4", help="worker processes for import_seeds, e.g. 2 or 1,2,4"
    )
    args = parser.parse_args()
    job_counts = [int(jobs) for jobs in args.jobs.split(",")]

    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    os.environ["DEBUG"] = "0"  # as in production
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    prepare_database()

    import django

    django.setup()
    time_the_database()
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="seedbench-") as folder:
        size = generate(Path(folder), args.files)
        print(f"generated {args.files} seed files, {size / 1024 / 1024:.1f} MB; {cores} cores")
        runs = []
        for jobs in job_counts:
            figures = import_run(Path(folder), jobs, args.files)
            rate = figures["articles"] / figures["elapsed"]
            runs.append(rate)
            print(
                f"--jobs {jobs}: {figures['articles']} articles with {figures['quotes']} quotes in "
                f"{figures['elapsed']:.1f} s: {rate:.0f} files/s, "
                f"{rate / min(jobs, cores):.0f} files/s per core used; database "
                f"{figures['db_seconds'] * 1000 / figures['articles']:.2f} ms per file "
                f"({figures['statements'] / figures['articles']:.2f} statements and commits per "
                f"file); processor {figures['cpu'] * 1000 / figures['articles']:.2f} ms per file "
                f"in the import's processes; peak memory {figures['peak']:.0f} MB main (before: "
                f"{figures['rss_before']:.0f} MB)"
                + (f", {figures['worker_peak']:.0f} MB largest worker" if jobs > 1 else "")
            )
        elapsed, count = copy_run(Path(folder))
        copy_rate = count / elapsed
        print(
            f"raw COPY of the same bodies: {count} rows in {elapsed:.2f} s: {copy_rate:.0f} files/s"
        )
        for jobs, rate in zip(job_counts, runs, strict=True):
            ratio = copy_rate / rate
            print(f"--jobs {jobs}: {rate / copy_rate:.1%} of the raw COPY's rate (1 : {ratio:.1f})")


if __name__ == "__main__":
    main()
