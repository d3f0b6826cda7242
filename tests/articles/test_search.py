"""The article list's full-text search: the same queries, the same answers, on PostgreSQL (its
``german`` configuration) and on SQLite (FTS5 over Snowball stems, articles.sqlite_search)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article, Source
from tests.articles.test_reading import listed, make_article, titles

LIST = reverse("articles:list")


@pytest.fixture
def corpus(db):
    source = Source.objects.create(name="Blatt", slug="blatt")

    def article(title, body, day):
        return make_article(source, title, body, date=datetime.date(2024, 1, day))

    return {
        "koalition": article(
            "Große Koalition in Berlin",
            "Die großen Koalitionen verhandeln weiter. Merkel sprach mit der SPD.",
            1,
        ),
        "nato": article(
            "Gipfel in Brüssel",
            "Stoltenberg und die NATO beraten in Brüssel über Waffenlieferungen.",
            2,
        ),
        "lawrow": article(
            "Putin und Lawrow",
            "Putin und Lawrow trafen sich in Moskau. Die Straße war gesperrt.",
            3,
        ),
        "putin": article("Putin allein", "Putin sprach über die Grüße aus KÖLN.", 4),
        "willige": article(
            "Ohne Mehrheit", "Eine Koalition der Willigen. Die große Frage bleibt offen.", 5
        ),
    }


ALL = {
    "Große Koalition in Berlin",
    "Gipfel in Brüssel",
    "Putin und Lawrow",
    "Putin allein",
    "Ohne Mehrheit",
}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("NATO OR Merkel", {"Große Koalition in Berlin", "Gipfel in Brüssel"}),
        ("nato or merkel", {"Große Koalition in Berlin", "Gipfel in Brüssel"}),
        ("Putin -Lawrow", {"Putin allein"}),
        ("Putin", {"Putin und Lawrow", "Putin allein"}),
        # A phrase with other endings: "großen Koalitionen" in the body.
        ('"große Koalition"', {"Große Koalition in Berlin"}),
        ('"große Koalition', {"Große Koalition in Berlin"}),  # unbalanced quote
        ('"Koalition große"', set()),
        ('"Lawrow trafen" Putin', {"Putin und Lawrow"}),
        ('-"große Koalition" Koalition', {"Ohne Mehrheit"}),
        # Stemming: singular and plural, inflections.
        ("Koalitionen", {"Große Koalition in Berlin", "Ohne Mehrheit"}),
        ("Waffenlieferung", {"Gipfel in Brüssel"}),
        ("Brüssels", {"Gipfel in Brüssel"}),
        # Umlauts and ß, in any case.
        ("köln", {"Putin allein"}),
        ("GRÜSSE", {"Putin allein"}),
        ("Straße", {"Putin und Lawrow"}),
        ("brüssel Stoltenberg", {"Gipfel in Brüssel"}),
        # OR binds loosest: (Putin AND Moskau) OR Merkel.
        ("Putin Moskau or Merkel", {"Putin und Lawrow", "Große Koalition in Berlin"}),
        # Only exclusions: everything else.
        ("-Putin", {"Große Koalition in Berlin", "Gipfel in Brüssel", "Ohne Mehrheit"}),
        ("Merkel or -Putin", {"Große Koalition in Berlin", "Gipfel in Brüssel", "Ohne Mehrheit"}),
        ("Lawrow -Merkel", {"Putin und Lawrow"}),
        # Nothing left to look for (stop words, punctuation): nothing found.
        ("die und", set()),
        ("!!!", set()),
        ('"', set()),
        ("-", set()),
        ("or", set()),
        ("Merkel Putin", set()),
        ("Rhabarber", set()),
    ],
)
def test_queries_find_the_same_articles_on_both_databases(alice_client, corpus, query, expected):
    response = alice_client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert set(Article.objects.search(query).values_list("title", flat=True)) == expected


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_lists_everything(alice_client, corpus, query):
    assert set(titles(alice_client.get(LIST, {"q": query}))) == ALL


@pytest.mark.django_db
def test_odd_input_never_fails(alice_client, corpus):
    for query in [
        '"""',
        '-"',
        "a OR",
        "OR OR OR",
        "(Putin",
        "Putin)",
        "*",
        "NOT",
        "AND",
        'Putin" -"',
        "x:y",
        "^Putin",
        "Putin*",
        "NEAR(Putin Lawrow)",
        "\x01\x02",
        "ü" * 300,
    ]:
        assert alice_client.get(LIST, {"q": query}).status_code == 200, query
        list(Article.objects.search(query))


