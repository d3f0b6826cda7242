"""``Annotation.edited``: the author's own changes, apart from ``modified``, which staff hiding,
deleting and re-anchoring move too (the ETag's basis). The page says "edited" by ``edited``."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from annotations import services
from annotations.models import Annotation, Tag
from annotations.selectors import article_annotations_for

from .conftest import post_json, put_json

pytestmark = pytest.mark.django_db

COLLECTION = "/api/annotations/"
backfill_edited = importlib.import_module(
    "annotations.migrations.0002_annotation_edited"
).backfill_edited


def fresh(annotation):
    annotation.refresh_from_db()
    return annotation


def test_a_new_annotation_and_a_new_reply_are_not_edited(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared", comment="Quelle?")
    reply = services.reply_create(user=bob, parent=root, comment="Hier.")
    assert root.edited is None and reply.edited is None


@pytest.mark.parametrize(
    "change",
    [
        {"comment": "neu"},
        {"tags": "NATO, Rüstung"},
        {"visibility": "private"},
        {"colour": "green"},
        {"exact": "Jens Stoltenberg"},
    ],
    ids=["comment", "tags", "visibility", "colour", "passage"],
)
def test_the_authors_change_marks_it_edited(alice, make_annotation, change):
    annotation = make_annotation(alice, visibility="shared", comment="alt", tags="NATO")
    before = timezone.now()
    services.annotation_update(annotation=annotation, user=alice, **change)
    annotation = fresh(annotation)
    assert annotation.edited is not None and annotation.edited >= before
    assert annotation.modified >= annotation.edited


def test_a_reply_its_author_changed_is_edited_and_its_thread_is_not(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared", comment="Quelle?")
    reply = services.reply_create(user=bob, parent=root, comment="Hier.")
    services.annotation_update(annotation=reply, user=bob, comment="Hier, Seite 3.")
    assert fresh(reply).edited is not None
    assert fresh(root).edited is None


def test_the_same_values_sent_back_are_no_edit(alice, make_annotation, passage):
    annotation = make_annotation(alice, visibility="shared", comment="alt", tags="NATO")
    modified = annotation.modified
    start, end = passage
    services.annotation_update(
        annotation=annotation,
        user=alice,
        comment=" alt ",
        tags="nato",  # the same tag, whatever the case
        visibility="shared",
        colour="yellow",
        start=start,
        end=end,
    )
    annotation = fresh(annotation)
    assert annotation.edited is None and annotation.modified > modified


def test_a_tag_beyond_ascii_in_another_case_is_the_same_tag_and_no_edit(alice, make_annotation):
    """SQLite's iexact folds ASCII letters only: "ölpreis" made a second tag there."""
    annotation = make_annotation(alice, tags="Ölpreis, Überwachung")
    services.annotation_update(annotation=annotation, user=alice, tags="ölpreis, ÜBERWACHUNG")
    annotation = fresh(annotation)
    assert annotation.edited is None
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Ölpreis", "Überwachung"]
    assert services.tags_get_or_create(names=["olpreis"])[0].name == "olpreis"  # accents count


