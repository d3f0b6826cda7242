"""articles.derived: the counts, flags and revisions the reading pages read, kept in step."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from articles import derived
from articles.models import (
    Article,
    ArticleSpeaker,
    Quote,
    Source,
    SourceSpeaker,
    Speaker,
    nested_quote,
)
from articles.services import quote_correct, quotes_confirm, quotes_delete, speakers_merge
from tests.articles.test_reading import make_article, make_speaker

BODY = 'Anna sagte: "Eins, sie meinte „zwei“." Karl: "Drei." Sie: "Vier."'


def span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


def snapshot() -> dict:
    """Everything derived, as the database holds it."""
    return {
        "speakers": sorted(Speaker.objects.values_list("name", "quote_count", "article_count")),
        "sources": sorted(Source.objects.values_list("name", "article_count")),
        "pairs": sorted(
            SourceSpeaker.objects.values_list("source__name", "speaker__name", "quote_count")
        ),
        "articles": sorted(
            ArticleSpeaker.objects.values_list(
                "article_id", "speaker__name", "quote_count", "probable_count"
            )
        ),
        "counted": sorted(Quote.objects.filter(counted=True).values_list("pk", flat=True)),
    }


def counted_by_query() -> dict:
    """The counts as the pages computed them before they were kept: over every quotation."""
    spoken = Q(quotes__kind__in=Quote.SPOKEN)
    speakers = Speaker.objects.annotate(
        q=Count("quotes", filter=spoken & ~nested_quote("quotes__")),
        a=Count("quotes__article", filter=spoken, distinct=True),
    )
    return {
        "speakers": sorted((s.name, s.q, s.a) for s in speakers),
        "sources": sorted(
            (s.name, s.n) for s in Source.objects.annotate(n=Count("articles", distinct=True))
        ),
        "counted": sorted(
            Quote.objects.filter(kind__in=Quote.SPOKEN)
            .filter(~nested_quote())
            .values_list("pk", flat=True)
        ),
    }


def assert_consistent():
    kept = snapshot()
    assert {k: kept[k] for k in ("speakers", "sources", "counted")} == counted_by_query()
    derived.rebuild()  # recomputed from nothing: the same
    assert snapshot() == kept


@pytest.fixture
def world(db):
    blatt = Source.objects.create(name="Blatt", slug="blatt")
    anna, karl = make_speaker("Anna Berger"), make_speaker("Karl Wolf")
    article = make_article(
        blatt,
        "Eins",
        BODY,
        quotes=[
            (*span('"Eins, sie meinte „zwei“."'), anna, "direct"),
            (*span("„zwei“"), anna, "direct"),  # inside hers: counted once
            (*span('"Drei."'), karl, "direct"),
            (*span('"Vier."'), anna, "indirect"),
        ],
    )
    return blatt, anna, karl, article


def test_counts_follow_every_kind_of_correction(world):
    blatt, anna, karl, article = world
    assert snapshot()["speakers"] == [("Anna Berger", 2, 1), ("Karl Wolf", 1, 1)]
    assert snapshot()["pairs"] == [("Blatt", "Anna Berger", 2), ("Blatt", "Karl Wolf", 1)]
    assert_consistent()

    vier = article.quotes.get(start=span('"Vier."')[0])
    quote_correct(quote=vier, speaker=karl)
    assert snapshot()["pairs"] == [("Blatt", "Anna Berger", 1), ("Blatt", "Karl Wolf", 2)]
    assert_consistent()

    quote_correct(quote=article.quotes.get(start=span('"Drei."')[0]), kind=Quote.Kind.NOT_SPEECH)
    assert_consistent()

    quotes_delete(article.quotes.filter(speaker=anna))
    assert ("Anna Berger", 0, 0) in snapshot()["speakers"]
    assert ("Blatt", "Anna Berger") not in {p[:2] for p in snapshot()["pairs"]}
    assert_consistent()


def test_a_merge_moves_the_counts_and_a_deletion_takes_them_away(world):
    blatt, anna, karl, article = world
    other = Source.objects.create(name="Rundschau", slug="rundschau")
    make_article(other, "Zwei", 'Karl: "Fünf."', quotes=[(6, 13, karl, "direct")])

    speakers_merge(target=anna, others=[karl])
    assert snapshot()["speakers"] == [("Anna Berger", 4, 2)]
    assert snapshot()["pairs"] == [("Blatt", "Anna Berger", 3), ("Rundschau", "Anna Berger", 1)]
    assert_consistent()

    article.delete()
    assert snapshot()["speakers"] == [("Anna Berger", 1, 1)]
    assert snapshot()["sources"] == [("Blatt", 0), ("Rundschau", 1)]
    assert_consistent()


def test_a_confirmed_guess_is_no_longer_probable(world):
    blatt, anna, karl, article = world
    article.quotes.update(confidence=0.3)
    derived.articles_changed([article.pk])
    assert ArticleSpeaker.objects.get(article=article, speaker=anna).probable_count == 1
    quotes_confirm(article.quotes.filter(speaker=anna))
    assert ArticleSpeaker.objects.get(article=article, speaker=anna).probable_count == 0


def test_an_article_moved_to_another_source_moves_its_counts(world):
    blatt, anna, karl, article = world
    other = Source.objects.create(name="Rundschau", slug="rundschau")
    article.source = other
    article.date = datetime.date(2020, 1, 1)
    article.save()
    assert snapshot()["sources"] == [("Blatt", 0), ("Rundschau", 1)]
    assert {p[0] for p in snapshot()["pairs"]} == {"Rundschau"}
    assert set(article.quotes.values_list("article_date", flat=True)) == {article.date}
    assert_consistent()


def test_a_save_never_sets_back_the_counts(world):
    blatt, anna, karl, article = world
    stale = Speaker.objects.get(pk=anna.pk)
    quotes_delete(article.quotes.filter(speaker=anna))
    stale.role = "Ministerin"
    stale.save()  # read before the deletion: its counts are old
    assert Speaker.objects.get(pk=anna.pk).quote_count == 0


def test_a_rename_renews_the_pages_that_show_the_name_and_nothing_else(world):
    blatt, anna, karl, article = world
    bystander = make_article(Source.objects.create(name="Fern", slug="fern"), "Fern", "Nichts.")
    before = {
        "article": Article.objects.get(pk=article.pk).revision,
        "bystander": Article.objects.get(pk=bystander.pk).revision,
        "source": Source.objects.get(pk=blatt.pk).revision,
        "karl": Speaker.objects.get(pk=karl.pk).revision,
    }
    anna.name = "Anna Berger-Wolf"
    anna.save()
    assert Article.objects.get(pk=article.pk).revision != before["article"]
    assert Source.objects.get(pk=blatt.pk).revision != before["source"]
    assert Article.objects.get(pk=bystander.pk).revision == before["bystander"]
    assert Speaker.objects.get(pk=karl.pk).revision == before["karl"]


def test_the_work_is_bounded_by_the_articles_changed(world, django_assert_max_num_queries):
    blatt, anna, karl, article = world
    for n in range(30):
        make_article(blatt, f"A{n}", 'Anna: "Ja."', quotes=[(6, 11, anna, "direct")])
    with django_assert_max_num_queries(12):
        derived.articles_changed([article.pk])


@pytest.mark.parametrize("bodies", [1, 7])
def test_counted_flags_agree_with_nested_quote(db, bodies):
    blatt, anna = Source.objects.create(name="B", slug="b"), make_speaker("Anna Berger")
    karl = make_speaker("Karl Wolf")
    text = "x" * 60
    quotes = [(0, 50, anna, "indirect"), (5, 10, anna, "direct"), (5, 10 + bodies, karl, "direct")]
    quotes += [(20, 30, None, "direct"), (22, 28, None, "direct"), (40, 55, anna, "direct")]
    quotes += [(41, 45, anna, "not_speech")]
    make_article(blatt, "T", text, quotes=quotes)
    assert_consistent()


def test_rebuild_derived_repairs_counts_after_a_write_around_the_services(world):
    blatt, anna, karl, article = world
    article.quotes.update(speaker=karl)  # around the services: the counts are now wrong
    assert Speaker.objects.get(pk=anna.pk).quote_count == 2
    call_command("rebuild_derived", stdout=io.StringIO())
    assert Speaker.objects.get(pk=anna.pk).quote_count == 0
    assert_consistent()


def test_an_article_created_one_by_one_is_counted_at_once_and_once(db, alice_client):
    """``Article.objects.create()`` (the admin, a shell) counts the article in its source, which
    the article list's count sums; the quotations written after it count it no second time."""
    from django.urls import reverse

    blatt = Source.objects.create(name="Blatt", slug="blatt")
    Article.objects.create(
        source=blatt,
        title="Ohne Dienste",
        slug="ohne-dienste",
        date=datetime.date(2024, 1, 1),
        body="Nichts.",
        seed_filename="ohne.txt",
        content_hash="1" * 64,
    )
    blatt.refresh_from_db()
    assert blatt.article_count == 1
    assert alice_client.get(reverse("articles:list")).context["paginator"].count == 1
    make_article(blatt, "Mit Zitat", 'Anna Berger sagte: "Ja."', quotes=[(19, 24, None, "direct")])
    blatt.refresh_from_db()
    assert blatt.article_count == 2
    assert_consistent()
