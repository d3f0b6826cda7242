"""Tag suggestions for the article page's tag fields: the selector and GET /api/tags/."""

import pytest
from django.urls import reverse

from annotations import api, services
from annotations.selectors import tag_suggestions

pytestmark = pytest.mark.django_db
TAGS = "/api/tags/"


def annotate_with(make_annotation, user, names, **kwargs):
    """Annotations of ``user`` carrying ``names``, as many as the limit of tags per one needs."""
    for n in range(0, len(names), services.MAX_TAGS):
        make_annotation(user, tags=names[n : n + services.MAX_TAGS], **kwargs)


def article_tag_with(user, article, names):
    for n in range(0, len(names), services.MAX_TAGS):
        services.article_tag_add(user=user, article=article, names=names[n : n + services.MAX_TAGS])


def test_the_url_is_named():
    assert reverse("annotations:api-tags") == TAGS


def test_names_start_with_the_prefix_whatever_the_case_in_name_order(alice, make_annotation):
    make_annotation(alice, tags="Navy, Nato, Krieg, Nachschub")
    make_annotation(alice, tags="Natur, Rüstung")
    for prefix in ("na", "NA", "Na", "nA"):
        assert tag_suggestions(alice, prefix) == ["Nachschub", "Nato", "Natur", "Navy"]
    assert tag_suggestions(alice, "nat") == ["Nato", "Natur"]
    assert tag_suggestions(alice, "Rü") == ["Rüstung"]
    assert tag_suggestions(alice, "ato") == []  # a start, not a part anywhere
    assert tag_suggestions(alice, "") == ["Krieg", "Nachschub", "Nato", "Natur", "Navy", "Rüstung"]


def test_the_case_of_letters_beyond_ascii_is_ignored_too(alice, make_annotation):
    """On both databases (SQLite's LIKE alone ignores the case of ASCII letters only)."""
    make_annotation(alice, tags="Rüstung, Ökologie, Überwachung")
    assert tag_suggestions(alice, "RÜ") == ["Rüstung"]
    assert tag_suggestions(alice, "ök") == ["Ökologie"]
    assert tag_suggestions(alice, "üB") == ["Überwachung"]
    # Case-sensitive on PostgreSQL without the "i": this one would not match.
    assert tag_suggestions(alice, "rüstung") == ["Rüstung"]


def test_like_wildcards_in_the_prefix_are_plain_characters(alice, make_annotation):
    make_annotation(alice, tags="Nato, 50% Rabatt")
    assert tag_suggestions(alice, "%") == []
    assert tag_suggestions(alice, "_") == []
    assert tag_suggestions(alice, "50%") == ["50% Rabatt"]


def test_at_most_limit_names_the_first_by_name(alice, make_annotation):
    annotate_with(make_annotation, alice, [f"t{n:02}" for n in range(40)])
    assert tag_suggestions(alice, "t") == [f"t{n:02}" for n in range(30)]
    assert tag_suggestions(alice, "T", limit=5) == ["t00", "t01", "t02", "t03", "t04"]
    assert tag_suggestions(alice, "t1", limit=3) == ["t10", "t11", "t12"]
    assert tag_suggestions(alice, "t", limit=0) == []


def test_only_tags_the_user_may_see_or_on_an_article(alice, bob, staff, article, make_annotation):
    make_annotation(alice, tags="Alice privat")
    make_annotation(alice, tags="Alice geteilt", visibility="shared")
    hidden = make_annotation(alice, tags="Alice versteckt", visibility="shared")
    services.annotation_hide(annotation=hidden, user=staff)
    gone = make_annotation(bob, tags="Bob gelöscht")
    services.annotation_delete(annotation=gone, user=bob)
    services.article_tag_add(user=alice, article=article, names="Alice Artikel")

    assert tag_suggestions(alice, "alice") == [
        "Alice Artikel",
        "Alice geteilt",
        "Alice privat",
        "Alice versteckt",
    ]
    # Another reader: not alice's private annotation's tag nor the one staff hid, but the
    # shared one and any article tag.
    assert tag_suggestions(bob, "alice") == ["Alice Artikel", "Alice geteilt"]
    assert tag_suggestions(bob, "bob") == []  # on a deleted annotation only


