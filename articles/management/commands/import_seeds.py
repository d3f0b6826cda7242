"""Import seed files (one article each) with their quotations."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import reset_queries

from articles import seedfile
from articles.services import (
    ImportCache,
    ImportOutcome,
    Status,
    seed_import,
    seed_paths,
    seed_read,
)


class Command(BaseCommand):
    help = (
        "Import seed files: each PATH is a .txt file or a folder searched recursively for "
        "*.txt. Each file is imported whole or not at all; a file imported before is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--source", metavar="NAME", help="the outlet for files that have no 'Quelle:' line"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )

    def handle(self, *args, paths, source, dry_run, verbosity, **options):
        counts = {Status.IMPORTED: 0, Status.UNCHANGED: 0, Status.FAILED: 0, Status.WOULD_IMPORT: 0}
        failures: list[ImportOutcome] = []
        progress = verbosity >= 1 and sys.stderr.isatty()
        cache = ImportCache()
        for number, path in enumerate(seed_paths(paths), start=1):
            try:
                data = seed_read(path)
            except seedfile.SeedError as error:
                data = error
            outcome = seed_import(
                name=path.name, data=data, default_source=source, dry_run=dry_run, cache=cache
            )
            reset_queries()  # with DEBUG on, Django keeps every query: keep memory flat
            counts[outcome.status] += 1
            if outcome.failed:
                failures.append(outcome)
                self.stderr.write(f"{path}: {outcome.message}")
            elif verbosity >= 2 or (verbosity >= 1 and not progress):
                self.stdout.write(str(outcome))
            if progress:
                sys.stderr.write(
                    f"\r{number} files: {counts[Status.IMPORTED]} imported, "
                    f"{counts[Status.UNCHANGED]} unchanged, "
                    f"{counts[Status.FAILED]} failed"
                )
                sys.stderr.flush()
        if progress:
            sys.stderr.write("\n")

        total = sum(counts.values())
        if total == 0:
            raise CommandError("no seed files found in " + ", ".join(paths))
        parts = [f"{counts[Status.IMPORTED]} imported", f"{counts[Status.UNCHANGED]} unchanged"]
        if dry_run:
            parts = [
                f"{counts[Status.WOULD_IMPORT]} would be imported (dry run, nothing written)",
                f"{counts[Status.UNCHANGED]} unchanged",
            ]
        parts.append(f"{counts[Status.FAILED]} failed")
        if verbosity >= 1:
            self.stdout.write(f"{total} files: " + ", ".join(parts))
        if failures:
            raise CommandError(
                f"{len(failures)} of {total} files failed:\n"
                + "\n".join(f"  {failure.name}: {failure.message}" for failure in failures[:50])
                + (f"\n  … and {len(failures) - 50} more" if len(failures) > 50 else "")
            )