@pytest.mark.django_db
def test_relevance_puts_title_matches_and_more_matches_first(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    make_article(
        source,
        "Wetter",
        "Heute Regen. Über Energiepolitik sprach niemand heute.",
        date=datetime.date(2024, 1, 3),
    )
    make_article(
        source,
        "Energiepolitik im Wandel",
        "Ein Text über Energiepolitik von gestern.",
        date=datetime.date(2020, 1, 1),
    )
    make_article(
        source,
        "Bericht",
        "Energiepolitik hier, Energiepolitik dort, Energiepolitik überall.",
        date=datetime.date(2022, 1, 1),
    )
    for n in range(3):  # other articles, so that the word is not in all of them
        make_article(source, f"Sonstiges {n}", "Nichts davon.", date=datetime.date(2019, 1, 1))
    response = alice_client.get(LIST, {"q": "Energiepolitik"})
    assert titles(response) == ["Energiepolitik im Wandel", "Bericht", "Wetter"]
    assert titles(alice_client.get(LIST, {"q": "Energiepolitik", "sort": "newest"})) == [
        "Wetter",
        "Bericht",
        "Energiepolitik im Wandel",
    ]
    assert titles(alice_client.get(LIST, {"q": "Energiepolitik", "sort": "oldest"})) == [
        "Energiepolitik im Wandel",
        "Bericht",
        "Wetter",
    ]
    ranks = dict(Article.objects.search("Energiepolitik").values_list("title", "rank"))
    assert ranks["Energiepolitik im Wandel"] > ranks["Bericht"] > ranks["Wetter"] > 0


@pytest.mark.django_db
def test_passages_mark_the_inflected_words(alice_client, corpus):
    response = alice_client.get(LIST, {"q": "Koalition"})
    rows = {row.title: row.passage for row in listed(response)}
    assert ("Koalitionen", True) in rows["Große Koalition in Berlin"]
    assert ("Koalition", True) in rows["Ohne Mehrheit"]
    assert not any(marked and text != "Koalition" for text, marked in rows["Ohne Mehrheit"])
    html = response.content.decode()
    assert "<mark>Koalitionen</mark>" in html
    (row,) = listed(alice_client.get(LIST, {"q": "grüße köln"}))
    assert [text for text, marked in row.passage if marked] == ["Grüße", "KÖLN"]
    (row,) = listed(alice_client.get(LIST, {"q": "Putin -Lawrow"}))
    assert [text for text, marked in row.passage if marked] == ["Putin"]


@pytest.mark.django_db
def test_a_long_body_shows_the_passages_around_the_words(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    filler = " ".join(f"Wort{n}" for n in range(80))
    make_article(source, "Lang", f"Anfang {filler} Die Koalition steht. {filler} Ende.")
    (row,) = listed(alice_client.get(LIST, {"q": "Koalition"}))
    text = "".join(part for part, _marked in row.passage)
    assert ("Koalition", True) in row.passage
    assert "Anfang" not in text and "Ende" not in text
    assert len(text.split()) <= 35
    (row,) = listed(alice_client.get(LIST, {"q": "Lang"}))  # in the title only
    assert "".join(part for part, _marked in row.passage).startswith("Anfang Wort0 Wort1")
    assert not any(marked for _part, marked in row.passage)


@pytest.mark.django_db
def test_the_search_follows_every_write(alice_client, corpus, seed_article):
    def found(query):
        return set(Article.objects.search(query).values_list("pk", flat=True))

    # Imported (bulk_create in the import service).
    assert found("Militärmaschinerie") == {seed_article.pk}
    # An update without signals.
    Article.objects.filter(pk=corpus["putin"].pk).update(title="Rhabarberkuchen")
    assert found("Rhabarberkuchen") == {corpus["putin"].pk}
    assert found("allein") == set()
    # A save of the body.
    article = corpus["nato"]
    article.body = "Nur noch Spargel."
    article.save()
    assert found("Spargel") == {article.pk}
    assert article.pk not in found("Stoltenberg")
    # A save of other fields leaves the text found.
    article.date = datetime.date(2000, 1, 1)
    article.save()
    assert found("Spargel") == {article.pk}
    # Deleted.
    corpus["lawrow"].delete()
    assert found("Lawrow") == {seed_article.pk}
    assert titles(alice_client.get(LIST, {"q": "gesperrt"})) == []


@pytest.mark.django_db
def test_the_article_list_search_needs_a_bounded_number_of_queries(
    alice_client, django_assert_max_num_queries
):
    source = Source.objects.create(name="Blatt", slug="blatt")
    for n in range(45):
        make_article(source, f"Bericht {n}", "Die Koalition tagt. " * (1 + n % 4))
    for query in ("Koalition", "Koalition -Rhabarber", "-Rhabarber", "Koalition or Merkel"):
        for sort in ("relevance", "newest"):
            # session, user, the reader's archived ids with the revision, the window (or the
            # count and the page), the page by id, the rows' speakers and passages, the source
            # options, the activity count
            with django_assert_max_num_queries(8):
                response = alice_client.get(LIST, {"q": query, "sort": sort})
            assert len(response.context["rows"]) == 20
            assert "45 articles" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_sqlite_finds_every_match_beyond_the_ranked_ones(alice_client, monkeypatch):
    """Only the ranks are of the LIMIT most relevant: by date, every match is listed."""
    from articles import sqlite_search

    monkeypatch.setattr(sqlite_search, "LIMIT", 3)
    source = Source.objects.create(name="Blatt", slug="blatt")
    for n in range(5):
        make_article(source, f"Bericht {n}", "Die Koalition tagt. " * (1 + n))
    for sort in ("newest", "relevance"):
        response = alice_client.get(LIST, {"q": "Koalition", "sort": sort})
        assert "5 articles" in response.content.decode(), sort
        assert len(response.context["rows"]) == 5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
@pytest.mark.django_db
def test_sqlite_keeps_its_search_triggers():
    """A migration that rebuilds articles_article on SQLite (a column change) drops them."""
    from articles.sqlite_search import TRIGGERS

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert set(TRIGGERS) <= {name for (name,) in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL's german")
@pytest.mark.django_db
def test_sqlite_stems_are_postgresql_german_lexemes(seed_bytes):
    """The Snowball stems the SQLite index holds are the lexemes of PostgreSQL's ``german``
    configuration, words with the same stop words. (PostgreSQL adds the whole of a hyphenated
    word besides its parts, and reads "10.04.2022" or "1.000" as one token.)"""
    from articles.search_text import stems

    text = seed_bytes.decode() + (
        " Die großen Koalitionen, Straße Größe Äpfel läuft über für daß Grüße KÖLN Häuser"
        " Mädchen berichtet gegründet Verhandlungen Bundeskanzlerin Ministerien"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(tsvector_to_array(to_tsvector('german', %s)))", [text])
        lexemes = {lexeme for (lexeme,) in cursor.fetchall() if lexeme.isalpha()}
    ours = {stem for stem in stems(text) if stem.isalpha()}
    assert len(ours) > 150
    assert ours ^ lexemes == set()
