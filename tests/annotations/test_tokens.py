"""Personal API tokens expire (settings.API_TOKEN_LIFETIME, 90 days by default) and are revoked
when their owner's password changes."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from annotations import services
from annotations.models import ApiToken

pytestmark = pytest.mark.django_db

LIST = "/api/annotations/"


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_new_token_expires_after_ninety_days(alice, settings):
    assert settings.API_TOKEN_LIFETIME.days == 90
    before = timezone.now()
    token, _ = services.token_create(user=alice, name="script")
    assert before + timedelta(days=90) <= token.expires <= timezone.now() + timedelta(days=90)
    assert token.active and not token.expired


def test_the_lifetime_follows_the_setting(alice, settings):
    settings.API_TOKEN_LIFETIME = timedelta(days=7)
    token, _ = services.token_create(user=alice, name="script")
    assert token.expires - token.created < timedelta(days=7, seconds=5)


def test_an_expired_token_is_refused_with_the_apis_json_error(alice, client):
    token, key = services.token_create(user=alice, name="script")
    assert client.get(LIST, **bearer(key)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(seconds=1))
    response = client.get(LIST, **bearer(key))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["error"] == "unauthenticated" and "expired" in body["reason"]
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    with pytest.raises(services.TokenExpired):
        services.token_authenticate(key=key)
    # Writes and the tag suggestions are refused alike.
    write = client.post(LIST, "{}", content_type="application/json", **bearer(key))
    assert write.status_code == 401
    assert client.get("/api/tags/", **bearer(key)).status_code == 401


def test_the_tokens_page_shows_expiry_and_expired_tokens(alice, alice_client):
    token, _ = services.token_create(user=alice, name="old script")
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - timedelta(days=1))
    text = alice_client.get(reverse("annotations:tokens")).content.decode()
    assert "old script" in text and "expired" in text and "Revoke" not in text
    assert "A token works for 90 days" in text


@pytest.mark.parametrize(
    "change",
    [
        "set_password",
        "password_change_page",
        "admin",
        "changepassword_command",
    ],
)
def test_a_password_change_revokes_the_users_tokens(
    alice, bob, staff, client_for, change, monkeypatch
):
    _, alice_key = services.token_create(user=alice, name="script")
    _, other_key = services.token_create(user=alice, name="other script")
    _, bob_key = services.token_create(user=bob, name="bob's")
    if change == "set_password":
        alice.set_password("a-new-secret-pw")
        alice.save()
    elif change == "password_change_page":
        response = client_for(alice).post(
            reverse("password_change"),
            {
                "old_password": "alice-secret-pw",
                "new_password1": "a-new-secret-pw-1",
                "new_password2": "a-new-secret-pw-1",
            },
        )
        assert response.status_code == 302
    elif change == "admin":
        response = client_for(staff).post(
            reverse("admin:auth_user_password_change", args=[alice.pk]),
            {"password1": "a-new-secret-pw-2", "password2": "a-new-secret-pw-2"},
        )
        assert response.status_code == 302
    else:
        monkeypatch.setattr("getpass.getpass", lambda prompt="": "a-new-secret-pw-3")
        call_command("changepassword", "alice", stdout=io.StringIO())
    for key in (alice_key, other_key):
        assert services.token_authenticate(key=key) is None
    assert not alice.api_tokens.filter(revoked__isnull=True).exists()
    assert services.token_authenticate(key=bob_key) == bob
    client = client_for(None)
    assert client.get(LIST, **bearer(alice_key)).status_code == 401


def test_a_password_assigned_as_a_hash_revokes_too(alice):
    _, key = services.token_create(user=alice, name="script")
    alice.password = make_password("another-secret-pw")
    alice.save(update_fields=["password"])
    assert services.token_authenticate(key=key) is None


def test_other_saves_and_logins_keep_the_tokens(alice, client, django_assert_num_queries):
    _, key = services.token_create(user=alice, name="script")
    alice.first_name = "Alice"
    alice.save()
    with django_assert_num_queries(1):  # last_login at a login: no look-up of the old hash
        alice.last_login = timezone.now()
        alice.save(update_fields=["last_login"])
    response = client.post(reverse("login"), {"username": "alice", "password": "alice-secret-pw"})
    assert response.status_code == 302
    assert services.token_authenticate(key=key) == alice


def test_a_stronger_hash_at_login_is_no_password_change(alice, client, settings):
    """Django rehashes a password stored with an older hasher at login: the same password."""
    _, key = services.token_create(user=alice, name="script")
    old_hash = alice.password
    assert old_hash.startswith("md5$")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    response = client.post(reverse("login"), {"username": "alice", "password": "alice-secret-pw"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.password.startswith("pbkdf2_sha256$")  # it was rehashed
    assert services.token_authenticate(key=key) == alice


def test_saving_a_new_user_again_revokes_nothing(django_user_model):
    user = django_user_model.objects.create_user("carol", password="carol-secret-pw")
    _, key = services.token_create(user=user, name="script")
    user.save()
    assert services.token_authenticate(key=key) == user
