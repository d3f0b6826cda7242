"""Recompute what articles.derived keeps (counts, flags, revisions) for every article."""

import time

from django.core.management.base import BaseCommand

from articles import derived


class Command(BaseCommand):
    help = (
        "Recompute the speaker and source counts, the quotations' counted flags and the pages' "
        "revisions from the quotations, after rows were written around the app's services "
        "(a bulk load, a shell). One transaction; minutes at a million quotations."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        derived.rebuild()
        self.stdout.write(f"rebuilt in {time.perf_counter() - started:.1f} s")
