"""The per-object revisions the object pages are cached under (``articles.shared``) are given by
the database (migration 0011), so that a write around ``save()`` and ``articles.derived`` (a
``QuerySet.update()``, the admin's bulk actions, raw SQL) shows at once too."""

import importlib

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article, Source, Speaker
from tests.articles.test_reading import make_article, make_speaker


@pytest.fixture
def quoted(db):
    """An article of "Blatt" quoting Anna Berger."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    anna = make_speaker("Anna Berger")
    body = 'Anna Berger sagte: "Die Lage ist ernst." Danach nichts.'
    start = body.index('"Die')
    return make_article(
        source, "Ernste Lage", body, quotes=[(start, body.index('."') + 2, anna, "direct")]
    )


def raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def pages(article: Article) -> dict[str, str]:
    anna = Speaker.objects.get(name="Anna Berger")
    return {
        "article": article.get_absolute_url(),
        "speaker": anna.get_absolute_url(),
        "source": reverse("articles:source", args=["blatt"]),
    }


def shown(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


WRITES = {
    "update()": lambda model, pk, **values: model.objects.filter(pk=pk).update(**values),
    "raw SQL": lambda model, pk, **values: raw(
        f"UPDATE {model._meta.db_table} SET "
        + ", ".join(f"{name} = %s" for name in values)
        + " WHERE id = %s",
        [*values.values(), pk],
    ),
}


# What is renamed around save(), and the old name still shown on a page ("Anna Berger sagte"
# is the article's own text, which no rename changes).
RENAMES = {
    "article title": (
        Article, lambda a: a.pk, "title", "Ernste Lage", "Neue Lage",
        lambda page: "Ernste Lage" in page,
    ),
    "speaker name": (
        Speaker, lambda a: Speaker.objects.get(name="Anna Berger").pk, "name", "Anna Berger",
        "Anna Wolf", lambda page: "Anna Berger" in page.replace("Anna Berger sagte", ""),
    ),
    "source name": (
        Source, lambda a: a.source_id, "name", "Blatt", "Rundschau",
        lambda page: ">Blatt<" in page,
    ),
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
@pytest.mark.parametrize("rename", RENAMES.values(), ids=RENAMES.keys())
def test_a_name_written_around_save_shows_on_every_page_that_shows_it(
    alice_client, quoted, write, rename
):
    model, pk_of, field, old, new, still_old = rename
    urls = pages(quoted)
    for url in urls.values():
        assert old in shown(alice_client, url), url
    write(model, pk_of(quoted), **{field: new})
    for name, url in urls.items():
        page = shown(alice_client, url)
        assert new in page and not still_old(page), name


def revision_of(model, pk: int) -> int:
    return model.objects.filter(pk=pk).values_list("revision", flat=True).get()


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Article, Speaker, Source])
def test_every_write_gives_the_row_a_greater_revision_whoever_writes(quoted, model):
    pk = {Article: quoted.pk, Speaker: quoted.quotes.get().speaker_id, Source: quoted.source_id}
    pk = pk[model]
    seen = [revision_of(model, pk)]
    assert seen[0] > 0  # an insert gets one too
    field = "title" if model is Article else "name"
    for n in range(5):  # faster than any clock's tick: still a new value each time
        model.objects.filter(pk=pk).update(**{field: f"Name {n}"})
        seen.append(revision_of(model, pk))
    # a writer that sets the revision itself, to an old value, or to the same one
    model.objects.filter(pk=pk).update(revision=seen[0])
    seen.append(revision_of(model, pk))
    raw(f"UPDATE {model._meta.db_table} SET revision = revision WHERE id = %s", [pk])
    seen.append(revision_of(model, pk))
    assert seen == sorted(set(seen)), seen


@pytest.mark.django_db
def test_a_bulk_insert_gets_revisions_from_the_fields_default(db):
    sources = Source.objects.bulk_create(
        [Source(name="Eins", slug="eins"), Source(name="Zwei", slug="zwei")]
    )
    revisions = Source.objects.order_by("pk").values_list("revision", flat=True)
    assert len(sources) == 2 and all(value > 0 for value in revisions)


@pytest.mark.django_db
def test_a_raw_insert_without_a_revision_gets_one_from_the_database(db):
    raw(
        "INSERT INTO articles_source (name, slug, article_count, revision)"
        " VALUES ('Roh', 'roh', 0, 0)"
    )
    assert Source.objects.get(slug="roh").revision > 0


@pytest.mark.django_db
def test_save_still_renews_and_a_write_elsewhere_renews_nothing(quoted):
    bystander = make_article(Source.objects.create(name="Fern", slug="fern"), "Fern", "Nichts.")
    before = {
        "article": revision_of(Article, quoted.pk),
        "source": revision_of(Source, quoted.source_id),
        "bystander": revision_of(Article, bystander.pk),
    }
    quoted.title = "Gespeichert"
    quoted.save()
    assert revision_of(Article, quoted.pk) > before["article"]
    assert revision_of(Source, quoted.source_id) > before["source"]  # its page lists the title
    assert revision_of(Article, bystander.pk) == before["bystander"]


@pytest.mark.django_db
def test_every_revision_trigger_is_there():
    """A migration that rebuilds a table on SQLite (a column change) drops its triggers."""
    migration = importlib.import_module("articles.migrations.0011_row_revisions")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {name for (name,) in cursor.fetchall()}
    assert set(migration.trigger_names(connection.vendor)) <= present
