"""Import jobs: an upload of seed files, imported in the background.

The admin's upload stores the files with the job (``import_job_create``) and enqueues the task
``articles.tasks.import_job_run`` (``import_job_enqueue``); a worker (``manage.py db_worker``,
or the request itself with the immediate backend) runs ``import_job_run``: the files a batch
at a time through ``seed_import_batch``, as the command does (each batch written in one
transaction; a file that fails writes nothing and leaves the others be), then the batch's
outcomes and the job's counters in a second, small transaction, so that the job's page shows
the progress as it goes.

The files' bytes are kept in the database (``ImportFile.data``) rather than in MEDIA storage:
every worker on every machine reads the same database, the job and its files are written in
one transaction, and a backup holds both. A file's bytes are emptied once it is imported; a
5,000-file zip of 3 kB files holds about 15 MB until then.
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, reset_queries, transaction
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils import timezone, translation

from articles import seedfile, services
from articles.models import ImportFile, ImportJob
from articles.services import (
    ImportCache,
    ImportOutcome,
    Status,
    seed_error_describe,
    seed_error_option,
    seed_import_batch,
)

logger = logging.getLogger(__name__)

# A queued or running job without progress for this long has lost its worker (killed, out of
# memory, the machine gone): it may be retried. A batch of files takes seconds, of large files
# a few minutes.
STALE_AFTER = timedelta(minutes=15)

# Files written to the database at a time while an upload is stored: at most this many, and
# at most about this many bytes (a seed file may have up to 5 MB).
_STORE_FILES = 500
_STORE_BYTES = 8 * 1024 * 1024

# The counter of the job each outcome adds to; a dry run counts what it would do.
COUNTERS = {
    Status.IMPORTED: "imported",
    Status.WOULD_IMPORT: "imported",
    Status.REPLACED: "replaced",
    Status.WOULD_REPLACE: "replaced",
    Status.UNCHANGED: "unchanged",
    Status.FAILED: "failed",
}


class Superseded(Exception):
    """The job was retried while this run was going on: the newer run owns it now."""


def import_job_create(
    *,
    user,
    files: Iterable[tuple[str, bytes | seedfile.SeedError]],
    source: str = "",
    replace: bool = False,
    dry_run: bool = False,
) -> ImportJob:
    """Store an upload as a queued job with its files, in one transaction. A file already
    refused (too big, unreadable in its archive) is stored as failed, with its reason in the
    active language, which the task's messages will speak too."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            started_by=user,
            source=source or "",
            replace=replace,
            dry_run=dry_run,
            language=translation.get_language() or "",
        )
        total = refused = 0
        batch: list[ImportFile] = []
        size = 0
        for position, (name, data) in enumerate(files):
            total += 1
            if isinstance(data, seedfile.SeedError):
                refused += 1
                batch.append(
                    ImportFile(
                        job=job,
                        position=position,
                        name=name,
                        status=Status.FAILED,
                        message=seed_error_describe(data),
                        option=seed_error_option(data),
                    )
                )
            else:
                batch.append(ImportFile(job=job, position=position, name=name, data=data))
                size += len(data)
            if len(batch) >= _STORE_FILES or size >= _STORE_BYTES:
                ImportFile.objects.bulk_create(batch)
                batch, size = [], 0
        ImportFile.objects.bulk_create(batch)
        ImportJob.objects.filter(pk=job.pk).update(
            total_files=total, files_done=refused, failed=refused
        )
    job.refresh_from_db()
    return job


def import_job_enqueue(*, job: ImportJob) -> None:
    """Hand the job to the task queue. With the immediate backend it runs here and now."""
    from articles.tasks import import_job_run  # the task module imports this one

    result = import_job_run.enqueue(job_id=job.pk)
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def import_job_retry(*, job: ImportJob) -> bool:
    """Queue again a job that failed, or that lost its worker (no progress for
    ``STALE_AFTER``): its files already done are skipped. False when it may not be retried
    (finished, or still making progress)."""
    now = timezone.now()
    retried = (
        ImportJob.objects.filter(pk=job.pk)
        .filter(
            Q(status=ImportJob.Status.FAILED)
            | Q(
                status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
                updated__lt=now - STALE_AFTER,
            )
        )
        # A new attempt: a run of the old one that is still alive stops at its next file.
        .update(
            status=ImportJob.Status.QUEUED,
            attempt=F("attempt") + 1,
            error="",
            finished_at=None,
            updated=now,
        )
    )
    if retried:
        import_job_enqueue(job=job)
    return bool(retried)


def import_job_is_stale(job: ImportJob) -> bool:
    return not job.finished and job.updated < timezone.now() - STALE_AFTER


