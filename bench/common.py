"""What the benchmarks (and the browser tests) share."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Debian's Chromium, driven by Playwright; the flags keep it off a network there is none of.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def django_setup() -> None:
    """Make the project importable and set Django up with the environment's settings."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    import django

    django.setup()


@contextlib.contextmanager
def throwaway_database():
    """A test database (``test_`` + the configured name) made for the run and dropped after,
    with a fast password hasher, as Django's test runner makes one."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def postgres_admin(url: str):
    """An autocommit connection to the ``postgres`` database of the server ``url`` names, to
    create and drop a benchmark's database; and that database's name."""
    import psycopg

    from newsreader.settings import database_from_url

    config = database_from_url(url)
    connection = psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )
    return connection, config["NAME"]
