import io
import os
import sqlite3
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import translation
from hypothesis import settings

# On CI the property tests draw the same examples every run, so that a submission's result does
# not depend on chance; on a developer's machine they keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_f7e28fe3f4ccecb1.txt"


def import_seeds(*args) -> tuple[int, str, str]:
    """Run ``import_seeds`` as a shell would: (exit status, standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return 1, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True)
def language_restored():
    """A German request leaves German active in this thread; later tests expect English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def shared_cache_cleared():
    """Pages cached by another test at the same revision (an empty database's) were rendered
    under that test's settings and monkeypatches: each test starts without them."""
    cache.clear()


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="alice-secret-pw")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="bob-secret-pw")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("staff", password="staff-secret-pw")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def seed_article(db, seed_bytes):
    from articles.services import seed_import

    return seed_import(name=SEED.name, data=seed_bytes).article


@pytest.fixture
def concurrent_db(transactional_db, tmp_path):
    """A test database that several threads write at once, each through its own connection
    (which the thread closes when done).

    PostgreSQL's test database is one already. SQLite's is in memory, where the threads share
    one cache that locks whole tables and never waits, unlike a real database file: for the
    test, the default database becomes a copy of it in a file, opened by every thread with the
    project's options (WAL, IMMEDIATE transactions, the busy timeout)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    memory, original = connections["default"], connections.settings["default"]
    path = tmp_path / "concurrent.sqlite3"
    memory.ensure_connection()
    copy = sqlite3.connect(path)
    memory.connection.backup(copy)
    copy.close()
    connections.settings["default"] = {**original, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = original
        connections["default"] = memory


def run_in_threads(target, count: int) -> list[BaseException]:
    """Run ``target(n)`` in ``count`` threads started together; each closes its connections.
    Answers the exceptions raised."""
    start = threading.Barrier(count)
    failures: list[BaseException] = []

    def run(n):
        try:
            start.wait(timeout=10)
            target(n)
        except BaseException as exc:
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return failures
