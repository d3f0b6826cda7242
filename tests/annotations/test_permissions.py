"""The permission matrix: every endpoint, for the author, another user, staff and anonymous.

A private annotation exists for its author alone: for anyone else every endpoint answers as
for an id that was never used (404, or the same 400 as a missing reply target), and it is in
no list, count, search, export or tag page.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from annotations import services
from annotations.models import Annotation

from .conftest import post_json, put_json

pytestmark = pytest.mark.django_db

ACTORS = ["author", "other", "staff", "anonymous"]


@pytest.fixture
def actors(alice, bob, staff, client_for):
    return {
        "author": client_for(alice),
        "other": client_for(bob),
        "staff": client_for(staff),
        "anonymous": client_for(None),
    }


@pytest.fixture
def objects(alice, staff, make_annotation):
    private = make_annotation(alice, comment="geheim", tags="privat-tag")
    shared = make_annotation(alice, visibility="shared", comment="offen", tags="geteilt-tag")
    hidden = make_annotation(alice, visibility="shared", comment="versteckt", tags="hidden-tag")
    services.annotation_hide(annotation=hidden, user=staff)
    return {"private": private, "shared": shared, "hidden": hidden}


def _detail(annotation):
    return f"/api/annotations/{annotation.pk}/"


def _body(client, annotation):
    from annotations.w3c import annotation_to_jsonld

    data = annotation_to_jsonld(annotation, lambda path: "http://testserver" + path)
    data["body"] = [{"type": "TextualBody", "value": "geändert", "purpose": "commenting"}]
    return data


def _reply(annotation):
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "Antwort"},
        "target": "http://testserver" + _detail(annotation),
    }


# (object, actor) -> expected status for each action.
EXPECTED = {
    "get": {
        "private": {"author": 200, "other": 404, "staff": 404, "anonymous": 401},
        "shared": {"author": 200, "other": 200, "staff": 200, "anonymous": 401},
        "hidden": {"author": 200, "other": 404, "staff": 200, "anonymous": 401},
    },
    "put": {
        "private": {"author": 200, "other": 404, "staff": 404, "anonymous": 401},
        "shared": {"author": 200, "other": 403, "staff": 403, "anonymous": 401},
        "hidden": {"author": 200, "other": 404, "staff": 403, "anonymous": 401},
    },
    "delete": {
        "private": {"author": 204, "other": 404, "staff": 404, "anonymous": 401},
        "shared": {"author": 204, "other": 403, "staff": 403, "anonymous": 401},
        "hidden": {"author": 204, "other": 404, "staff": 403, "anonymous": 401},
    },
    "reply": {
        "private": {"author": 201, "other": 400, "staff": 400, "anonymous": 401},
        "shared": {"author": 201, "other": 201, "staff": 201, "anonymous": 401},
        "hidden": {"author": 201, "other": 400, "staff": 201, "anonymous": 401},
    },
    "hide": {
        "private": {"author": 403, "other": 404, "staff": 404, "anonymous": 302},
        "shared": {"author": 403, "other": 403, "staff": 302, "anonymous": 302},
        "hidden": {"author": 403, "other": 404, "staff": 302, "anonymous": 302},
    },
}


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("kind", ["private", "shared", "hidden"])
@pytest.mark.parametrize("actor", ACTORS)
def test_the_permission_matrix(actors, objects, action, kind, actor):
    client, annotation = actors[actor], objects[kind]
    if action == "get":
        response = client.get(_detail(annotation))
    elif action == "put":
        response = put_json(client, _detail(annotation), _body(client, annotation))
    elif action == "delete":
        response = client.delete(_detail(annotation))
    elif action == "reply":
        response = post_json(client, "/api/annotations/", _reply(annotation))
    else:
        response = client.post(reverse("annotations:hide", args=[annotation.pk]))
    assert response.status_code == EXPECTED[action][kind][actor], response.content
    if response.status_code == 404 and action != "hide":
        # Indistinguishable from an id that was never used.
        assert response.json() == client.get("/api/annotations/999999/").json()


def test_a_strangers_reply_to_a_private_annotation_looks_like_a_missing_one(actors, objects):
    refused = post_json(actors["other"], "/api/annotations/", _reply(objects["private"]))
    never = _reply(objects["private"])
    never["target"] = "http://testserver/api/annotations/999999/"
    assert refused.json() == post_json(actors["other"], "/api/annotations/", never).json()


@pytest.mark.parametrize("actor", ["author", "other", "staff"])
def test_lists_counts_searches_exports_and_tag_pages_hold_only_what_one_may_see(
    actors, objects, actor
):
    client = actors[actor]
    sees = {
        "author": {"private", "shared", "hidden"},
        "other": {"shared"},
        "staff": {"shared", "hidden"},
    }[actor]
    ids = {kind: f"/api/annotations/{a.pk}/" for kind, a in objects.items()}
    listed = client.get("/api/annotations/").json()
    assert {i["id"].removeprefix("http://testserver") for i in listed["first"]["items"]} == {
        ids[k] for k in sees
    }
    assert listed["total"] == len(sees)
    for kind, word in [("private", "geheim"), ("shared", "offen"), ("hidden", "versteckt")]:
        found = client.get("/api/annotations/", {"q": word}).json()["total"]
        assert found == (1 if kind in sees else 0), (kind, actor)
    for kind, tag in [
        ("private", "privat-tag"),
        ("shared", "geteilt-tag"),
        ("hidden", "hidden-tag"),
    ]:
        by_tag = client.get("/api/annotations/", {"tag": tag}).json()["total"]
        assert by_tag == (1 if kind in sees else 0)
        page = client.get(reverse("annotations:tag", args=[tag]))
        # A tag only what one may not see carries is as unknown as a tag never used.
        assert page.status_code == (200 if kind in sees else 404), (kind, actor)
        text = {"private": "geheim", "shared": "offen", "hidden": "versteckt"}[kind]
        assert (text in page.content.decode()) == (kind in sees), (kind, actor)
    # Exports and "My annotations" hold one's own annotations only.
    for fmt in ("csv", "md", "jsonld"):
        content = client.get(reverse("annotations:export", args=[fmt])).content.decode()
        for word in ("geheim", "offen", "versteckt"):
            assert (word in content) == (actor == "author"), (fmt, word)
    mine = client.get(reverse("annotations:mine")).content.decode()
    assert ("geheim" in mine) == (actor == "author")


def test_the_article_page_selector_holds_only_what_one_may_see(alice, bob, staff, objects):
    from annotations.selectors import article_annotations_for

    article = objects["private"].article
    seen = {
        user.username: {row["id"] for row in article_annotations_for(user, article)}
        for user in (alice, bob, staff)
    }
    assert seen == {
        "alice": {a.pk for a in objects.values()},
        "bob": {objects["shared"].pk},
        "staff": {objects["shared"].pk, objects["hidden"].pk},
    }
    # The article page's shortcut for highlights is the general rule's answer, replies aside.
    services.reply_create(user=bob, parent=objects["shared"], comment="Antwort")
    for user in (alice, bob, staff, AnonymousUser()):
        highlights = set(Annotation.objects.highlights_visible_to(user))
        assert highlights == set(Annotation.objects.visible_to(user).roots()), user


def test_replies_vanish_with_their_thread(alice, bob, objects):
    reply = services.reply_create(user=bob, parent=objects["shared"], comment="meins")
    services.annotation_update(annotation=objects["shared"], user=alice, visibility="private")
    assert not Annotation.objects.visible_to(bob).filter(pk=reply.pk).exists()


@pytest.mark.parametrize(
    "name,args",
    [
        ("annotations:mine", []),
        ("annotations:tokens", []),
        ("annotations:tag", ["x"]),
        ("annotations:export", ["csv"]),
    ],
)
def test_anonymous_users_are_sent_to_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_wrong_methods_are_405(alice_client, alice, objects):
    token, _ = services.token_create(user=alice, name="t")
    assert (
        alice_client.get(reverse("annotations:hide", args=[objects["shared"].pk])).status_code
        == 405
    )
    assert alice_client.get(reverse("annotations:token-revoke", args=[token.pk])).status_code == 405
    assert alice_client.post(reverse("annotations:mine")).status_code == 405
    assert alice_client.post(reverse("annotations:export", args=["csv"])).status_code == 405
    assert alice_client.put(reverse("annotations:tokens")).status_code == 405


def test_nobody_revokes_someone_elses_token(alice, bob, client_for):
    token, key = services.token_create(user=alice, name="t")
    response = client_for(bob).post(reverse("annotations:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    assert services.token_authenticate(key=key) == alice


def test_html_writes_need_the_csrf_token(alice, staff, client_for, objects, article):
    for user, url, data in [
        (alice, reverse("annotations:tokens"), {"name": "x"}),
        (staff, reverse("annotations:hide", args=[objects["shared"].pk]), {}),
        (alice, reverse("annotations:article-tag-add", args=[article.slug]), {"tags": "a"}),
    ]:
        assert client_for(user, csrf=True).post(url, data).status_code == 403
