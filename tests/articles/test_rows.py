"""articles.rows: rows written in bulk, as COPY on PostgreSQL and INSERTs elsewhere."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article, Quote, Source
from articles.rows import instances_insert, rows_insert

# No default is filled in: every column that takes no NULL is given.
FIELDS = (
    "article_id",
    "start",
    "end",
    "kind",
    "speaker_id",
    "cue",
    "confidence",
    "review",
    "counted",
)


def new_article(source: Source, name: str, body: str = "Text.") -> Article:
    return Article(
        source=source,
        title=name.title(),
        slug=name,
        date=datetime.date(2024, 5, 1),
        body=body,
        seed_filename=f"{name}.txt",
        content_hash=name.ljust(64, "0"),
    )


@pytest.fixture
def article(db):
    source = Source.objects.create(name="Blatt", slug="blatt")
    article = new_article(source, "eins", body="Er sagte: „Ja.“ Sie sagte: „Nein.“")
    article.save()
    return article


def test_rows_are_written_with_their_values(article):
    rows = [
        (article.pk, 10, 15, "direct", None, "sagte", 0.5, "machine", True),
        (article.pk, 26, 33, "indirect", None, "", 1.0, "machine", False),
    ]
    rows_insert(Quote, FIELDS, rows)

    assert sorted(Quote.objects.values_list(*FIELDS)) == rows


def test_a_row_the_database_refuses_is_djangos_error_and_writes_nothing(article):
    rows = [
        (article.pk, 10, 15, "direct", None, "", 0.5, "machine", True),
        (article.pk, 20, 18, "direct", None, "", 0.5, "machine", True),  # ends before it starts
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        rows_insert(Quote, FIELDS, rows)

    assert not Quote.objects.exists()


def test_instances_get_their_pks_and_what_an_insert_fills_in(article):
    made = [new_article(article.source, f"neu-{n}") for n in (1, 2)]
    instances_insert(Article, made)

    assert all(instance.pk and not instance._state.adding for instance in made)
    stored = {a.pk: a for a in Article.objects.filter(pk__in=[instance.pk for instance in made])}
    for instance in made:
        assert stored[instance.pk].title == instance.title
        assert stored[instance.pk].imported_at is not None  # auto_now_add
    later = new_article(article.source, "danach")
    later.save()
    assert later.pk > max(stored)  # the sequence went past them
