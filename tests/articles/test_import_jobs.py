"""The admin's upload as a background job: stored, enqueued, imported file by file by the task
(``articles.import_jobs``), its page and the JSON its script polls."""

import io
import zipfile
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import import_jobs, services
from articles.models import Article, ImportFile, ImportJob
from tests.test_project import run_manage

GOOD = " date 2021-03-04 Die Ministerin sagte: „Wir schaffen das {n}.“\n\nQuelle: Testagentur\n"
IMPORT_URL = reverse("admin:articles_article_import")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(name, content):
    return SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())


def good(n):
    return upload(f"good{n}.txt", GOOD.format(n=n))


def job_url(job, name="articles_importjob"):
    return reverse(f"admin:{name}", args=[job.pk])


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run inside the request unless a test says otherwise, whatever TASKS_BACKEND."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def import_only_client(client, django_user_model):
    """Staff who may import (add articles) and nothing else."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("importer", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="add_article"))
    client.force_login(user)
    return client


# --- the upload enqueues, the task imports ------------------------------------------------


@pytest.mark.django_db
def test_the_upload_stores_a_job_and_redirects_to_its_page(import_only_client):
    response = import_only_client.post(
        IMPORT_URL, {"files": [good(1), upload("bad.txt", b"Hallo"), good(2)]}
    )

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.started_by.username == "importer" and job.task_id
    assert (job.status, job.total_files, job.files_done) == ("done", 3, 3)
    assert (job.imported, job.replaced, job.unchanged, job.failed) == (2, 0, 0, 1)
    assert job.started_at and job.finished_at
    rows = list(job.files.order_by("position").values_list("name", "status", "data"))
    assert [(name, status) for name, status, _ in rows] == [
        ("good1.txt", "imported"),
        ("bad.txt", "failed"),
        ("good2.txt", "imported"),
    ]
    assert all(bytes(data) == b"" for _, _, data in rows)  # emptied once imported
    assert set(Article.objects.values_list("imported_by__username", flat=True)) == {"importer"}


@pytest.mark.django_db
def test_the_job_page_shows_the_summary_and_the_failures_with_their_reasons(staff_client):
    response = staff_client.post(
        IMPORT_URL, {"files": [good(1), upload("bad.txt", b"Hallo"), good(2)]}, follow=True
    )

    text = response.content.decode()
    assert "Result for 3 files" in text and "1 failed" in text
    assert 'data-count="imported">2<' in text and 'data-count="failed">1<' in text
    failures = text.split('id="import-failures"')[1].split("</table>")[0]
    assert "bad.txt" in failures and "expected a header like" in failures
    assert "good1.txt" not in failures
    assert [row["name"] for row in response.context["page"].rows] == [
        "good1.txt",
        "bad.txt",
        "good2.txt",
    ]
    assert "js/import_job.js" in text and "<script>" not in text  # no inline script (CSP)


@pytest.fixture
def batches_of_two(monkeypatch):
    """The task imports two files at a time (``seed_import_batch``'s batch), not 100."""
    monkeypatch.setattr(services, "BATCH_FILES", 2)


def watched(watch):
    """``seed_import_batch`` as the task calls it, with ``watch(files)`` before each call."""
    real = import_jobs.seed_import_batch

    def batch(**kwargs):
        watch([name for name, _data in kwargs["files"]])
        return real(**kwargs)

    return mock.patch.object(import_jobs, "seed_import_batch", side_effect=batch)


@pytest.mark.django_db
def test_the_task_reports_progress_after_every_batch(staff_client, batches_of_two):
    seen = []

    def watch(names):
        job = ImportJob.objects.get()
        seen.append((names, job.status, job.files_done, job.imported))

    written = mock.patch.object(services, "_batch_write", wraps=services._batch_write)
    with watched(watch), written as writes, CaptureQueriesContext(connection) as queries:
        staff_client.post(IMPORT_URL, {"files": [good(n) for n in range(5)]})

    assert seen == [
        (["good0.txt", "good1.txt"], "running", 0, 0),
        (["good2.txt", "good3.txt"], "running", 2, 2),
        (["good4.txt"], "running", 4, 4),
    ]
    job = ImportJob.objects.get()
    assert (job.status, job.files_done, job.imported) == ("done", 5, 5)
    assert list(job.files.values_list("status", "article__seed_filename", "data")) == [
        ("imported", f"good{n}.txt", b"") for n in range(5)
    ]
    # Each batch's files are written in one transaction, and recorded by one update of the
    # files: not one of each per file.
    assert [len(call.args[0]) for call in writes.call_args_list] == [2, 2, 1]
    updated = 'UPDATE "articles_importfile"'
    assert sum(updated in q["sql"] for q in queries.captured_queries) == 3


@pytest.mark.django_db
def test_a_batch_holds_as_many_bytes_as_the_import_writes_at_once(staff, monkeypatch):
    files = [(f"good{n}.txt", GOOD.format(n=n).encode()) for n in range(5)]
    files[2] = ("big.txt", files[2][1] + b" " * 300)  # more than the bound alone
    job = import_jobs.import_job_create(user=staff, files=files)
    monkeypatch.setattr(services, "BATCH_BYTES", 2 * len(files[0][1]) + 10)
    seen = []

    with watched(seen.append):
        import_jobs.import_job_run(job_id=job.pk)

    assert seen == [["good0.txt", "good1.txt"], ["big.txt"], ["good3.txt", "good4.txt"]]
    assert Article.objects.count() == 5


@pytest.mark.django_db
def test_files_refused_at_upload_are_counted_before_the_task_runs(staff_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner-empty.txt", b"")
        archive.writestr("inner-good.txt", GOOD.format(n=1))
        archive.writestr("nested.zip", b"PK")
    huge = upload("huge.txt", b" date 2022-10 " + b"a" * (5 * 1024 * 1024))

    staff_client.post(IMPORT_URL, {"files": [huge, upload("seeds.zip", buffer.getvalue())]})

    job = ImportJob.objects.get()
    assert (job.total_files, job.files_done, job.imported, job.failed) == (4, 4, 1, 3)
    messages = dict(job.files.values_list("name", "message"))
    assert "limited to 5 MB" in messages["huge.txt"]
    assert "the file is empty" in messages["inner-empty.txt"]
    assert "an archive inside the archive is not opened" in messages["nested.zip"]


@pytest.mark.django_db
def test_a_dry_run_job_writes_nothing_and_says_what_it_would_do(staff_client):
    text = staff_client.post(
        IMPORT_URL, {"files": [good(1)], "dry_run": "on"}, follow=True
    ).content.decode()

    assert not Article.objects.exists()
    assert "Dry run: nothing is written." in text and "Would be imported" in text
    assert ImportJob.objects.get().imported == 1


@pytest.mark.django_db
def test_the_messages_speak_the_language_of_the_upload(staff_client):
    staff_client.post(
        IMPORT_URL,
        {"files": [good(1), upload("ohne.txt", " date 2022-10 Text.")]},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    job = ImportJob.objects.get()
    assert job.language == "de"
    messages = dict(job.files.values_list("name", "message"))
    assert messages["good1.txt"] == "1 Zitat"
    assert "Quelle" in messages["ohne.txt"]


# --- a crash, and a retry -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_crash_marks_the_job_failed_with_what_was_committed_and_a_retry_finishes_it(
    staff_client, monkeypatch
):
    monkeypatch.setattr(services, "BATCH_FILES", 1)
    calls = []

    def crash_on_the_second(names):
        calls.append(names)
        if len(calls) == 2:
            raise ConnectionError("the database went away")

    with watched(crash_on_the_second):
        response = staff_client.post(
            IMPORT_URL, {"files": [good(n) for n in range(3)]}, follow=True
        )

    job = ImportJob.objects.get()
    assert (job.status, job.files_done, job.imported) == ("failed", 1, 1)
    assert job.error == "ConnectionError: the database went away" and job.finished_at
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["good0.txt"]
    text = response.content.decode()
    assert "The import stopped: ConnectionError: the database went away." in text
    assert "1 of 3 files were done" in text and "Retry" in text

    calls.clear()
    with watched(calls.append):
        retried = staff_client.post(job_url(job, "articles_importjob_retry"), follow=True)
    assert calls == [["good1.txt"], ["good2.txt"]]
    job.refresh_from_db()
    assert (job.status, job.files_done, job.imported, job.attempt) == ("done", 3, 3, 3)
    assert job.error == ""
    assert "files already done are skipped" in retried.content.decode()


@pytest.mark.django_db
def test_a_finished_or_progressing_job_is_not_retried(staff_client):
    staff_client.post(IMPORT_URL, {"files": [good(1)]})
    job = ImportJob.objects.get()

    response = staff_client.post(job_url(job, "articles_importjob_retry"), follow=True)

    assert "This import is finished or still running." in response.content.decode()
    job.refresh_from_db()
    assert job.attempt == 1
    ImportJob.objects.filter(pk=job.pk).update(status="running", updated=timezone.now())
    assert not import_jobs.import_job_retry(job=job)


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_shown_stale_and_can_be_retried(staff_client, staff):
    job = import_jobs.import_job_create(
        user=staff, files=[("good1.txt", GOOD.format(n=1).encode())]
    )
    old = timezone.now() - import_jobs.STALE_AFTER - timedelta(minutes=1)
    ImportJob.objects.filter(pk=job.pk).update(status="running", attempt=1, updated=old)

    text = staff_client.get(job_url(job)).content.decode()
    assert 'id="import-stale"' in text and 'data-stale="1"' in text

    staff_client.post(job_url(job, "articles_importjob_retry"))
    job.refresh_from_db()
    assert (job.status, job.imported, job.attempt) == ("done", 1, 3)


@pytest.mark.django_db
def test_a_run_that_was_superseded_by_a_retry_stops_writing(staff, settings, monkeypatch):
    monkeypatch.setattr(services, "BATCH_FILES", 1)
    job = import_jobs.import_job_create(
        user=staff, files=[(f"good{n}.txt", GOOD.format(n=n).encode()) for n in range(3)]
    )

    def retried_meanwhile(names):
        if names == ["good1.txt"]:  # someone retried the job: a newer attempt owns it
            ImportJob.objects.filter(pk=job.pk).update(attempt=99)

    with watched(retried_meanwhile):
        assert import_jobs.import_job_run(job_id=job.pk) == {}

    job.refresh_from_db()
    assert (job.status, job.files_done, job.attempt) == ("running", 1, 99)
    assert job.files.filter(status="").count() == 2  # left for the newer run


# --- the database backend: queued, then run by the worker ---------------------------------


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_upload_queues_and_a_worker_runs_it(staff_client, settings):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE
    response = staff_client.post(IMPORT_URL, {"files": [good(1), good(2)]}, follow=True)

    job = ImportJob.objects.get()
    assert (job.status, job.files_done) == ("queued", 0)
    assert not Article.objects.exists()
    text = response.content.decode()
    assert "Waiting for a worker to start the import." in text
    assert 'data-status="queued"' in text
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "articles.tasks.import_job_run"
    assert str(queued.id) == job.task_id

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()

    job.refresh_from_db()
    assert (job.status, job.files_done, job.imported) == ("done", 2, 2)
    assert Article.objects.count() == 2
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value["imported"] == 2


# --- the JSON the page polls ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_progress_json_gives_the_counters_and_the_failures_after_a_position(staff_client):
    files = [good(1), upload("bad1.txt", b"Hallo"), good(2), upload("bad2.txt", b"Nein")]
    staff_client.post(IMPORT_URL, {"files": files})
    job = ImportJob.objects.get()
    url = job_url(job, "articles_importjob_progress")

    data = staff_client.get(url).json()

    assert data["status"] == "done" and data["finished"] and not data["stale"]
    assert (data["total"], data["done"]) == (4, 4)
    assert data["counts"] == {"imported": 2, "replaced": 0, "unchanged": 0, "failed": 2}
    assert [(f["position"], f["name"]) for f in data["failures"]] == [
        (1, "bad1.txt"),
        (3, "bad2.txt"),
    ]
    assert "expected a header like" in data["failures"][0]["message"]
    later = staff_client.get(url, {"after": 1}).json()
    assert [f["name"] for f in later["failures"]] == ["bad2.txt"]
    assert staff_client.get(url, {"after": "x"}).json()["failures"] == data["failures"]


@pytest.mark.django_db
def test_polling_and_the_job_page_take_queries_that_do_not_grow_with_the_files(
    staff_client, staff, django_assert_max_num_queries
):
    def job_with(count):
        files = [(f"bad{n}.txt", b"Hallo") for n in range(count)]
        job = import_jobs.import_job_create(user=staff, files=files)
        import_jobs.import_job_run(job_id=job.pk)
        return job

    staff_client.get(IMPORT_URL)  # the session and the user, loaded once
    for job in (job_with(3), job_with(120)):
        with django_assert_max_num_queries(6):
            data = staff_client.get(job_url(job, "articles_importjob_progress")).json()
        assert len(data["failures"]) == min(job.total_files, 50)
        with django_assert_max_num_queries(9):
            staff_client.get(job_url(job))
    with django_assert_max_num_queries(6):
        page = staff_client.get(IMPORT_URL)
    assert [job.pk for job in page.context["jobs"]] == list(
        ImportJob.objects.order_by("-created", "-id").values_list("pk", flat=True)
    )


@pytest.mark.django_db
def test_the_import_page_lists_recent_jobs_with_links(staff_client):
    staff_client.post(IMPORT_URL, {"files": [good(1)]})
    job = ImportJob.objects.get()

    text = staff_client.get(IMPORT_URL).content.decode()

    assert 'id="import-jobs"' in text and f'href="{job.get_absolute_url()}"' in text


@pytest.mark.django_db
def test_a_finished_jobs_files_are_listed_a_page_at_a_time(staff_client, staff):
    files = [(f"bad{n:03}.txt", b"Hallo") for n in range(130)]
    job = import_jobs.import_job_create(user=staff, files=files)
    import_jobs.import_job_run(job_id=job.pk)

    first = staff_client.get(job_url(job))
    second = staff_client.get(job_url(job), {"page": 2})

    assert len(first.context["page"].rows) == 100
    assert [row["name"] for row in second.context["page"].rows][0] == "bad100.txt"
    assert len(first.context["failures"]) == 130 and first.context["more_failures"] == 0


# --- who may see and do what ----------------------------------------------------------------


@pytest.fixture
def finished_job(staff):
    job = import_jobs.import_job_create(user=staff, files=[("bad.txt", b"Hallo")])
    import_jobs.import_job_run(job_id=job.pk)
    return job


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["articles_importjob", "articles_importjob_progress", "articles_importjob_retry"]
)
def test_staff_without_the_import_permission_get_403(client, django_user_model, finished_job, name):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(clerk)
    method = client.post if name.endswith("retry") else client.get
    assert method(job_url(finished_job, name)).status_code == 403
    assert client.post(IMPORT_URL, {"files": [good(1)]}).status_code == 403
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["articles_importjob", "articles_importjob_progress", "articles_importjob_retry"]
)
def test_readers_and_anonymous_visitors_are_sent_to_the_admin_login(
    client, alice_client, finished_job, name
):
    for visitor in (client, alice_client):
        response = visitor.get(job_url(finished_job, name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_wrong_methods_and_unknown_jobs(staff_client, finished_job):
    assert staff_client.get(job_url(finished_job, "articles_importjob_retry")).status_code == 405
    assert staff_client.post(job_url(finished_job, "articles_importjob_progress")).status_code == (
        405
    )
    assert staff_client.post(job_url(finished_job)).status_code == 405
    missing = reverse("admin:articles_importjob", args=[finished_job.pk + 1])
    assert staff_client.get(missing).status_code == 404


# --- settings ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_job_is_deleted_with_its_files(finished_job):
    finished_job.delete()
    assert not ImportFile.objects.exists()


def test_tasks_backend_comes_from_the_environment():
    shown = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 50}
    assert "DatabaseBackend" in run_manage("shell", "-c", shown, **production).stdout
    assert "ImmediateBackend" in run_manage("shell", "-c", shown, DEBUG="1").stdout
    database = run_manage("shell", "-c", shown, DEBUG="1", TASKS_BACKEND="database")
    assert "DatabaseBackend" in database.stdout
    bad = run_manage("check", TASKS_BACKEND="celery")
    assert bad.returncode != 0
    assert "TASKS_BACKEND must be one of database, immediate; got 'celery'" in bad.stderr
