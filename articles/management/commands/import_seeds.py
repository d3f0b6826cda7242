"""Import seed files (one article each) with their quotations."""

import gc
import itertools
import multiprocessing
import os
import sys
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.core.management.base import BaseCommand, CommandError, no_translations
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    reset_queries,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.services import (
    COMMAND_HINTS,
    ImportCache,
    ImportOutcome,
    Status,
    seed_import_paths,
    seed_paths,
)

SHOWN_FAILURES = 50
# Files a worker imports per task, written in one transaction (``seed_import_batch``; fewer
# when they are large).
CHUNK = 100
AHEAD = 2  # tasks per worker handed out at a time, so memory stays flat on any run


class ImportStopped(Exception):
    """The run cannot go on (a worker process could not start or died); every outcome before
    it has been reported."""


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
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace the text of articles whose file was edited since it was imported; "
            "their annotations are placed again in the new text or kept as orphaned",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="worker processes (default: one per core on PostgreSQL, 1 on SQLite)",
        )

    @no_translations  # English whatever the settings' language, like the options it names
    def handle(self, *args, paths, source, dry_run, replace, jobs, verbosity, **options):
        if jobs is None:
            jobs = (os.cpu_count() or 1) if connection.vendor == "postgresql" else 1
        if jobs < 1:
            raise CommandError(_("--jobs must be at least 1"))
        if connection.in_atomic_block:
            jobs = 1  # inside a caller's transaction other processes could not see its rows
        try:
            connection.ensure_connection()
        except DatabaseError as error:
            # Before any worker starts: each would fail alike, and nothing could be imported.
            raise CommandError(
                _("cannot reach the database: %(error)s") % {"error": _one_line(error)}
            ) from error

        counts: Counter = Counter()
        failures: list[ImportOutcome] = []
        progress = verbosity >= 1 and sys.stderr.isatty()
        options = {"default_source": source, "dry_run": dry_run, "replace": replace}
        try:
            for outcome in self.outcomes(paths, options, jobs=jobs):
                counts[outcome.status] += 1
                if outcome.failed:
                    if len(failures) < SHOWN_FAILURES:
                        failures.append(outcome)
                    self.stderr.write(f"{outcome.name}: {outcome.explained(COMMAND_HINTS)}")
                elif verbosity >= 2 or (verbosity >= 1 and not progress):
                    self.stdout.write(str(outcome))
                if progress:
                    sys.stderr.write("\r" + _files(counts.total(), _progress(counts)))
                    sys.stderr.flush()
        except (ImportStopped, OSError, OperationalError, InterfaceError) as error:
            if progress:
                sys.stderr.write("\n")
            # The counts hold every outcome received: what was committed before the stop.
            raise CommandError(
                _("the import stopped: %(reason)s; before it, %(done)s")
                % {"reason": _one_line(error), "done": _files(counts.total(), _progress(counts))}
            ) from error
        if progress:
            sys.stderr.write("\n")
        self.summarise(counts, failures, paths=paths, dry_run=dry_run, verbosity=verbosity)

    def outcomes(self, paths, options, *, jobs):
        files = seed_paths(paths)
        if jobs == 1:
            _worker_start()
            try:
                while chunk := list(itertools.islice(files, CHUNK)):
                    yield from _import(chunk, options)
            finally:
                _worker_stop()  # this process goes on: leave its connection as it was
            return
        connections.close_all()  # each worker process opens its own connection
        # Not multiprocessing.Pool: it starts a worker that died again, forever, and waits
        # forever for the work of one that was killed. Here the run stops instead.
        pool = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start_safe
        )
        try:
            tasks: deque = deque()
            while True:
                # Keep every worker busy: a new task as soon as one is done, never more than
                # AHEAD per worker waiting.
                while len(tasks) < jobs * AHEAD and (chunk := list(itertools.islice(files, CHUNK))):
                    tasks.append(pool.submit(_import_chunk, chunk, options))
                if not tasks:
                    break
                task = tasks.popleft()
                try:
                    outcomes, stopped = task.result()
                except Exception as error:  # noqa: BLE001 - the run stops with the reason
                    outcomes, stopped = [], _stop_reason(error)
                yield from outcomes
                if stopped:
                    # Start no more files; report those that other workers finished.
                    pool.shutdown(wait=True, cancel_futures=True)
                    for other in tasks:
                        if not other.cancelled() and other.exception() is None:
                            yield from other.result()[0]
                    raise ImportStopped(stopped)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def summarise(self, counts, failures, *, paths, dry_run, verbosity):
        total = counts.total()
        if total == 0:
            raise CommandError(
                _("no seed files found in %(paths)s") % {"paths": ", ".join(map(str, paths))}
            )
        if dry_run:
            parts = [
                ngettext(
                    "%(count)d would be imported (dry run, nothing written)",
                    "%(count)d would be imported (dry run, nothing written)",
                    counts[Status.WOULD_IMPORT],
                )
                % {"count": counts[Status.WOULD_IMPORT]},
                _("%(count)d unchanged") % {"count": counts[Status.UNCHANGED]},
            ]
            if counts[Status.WOULD_REPLACE]:
                replaced = counts[Status.WOULD_REPLACE]
                parts.insert(
                    1,
                    ngettext("%(count)d would be replaced", "%(count)d would be replaced", replaced)
                    % {"count": replaced},
                )
        else:
            parts = _progress(counts)[:2]
            if counts[Status.REPLACED]:
                parts.insert(1, _("%(count)d replaced") % {"count": counts[Status.REPLACED]})
        parts.append(_("%(count)d failed") % {"count": counts[Status.FAILED]})
        if verbosity >= 1:
            self.stdout.write(_files(total, parts))
        failed = counts[Status.FAILED]
        if failed:
            listed = "\n".join(
                f"  {failure.name}: {failure.explained(COMMAND_HINTS)}" for failure in failures
            )
            if failed > len(failures):
                listed += "\n  " + _("… and %(count)d more") % {"count": failed - len(failures)}
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d file failed:",
                    "%(failed)d of %(total)d files failed:",
                    total,
                )
                % {"failed": failed, "total": total}
                + "\n"
                + listed
            )