def import_job_run(*, job_id: int) -> dict:
    """Import the job's files that are not done yet, one by one; return its counters.

    A crash (the database gone, a bug outside a file's import) marks the job failed with the
    reason, then raises again, so that the task is recorded as failed too: the counters say
    what was committed before it. A file imported just before the crash, whose outcome could
    not be recorded, is reported as unchanged when the job is retried.
    """
    job = _claim(job_id)
    if job is None:
        return {}
    try:
        with translation.override(job.language or None):
            _run(job)
    except Superseded:
        logger.info("import job %s was retried while running; this run stops", job.pk)
        return {}
    except Exception as error:
        logger.exception("import job %s stopped", job.pk)
        _stop(job, f"{type(error).__name__}: {' '.join(str(error).split())}".rstrip(": "))
        raise
    ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
        status=ImportJob.Status.DONE, finished_at=timezone.now(), updated=timezone.now()
    )
    job.refresh_from_db()
    return {name: getattr(job, name) for name in ("files_done", *dict.fromkeys(COUNTERS.values()))}


def _claim(job_id: int) -> ImportJob | None:
    """Mark the job running under a new attempt number; None if there is nothing to do."""
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(of=("self",))
            .select_related("started_by")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.status == ImportJob.Status.DONE:
            return None
        job.attempt += 1
        job.status = ImportJob.Status.RUNNING
        job.started_at = job.started_at or timezone.now()
        job.error = ""
        job.save(update_fields=["attempt", "status", "started_at", "error", "updated"])
    return job


def _run(job: ImportJob) -> None:
    cache = ImportCache()
    options = {
        "default_source": job.source or None,
        "user": job.started_by,
        "dry_run": job.dry_run,
        "replace": job.replace,
        "cache": cache,
    }
    for pks in _batches(job):
        # One batch's bytes in memory at a time (``services.BATCH_BYTES``, or one file of 5 MB).
        found = ImportFile.objects.filter(pk__in=pks).values_list("pk", "name", "data")
        files = {pk: (name, bytes(data)) for pk, name, data in found}
        done: list[tuple[int, ImportOutcome]] = []
        try:
            for index, outcome in seed_import_batch(files=[files[pk] for pk in pks], **options):
                done.append((pks[index], outcome))
        except Exception:
            # What the batch committed before the database went away is recorded if it can
            # be; else those files are reported unchanged when the job is retried.
            with contextlib.suppress(DatabaseError, Superseded):
                _record(job, done)
            raise
        _record(job, done)
        if settings.DEBUG:
            reset_queries()  # Django keeps every query then: keep memory flat


def _batches(job: ImportJob) -> Iterator[list[int]]:
    """The ids of the job's files not done yet, in order, a batch at a time: as many files
    and bytes as ``seed_import_batch`` writes in one transaction (``services.BATCH_FILES``)."""
    waiting = (
        ImportFile.objects.filter(job=job, status="")
        .order_by("position")
        .values_list("pk", Length("data"))
    )
    batch: list[int] = []
    size = 0
    for pk, length in waiting:
        full = len(batch) >= services.BATCH_FILES or size + (length or 0) > services.BATCH_BYTES
        if batch and full:
            yield batch
            batch, size = [], 0
        batch.append(pk)
        size += length or 0
    if batch:
        yield batch


def _record(job: ImportJob, done: list[tuple[int, ImportOutcome]]) -> None:
    """The files' outcomes and the job's counters, in one small transaction, so that the
    job's page shows the progress as it goes; ``Superseded`` when a retry owns the job now."""
    if not done:
        return
    added = Counter(COUNTERS[outcome.status] for _pk, outcome in done)
    with transaction.atomic():
        owned = ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
            files_done=F("files_done") + len(done),
            **{counter: F(counter) + n for counter, n in added.items()},
            updated=timezone.now(),
        )
        if not owned:
            raise Superseded
        ImportFile.objects.bulk_update(
            [
                ImportFile(
                    pk=pk,
                    status=outcome.status,
                    message=outcome.message,
                    option=outcome.option,
                    article_id=outcome.article.pk if outcome.article is not None else None,
                    data=b"",
                )
                for pk, outcome in done
            ],
            ["status", "message", "option", "article_id", "data"],
        )


def _stop(job: ImportJob, reason: str) -> None:
    try:
        ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
            status=ImportJob.Status.FAILED,
            error=reason,
            finished_at=timezone.now(),
            updated=timezone.now(),
        )
    except DatabaseError:
        # The database is what failed: the job stays "running" until it is seen to be stale,
        # and may be retried then.
        logger.exception("import job %s could not be marked failed", job.pk)