def test_the_selector_is_one_query_whatever_the_number_of_tags(
    alice, bob, article, make_annotation, django_assert_num_queries
):
    annotate_with(make_annotation, alice, [f"Tag {n}" for n in range(40)], visibility="shared")
    annotate_with(make_annotation, bob, [f"Tag privat {n}" for n in range(40)])
    article_tag_with(bob, article, [f"Tag Artikel {n}" for n in range(20)])
    with django_assert_num_queries(1):
        names = tag_suggestions(alice, "tag")
    assert len(names) == 30 and not any("privat" in name for name in names)


# --- GET /api/tags/ -------------------------------------------------------------------------


def test_the_endpoint_answers_the_names_as_json(alice, bob, client_for, make_annotation):
    make_annotation(alice, tags="NATO, Nachschub, Krieg")
    make_annotation(bob, tags="Natur")  # private: not for alice
    response = client_for(alice).get(TAGS, {"prefix": "na"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # In a reader's order, whatever the case: "Nachschub" before "NATO".
    assert response.json() == {"tags": ["Nachschub", "NATO"]}
    assert client_for(alice).get(TAGS).json() == {"tags": ["Krieg", "Nachschub", "NATO"]}
    assert client_for(alice).get(TAGS, {"prefix": "  nac "}).json() == {"tags": ["Nachschub"]}
    assert client_for(bob).get(TAGS, {"prefix": "na"}).json() == {"tags": ["Natur"]}


def test_the_endpoint_gives_at_most_thirty(alice, alice_client, make_annotation):
    annotate_with(make_annotation, alice, [f"t{n:02}" for n in range(35)])
    names = alice_client.get(TAGS, {"prefix": "T"}).json()["tags"]
    assert names == [f"t{n:02}" for n in range(30)]


def test_a_long_prefix_is_cut_not_refused(alice, alice_client, make_annotation, monkeypatch):
    make_annotation(alice, tags="Nato")
    asked = []
    real = api.tag_suggestions
    monkeypatch.setattr(
        api,
        "tag_suggestions",
        lambda user, prefix, limit: asked.append(prefix) or real(user, prefix, limit),
    )
    response = alice_client.get(TAGS, {"prefix": "N" + "x" * 10_000})
    assert response.status_code == 200 and response.json() == {"tags": []}
    assert asked == ["N" + "x" * (api.PREFIX_MAX_LENGTH - 1)]


def test_anonymous_callers_get_401_as_from_the_other_endpoints(client, alice, make_annotation):
    make_annotation(alice, tags="Nato", visibility="shared")
    response = client.get(TAGS, {"prefix": "n"})
    assert response.status_code == 401
    assert response.json()["error"] == "unauthenticated"
    assert 'realm="newsreader"' in response["WWW-Authenticate"]


def test_bearer_tokens_work_and_revoked_ones_get_401(alice, client_for, make_annotation):
    make_annotation(alice, tags="Nato")  # private: the token speaks for alice
    token, key = services.token_create(user=alice, name="script")
    client = client_for(csrf=True)
    response = client.get(TAGS, {"prefix": "n"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json() == {"tags": ["Nato"]}
    assert "Authorization" in response["Vary"]
    services.token_revoke(token=token, user=alice)
    revoked = client.get(TAGS, {"prefix": "n"}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert revoked.status_code == 401 and "invalid_token" in revoked["WWW-Authenticate"]


def test_only_get_is_allowed(alice_client):
    response = alice_client.post(TAGS, {"prefix": "n"})
    assert response.status_code == 405 and response.json()["error"] == "method_not_allowed"
    assert alice_client.options(TAGS)["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("tags", [1, 60])
def test_the_endpoint_queries_do_not_grow_with_the_tags(
    tags, alice, bob, article, client_for, make_annotation, django_assert_max_num_queries
):
    annotate_with(make_annotation, alice, [f"Tag {n}" for n in range(tags)], visibility="shared")
    article_tag_with(bob, article, [f"Tag b{n}" for n in range(tags)])
    client = client_for(bob)
    with django_assert_max_num_queries(3):  # the session, its user, the suggestions
        response = client.get(TAGS, {"prefix": "tag"})
    assert len(response.json()["tags"]) == min(2 * tags, 30)
