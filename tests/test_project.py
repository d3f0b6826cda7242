import io
import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.models import Source
from newsreader.settings import cache_from_url, database_from_url, env_bool

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.mark.django_db
def test_no_missing_migrations():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero if missing


def test_database_url_sqlite_and_postgres():
    assert database_from_url("sqlite:///db.sqlite3")["NAME"].name == "db.sqlite3"
    assert str(database_from_url("sqlite:////tmp/x.sqlite3")["NAME"]) == "/tmp/x.sqlite3"
    pg = database_from_url("postgres://user:p%40ss@db.example.org:5433/news?sslmode=require")
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "news",
        "user",
        "p@ss",
        "db.example.org",
        "5433",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host", "sqlite://", "nonsense"])
def test_bad_database_url_is_a_clear_error(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url)


def test_bad_boolean_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", True)


def run_manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "news.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # Without collectstatic the deploy check fails, saying what to run.
    result = run_manage("check", "--deploy", **production)
    assert result.returncode != 0
    assert "newsreader.E001" in result.stderr and "collectstatic" in result.stderr

    collected = run_manage("collectstatic", "--noinput", **production)
    assert collected.returncode == 0, collected.stderr
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_without_debug():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_cache_url_chooses_a_shared_cache():
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("database")["LOCATION"] == "newsreader_cache"
    assert cache_from_url("valkey://cache:6379/1") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache:6379/1",
    }
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcache://x")


@pytest.mark.django_db(transaction=True)
def test_pages_cached_in_the_database_cache_are_shared(settings, alice):
    """Two clients (as two processes would) share what the database cache holds."""
    settings.CACHES = {"default": cache_from_url("database")}
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    Source.objects.create(name="Blatt", slug="blatt")
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(alice)
    assert first.get("/sources/blatt/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert second.get("/sources/blatt/").status_code == 200
    assert any("newsreader_cache" in q["sql"] for q in queries)
    assert not any("articles_article" in q["sql"] for q in queries)  # not rendered again
