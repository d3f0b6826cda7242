"""Import benchmark: generate N seed files like the real ones and import them into PostgreSQL.

    .venv/bin/python bench/import_bench.py [--files 10000] [--keep]

Uses its own database (``newsreader_bench`` on the local PostgreSQL, or $BENCH_DATABASE_URL),
dropped and migrated at the start. Prints files per second and the peak memory of the process.
A benchmark, not a test: the figures go into docs/benchmarks.md by hand.
"""

from __future__ import annotations

import argparse
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
    import psycopg

    from newsreader.settings import database_from_url

    config = database_from_url(BENCH_URL)
    admin = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=None, help="passed to import_seeds")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    os.environ["DEBUG"] = "0"  # as in production
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    prepare_database()

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from articles.models import Article, Quote

    with tempfile.TemporaryDirectory(prefix="seedbench-") as folder:
        size = generate(Path(folder), args.files)
        print(f"generated {args.files} seed files, {size / 1024 / 1024:.1f} MB")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        call_command("import_seeds", folder, verbosity=0, jobs=args.jobs)
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    articles, quotes = Article.objects.count(), Quote.objects.count()
    print(
        f"imported {articles} articles with {quotes} quotes in {elapsed:.1f} s: "
        f"{articles / elapsed:.0f} files/s"
    )
    print(
        f"peak memory: {peak:.0f} MB in the main process (before the import: {rss_before:.0f} MB)"
        + (f", {workers:.0f} MB in the largest worker process" if workers else "")
    )


if __name__ == "__main__":
    main()
