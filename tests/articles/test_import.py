import contextlib
import io
import os
import signal
import threading
import time
import zipfile
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import translation

from articles import services
from articles.models import Article, ArticleSpeaker, Quote, Source, Speaker
from articles.services import Status, seed_import
from tests.conftest import ROOT, SEED, import_seeds

GOOD = " date 2021-03-04 Die Ministerin sagte: „Wir schaffen das.“\n\nQuelle: Testagentur\n"


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def row_counts():
    return (
        Article.objects.count(),
        Source.objects.count(),
        Quote.objects.count(),
        Speaker.objects.count(),
    )


@pytest.mark.django_db
def test_the_seed_is_imported_with_its_source_and_quotes(seed_bytes):
    outcome = seed_import(name=SEED.name, data=seed_bytes)

    assert outcome.status == Status.IMPORTED
    article = Article.objects.get()
    assert article.source.name == "RT DE"
    assert article.date_precision == "month" and article.date.isoformat() == "2022-10-01"
    assert article.body.startswith("Unmittelbar vor dem Beginn")
    assert article.body.endswith('auf lange Sicht."')
    assert article.seed_filename == SEED.name and len(article.content_hash) == 64
    assert article.quotes.filter(kind="direct").exists()
    assert Speaker.objects.filter(name="Jens Stoltenberg").exists()


@pytest.mark.django_db
def test_import_fixtures_then_again_reports_imported_then_unchanged():
    """``make run``'s import: the seed file and the demo articles in fixtures/demo/ (found
    recursively; its ATTRIBUTION.md is no seed file)."""
    demo = sorted(path.name for path in (ROOT / "fixtures" / "demo").glob("*.txt"))
    assert len(demo) == 50 and (ROOT / "fixtures" / "demo" / "ATTRIBUTION.md").exists()
    code, out, _ = import_seeds("fixtures/")
    assert code == 0
    assert "51 files: 51 imported, 0 unchanged, 0 failed" in out
    assert (
        sorted(
            Article.objects.filter(source__name="Wikinews").values_list("seed_filename", flat=True)
        )
        == demo
    )
    # Speaker pages worth opening: people quoted in several articles.
    recurring = (
        ArticleSpeaker.objects.values("speaker").annotate(n=Count("article")).filter(n__gte=3)
    )
    assert recurring.count() >= 3

    before = row_counts()
    code, out, _ = import_seeds("fixtures/")
    assert code == 0
    assert "51 files: 0 imported, 51 unchanged, 0 failed" in out
    assert row_counts() == before


def test_every_demo_article_is_attributed():
    attribution = (ROOT / "fixtures" / "demo" / "ATTRIBUTION.md").read_text("utf-8")
    assert (
        "CC BY 2.5" in attribution and "https://creativecommons.org/licenses/by/2.5/" in attribution
    )
    assert "Petersen-Frey" in attribution
    for path in (ROOT / "fixtures" / "demo").glob("*.txt"):
        row = next(line for line in attribution.splitlines() if f"`{path.name}`" in line)
        assert "](https://de.wikinews.org/wiki/" in row and "CC BY 2.5" in row
        assert path.read_text("utf-8").rstrip().endswith("Quelle: Wikinews")