def test_a_visibility_change_gives_the_replies_a_new_etag_but_no_edit(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared")
    reply = services.reply_create(user=bob, parent=root, comment="Antwort")
    before = fresh(reply).modified
    services.annotation_update(annotation=fresh(root), user=alice, visibility="private")
    reply = fresh(reply)
    assert reply.visibility == "private" and reply.modified > before and reply.edited is None


def test_a_deleted_root_says_nothing_of_its_edits(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared", comment="alt")
    services.reply_create(user=bob, parent=root, comment="Antwort")  # the thread stays
    services.annotation_update(annotation=fresh(root), user=alice, comment="neu")
    services.annotation_delete(annotation=fresh(root), user=alice)
    (row,) = article_annotations_for(alice, root.article)
    assert row["deleted"] and row["edited"] is None


def test_staff_hiding_and_showing_move_modified_but_are_no_edit(alice, staff, make_annotation):
    one, many = (make_annotation(alice, visibility="shared") for _ in range(2))
    modified = {a.pk: a.modified for a in (one, many)}
    services.annotation_hide(annotation=one, user=staff)
    services.annotation_hide(annotation=fresh(one), user=staff, hidden=False)
    queryset = Annotation.objects.filter(pk=many.pk)
    services.annotations_set_hidden(queryset=queryset, user=staff)
    services.annotations_set_hidden(queryset=queryset, user=staff, hidden=False)
    for annotation in (one, many):
        annotation = fresh(annotation)
        assert annotation.modified > modified[annotation.pk]  # a new ETag
        assert annotation.edited is None


def test_deleting_a_thread_root_is_no_edit(alice, bob, make_annotation):
    root = make_annotation(alice, visibility="shared", comment="Quelle?")
    services.reply_create(user=bob, parent=root, comment="Hier.")
    services.annotation_delete(annotation=root, user=alice)
    root = fresh(root)
    assert root.deleted and root.edited is None


def test_re_anchoring_moves_and_orphans_without_an_edit(alice, bob, article, make_annotation):
    moved = make_annotation(alice, comment="bleibt")
    gone_start = article.body.index("auf dem US-Luftwaffenstützpunkt Ramstein")
    gone = make_annotation(bob, span=(gone_start, gone_start + 40), comment="weg")
    lost = article.body[gone_start - 40 : gone_start + 80]
    old_body = article.body
    article.body = "Neuer erster Satz. " + old_body.replace(lost, " ")
    article.save()
    result = services.annotations_reanchor(article=article, old_body=old_body)
    assert (result.moved, result.orphaned) == (1, 1)
    assert fresh(moved).edited is None and fresh(gone).edited is None
    assert fresh(gone).orphaned


def test_the_page_data_and_the_w3c_document_say_when_it_was_edited(
    alice, client_for, article, make_annotation
):
    kept, changed = (make_annotation(alice, visibility="shared") for _ in range(2))
    services.annotation_update(annotation=changed, user=alice, comment="neu")
    changed = fresh(changed)

    data = {a["id"]: a for a in article_annotations_for(alice, article)}
    assert data[kept.pk]["edited"] is None
    assert data[changed.pk]["edited"] == changed.edited.isoformat()

    client = client_for(alice)
    assert "edited" not in client.get(f"{COLLECTION}{kept.pk}/").json()
    doc = client.get(f"{COLLECTION}{changed.pk}/").json()
    assert doc["edited"] == changed.edited.isoformat(timespec="seconds").replace("+00:00", "Z")
    assert doc["@context"][1]["edited"]["@id"] == "nr:edited"


def test_a_client_cannot_set_edited(alice, alice_client, make_annotation, w3c_annotation):
    created = post_json(alice_client, COLLECTION, w3c_annotation(edited="2020-01-01T00:00:00Z"))
    assert created.status_code == 201, created.content
    assert "edited" not in created.json()
    annotation = Annotation.objects.get()
    assert annotation.edited is None
    # Sent back unchanged but for "edited": still not edited; changed: edited now, not then.
    url = f"{COLLECTION}{annotation.pk}/"
    doc = alice_client.get(url).json()
    assert put_json(alice_client, url, {**doc, "edited": "2020-01-01T00:00:00Z"}).status_code == 200
    assert fresh(annotation).edited is None
    doc["body"] = [{"type": "TextualBody", "value": "neu", "purpose": "commenting"}]
    answer = put_json(alice_client, url, {**doc, "edited": "2020-01-01T00:00:00Z"})
    assert answer.status_code == 200 and not answer.json()["edited"].startswith("2020")


def test_the_backfill_keeps_edited_where_the_author_likely_changed_it(alice, bob, make_annotation):
    """The migration's backfill: ``edited = modified`` where ``modified`` is a second or more
    after ``created`` and the annotation is not hidden, deleted or orphaned."""
    made = timezone.now() - timedelta(days=3)
    later = made + timedelta(days=1)
    rows = {
        "edited": {"modified": later},
        "same second": {"modified": made + timedelta(milliseconds=400)},
        "hidden": {"modified": later, "hidden_by_staff": True},
        "deleted": {"modified": later, "deleted": True, "comment": ""},
        "orphaned": {"modified": later, "orphaned": True, "start": None, "end": None},
        "already": {"modified": later, "edited": made + timedelta(hours=1)},
    }
    ids = {}
    for name, values in rows.items():
        pk = make_annotation(alice, visibility="shared", comment=name).pk
        Annotation.objects.filter(pk=pk).update(created=made, **values)  # no auto_now here
        ids[name] = pk
    root = Annotation.objects.get(pk=ids["edited"])
    reply = services.reply_create(user=bob, parent=root, comment="Antwort")
    Annotation.objects.filter(pk=reply.pk).update(created=made, modified=later)

    backfill_edited(apps, None)

    edited = dict(Annotation.objects.values_list("pk", "edited"))
    assert edited[ids["edited"]] == later and edited[reply.pk] == later
    assert edited[ids["already"]] == made + timedelta(hours=1)  # left as it is
    for name in ("same second", "hidden", "deleted", "orphaned"):
        assert edited[ids[name]] is None, name
