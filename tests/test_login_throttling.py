"""Login throttling (django-axes, newsreader/auth.py): 10 failures per (username, IP) lock that
pair out for 30 minutes, with a message on the login page; staff or a command unlock it.

Axes keeps its attempts in the database, so each test's transaction starts without any."""

import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts; try again in 30 minutes or ask an administrator."


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        log_in(client, username, "wrong-password", ip=ip)


def test_the_settings_lock_out_after_ten_failures_for_thirty_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 10
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 30 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_nine_failures_still_let_the_right_password_in(client, alice):
    fail(client, "alice", 9)
    response = log_in(client, "alice", "alice-secret-pw")
    assert response.status_code == 302 and response["Location"] == reverse("articles:list")
    # A success starts the count again.
    assert not AccessAttempt.objects.exists()


def test_ten_failures_refuse_the_right_password_with_a_message(client, alice):
    fail(client, "alice", 9)
    tenth = log_in(client, "alice", "wrong-password")
    assert tenth.status_code == 429 and LOCKED in tenth.content.decode()
    response = log_in(client, "alice", "alice-secret-pw")
    assert response.status_code == 429
    text = response.content.decode()
    assert LOCKED in text
    assert 'name="username"' in text and 'value="alice"' in text  # the form is there again
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("articles:list")).status_code == 302  # still logged out


def test_the_lockout_names_the_configured_minutes(client, alice, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    fail(client, "alice", 10)
    text = log_in(client, "alice", "alice-secret-pw").content.decode()
    assert "try again in 1 minute or ask an administrator" in text


def test_the_lockout_message_in_german(client, alice):
    fail(client, "alice", 10)
    response = client.post(
        reverse("login"),
        {"username": "alice", "password": "alice-secret-pw"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert "versuchen Sie es in 30 Minuten wieder" in response.content.decode()


def test_another_user_and_the_same_user_elsewhere_are_unaffected(client, alice, bob):
    fail(client, "alice", 10)
    assert log_in(client, "bob", "bob-secret-pw").status_code == 302
    client.logout()
    # alice from another address: the lockout is per (username, IP).
    assert log_in(client, "alice", "alice-secret-pw", ip="10.0.0.2").status_code == 302


def test_failures_are_logged_and_kept(client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        fail(client, "alice", 2)
    assert any("login failure" in record.getMessage() for record in caplog.records)
    assert AccessAttempt.objects.get().failures_since_start == 2
    assert AccessFailureLog.objects.filter(username="alice").count() == 2


def test_axes_reset_unlocks(client, alice):
    fail(client, "alice", 10)
    assert log_in(client, "alice", "alice-secret-pw").status_code == 429
    call_command("axes_reset", verbosity=0)
    assert log_in(client, "alice", "alice-secret-pw").status_code == 302


def test_staff_unlock_in_the_admin(client, alice, staff, client_for_staff):
    fail(client, "alice", 10)
    attempt = AccessAttempt.objects.get(username="alice")
    changelist = client_for_staff.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200 and "alice" in changelist.content.decode()
    response = client_for_staff.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert log_in(client, "alice", "alice-secret-pw").status_code == 302


def test_the_api_token_and_session_flows_are_not_throttled(client, alice):
    """Bearer tokens never pass through authenticate(): a locked login leaves them working."""
    from annotations import services

    _, key = services.token_create(user=alice, name="script")
    fail(client, "alice", 10)
    response = client.get("/api/annotations/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200


def test_behind_the_proxy_the_forwarded_address_counts(client, alice, settings):
    """Through the proxy every request comes from 127.0.0.1: the address it forwarded counts."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def through_proxy(password, forwarded):
        return client.post(
            reverse("login"),
            {"username": "alice", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for _ in range(10):
        through_proxy("wrong-password", "203.0.113.7")
    assert through_proxy("alice-secret-pw", "203.0.113.7").status_code == 429
    # A client cannot escape by sending its own X-Forwarded-For: the proxy appends the address.
    assert through_proxy("alice-secret-pw", "10.9.9.9, 203.0.113.7").status_code == 429
    assert through_proxy("alice-secret-pw", "198.51.100.2").status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


@pytest.fixture
def client_for_staff(staff):
    from django.test import Client

    client = Client()
    client.force_login(staff)
    return client
