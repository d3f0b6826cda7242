"""Writes: creating, replying, editing, deleting, hiding, tags, tokens, re-anchoring."""

import pytest
from django.db import IntegrityError, transaction

from annotations import services
from annotations.models import Annotation, ApiToken, Tag

pytestmark = pytest.mark.django_db


def test_create_stores_both_selectors_and_renders_the_comment(alice, article, passage):
    start, end = passage
    annotation = services.annotation_create(
        user=alice, article=article, start=start, end=end, comment="**wichtig**", tags="NATO, Krieg"
    )
    assert (annotation.start, annotation.end) == passage
    assert annotation.exact == article.body[start:end] == "NATO-Generalsekretär Jens Stoltenberg"
    assert annotation.prefix == article.body[start - 32 : start]
    assert annotation.suffix == article.body[end : end + 32]
    assert annotation.comment_html == "<p><strong>wichtig</strong></p>"
    assert sorted(t.name for t in annotation.tags.all()) == ["Krieg", "NATO"]
    assert annotation.visibility == "private" and annotation.colour == "yellow"


def test_a_highlight_without_comment_is_allowed(alice, make_annotation):
    annotation = make_annotation(alice)
    assert annotation.comment == "" and annotation.comment_html == ""


def test_a_quote_alone_is_enough(alice, article):
    annotation = services.annotation_create(user=alice, article=article, exact="Jens Stoltenberg")
    assert article.body[annotation.start : annotation.end] == "Jens Stoltenberg"


@pytest.mark.parametrize(
    "selector,error",
    [
        ({"start": 10, "end": 10**6}, services.SelectorOutsideBody),
        ({"start": -1, "end": 5}, services.SelectorOutsideBody),
        ({"start": 5, "end": 5}, services.SelectorOutsideBody),
        ({"start": 0, "end": 5, "exact": "nicht"}, services.QuoteMismatch),
        ({"exact": "Dieser Satz steht nirgends im Artikel"}, services.QuoteMismatch),
        ({}, services.AnnotationError),
    ],
)
def test_bad_selectors_are_typed_errors(alice, article, selector, error):
    with pytest.raises(error) as info:
        services.annotation_create(user=alice, article=article, **selector)
    assert str(info.value)
    assert not Annotation.objects.exists()


@pytest.mark.parametrize(
    "kwargs", [{"visibility": "public"}, {"colour": "red"}, {"comment": "x" * 10_001}]
)
def test_bad_fields_are_refused(alice, make_annotation, kwargs):
    with pytest.raises(services.AnnotationError):
        make_annotation(alice, **kwargs)


def test_tags_are_one_per_name_whatever_the_case(alice, bob, make_annotation):
    make_annotation(alice, tags=["Ukraine", " ukraine ", "UKRAINE"])
    make_annotation(bob, tags="ukraine,  Krieg  im   Osten")
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Krieg im Osten", "Ukraine"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="UKRAINE", slug="other")


def test_too_many_or_too_long_tags_are_refused(alice, make_annotation):
    with pytest.raises(services.AnnotationError):
        make_annotation(alice, tags=[f"t{i}" for i in range(21)])
    with pytest.raises(services.AnnotationError):
        make_annotation(alice, tags=["x" * 51])


