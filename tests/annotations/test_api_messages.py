"""The API's reasons are written for a person, in the language of the request."""

import pytest

from annotations import markup

from .conftest import post_json, put_json

pytestmark = pytest.mark.django_db
COLLECTION = "/api/annotations/"


def stale_put(client, annotation, **headers):
    url = f"{COLLECTION}{annotation.pk}/"
    data = client.get(url).json()
    return put_json(client, url, data, HTTP_IF_MATCH='"stale"', **headers)


def test_a_stale_edit_says_what_happened_and_what_to_do(alice_client, alice, make_annotation):
    response = stale_put(alice_client, make_annotation(alice))
    assert response.status_code == 412
    assert response.json() == {
        "error": "precondition_failed",
        "reason": "Someone changed this annotation after you opened it. "
        "Reload to see the new version.",
    }


def test_a_stale_edit_is_explained_in_german(alice_client, alice, make_annotation):
    response = stale_put(alice_client, make_annotation(alice), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 412
    assert response.json()["error"] == "precondition_failed"
    assert response.json()["reason"] == (
        "Jemand hat diese Anmerkung geändert, nachdem Sie sie geöffnet haben. "
        "Laden Sie die Seite neu, um die neue Fassung zu sehen."
    )


@pytest.mark.parametrize(
    "language,expected",
    [
        ("en", "The comment is too long: at most 10,000 characters, this one has 10,001."),
        ("de", "Der Kommentar ist zu lang: höchstens 10.000 Zeichen, dieser hat 10.001."),
    ],
)
def test_a_too_long_comment_is_explained_in_the_request_language(
    alice_client, w3c_annotation, language, expected
):
    assert markup.MAX_LENGTH == 10_000
    data = w3c_annotation(comment="x" * (markup.MAX_LENGTH + 1))
    response = post_json(alice_client, COLLECTION, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"error": "invalid", "reason": expected}


def test_the_language_cookie_chooses_the_language(alice_client, alice, make_annotation, settings):
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = alice_client.delete(f"{COLLECTION}{make_annotation(alice).pk}/", HTTP_IF_MATCH='"x"')
    assert response.status_code == 412
    assert response.json()["reason"].startswith("Jemand hat diese Anmerkung geändert")


def test_someone_elses_annotation_is_explained_in_german(bob, client_for, alice, make_annotation):
    annotation = make_annotation(alice, visibility="shared")
    response = client_for(bob).delete(f"{COLLECTION}{annotation.pk}/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 403
    assert response.json() == {
        "error": "not_allowed",
        "reason": "Nur die Verfasserin oder der Verfasser kann diese Anmerkung ändern oder "
        "löschen.",
    }


@pytest.mark.parametrize(
    "change,code,expected",
    [
        (
            lambda d: d.update(type="Note"),
            "invalid",
            '"type" muss "Annotation" sein',
        ),
        (
            lambda d: d["target"].update(source="http://testserver/elsewhere/"),
            "unknown_article",
            "target.source „http://testserver/elsewhere/“ ist nicht die URL eines Artikels",
        ),
    ],
)
def test_a_malformed_annotation_is_explained_in_german(
    alice_client, w3c_annotation, change, code, expected
):
    data = w3c_annotation()
    change(data)
    response = post_json(alice_client, COLLECTION, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response.json() == {"error": code, "reason": expected}
