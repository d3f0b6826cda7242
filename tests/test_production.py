"""Production operations: /healthz, the static-manifest deploy check, and `make serve` as the
README's Deployment section runs it (gunicorn on a throwaway SQLite database)."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
from django.core.checks import Tags, run_checks
from django.db import OperationalError, connections
from django.test import override_settings

from newsreader.checks import check_static_manifest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# --- /healthz ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_without_login_session_or_cache(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # SELECT 1; no session read, no user
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert client.head("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client, caplog):
    down = OperationalError('connection to server at "db" failed: Connection refused')
    with mock.patch.object(connections["default"], "cursor", side_effect=down):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "error",
        "database": "error",
        "reason": "the database cannot be reached (OperationalError)",
    }
    assert "no-store" in response["Cache-Control"]
    # The details are for the log, not for whoever asks.
    assert "Connection refused" not in response.content.decode()
    assert "Connection refused" in caplog.text


@pytest.mark.django_db
def test_healthz_wrong_method(client):
    assert client.post("/healthz").status_code == 405


# --- the deploy check: collectstatic forgotten -----------------------------------------------


def test_deploy_check_reports_a_missing_manifest(tmp_path):
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        errors = check_static_manifest()
        registered = run_checks(include_deployment_checks=True, tags=[Tags.staticfiles])
        ordinary = run_checks(include_deployment_checks=False, tags=[Tags.staticfiles])

    assert [error.id for error in errors] == ["newsreader.E001"]
    assert "staticfiles.json" in errors[0].msg and str(tmp_path) in errors[0].msg
    assert "collectstatic" in errors[0].hint
    assert "newsreader.E001" in {error.id for error in registered}
    # Only with --deploy: migrate and collectstatic itself must run before the files exist.
    assert "newsreader.E001" not in {error.id for error in ordinary}


def test_deploy_check_passes_once_collected(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        assert check_static_manifest() == []


def test_deploy_check_ignores_development_settings(tmp_path):
    with override_settings(DEBUG=True, STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        assert check_static_manifest() == []
    plain = {
        **MANIFEST_STORAGE,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path, STORAGES=plain):
        assert check_static_manifest() == []


# --- make serve, as the README's Deployment section says ---------------------------------------

# Variables of the outer run (the suite's database, a developer's shell) that must not leak in.
CLEARED = {
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "STATIC_ROOT",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "WEB_CONCURRENCY",
    "BIND",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "MAKEFLAGS",
    "MFLAGS",
    "MAKELEVEL",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DEBUG="0",
        SECRET_KEY="test-serve-" + "k" * 40 + "-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1",
        STATIC_ROOT=str(tmp_path / "static"),
        SECURE_PROXY_SSL_HEADER="1",
        WEB_CONCURRENCY="2",
        BIND=f"127.0.0.1:{port}",
        # gunicorn's control socket is one per user (~/.gunicorn) unless told otherwise: keep
        # off a server that runs beside the tests.
        GUNICORN_CMD_ARGS=f"--control-socket {tmp_path / 'gunicorn.ctl'}",
    )
    return env


def make_serve(env: dict[str, str], log) -> subprocess.Popen:
    """`make serve` without its install step (the suite runs inside the installed venv), with
    this interpreter's bin folder; in a session of its own, so that the finally can stop make
    and gunicorn's master and workers together."""
    return subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "-o",
            "install",
            "serve",
            f"BIN={Path(sys.executable).parent}",
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def fetch(url: str, **headers) -> tuple[int, dict, bytes, str]:
    """(status, headers, body, final URL), redirects followed; errors answer their status."""
    request = urllib.request.Request(url, headers=headers)
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no http_proxy
    try:
        with direct.open(request, timeout=30) as response:
            return response.status, response.headers, response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read(), url


def test_make_serve_refuses_an_unmigrated_database(tmp_path):
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = make_serve(production_env(tmp_path, free_port()), log)
        try:
            process.wait(timeout=60)
        finally:
            stop(process)

    output = log_path.read_text()
    assert process.returncode != 0, output
    assert "unapplied migrations" in output and "manage.py migrate" in output
    assert "Booting worker" not in output


def test_make_serve_runs_gunicorn_behind_the_readme_proxy_settings(tmp_path):
    port = free_port()
    env = production_env(tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr

    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = make_serve(env, log)
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, log_path.read_text()
                try:
                    status, headers, body, _ = fetch(f"{base}/healthz")
                    break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    time.sleep(0.2)

            # A probe asks gunicorn directly, over plain HTTP: no redirect to HTTPS.
            assert status == 200, body
            assert json.loads(body) == {"status": "ok", "database": "ok"}
            assert "no-store" in headers["Cache-Control"]
            assert headers.get("Set-Cookie") is None

            # Through the proxy (X-Forwarded-Proto: https): the home page leads to the login.
            status, headers, body, url = fetch(f"{base}/", **{"X-Forwarded-Proto": "https"})
            assert status == 200, body
            assert url.startswith(f"{base}/accounts/login/")
            page = body.decode()
            assert "<form" in page

            # Its stylesheet, by the hashed name the manifest gives, served by whitenoise.
            stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
            assert stylesheet, page
            status, headers, body, _ = fetch(base + stylesheet[1], **{"X-Forwarded-Proto": "https"})
            assert status == 200
            assert headers["Content-Type"].startswith("text/css")
            assert "immutable" in headers["Cache-Control"]
            assert body == (ROOT / "static" / "css" / "app.css").read_bytes()
        finally:
            stop(process)

    output = log_path.read_text()
    assert '"GET /healthz HTTP/1.1" 200' in output  # the access log, on standard output
    assert output.count("Booting worker") == 2  # WEB_CONCURRENCY


def test_password_reset_without_mail_says_it_cannot_send(client, settings):
    settings.PASSWORD_RESET_BY_MAIL = False
    response = client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert response.status_code == 200
    assert b"cannot send mail" in response.content
    assert "registration/password_reset_unavailable.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_password_reset_with_mail_sends_the_link(client, settings, django_user_model):
    settings.PASSWORD_RESET_BY_MAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    django_user_model.objects.create_user("alice", "alice@example.org", "alice-secret-pw")
    response = client.post("/accounts/password_reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    from django.core import mail

    assert len(mail.outbox) == 1 and "alice@example.org" in mail.outbox[0].to


@override_settings(DEBUG=True)
def test_log_lines_are_printed_once():
    """A warning of Django's (a 404, a 500) reaches exactly one of the project's handlers, with
    DEBUG on too (Django's own console handler, for DEBUG, used to print it a second time)."""
    import logging

    logger = logging.getLogger("django.request")
    record = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, "once", (), None)
    printing = []
    while logger is not None:
        for handler in logger.handlers:
            if handler.__module__.startswith("_pytest"):
                continue  # pytest's own capture, not the project's
            if record.levelno >= handler.level and handler.filter(record):
                printing.append(handler)
        logger = logger.parent if logger.propagate else None
    assert len(printing) == 1


@pytest.mark.parametrize(
    ("debug", "backend", "warned"),
    [
        (False, "django_tasks.backends.immediate.ImmediateBackend", True),
        (False, "django_tasks_db.DatabaseBackend", False),
        (True, "django_tasks.backends.immediate.ImmediateBackend", False),
    ],
)
def test_deploy_check_warns_when_imports_would_run_in_the_request(debug, backend, warned):
    from newsreader.checks import check_background_imports

    with override_settings(DEBUG=debug, TASKS={"default": {"BACKEND": backend}}):
        ids = [message.id for message in check_background_imports()]
    assert ids == (["newsreader.W001"] if warned else [])
