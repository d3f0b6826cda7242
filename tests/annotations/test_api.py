"""The W3C annotation API: create, read, replace, delete, list, replies, tokens, CSRF."""

import json

import pytest
from django.urls import reverse

from annotations import api, services
from annotations.models import Annotation
from annotations.w3c import ANNO_CONTEXT, MEDIA_TYPE

from .conftest import post_json, put_json

pytestmark = pytest.mark.django_db
COLLECTION = "/api/annotations/"


def test_post_answers_201_with_location_and_the_annotation(alice_client, w3c_annotation):
    response = post_json(
        alice_client, COLLECTION, w3c_annotation(comment="[Quelle](https://x.org)")
    )
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == MEDIA_TYPE
    annotation = Annotation.objects.get()
    assert response["Location"] == f"http://testserver/api/annotations/{annotation.pk}/"
    assert response["ETag"] == api.etag(annotation)
    data = response.json()
    assert data["id"] == response["Location"] and data["type"] == "Annotation"
    assert ANNO_CONTEXT in data["@context"]
    assert data["target"]["source"] == "http://testserver" + annotation.article.get_absolute_url()
    assert {s["type"] for s in data["target"]["selector"]} == {
        "TextPositionSelector",
        "TextQuoteSelector",
    }
    assert {"type": "TextualBody", "value": "nato", "purpose": "tagging"} in data["body"]
    assert 'rel="nofollow noopener"' in data["commentHtml"]
    assert data["visibility"] == "shared" and data["motivation"] == "commenting"


def test_get_put_delete_with_etags(alice_client, alice, make_annotation, w3c_annotation):
    annotation = make_annotation(alice)
    url = f"{COLLECTION}{annotation.pk}/"
    got = alice_client.get(url)
    assert got.status_code == 200 and got["ETag"]
    changed = got.json()
    changed["body"] = [{"type": "TextualBody", "value": "neu", "purpose": "commenting"}]
    # A stale ETag is refused; the current one is accepted and changes.
    stale = put_json(alice_client, url, changed, HTTP_IF_MATCH='"stale"')
    assert stale.status_code == 412
    put = put_json(alice_client, url, changed, HTTP_IF_MATCH=got["ETag"])
    assert put.status_code == 200, put.content
    assert put.json()["body"][0]["value"] == "neu" and put["ETag"] != got["ETag"]
    assert alice_client.delete(url, HTTP_IF_MATCH=got["ETag"]).status_code == 412
    assert alice_client.delete(url, HTTP_IF_MATCH=put["ETag"]).status_code == 204
    assert alice_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "change,code",
    [
        (lambda d: d["target"]["selector"][0].update(end=10**6), "selector_outside_body"),
        (lambda d: d["target"]["selector"][1].update(exact="Falsch"), "quote_mismatch"),
        (lambda d: d["target"].update(source="http://testserver/articles/nope/"), "invalid"),
        (lambda d: d["target"].update(source="http://testserver/elsewhere/"), "unknown_article"),
        (
            lambda d: d["target"].update(source="https://evil.example/articles/x/"),
            "unknown_article",
        ),
        (lambda d: d.update(type="Note"), "invalid"),
        (lambda d: d.pop("target"), "invalid"),
        (lambda d: d.update(visibility="public"), "invalid"),
        (lambda d: d["target"].update(selector=[{"type": "XPathSelector"}]), "invalid"),
        (lambda d: d.update(bodyValue="x"), "invalid"),
    ],
)
def test_invalid_annotations_get_a_400_with_the_reason(alice_client, w3c_annotation, change, code):
    data = w3c_annotation()
    change(data)
    response = post_json(alice_client, COLLECTION, data)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["reason"]
    if code != "invalid":
        assert body["error"] == code
    assert not Annotation.objects.exists()


def test_unknown_article_slug_is_a_clear_400(alice_client, w3c_annotation):
    data = w3c_annotation()
    data["target"]["source"] = "http://testserver" + reverse("articles:detail", args=["nope"])
    response = post_json(alice_client, COLLECTION, data)
    assert response.status_code == 400
    assert response.json() == {"error": "unknown_article", "reason": "There is no article “nope”."}


def test_not_json_is_a_400_or_415(alice_client):
    assert alice_client.post(COLLECTION, "{", content_type="application/json").status_code == 400
    assert alice_client.post(COLLECTION, {"a": "b"}).status_code == 400


def test_replies_are_annotations_targeting_annotations(alice, bob, client_for, make_annotation):
    root = make_annotation(alice, visibility="shared")
    bob_client = client_for(bob)
    reply = {
        "@context": ANNO_CONTEXT,
        "type": "Annotation",
        "motivation": "replying",
        "body": {"type": "TextualBody", "value": "Einverstanden", "purpose": "replying"},
        "target": f"http://testserver/api/annotations/{root.pk}/",
    }
    response = post_json(bob_client, COLLECTION, reply)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["target"] == reply["target"] and data["motivation"] == "replying"
    thread = client_for(alice).get(COLLECTION, {"thread": root.pk}).json()
    assert [item["id"] for item in thread["first"]["items"]] == [data["id"]]
    # Bob may not reply to what he cannot see: the same answer as for a missing annotation.
    private = make_annotation(alice)
    reply["target"] = f"http://testserver/api/annotations/{private.pk}/"
    refused = post_json(bob_client, COLLECTION, reply)
    reply["target"] = "http://testserver/api/annotations/999999/"
    missing = post_json(bob_client, COLLECTION, reply)
    assert refused.status_code == missing.status_code == 400
    assert refused.json() == missing.json()