def test_replies_join_the_thread_with_its_visibility(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared")
    reply = services.reply_create(user=bob, parent=root, comment="Stimmt.")
    nested = services.reply_create(user=alice, parent=reply, comment="Danke.")
    assert reply.root == root and nested.root == root and nested.parent == reply
    assert reply.visibility == nested.visibility == "shared"
    services.annotation_update(annotation=root, user=alice, visibility="private")
    assert set(root.thread.values_list("visibility", flat=True)) == {"private"}
    assert not Annotation.objects.visible_to(bob).exists()


def test_nobody_replies_to_what_they_cannot_see(alice, bob, make_annotation):
    private = make_annotation(alice)
    with pytest.raises(services.UnknownTarget):
        services.reply_create(user=bob, parent=private, comment="?")
    with pytest.raises(services.AnnotationError):
        services.reply_create(user=alice, parent=private, comment="  ")


def test_only_the_author_edits_or_deletes(alice, bob, make_annotation):
    annotation = make_annotation(alice, visibility="shared")
    with pytest.raises(services.NotAllowed):
        services.annotation_update(annotation=annotation, user=bob, comment="mine now")
    with pytest.raises(services.NotAllowed):
        services.annotation_delete(annotation=annotation, user=bob)
    services.annotation_update(annotation=annotation, user=alice, comment="_neu_", colour="green")
    annotation.refresh_from_db()
    assert annotation.comment_html == "<p><em>neu</em></p>" and annotation.colour == "green"


def test_a_deleted_annotation_with_replies_keeps_its_thread(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared", comment="Quelle?", tags="x")
    reply = services.reply_create(user=bob, parent=root, comment="Hier.")
    assert services.annotation_delete(annotation=root, user=alice) is False
    root.refresh_from_db()
    assert root.deleted and root.comment == "" and not root.tags.exists()
    assert Annotation.objects.visible_to(bob).filter(pk=reply.pk).exists()
    # The last reply going takes the emptied annotation with it.
    assert services.annotation_delete(annotation=reply, user=bob) is True
    assert not Annotation.objects.exists()


def test_an_annotation_without_replies_is_deleted(alice, make_annotation):
    annotation = make_annotation(alice)
    assert services.annotation_delete(annotation=annotation, user=alice) is True
    assert not Annotation.objects.exists()


def test_staff_hide_shared_annotations_only(alice, bob, staff, make_annotation):
    shared = make_annotation(alice, visibility="shared")
    private = make_annotation(alice)
    with pytest.raises(services.NotAllowed):
        services.annotation_hide(annotation=shared, user=bob)
    with pytest.raises(services.NotAllowed):
        services.annotation_hide(annotation=private, user=staff)
    services.annotation_hide(annotation=shared, user=staff)
    assert not Annotation.objects.visible_to(bob).exists()
    assert Annotation.objects.visible_to(alice).filter(pk=shared.pk).exists()
    assert Annotation.objects.visible_to(staff).filter(pk=shared.pk).exists()


def test_database_constraints_hold(alice, article):
    bad = [
        {"start": 5, "end": 3},
        {"start": None, "end": None},  # neither orphaned nor a reply
        {"start": 1, "end": 3, "visibility": "public"},
        {"start": 1, "end": 3, "colour": "red"},
        {"start": 1, "end": 3, "orphaned": True},
    ]
    for fields in bad:
        with pytest.raises(IntegrityError), transaction.atomic():
            Annotation.objects.create(article=article, user=alice, **fields)


def test_tokens_are_stored_hashed_and_can_be_revoked(alice, bob):
    token, key = services.token_create(user=alice, name="script")
    assert key.startswith("nr_") and len(key) > 40
    assert key not in token.key_hash and token.prefix == key[:10]
    assert services.token_authenticate(key=key) == alice
    assert services.token_authenticate(key=key + "x") is None
    assert services.token_authenticate(key="") is None
    with pytest.raises(services.NotAllowed):
        services.token_revoke(token=token, user=bob)
    services.token_revoke(token=token, user=alice)
    assert services.token_authenticate(key=key) is None
    assert ApiToken.objects.get().last_used is not None
    with pytest.raises(services.AnnotationError):
        services.token_create(user=alice, name="  ")


def test_article_tags(alice, bob, article):
    services.article_tag_add(user=alice, article=article, names="NATO, Ukraine")
    services.article_tag_add(user=bob, article=article, names="nato")
    assert article.article_tags.count() == 3
    services.article_tag_remove(user=alice, article=article, tag=Tag.objects.get(name="NATO"))
    assert list(article.article_tags.values_list("user__username", "tag__name")) == [
        ("bob", "NATO"),
        ("alice", "Ukraine"),
    ] or sorted(article.article_tags.values_list("user__username", flat=True)) == ["alice", "bob"]


# --- re-anchoring ---------------------------------------------------------------------------


def _replace_body(article, new_body):
    old = article.body
    article.body = new_body
    article.save(update_fields=["body"])
    return services.annotations_reanchor(article=article, old_body=old)


def test_reanchor_moves_highlights_and_orphans_lost_ones(alice, bob, article, make_annotation):
    moved = make_annotation(alice)
    gone_start = article.body.index("auf dem US-Luftwaffenstützpunkt Ramstein")
    gone = make_annotation(bob, span=(gone_start, gone_start + 40), comment="weg")
    lost = article.body[gone_start - 40 : gone_start + 80]
    new_body = "Neuer erster Satz. " + article.body.replace(lost, " ")
    result = _replace_body(article, new_body)
    assert (result.moved, result.orphaned) == (1, 1)
    moved.refresh_from_db()
    assert (
        new_body[moved.start : moved.end] == moved.exact == "NATO-Generalsekretär Jens Stoltenberg"
    )
    gone.refresh_from_db()
    assert gone.orphaned and gone.start is None and gone.exact and gone.comment == "weg"
    # Orphans are kept, never dropped; if the passage comes back, so does the highlight.
    result = _replace_body(article, article.body + " " + lost)
    gone.refresh_from_db()
    assert result.recovered == 1 and not gone.orphaned
    assert article.body[gone.start : gone.end] == gone.exact


def test_reanchor_is_fuzzy_where_the_passage_changed_a_little(alice, article):
    phrase = "ein militärischer Sieg Russlands in der Ukraine eine Niederlage"
    start = article.body.index(phrase)
    annotation = services.annotation_create(
        user=alice, article=article, start=start, end=start + len(phrase)
    )
    result = _replace_body(article, article.body.replace(phrase, phrase.replace("eine", "die")))
    annotation.refresh_from_db()
    assert result.moved == 1 and not annotation.orphaned
    assert "Sieg Russlands in der Ukraine" in annotation.exact


def test_reanchor_without_change_changes_nothing(alice, article, make_annotation):
    make_annotation(alice)
    assert services.annotations_reanchor(article=article, old_body=article.body).unchanged == 1
    assert services.annotations_reanchor(article=article).unchanged == 1
