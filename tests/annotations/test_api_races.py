"""Two writes with the same If-Match at the same moment: one goes through, the other gets 412
(never a 500), on PostgreSQL (the row is locked) and on SQLite (writers queue for the lock)."""

import time

import pytest

from annotations import api
from annotations.models import Annotation
from tests.conftest import run_in_threads

from .conftest import put_json

COLLECTION = "/api/annotations/"


@pytest.fixture
def slow_check(monkeypatch):
    """Each write waits a while between reading the annotation and changing it, so that
    without a lock both writes would read the same version before either of them changes it."""
    check = api._if_match_fails

    def slow(request, annotation):
        failed = check(request, annotation)
        time.sleep(0.3)
        return failed

    monkeypatch.setattr(api, "_if_match_fails", slow)


def with_comment(document: dict, comment: str) -> dict:
    bodies = [body for body in document["body"] if body.get("purpose") != "commenting"]
    bodies.append({"type": "TextualBody", "value": comment, "purpose": "commenting"})
    return {**document, "body": bodies}


def test_two_puts_with_the_same_etag_give_one_success_and_one_412(
    concurrent_db, slow_check, alice, make_annotation, client_for
):
    annotation = make_annotation(alice, comment="Erst.", visibility="shared")
    url = f"{COLLECTION}{annotation.pk}/"
    clients = [client_for(alice), client_for(alice)]
    opened = clients[0].get(url)
    document, tag = opened.json(), opened["ETag"]
    answers = {}

    def put(n):
        data = with_comment(document, f"Fassung {n}.")
        answers[n] = put_json(clients[n], url, data, HTTP_IF_MATCH=tag)

    assert run_in_threads(put, 2) == []
    assert sorted(response.status_code for response in answers.values()) == [200, 412]
    (winner,) = (n for n, response in answers.items() if response.status_code == 200)
    loser = answers[1 - winner]
    assert loser.json()["error"] == "precondition_failed"
    current = Annotation.objects.get(pk=annotation.pk)
    assert current.comment == f"Fassung {winner}."
    assert loser["ETag"] == answers[winner]["ETag"] == api.etag(current)


def test_a_put_and_a_delete_with_the_same_etag_never_both_succeed(
    concurrent_db, slow_check, alice, make_annotation, client_for
):
    """Whichever comes second fails: a PUT after the delete finds nothing (404, as it would
    without If-Match), a DELETE after the PUT finds a newer version (412)."""
    annotation = make_annotation(alice, comment="Erst.")
    url = f"{COLLECTION}{annotation.pk}/"
    clients = [client_for(alice), client_for(alice)]
    opened = clients[0].get(url)
    document, tag = opened.json(), opened["ETag"]
    answers = {}

    def write(n):
        if n == 0:
            data = with_comment(document, "Neu.")
            answers["PUT"] = put_json(clients[n], url, data, HTTP_IF_MATCH=tag).status_code
        else:
            answers["DELETE"] = clients[n].delete(url, HTTP_IF_MATCH=tag).status_code

    assert run_in_threads(write, 2) == []
    assert answers in ({"PUT": 200, "DELETE": 412}, {"PUT": 404, "DELETE": 204})
    exists = Annotation.objects.filter(pk=annotation.pk).exists()
    assert exists == (answers["PUT"] == 200)