def test_the_collection_is_paged(alice, alice_client, make_annotation, monkeypatch):
    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    for _ in range(5):
        make_annotation(alice)
    data = alice_client.get(COLLECTION, {"article": make_annotation(alice).article.slug}).json()
    assert data["type"] == "AnnotationCollection" and data["total"] == 6
    first = data["first"]
    assert first["type"] == "AnnotationPage" and len(first["items"]) == 2
    assert first["next"].endswith("page=1") and data["last"].endswith("page=2")
    page = alice_client.get(first["next"]).json()
    assert page["startIndex"] == 2 and page["partOf"]["id"] == data["id"]
    assert page["prev"] == first["id"] and page["next"].endswith("page=2")
    assert alice_client.get(COLLECTION, {"page": 9}).status_code == 404
    assert alice_client.get(COLLECTION, {"page": "x"}).status_code == 400


def test_the_collection_filters(alice, bob, alice_client, make_annotation):
    make_annotation(alice, comment="über Austin", tags="usa", visibility="shared")
    make_annotation(bob, comment="anderes", tags="nato", visibility="shared")
    total = lambda **q: alice_client.get(COLLECTION, q).json()["total"]  # noqa: E731
    assert total() == 2
    assert total(tag="usa") == 1 and total(tag="USA") == 1
    assert total(user="bob") == 1 and total(q="Austin") == 1 and total(q="NATO-General") == 2
    assert total(article="nope") == 0


def test_bearer_tokens_authenticate_scripts_without_csrf(alice, client_for, w3c_annotation):
    token, key = services.token_create(user=alice, name="script")
    client = client_for(csrf=True)
    response = post_json(client, COLLECTION, w3c_annotation(), HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201, response.content
    assert Annotation.objects.get().user == alice
    listed = client.get(COLLECTION, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert listed.status_code == 200 and listed.json()["total"] == 1
    services.token_revoke(token=token, user=alice)
    revoked = client.get(COLLECTION, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert revoked.status_code == 401 and "invalid_token" in revoked["WWW-Authenticate"]


def test_session_writes_need_the_csrf_token(alice, client_for, w3c_annotation, make_annotation):
    client = client_for(alice, csrf=True)
    assert post_json(client, COLLECTION, w3c_annotation()).status_code == 403
    annotation = make_annotation(alice)
    url = f"{COLLECTION}{annotation.pk}/"
    assert client.delete(url).status_code == 403
    # With the token from a page the user loaded, as the page script sends it.
    client.get(reverse("annotations:mine"))
    csrf = client.cookies["csrftoken"].value
    assert post_json(client, COLLECTION, w3c_annotation(), HTTP_X_CSRFTOKEN=csrf).status_code == 201
    assert client.delete(url, HTTP_X_CSRFTOKEN=csrf).status_code == 204


def test_anonymous_callers_get_401(client, alice, make_annotation, w3c_annotation):
    annotation = make_annotation(alice, visibility="shared")
    for response in (
        client.get(COLLECTION),
        post_json(client, COLLECTION, w3c_annotation()),
        client.get(f"{COLLECTION}{annotation.pk}/"),
        client.delete(f"{COLLECTION}{annotation.pk}/"),
    ):
        assert response.status_code == 401
        assert response.json()["error"] == "unauthenticated"


def test_wrong_methods_are_405_and_options_lists_them(alice_client, alice, make_annotation):
    annotation = make_annotation(alice)
    assert alice_client.put(COLLECTION).status_code == 405
    assert alice_client.post(f"{COLLECTION}{annotation.pk}/").status_code == 405
    options = alice_client.options(f"{COLLECTION}{annotation.pk}/")
    assert options.status_code == 204 and "DELETE" in options["Allow"]


def test_orphans_are_served_with_their_quote_only(alice, alice_client, article, make_annotation):
    annotation = make_annotation(alice)
    article.body = "Ganz anderer Text, ohne die Stelle."
    article.save(update_fields=["body"])
    services.annotations_reanchor(article=article)
    data = alice_client.get(f"{COLLECTION}{annotation.pk}/").json()
    assert data["orphaned"] is True
    assert [s["type"] for s in data["target"]["selector"]] == ["TextQuoteSelector"]


def test_deleted_thread_roots_answer_410(alice, bob, alice_client, make_annotation):
    root = make_annotation(alice, visibility="shared")
    services.reply_create(user=bob, parent=root, comment="Antwort")
    assert alice_client.delete(f"{COLLECTION}{root.pk}/").status_code == 204
    assert alice_client.get(f"{COLLECTION}{root.pk}/").status_code == 410
    assert json.loads(alice_client.get(COLLECTION).content)["total"] == 1  # the reply


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_with_dumpdata_and_loaddata_keeps_every_etag(
    alice_client, alice, make_annotation, tmp_path
):
    from django.core.management import call_command

    first = make_annotation(alice, comment="erste", visibility="shared")
    second = make_annotation(alice, comment="zweite", visibility="shared")
    reply = services.reply_create(parent=first, user=alice, comment="Antwort")
    ids = [first.pk, second.pk, reply.pk]
    before = {pk: alice_client.get(f"{COLLECTION}{pk}/")["ETag"] for pk in ids}
    backup = tmp_path / "annotations.json"
    call_command("dumpdata", "annotations.annotation", output=str(backup), verbosity=0)
    Annotation.objects.filter(pk__in=ids).delete()
    assert alice_client.get(f"{COLLECTION}{first.pk}/").status_code == 404
    call_command("loaddata", str(backup), verbosity=0)
    after = {pk: alice_client.get(f"{COLLECTION}{pk}/")["ETag"] for pk in ids}
    assert after == before
    # and an ETag still changes with a change made within the same millisecond
    restored = Annotation.objects.get(pk=second.pk)
    restored.comment = "geändert"
    assert api.etag(restored) != before[second.pk]
