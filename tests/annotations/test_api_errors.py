"""Errors no view answers keep the API's JSON shape under /api/ (``annotations.api.server_error``,
the project's handler500): 503 when the database is unavailable, 500 otherwise."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import get_resolver

from annotations import api, services, views

pytestmark = pytest.mark.django_db
COLLECTION = "/api/annotations/"
DOWN = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.fixture
def quiet_client(alice):
    """A logged-in client that gets the response a browser would, not the exception."""
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    return client


def fail(monkeypatch, target, name, exc):
    def failing(*args, **kwargs):
        raise exc

    monkeypatch.setattr(target, name, failing)


def test_the_api_answers_handler500():
    assert get_resolver().resolve_error_handler(500) is api.server_error


def test_a_database_that_cannot_be_reached_is_a_503_in_json(quiet_client, monkeypatch, caplog):
    fail(monkeypatch, api, "annotations_search", DOWN)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = quiet_client.get(COLLECTION)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == str(api.RETRY_AFTER)
    assert response.json() == {
        "error": "unavailable",
        "reason": "The database cannot be reached or is busy. Try again in a moment.",
    }
    assert "5432" not in response.content.decode()  # the details go to the log only
    (record,) = caplog.records
    assert record.exc_info[0] is OperationalError


def test_a_failure_before_the_view_body_is_a_503_too(alice, monkeypatch):
    """The token lookup is the first query of a script's request."""
    fail(monkeypatch, services, "token_authenticate", DOWN)
    client = Client(raise_request_exception=False)
    response = client.get(COLLECTION, HTTP_AUTHORIZATION="Bearer nr_anything")
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable"


def test_any_other_error_is_a_500_in_json(quiet_client, alice, make_annotation, monkeypatch):
    fail(monkeypatch, api, "_annotation_response", RuntimeError("a bug"))
    response = quiet_client.get(f"{COLLECTION}{make_annotation(alice).pk}/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "error": "server_error",
        "reason": "Something went wrong on the server. Try again later; "
        "if it keeps happening, tell the administrators.",
    }
    assert "a bug" not in response.content.decode()


def test_the_reason_is_in_the_request_language(quiet_client, monkeypatch):
    fail(monkeypatch, api, "annotations_search", DOWN)
    response = quiet_client.get(COLLECTION, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 503
    assert response.json()["reason"] == (
        "Die Datenbank ist nicht erreichbar oder ausgelastet. Versuchen Sie es gleich noch einmal."
    )


def test_other_pages_keep_the_html_error_page(quiet_client, monkeypatch):
    fail(monkeypatch, views, "_mine", DOWN)
    response = quiet_client.get("/annotations/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
