"""The database holds several writers at once: on SQLite they queue for the write lock instead
of failing with "database is locked" (newsreader/settings.py, ``database_from_url``)."""

from django.db import transaction
from django.db.utils import ConnectionHandler

from articles.models import Source
from newsreader.settings import database_from_url
from tests.conftest import run_in_threads

WRITERS = 8
WRITES = 15


def test_sqlite_connections_use_wal_and_wait_for_the_write_lock(tmp_path, django_db_blocker):
    """A file of its own, whichever database the suite runs on."""
    handler = ConnectionHandler(
        {"default": database_from_url(f"sqlite:///{tmp_path / 'news.sqlite3'}")}
    )
    connection = handler["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            pragmas = {
                name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "busy_timeout", "synchronous")
            }
    finally:
        connection.close()
    assert pragmas == {"journal_mode": "wal", "busy_timeout": 20_000, "synchronous": 1}
    assert connection.transaction_mode == "IMMEDIATE"


def test_concurrent_writers_through_the_orm_all_succeed(concurrent_db):
    """Each write reads before it writes inside its transaction, the pattern SQLite cannot
    wait on when the write lock is taken late, and each new source renews the reading
    revision, one row every writer updates."""

    def write(n):
        for i in range(WRITES):
            with transaction.atomic():
                Source.objects.filter(slug__startswith=f"w{n}-").count()
                Source.objects.create(name=f"Writer {n} #{i}", slug=f"w{n}-{i}")
            Source.objects.filter(slug=f"w{n}-{i}").update(name=f"Writer {n} no. {i}")

    assert run_in_threads(write, WRITERS) == []
    assert Source.objects.filter(name__contains=" no. ").count() == WRITERS * WRITES
