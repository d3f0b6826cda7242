"""Tags are listed in a reader's order on both databases: whatever the case, with umlauts beside
their base letter; not in the databases' code-point order ("Zoll" before "alice", "Ölpreis"
after every ASCII name). Run with SQLite and with PostgreSQL (``DATABASE_URL``)."""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from annotations import services
from annotations.models import ArticleTag, Tag
from annotations.selectors import (
    article_annotations_for,
    article_tags_for,
    tag_suggestions,
    tags_in_use,
)
from annotations.text import in_reading_order, reading_key

pytestmark = pytest.mark.django_db

set_sort_keys = importlib.import_module("annotations.migrations.0003_tag_sort_key").set_sort_keys

# As a reader looks for them; in code-point order "Zoll" and "Ukraine" would come before
# "alicesecret", and "Ölpreis", "Überwachung" and "ägypten" last.
READING_ORDER = [
    "ägypten",
    "alicesecret",
    "Olpreis",
    "Ölpreis",
    "Russland",
    "Rüstung",
    "Straße",
    "Strasse 2",
    "Überwachung",
    "Ukraine",
    "Zoll",
]
SHUFFLED = ["Zoll", "Ukraine", "Überwachung", "alicesecret", "Ölpreis", "Russland", "Straße",
            "Olpreis", "ägypten", "Rüstung", "Strasse 2"]  # fmt: skip


def test_the_key_folds_case_and_drops_accents():
    assert reading_key("Überwachung") == "uberwachung"
    assert reading_key("ÖLPREIS") == reading_key("ölpreis") == "olpreis"
    assert reading_key("Straße") == "strasse"
    assert reading_key("Café ﬁnal") == "cafe final"  # compatibility forms too
    assert in_reading_order(SHUFFLED) == READING_ORDER


def test_a_tag_keeps_its_key_when_saved_or_renamed():
    tag = Tag.objects.create(name="Überwachung", slug="uberwachung")
    assert tag.sort_key == "uberwachung"
    tag.name = "Ölpreis"
    tag.save(update_fields=["name"])
    tag.refresh_from_db()
    assert tag.sort_key == "olpreis"


def test_tags_are_listed_in_reading_order(alice, bob, article, make_annotation):
    services.article_tag_add(user=bob, article=article, names=SHUFFLED[:6])
    make_annotation(alice, tags=SHUFFLED[6:])
    assert list(Tag.objects.values_list("name", flat=True)) == READING_ORDER
    assert [tag.name for tag in tags_in_use(alice)] == READING_ORDER
    assert list(tags_in_use(alice).values_list("name", flat=True)) == READING_ORDER
    assert tag_suggestions(alice, "") == READING_ORDER
    # bob sees his article tags, not alice's private annotation's.
    assert tag_suggestions(bob, "") == in_reading_order(SHUFFLED[:6])


def test_suggestions_are_sorted_before_they_are_cut(alice, make_annotation):
    make_annotation(alice, tags=SHUFFLED)
    assert tag_suggestions(alice, "", limit=3) == READING_ORDER[:3]
    assert tag_suggestions(alice, "str", limit=1) == ["Straße"]  # not "Strasse 2"
    assert tag_suggestions(alice, "ü") == ["Überwachung"]
    assert tag_suggestions(alice, "ö") == ["Ölpreis"]
    assert tag_suggestions(alice, "STR") == ["Straße", "Strasse 2"]


def test_an_annotations_and_an_articles_tags_are_in_reading_order(
    alice, bob, client_for, article, make_annotation
):
    annotation = make_annotation(alice, tags=SHUFFLED)
    services.article_tag_add(user=alice, article=article, names=SHUFFLED[:6])
    services.article_tag_add(user=bob, article=article, names=SHUFFLED[6:])

    assert [tag["name"] for tag in article_tags_for(alice, article)] == READING_ORDER
    assert [t.tag.name for t in ArticleTag.objects.filter(article=article)] == READING_ORDER
    assert article_annotations_for(alice, article)[0]["tags"] == READING_ORDER
    doc = client_for(alice).get(f"/api/annotations/{annotation.pk}/").json()
    assert [body["value"] for body in doc["body"]] == READING_ORDER


def options(html, name):
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)[0]
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)


def test_the_pages_list_tags_in_reading_order(alice, client_for, article, make_annotation):
    make_annotation(alice, tags=SHUFFLED)
    client = client_for(alice)
    # The article list's tag field suggests them as one types (/api/tags/), in that order.
    suggested = client.get(reverse("annotations:api-tags")).json()["tags"]
    assert suggested == READING_ORDER
    mine = client.get(reverse("annotations:mine")).content.decode()
    assert options(mine, "tag") == READING_ORDER


def test_the_lists_tag_field_shows_the_tag_asked_for_by_its_name(
    alice, client_for, article, make_annotation
):
    make_annotation(alice, tags=["Überwachung"])
    slug = Tag.objects.get().slug
    client = client_for(alice)
    url = reverse("articles:list")
    for asked in (slug, "überwachung", "Überwachung"):
        response = client.get(url, {"tag": asked})
        html = response.content.decode()
        assert re.search(r'<input name="tag" id="id_tag" value="Überwachung"', html), asked
        assert article.title in html, asked
        assert [label for label, _url in response.context["removals"]] == ["Tag: Überwachung"]
    html = client.get(url, {"tag": "Nirgends"}).content.decode()
    field = r'<input name="tag" id="id_tag" value="Nirgends"[^>]*aria-invalid="true"'
    assert re.search(field, html)
    assert article.title not in html


def test_the_migration_sets_the_key_of_existing_tags():
    for name in SHUFFLED:
        Tag.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    Tag.objects.update(sort_key="")  # as the new column left them
    set_sort_keys(apps, None)
    assert list(Tag.objects.values_list("name", flat=True)) == READING_ORDER
    assert all(tag.sort_key == reading_key(tag.name) for tag in Tag.objects.all())