def _progress(counts) -> list[str]:
    return [
        _("%(count)d imported") % {"count": counts[Status.IMPORTED]},
        _("%(count)d unchanged") % {"count": counts[Status.UNCHANGED]},
        _("%(count)d failed") % {"count": counts[Status.FAILED]},
    ]


def _files(total: int, parts: list[str]) -> str:
    """'1 file: 1 imported, 0 failed'."""
    return ngettext("%(count)d file: %(parts)s", "%(count)d files: %(parts)s", total) % {
        "count": total,
        "parts": ", ".join(parts),
    }


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _stop_reason(error: BaseException) -> str:
    if isinstance(error, WorkerStartFailed):
        return _("a worker process could not start: %(error)s") % {"error": error}
    if isinstance(error, BrokenProcessPool):
        return _(
            "a worker process stopped unexpectedly (killed, or out of memory?); the files it "
            "was importing may have been imported or not: a second run reports them"
        )
    return _("a worker process failed: %(error)s") % {
        "error": f"{type(error).__name__}: {_one_line(error)}"
    }


class WorkerStartFailed(Exception):
    """A worker process could not get ready (its database connection): raised by its tasks,
    so that the parent stops the run with the reason."""


_cache: ImportCache | None = None
_start_error = ""  # why this worker process could not start, for its tasks to raise


def _worker_start():
    """Per process: a cache for the run, commits that do not wait for the disk, and a garbage
    collector that leaves the objects made before the run alone."""
    global _cache
    _cache = ImportCache()
    # The collector went through every object of Django and of the extractor's models again
    # and again, for none of them is garbage: 0.2 ms a file, 0.1 ms with them put aside.
    gc.freeze()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Each file commits on its own; not waiting for the WAL flush at every commit makes a
        # long run much faster. A crash can lose only the last few commits, never half a file,
        # and a re-run imports those again.
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")


def _worker_start_safe():
    """``_worker_start`` in a worker process. An initializer that raises kills the process,
    and the reason would be lost: it is kept for the worker's tasks to raise instead."""
    global _start_error
    try:
        _worker_start()
    except Exception as error:  # noqa: BLE001 - raised again by every task of this worker
        _start_error = f"{type(error).__name__}: {_one_line(error)}"


def _worker_stop():
    gc.unfreeze()  # this process goes on: what it held may become garbage again
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _import_chunk(paths, options) -> tuple[list[ImportOutcome], str | None]:
    """In a worker process: import a chunk of files. Returns their outcomes and, when the
    database became unavailable, why the run must stop (the files committed before it are
    reported)."""
    if _start_error:
        raise WorkerStartFailed(_start_error)
    outcomes = []
    try:
        for outcome in _import(paths, options):
            outcomes.append(outcome)
    except (OperationalError, InterfaceError) as error:
        return outcomes, _("the database became unavailable: %(error)s") % {
            "error": _one_line(error)
        }
    return outcomes, None


def _import(paths, options) -> Iterator[ImportOutcome]:
    """Import a chunk of files, a batch at a time (``seed_import_paths``)."""
    for outcome in seed_import_paths(paths, cache=_cache, **options):
        outcome.article = None  # not sent back between processes, nor kept
        yield outcome
    reset_queries()  # with DEBUG on, Django keeps every query: keep memory flat