@pytest.mark.django_db
def test_same_name_with_new_content_is_refused(tmp_path, seed_bytes):
    seed_import(name="a.txt", data=GOOD.encode())
    outcome = seed_import(name="a.txt", data=GOOD.replace("Wir", "Ihr").encode())
    assert outcome.status == Status.FAILED
    assert "already imported from a file of this name with different content" in outcome.message
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_the_command_names_its_own_options_and_counts_in_the_singular(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    code, out, _ = import_seeds(tmp_path, "--verbosity", "2")
    assert code == 0 and "a.txt: imported: 1 quotation\n" in out

    write(tmp_path, "a.txt", GOOD.replace("Wir", "Ihr"))
    write(tmp_path, "nosource.txt", " date 2022-10 Grüße aus Köln.")
    code, out, err = import_seeds(tmp_path)
    assert code == 1
    assert "different content; use --replace to replace its text" in err
    assert "no source line" in err and "or give the source with --source" in err
    assert "2 of 2 files failed:" in err

    code, out, err = import_seeds(tmp_path / "a.txt", "--replace")
    assert code == 0 and "1 file: 0 imported, 1 replaced, 0 unchanged, 0 failed" in out


BAD_FILES = {
    "empty.txt": (b"", "the file is empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file"),
    "latin1.txt": (
        " date 2022-10 Grüße aus Köln.\n\nQuelle: X".encode("latin-1"),
        "not UTF-8: byte 0xfc at column 17",
    ),
    "nodate.txt": ("Grüße aus Köln.\n\nQuelle: X", "expected a header like ' date 2022-10'"),
    "baddate.txt": (" date 2022-13 Grüße.\n\nQuelle: X", "'2022-13' has no month 13"),
    "huge.txt": (b" date 2022-10 " + b"a" * (5 * 1024 * 1024), "limited to 5 MB"),
    "nobody.txt": (" date 2022-10 \n\nQuelle: X", "no text between"),
    "nosource.txt": (" date 2022-10 Grüße aus Köln.", "no source line"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_gets_its_message_a_failure_and_no_rows(tmp_path, name):
    content, message = BAD_FILES[name]
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", GOOD)

    code, out, err = import_seeds(tmp_path)

    assert code == 1
    assert f"{name}: " in err and message in err
    assert "2 files: 1 imported, 0 unchanged, 1 failed" in out
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["good.txt"]
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_source_option_stands_in_for_a_missing_source_line(tmp_path):
    write(tmp_path, "nosource.txt", " date 2022-10 Grüße aus Köln.")
    code, _, _ = import_seeds(tmp_path, "--source", "Kölner Blatt")
    assert code == 0
    assert Article.objects.get().source.name == "Kölner Blatt"


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    code, out, _ = import_seeds(tmp_path, "--dry-run")
    assert code == 0
    assert "1 would be imported (dry run, nothing written)" in out
    assert row_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_missing_paths_and_empty_folders_fail(tmp_path):
    code, _, err = import_seeds(tmp_path / "nope.txt")
    assert code == 1 and "no such file" in err
    code, _, err = import_seeds(tmp_path)
    assert code == 1 and "no seed files found" in err


@pytest.mark.django_db
def test_folders_are_searched_recursively(tmp_path):
    write(tmp_path, "a.txt", GOOD)
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    write(tmp_path / "sub" / "deeper", "b.txt", GOOD.replace("2021-03-04", "2021-03-05"))
    write(tmp_path / "sub", "notes.md", "not a seed")
    code, out, _ = import_seeds(tmp_path)
    assert code == 0 and "2 files: 2 imported" in out


@pytest.mark.django_db
def test_a_failure_in_the_middle_of_an_import_leaves_no_rows(seed_bytes):
    boom = mock.patch.object(services, "quotes_store", side_effect=RuntimeError("boom"))
    with boom, pytest.raises(RuntimeError):
        seed_import(name=SEED.name, data=seed_bytes)
    assert row_counts() == (0, 0, 0, 0)

    late = mock.patch.object(Quote.objects, "bulk_create", side_effect=RuntimeError("late"))
    with late, pytest.raises(RuntimeError):
        seed_import(name=SEED.name, data=seed_bytes)
    assert row_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_racing_import_of_the_same_file_is_stopped_by_the_constraint(seed_bytes):
    """The other import committed after our check: the unique constraint decides."""
    first = seed_import(name=SEED.name, data=seed_bytes)
    real_clashes = services._clashes
    calls = []

    def blind_once(name, parsed):
        calls.append(name)
        return (None, None) if len(calls) == 1 else real_clashes(name, parsed)

    with mock.patch.object(services, "_clashes", side_effect=blind_once):
        second = seed_import(name="copy-" + SEED.name, data=seed_bytes)

    assert first.status == Status.IMPORTED
    assert second.status == Status.UNCHANGED
    assert Article.objects.count() == 1
    assert len(calls) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_give_one_article(seed_bytes):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; real concurrency is tested on PostgreSQL")
    barrier = threading.Barrier(2)
    outcomes = []
    real_create = services.article_create

    def create_after_both_checked(**kwargs):
        barrier.wait(timeout=10)  # both threads have passed the "already imported?" check
        return real_create(**kwargs)

    def run(name):
        try:
            outcomes.append(seed_import(name=name, data=seed_bytes).status)
        finally:
            connection.close()

    with mock.patch.object(services, "article_create", side_effect=create_after_both_checked):
        threads = [threading.Thread(target=run, args=(f"{n}.txt",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(outcomes) == [Status.IMPORTED, Status.UNCHANGED]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_zip_archives_are_read_member_by_member(seed_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("seeds/one.txt", GOOD)
        archive.writestr("seeds/readme.md", "ignored")
        archive.writestr("seeds/bad.txt", b"\xff\xfe")
    buffer.seek(0)
    members = dict(services.seed_files_from_zip(buffer))
    assert set(members) == {"one.txt", "bad.txt"}
    assert members["one.txt"] == GOOD.encode()
    bad = list(services.seed_files_from_zip(io.BytesIO(b"not a zip")))
    assert isinstance(bad[0][1], services.seedfile.SeedError)


def test_seed_paths_are_streamed_in_a_stable_order(tmp_path):
    for n in range(3):
        write(tmp_path, f"{n}.txt", GOOD)
    paths = services.seed_paths([tmp_path])
    assert not isinstance(paths, list)  # a generator: files are read one at a time
    assert [p.name for p in paths] == ["0.txt", "1.txt", "2.txt"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_import_every_file_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes are used on PostgreSQL only")
    for n in range(12):
        write(tmp_path, f"{n:02d}.txt", GOOD.replace("das.", f"das {n}."))
    write(tmp_path, "bad.txt", "kein Kopf")

    code, out, err = import_seeds(tmp_path, "--jobs", "2")

    assert code == 1
    assert "13 files: 12 imported, 0 unchanged, 1 failed" in out
    assert "bad.txt: line 1: expected a header" in err
    assert Article.objects.count() == 12
    assert Source.objects.count() == 1
    code, out, _ = import_seeds(tmp_path, "--jobs", "2")
    assert "13 files: 0 imported, 12 unchanged, 1 failed" in out


@pytest.mark.django_db
def test_the_command_speaks_english_in_a_german_thread(tmp_path):
    write(tmp_path, "good.txt", GOOD)
    write(tmp_path, "nosource.txt", " date 2022-10 Grüße aus Köln.")
    with translation.override("de"):
        code, out, err = import_seeds(tmp_path, "--dry-run")
        assert translation.get_language() == "de"  # and the caller's language is back
    assert code == 1
    assert "1 would be imported (dry run, nothing written)" in out
    assert "no source line" in err and "or give the source with --source" in err
    assert "1 of 2 files failed:" in err


@pytest.mark.parametrize(
    "status,count,expected",
    [
        (Status.WOULD_IMPORT, 1, "1 würde importiert (Probelauf, nichts geschrieben)"),
        (Status.WOULD_IMPORT, 2, "2 würden importiert (Probelauf, nichts geschrieben)"),
        (Status.WOULD_REPLACE, 1, "1 würde ersetzt"),
        (Status.WOULD_REPLACE, 2, "2 würden ersetzt"),
    ],
)
def test_a_dry_runs_summary_counts_in_the_singular_in_german(status, count, expected):
    """The command itself speaks English; its summary is ready for another language."""
    from collections import Counter

    from articles.management.commands.import_seeds import Command

    out = io.StringIO()
    with translation.override("de"):
        Command(stdout=out).summarise(
            Counter({status: count}), [], paths=["x"], dry_run=True, verbosity=1
        )
    assert expected in out.getvalue()


# --- Limits, database errors and stopped runs ----------------------------------------------


def long_source(length=300):
    return f" date 2022-10 Er sagte: „Lang.“\n\nQuelle: {'Q' * length}\n"


@pytest.mark.django_db
def test_a_value_too_long_for_its_column_fails_that_file_alone_before_any_write(tmp_path):
    """SQLite would store the 300 characters; PostgreSQL refused them mid-import."""
    write(tmp_path, "a.txt", long_source())
    write(tmp_path, "b.txt", GOOD)

    code, out, err = import_seeds(tmp_path)

    assert code == 1
    assert "a.txt: the source name is too long: 300 characters, at most 200" in err
    assert "2 files: 1 imported, 0 unchanged, 1 failed" in out
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["b.txt"]
    assert list(Source.objects.values_list("name", flat=True)) == ["Testagentur"]

    code, _, err = import_seeds(tmp_path / "a.txt", "--dry-run")
    assert code == 1 and "the source name is too long" in err


@pytest.mark.django_db
def test_every_column_the_import_fills_from_the_file_is_checked():
    long_name = "n" * 252 + ".txt"
    outcome = seed_import(name=long_name, data=GOOD.encode())
    assert outcome.failed
    assert outcome.message == "the file name is too long: 256 characters, at most 255"

    outcome = seed_import(
        name="a.txt", data=b" date 2022 Text.", default_source="S" * 201, dry_run=True
    )
    assert outcome.message == "the source name is too long: 201 characters, at most 200"

    parsed = services.seedfile.parse(GOOD, "a.txt")
    services.seed_check(parsed)
    with pytest.raises(services.seedfile.TooLong) as caught:
        services.seed_check(services.dataclasses.replace(parsed, title="t" * 301))
    assert str(caught.value) == "the title is too long: 301 characters, at most 300"
    with (
        mock.patch.object(services, "_article_slug", return_value="s" * 121),
        pytest.raises(services.seedfile.TooLong) as caught,
    ):
        services.seed_check(parsed)
    assert str(caught.value) == "the article's slug is too long: 121 characters, at most 120"
    assert row_counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_a_speaker_name_longer_than_its_column_is_found_again_as_it_was_stored():
    """Cut only when created, it was looked up whole: a second article broke the unique name."""
    name = "Anna " + "Langname" * 30
    entity = services.extractor.SpeakerEntity(name=name, kind="person", role="", aliases=[])
    cleaned = services.speakernames.SpeakerName(name, "person", "")
    with mock.patch.object(services.speakernames, "speaker_clean", return_value=cleaned):
        first = services.speaker_resolve(entity=entity)
        second = services.speaker_resolve(entity=entity)
    assert first.pk == second.pk and len(first.name) <= 200
    assert Speaker.objects.count() == 1


@pytest.mark.django_db
def test_a_database_error_fails_that_file_alone_and_the_run_goes_on(tmp_path):
    from django.db import DataError, IntegrityError

    write(tmp_path, "a.txt", GOOD.replace("das.", "das a."))
    write(tmp_path, "b.txt", GOOD.replace("das.", "das b."))
    write(tmp_path, "c.txt", GOOD.replace("das.", "das c."))
    write(tmp_path, "d.txt", GOOD.replace("das.", "das d."))
    real_create = services.article_create

    def refuse(*, parsed, **kwargs):
        if parsed.filename == "a.txt":
            raise DataError("value too long for type character varying(200)\n")
        if parsed.filename == "b.txt":  # a rule broken whatever the retries, not a race
            raise IntegrityError('new row violates check constraint "article_body_not_empty"')
        if parsed.filename == "c.txt":
            raise RuntimeError("a bug")
        return real_create(parsed=parsed, **kwargs)

    with mock.patch.object(services, "article_create", side_effect=refuse):
        code, out, err = import_seeds(tmp_path)

    assert code == 1
    assert (
        "a.txt: the database refused it, nothing was written: "
        "value too long for type character varying(200)" in err
    )
    assert "b.txt: the database refused it, nothing was written: new row violates check" in err
    assert "c.txt: unexpected error, nothing was written: RuntimeError: a bug" in err
    assert "4 files: 1 imported, 0 unchanged, 3 failed" in out
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["d.txt"]
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_an_unreachable_database_stops_the_command_at_once(tmp_path):
    from django.db import OperationalError

    write(tmp_path, "a.txt", GOOD)
    refused = OperationalError('connection to server at "127.0.0.1", port 5999 failed')
    with mock.patch.object(connection, "ensure_connection", side_effect=refused):
        code, out, err = import_seeds(tmp_path, "--jobs", "2")
    assert code == 1
    assert err == (
        'cannot reach the database: connection to server at "127.0.0.1", port 5999 failed'
    )


def test_an_unreachable_postgresql_ends_the_command_with_a_message():
    """The report's case: with the default --jobs, workers died at start and were restarted
    forever."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "manage.py", "import_seeds", "fixtures"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nr_unreachable"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "CommandError: cannot reach the database: connection" in result.stderr
    assert "Traceback" not in result.stderr


@contextlib.contextmanager
def deadline(seconds):
    """Fail instead of hanging: a pool that restarts its workers never returns."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.django_db(transaction=True)  # outside a transaction, so that workers are used
def test_a_worker_that_cannot_start_stops_the_run_with_its_reason(tmp_path):
    from django.db import OperationalError

    from articles.management.commands import import_seeds as command

    for n in range(3):
        write(tmp_path, f"{n}.txt", GOOD)
    cannot = mock.patch.object(
        command, "_worker_start", side_effect=OperationalError("too many clients already")
    )
    with cannot, deadline(60):
        code, out, err = import_seeds(tmp_path, "--jobs", "2")
    assert code == 1
    assert err.startswith(
        "the import stopped: a worker process could not start: "
        "OperationalError: too many clients already; before it, 0 files: 0 imported"
    )
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_dies_stops_the_run_and_what_finished_is_counted(tmp_path):
    from articles.management.commands import import_seeds as command

    for n in range(40):
        write(tmp_path, f"{n:02d}.txt", GOOD)
    write(tmp_path, "zz.txt", GOOD)  # the last chunk: every other file is handed out first

    def fake_import(paths, **options):
        for path in paths:
            if path.name == "zz.txt":
                time.sleep(1)  # the other worker finishes its files meanwhile
                os._exit(9)  # as the kernel's out-of-memory killer would
            yield services.ImportOutcome(path.name, Status.UNCHANGED)

    with (
        mock.patch.object(command, "seed_import_paths", side_effect=fake_import),
        mock.patch.object(command, "CHUNK", 8),  # 40 files in 5 chunks, zz.txt in the sixth
        deadline(60),
    ):
        code, out, err = import_seeds(tmp_path, "--jobs", "2")
    assert code == 1
    assert "the import stopped: a worker process stopped unexpectedly" in err
    assert "before it, 40 files: 0 imported, 40 unchanged, 0 failed" in err


@pytest.mark.django_db
def test_an_archive_inside_an_archive_is_named_and_not_opened():
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("one.txt", GOOD)
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("seeds/inner.zip", inner.getvalue())
    outer.seek(0)
    outer.name = "outer.zip"
    [(name, error)] = services.seed_files_from_zip(outer)
    assert name == "inner.zip"
    assert str(error) == (
        "an archive inside the archive is not opened: unpack it and upload the files it holds"
    )

    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.md", "nothing to import")
    empty.seek(0)
    empty.name = "empty.zip"
    [(name, error)] = services.seed_files_from_zip(empty)
    assert (name, str(error)) == ("empty.zip", "the archive holds no .txt seed files")


@pytest.mark.django_db
def test_a_zip_member_name_too_long_for_its_column_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x" * 300 + ".txt", GOOD)
    buffer.seek(0)
    [(name, data)] = services.seed_files_from_zip(buffer)
    outcome = seed_import(name=name, data=data)
    assert outcome.message == "the file name is too long: 304 characters, at most 255"
    assert not Article.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgresql_refusing_a_value_fails_that_file_alone_in_parallel(tmp_path):
    """The report's case with the check in Python switched off: the database's DataError is
    that file's failure, and the files after it are imported by the same worker."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores a string of any length")
    write(tmp_path, "00.txt", long_source())
    for n in range(1, 12):
        write(tmp_path, f"{n:02d}.txt", GOOD.replace("das.", f"das {n}."))

    with mock.patch.object(services, "seed_check"):
        code, out, err = import_seeds(tmp_path, "--jobs", "2")

    assert code == 1
    assert "00.txt: the database refused it, nothing was written: value too long" in err
    assert "12 files: 11 imported, 0 unchanged, 1 failed" in out
    assert Article.objects.count() == 11 and Source.objects.count() == 1

    code, out, err = import_seeds(tmp_path / "00.txt", "--jobs", "2")  # checked: a clear reason
    assert "the source name is too long: 300 characters, at most 200" in err


@pytest.mark.django_db
def test_a_database_that_goes_away_stops_the_run_and_fails_no_file(tmp_path):
    from django.db import OperationalError

    for name in ("a.txt", "b.txt", "c.txt"):
        write(tmp_path, name, GOOD.replace("das.", f"das {name}."))
    real_create = services.article_create

    def lost(*, parsed, **kwargs):
        if parsed.filename == "b.txt":
            raise OperationalError("server closed the connection unexpectedly")
        return real_create(parsed=parsed, **kwargs)

    with mock.patch.object(services, "article_create", side_effect=lost):
        code, _out, err = import_seeds(tmp_path, "--jobs", "1")

    assert code == 1
    assert "the import stopped: server closed the connection unexpectedly" in err
    assert "before it, 1 file: 1 imported" in err
    assert "b.txt:" not in err  # not reported as the file's fault: a second run imports it
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["a.txt"]


def test_a_damaged_zip_member_fails_alone():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.txt", GOOD)
        archive.writestr("bad.txt", GOOD.replace("das.", "das. " + "Und noch mehr. " * 40))
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        bad = archive.getinfo("bad.txt")
    start = bad.header_offset + 30 + len(bad.filename) + len(bad.extra)
    data[start + 20 : start + 60] = b"\xff" * 40  # damage the compressed bytes
    found = dict(services.seed_files_from_zip(io.BytesIO(bytes(data))))
    assert isinstance(found["good.txt"], bytes)
    assert isinstance(found["bad.txt"], services.seedfile.SeedError)
