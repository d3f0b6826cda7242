"""The reading pages: list, search and filters, article page, speakers, sources, languages."""

import datetime
import re
from html import unescape
from html.parser import HTMLParser
from typing import NamedTuple

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.db.models.functions import Substr
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import derived, selectors, services
from articles.filters import ListedMatches
from articles.models import Article, Quote, Source, Speaker, SpeakerAlias, nested_quote

_counter = iter(range(10**9))


def make_article(source, title, body, *, date=datetime.date(2023, 5, 1), quotes=()):
    """An article without the importer; ``quotes`` are (start, end, speaker, kind)."""
    n = next(_counter)
    article = Article.objects.create(
        source=source,
        title=title,
        slug=f"article-{n}",
        date=date,
        body=body,
        seed_filename=f"made-{n}.txt",
        content_hash=f"{n:064d}",
    )
    Quote.objects.bulk_create(
        Quote(article=article, start=s, end=e, speaker=speaker, kind=kind)
        for s, e, speaker, kind in quotes
    )
    derived.articles_changed([article.pk])  # a writer around the services tells what it wrote
    return article


def make_speaker(name):
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return Speaker.objects.create(name=name, slug=slug, role="Sprecherin")


def titles(response):
    return [row.article.title for row in response.context["rows"]]


class Listed(NamedTuple):
    """A row of a list page as the reader gets it."""

    title: str
    passage: list[tuple[str, bool]]  # (text, marked) parts
    speakers: list[str]  # names as shown, the most quoted first


def listed(response) -> list[Listed]:
    """The rows of a list page, read from its HTML (a row may come from the cache)."""
    result = []
    for row in response.content.decode().split('<li class="article-row">')[1:]:
        row = row.partition("</li>")[0]
        title = re.search(r'<h2 class="article-row-title"><a href="[^"]*">(.*?)</a>', row)
        passage = re.search(r'<p class="passage">(.*?)</p>', row, re.S)
        parts = re.split(r"<mark>(.*?)</mark>", passage.group(1)) if passage else []
        quoted = re.search(r'<p class="quoted">(.*?)</p>', row, re.S)
        names = re.findall(r"<a [^>]*>(.*?)</a>", quoted.group(1)) if quoted else []
        result.append(
            Listed(
                unescape(title.group(1)),
                [(unescape(part), n % 2 == 1) for n, part in enumerate(parts) if part],
                [unescape(name) for name in names],
            )
        )
    return result


class BodyParser(HTMLParser):
    """Collects the paragraphs and quotations of the article body with their text."""

    def __init__(self):
        super().__init__()
        self.paragraphs, self.quotes, self.stack = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "data-start" in attrs:
            self.paragraphs.append({**attrs, "text": ""})
            self.stack.append(self.paragraphs[-1])
        elif tag == "span" and "data-quote-id" in attrs:
            self.quotes.append({**attrs, "text": "", "depth": len(self.stack)})
            self.stack.append(self.quotes[-1])
        elif self.stack:
            self.stack.append(None)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for element in self.stack:
            if element is not None:
                element["text"] += data


def parse_body(response):
    parser = BodyParser()
    parser.feed(response.content.decode())
    return parser


# --- Login and errors ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_sends_anonymous_users_to_login_and_back(client, seed_article):
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    urls = [
        reverse("articles:list") + "?q=Sieg",
        seed_article.get_absolute_url(),
        reverse("articles:speakers"),
        stoltenberg.get_absolute_url(),
        reverse("articles:sources"),
        seed_article.source.get_absolute_url(),
        reverse("password_change"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next=/"), url
    assert client.get(reverse("login")).status_code == 200


@pytest.mark.django_db
def test_login_returns_to_the_page_asked_for(client, alice, seed_article):
    url = seed_article.get_absolute_url()
    response = client.post(
        reverse("login"), {"username": "alice", "password": "alice-secret-pw", "next": url}
    )
    assert response.status_code == 302 and response["Location"] == url


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["articles:detail", "articles:speaker", "articles:source"])
def test_unknown_slugs_are_404(alice_client, name):
    assert alice_client.get(reverse(name, args=["no-such-slug"])).status_code == 404


@pytest.mark.django_db
def test_reading_pages_refuse_post(alice_client, seed_article):
    for url in (reverse("articles:list"), seed_article.get_absolute_url()):
        assert alice_client.post(url).status_code == 405


# --- The article page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_article_page_marks_each_quotation_with_its_speaker(alice_client, seed_article):
    response = alice_client.get(seed_article.get_absolute_url())
    assert response.status_code == 200
    body = seed_article.body
    page = parse_body(response)
    spoken = list(seed_article.quotes.filter(kind__in=Quote.SPOKEN).select_related("speaker"))

    # Every paragraph's text is the body between its offsets.
    assert len(page.paragraphs) == 12
    for paragraph in page.paragraphs:
        assert paragraph["text"] == body[int(paragraph["data-start"]) : int(paragraph["data-end"])]
    # Every spoken quotation is marked, with its speaker, its offsets and its text.
    marked = {int(q["data-quote-id"]): q for q in page.quotes}
    assert set(marked) == {quote.pk for quote in spoken}
    for quote in spoken:
        element = marked[quote.pk]
        assert element["text"] == body[quote.start : quote.end]
        assert (int(element["data-start"]), int(element["data-end"])) == (quote.start, quote.end)
        assert element["data-speaker"] == (quote.speaker.slug if quote.speaker else "")
        if quote.speaker:
            assert element["data-label"] == quote.speaker.name
        assert element["id"] == f"q{quote.pk}"
        assert re.search(r"\bc\d\b", element["class"])
    stoltenberg = [q for q in page.quotes if q.get("data-label") == "Jens Stoltenberg"]
    assert len(stoltenberg) >= 3
    # Quotation marks around names and titles stay plain.
    not_speech = seed_article.quotes.filter(kind=Quote.Kind.NOT_SPEECH)
    assert not_speech.exists()
    assert not set(marked) & {q.pk for q in not_speech}


@pytest.mark.django_db
def test_the_speaker_panel_counts_and_roles(alice_client, seed_article):
    response = alice_client.get(seed_article.get_absolute_url())
    entries = {
        entry.speaker.name: entry for entry in response.context["page"].speakers if entry.speaker
    }
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    spoken = seed_article.quotes.filter(speaker=stoltenberg, kind__in=Quote.SPOKEN)
    # A quotation inside another of his is counted once, with the outer one.
    expected = spoken.filter(~nested_quote()).count()
    assert expected < spoken.count()
    assert entries["Jens Stoltenberg"].count == expected
    html = response.content.decode()
    assert 'data-speaker="jens-stoltenberg" aria-pressed="false"' in html
    assert "NATO-Generalsekretär" in html
    assert "2 min read" in html
    assert "js/reader.js" in html


@pytest.mark.django_db
def test_quotations_across_paragraphs_and_nested_ones_render(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    a, b = make_speaker("Anna Berger"), make_speaker("Karl Wolf")
    body = 'Sie sagte: "Erstens <b>.\n\nZweitens, wie Wolf meinte: „Nie“." Ende.'
    outer_end = body.index('." Ende') + 2
    inner = body.index("„Nie“")
    article = make_article(
        source,
        "Test",
        body,
        quotes=[(11, outer_end, a, "direct"), (inner, inner + 5, b, "direct")],
    )
    response = alice_client.get(article.get_absolute_url())
    page = parse_body(response)
    html = response.content.decode()
    assert "&lt;b&gt;" in html and "<b>" not in html  # the body is escaped
    pieces = [q for q in page.quotes if q["data-speaker"] == "anna-berger"]
    assert [(q["data-start"], q["data-end"]) for q in pieces] == [
        ("11", str(body.index("\n\n"))),
        (str(body.index("Zweitens")), str(outer_end)),
    ]
    assert "data-label" in pieces[0] and "data-label" not in pieces[1]
    (nested,) = [q for q in page.quotes if q["data-speaker"] == "karl-wolf"]
    assert nested["depth"] == pieces[1]["depth"] + 1 and nested["text"] == "„Nie“"


@pytest.mark.django_db
def test_speaker_names_and_slugs_are_escaped_in_the_body(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    speaker = Speaker.objects.create(name='Eve "<b>" & Co', slug="eve", role="<i>Rolle</i>")
    body = 'Sie sagte: "Ja & <nein>." Ende.'
    start = body.index('"')
    article = make_article(source, "Test", body, quotes=[(start, start + 14, speaker, "indirect")])
    response = alice_client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "<b>" not in html and "<i>" not in html and "<nein>" not in html
    (quote,) = parse_body(response).quotes
    assert quote["data-label"] == 'Eve "<b>" & Co'
    assert quote["text"] == '"Ja & <nein>."'
    assert "quote-indirect" in quote["class"] and quote["data-kind"] == "indirect"


@pytest.mark.django_db
def test_previous_and_next_article_from_the_same_source(alice_client):
    source, other = (
        Source.objects.create(name="A", slug="a"),
        Source.objects.create(name="B", slug="b"),
    )
    old = make_article(source, "Old", "x", date=datetime.date(2020, 1, 1))
    middle = make_article(source, "Middle", "y", date=datetime.date(2021, 1, 1))
    make_article(other, "Elsewhere", "z", date=datetime.date(2020, 6, 1))
    page = alice_client.get(middle.get_absolute_url()).content.decode()
    assert neighbour_links(page) == {"prev": old.get_absolute_url()}
    # a new article in the source renews the links (the article's own part stays cached)
    new = make_article(source, "New", "w", date=datetime.date(2022, 1, 1))
    page = alice_client.get(middle.get_absolute_url()).content.decode()
    assert neighbour_links(page) == {"prev": old.get_absolute_url(), "next": new.get_absolute_url()}
    page = alice_client.get(new.get_absolute_url()).content.decode()
    assert neighbour_links(page) == {"prev": middle.get_absolute_url()}


@pytest.mark.django_db
def test_the_neighbours_escape_their_titles_and_the_sources_name(alice_client):
    source = Source.objects.create(name='Blatt & "Co"', slug="blatt")
    make_article(source, "Vorher <b>", "x", date=datetime.date(2020, 1, 1))
    article = make_article(source, "Mitte", "y", date=datetime.date(2021, 1, 1))
    page = alice_client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert 'aria-label="Mehr von Blatt &amp; &quot;Co&quot;"' in page
    assert "Vorher &lt;b&gt;</a>" in page and "Vorher <b>" not in page
    assert 'rel="next"' not in page


def neighbour_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<a rel="(prev|next)" href="([^"]+)"', html))


# --- The article list, filters and search ----------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_title_source_date_reading_time_and_speakers(alice_client, seed_article):
    response = alice_client.get(reverse("articles:list"))
    html = response.content.decode()
    assert seed_article.title in html
    assert "October 2022" in html and "2 min read" in html
    (row,) = listed(response)
    assert {"Jens Stoltenberg", "Lloyd Austin", "Wladimir Putin"} <= set(row.speakers)
    assert row.speakers[0] == "Jens Stoltenberg"  # the most quoted first


@pytest.mark.django_db
def test_filter_by_speaker_source_and_dates(alice_client, seed_article):
    other = Source.objects.create(name="Tagesblatt", slug="tagesblatt")
    make_article(other, "Anderes", "Etwas anderes.", date=datetime.date(2019, 3, 1))
    austin = Speaker.objects.get(name="Lloyd Austin")
    url = reverse("articles:list")
    assert titles(alice_client.get(url, {"speaker": austin.slug})) == [seed_article.title]
    assert titles(alice_client.get(url, {"source": "tagesblatt"})) == ["Anderes"]
    assert titles(alice_client.get(url, {"date_from": "2022-01-01"})) == [seed_article.title]
    assert titles(alice_client.get(url, {"date_to": "2020-12-31"})) == ["Anderes"]
    assert titles(alice_client.get(url, {"sort": "oldest"})) == ["Anderes", seed_article.title]
    assert titles(alice_client.get(url, {"sort": "newest"})) == [seed_article.title, "Anderes"]


@pytest.mark.django_db
def test_an_empty_result_says_so_and_offers_to_remove_filters(alice_client, seed_article):
    response = alice_client.get(
        reverse("articles:list"),
        {"q": "Militärmaschinerie", "source": seed_article.source.slug, "date_to": "2000-01-01"},
    )
    html = response.content.decode()
    assert "No articles match." in html
    removals = dict(response.context["removals"])
    assert removals["To: 2000-01-01"] == (
        reverse("articles:list") + f"?q=Milit%C3%A4rmaschinerie&source={seed_article.source.slug}"
    )
    assert len(removals) == 3


@pytest.mark.django_db
def test_search_finds_the_seed_article_and_marks_the_passage(alice_client, seed_article):
    response = alice_client.get(reverse("articles:list"), {"q": "Militärmaschinerie"})
    assert titles(response) == [seed_article.title]
    (row,) = listed(response)
    assert ("Militärmaschinerie", True) in row.passage
    assert "<mark>Militärmaschinerie</mark>" in response.content.decode()


@pytest.mark.django_db
def test_search_passages_are_escaped(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    make_article(source, "Tags", "Ein <script>alert(1)</script> Lockvogel im Text.")
    response = alice_client.get(reverse("articles:list"), {"q": "Lockvogel"})
    html = response.content.decode()
    assert "<script>alert" not in html  # escaped (SQLite) or left out (PostgreSQL's headline)
    assert "<mark>Lockvogel</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, found",
    [
        ("Sieges", True),  # stemming: "Sieg" in the body
        ("Waffenlieferung", True),  # "Waffenlieferungen" in the body
        ("militärmaschinerie", True),
        ("Putin -Lawrow", False),  # Lawrow is in the seed article too
        ("Putin -Merkel", True),
        ('"westliche Militärmaschinerie"', True),
        ('"Militärmaschinerie westliche"', False),
        ("Stoltenberg or Merkel", True),
        ("Merkel", False),
    ],
)
def test_search_stems_german_and_understands_websearch(alice_client, seed_article, query, found):
    response = alice_client.get(reverse("articles:list"), {"q": query})
    assert titles(response) == ([seed_article.title] if found else [])


@pytest.mark.django_db
def test_search_ranks_title_matches_first(alice_client):
    source = Source.objects.create(name="Blatt", slug="blatt")
    make_article(
        source,
        "Wetter",
        "Heute Regen. Über Energiepolitik sprach niemand.",
        date=datetime.date(2024, 1, 1),
    )
    make_article(
        source,
        "Energiepolitik im Wandel",
        "Ein Text über Energiepolitik.",
        date=datetime.date(2020, 1, 1),
    )
    url = reverse("articles:list")
    response = alice_client.get(url, {"q": "Energiepolitik"})
    assert titles(response) == ["Energiepolitik im Wandel", "Wetter"]
    assert titles(alice_client.get(url, {"q": "Energiepolitik", "sort": "newest"})) == [
        "Wetter",
        "Energiepolitik im Wandel",
    ]


@pytest.mark.django_db
def test_ranked_pages_are_the_sql_order_of_the_newest_matches(alice_client, monkeypatch):
    """The ranked window is sorted in Python: its pages must be what ORDER BY rank, date, id
    over the same matches gives, with ties, a partial last page and a window smaller than the
    matches."""
    from articles.filters import ArticleFilter

    source = Source.objects.create(name="Blatt", slug="blatt")
    for n in range(45):
        title = "Energiepolitik" if n % 3 == 0 else f"Bericht {n}"
        body = "Energiepolitik. " * (1 + n % 4) + "Sonst nichts."
        make_article(source, title, body, date=datetime.date(2020, 1, 1 + n % 5))
    monkeypatch.setattr(ArticleFilter, "RANK_WINDOW", 40)
    newest = Article.objects.search("Energiepolitik").order_by("-date", "-pk")
    window = newest.values_list("pk", flat=True)[:40]
    expected = list(
        Article.objects.search("Energiepolitik")
        .filter(pk__in=list(window))
        .order_by("-rank", "-date", "-pk")
        .values_list("title", "date", "pk")
    )
    url = reverse("articles:list")
    shown = []
    for page in (1, 2):
        response = alice_client.get(url, {"q": "Energiepolitik", "page": page})
        shown += [(r.article.title, r.article.date, r.article.pk) for r in response.context["rows"]]
    assert shown == expected
    assert response.context["paginator"].count == 40
    assert "the newest 40 ranked by relevance" in response.content.decode()


@pytest.mark.django_db
def test_the_search_vector_follows_edits(seed_article):
    Article.objects.filter(pk=seed_article.pk).update(title="Ein ganz neuer Titel")
    assert Article.objects.search("Titel").exists()
    seed_article.refresh_from_db()
    seed_article.body = "Nur noch Rhabarber."
    seed_article.save()
    assert Article.objects.search("Rhabarber").exists()
    assert not Article.objects.search("Militärmaschinerie").exists()


# --- Speakers and sources ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_speaker_index_counts_quotations(alice_client, seed_article):
    response = alice_client.get(reverse("articles:speakers"))
    counts = {s.name: (s.quote_count, s.article_count) for s in response.context["speakers"]}
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    spoken = seed_article.quotes.filter(speaker=stoltenberg, kind__in=Quote.SPOKEN)
    expected = spoken.filter(~nested_quote()).count()  # one inside another counted once
    assert counts["Jens Stoltenberg"] == (expected, 1)
    assert stoltenberg.get_absolute_url() in response.content.decode()


@pytest.mark.django_db
def test_a_speaker_page_lists_quotations_newest_first_with_links(alice_client, seed_article):
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    later = make_article(
        seed_article.source,
        "Später",
        'Er sagte: "Wir bleiben standhaft."',
        date=datetime.date(2023, 2, 1),
        quotes=[(10, 34, stoltenberg, "direct")],
    )
    response = alice_client.get(stoltenberg.get_absolute_url())
    html = response.content.decode()
    quotes = list(response.context["quotes"])
    assert quotes[0].article_slug == later.slug
    assert quotes[0].quoted_text == '"Wir bleiben standhaft."'
    for quote in quotes:
        assert f'href="{Quote.objects.get(pk=quote.pk).get_absolute_url()}"' in html
    seed_quotes = [q for q in quotes if q.article_slug == seed_article.slug]
    assert seed_quotes
    body = Article.objects.get(pk=seed_article.pk).body
    for quote in seed_quotes:
        found = Quote.objects.get(pk=quote.pk)
        assert quote.quoted_text == body[found.start : found.end]
        assert (quote.kind, quote.reviewed, quote.uncertain) == (
            found.kind,
            found.reviewed,
            found.uncertain,
        )
        when = (seed_article.date, seed_article.date_precision)
        assert (quote.date, quote.date_precision) == when
    assert "die NATO keine Konfliktpartei" in html
    assert "NATO-Generalsekretär" in html


@pytest.mark.django_db
def test_the_sources_pages(alice_client, seed_article):
    response = alice_client.get(reverse("articles:sources"))
    assert [(s.name, s.article_count) for s in response.context["sources"]] == [("RT DE", 1)]
    response = alice_client.get(seed_article.source.get_absolute_url())
    assert titles(response) == [seed_article.title]
    top = response.context["top_speakers"]
    assert top[0].name == "Jens Stoltenberg"


# --- Languages --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_german_browser_gets_german_pages(alice_client, seed_article):
    response = alice_client.get(seed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de-DE,de")
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Oktober 2022" in html and "October 2022" not in html
    assert "Wer zitiert wird" in html and "2 Min. Lesezeit" in html
    # the annotation editor, made once per language: each reader gets their own
    assert ">Neue Anmerkung</h2>" in html
    english = alice_client.get(seed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert ">New annotation</h2>" in english.content.decode()
    response = alice_client.get(reverse("articles:list"), HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert ">Artikel</h1>" in html and "Sprecher" in html and "Quellen" in html
    assert "Abmelden" in html and "Passwort ändern" in html


@pytest.mark.django_db
def test_the_language_switch(alice_client, client, seed_article):
    url = reverse("articles:list")
    response = alice_client.post(reverse("set_language"), {"language": "de", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert ">Artikel</h1>" in alice_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    alice_client.post(reverse("set_language"), {"language": "en", "next": url})
    assert ">Articles</h1>" in alice_client.get(url).content.decode()


@pytest.mark.django_db
def test_the_language_switch_works_before_login(client):
    page = client.get(reverse("login") + "?next=/articles/%3Fq%3D%22x%22").content.decode()
    form = page[page.index('<form class="language-form"') :]
    form = form[: form.index("</form>")]
    token = client.cookies["csrftoken"].value
    assert 'name="csrfmiddlewaretoken" value="' in form and token
    assert (
        '<input type="hidden" name="next" value="/accounts/login/?next=/articles/%3Fq%3D%22x%22">'
        in form
    )
    assert '<select id="language-page" name="language">' in form
    assert '<option value="en" lang="en" selected>English</option>' in form
    response = client.post(reverse("set_language"), {"language": "de", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert "Anmelden" in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_deep_pages_are_the_same_rows_as_an_offset(alice_client):
    """From CappedPaginator.DEFERRED_FROM rows in, a page's ids are found first, then its rows:
    the same rows, in the same order, as the plain OFFSET, filtered or not."""
    source, other = (Source.objects.create(name=n, slug=n) for n in ("blatt", "anderes"))
    Article.objects.bulk_create(
        Article(
            source=source if n % 4 else other,
            title=f"Lage {n}",
            slug=f"deep-{n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 40),
            body="Die Lage ist ernst." if n % 3 else "Nichts.",
            seed_filename=f"deep-{n}.txt",
            content_hash=f"{n:064d}",
        )
        for n in range(150)
    )
    derived.rebuild()  # written around the services: the sources' counts, the list's total
    url = reverse("articles:list")
    for query in ({}, {"source": "blatt"}, {"q": "Lage", "sort": "oldest"}):
        expected = [row.article.pk for row in alice_client.get(url, query).context["rows"]]
        page = 1
        while True:
            response = alice_client.get(url, {**query, "page": page})
            rows = response.context["rows"]
            if page > 1:
                expected += [row.article.pk for row in rows]
            if not response.context["page_obj"].has_next():
                break
            page += 1
        assert page >= 6, query  # reaches the deferred pages
        cache.clear()  # the first page again, rendered: its paginator
        queryset = alice_client.get(url, query).context["paginator"].object_list
        if isinstance(queryset, ListedMatches):  # a plain list's SQL, compiled once
            queryset = queryset.as_queryset()
        assert expected == list(queryset.values_list("pk", flat=True)), query


@pytest.mark.django_db
def test_a_list_without_search_or_filter_counts_nothing(
    alice, alice_client, many_articles, monkeypatch
):
    """Its count is the sum of the sources' kept counts (``Source.article_count``, read with the
    reader's archived articles), less those archived articles; every page is there."""
    url = reverse("articles:list")
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(url)
    assert response.context["paginator"].count == 60
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    archived = many_articles[7]
    services.reading_state_set(user=alice, article=archived, archived=True)
    shown = []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            response = alice_client.get(url, {"page": page})
        assert response.context["paginator"].count == 59
        assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        shown += [row.article.pk for row in response.context["rows"]]
    assert not response.context["page_obj"].has_next()
    assert sorted(shown) == sorted(a.pk for a in many_articles if a != archived)
    # Known, the count is not capped: every page is reachable.
    from articles.views import CappedPaginator

    cache.clear()
    monkeypatch.setattr(CappedPaginator, "CAP", 10)
    response = alice_client.get(url, {"page": "last"})
    assert response.context["paginator"].count == 59 and not response.context["paginator"].capped
    assert response.context["page_obj"].number == 3
    assert "59 articles" in response.content.decode()
    monkeypatch.undo()
    # A search in date order still counts its matches.
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(url, {"q": "Lage", "sort": "newest"})
    assert response.context["paginator"].count == 59
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


@pytest.mark.django_db
def test_a_search_counts_a_little_beyond_the_page_and_every_page_is_reachable(
    alice_client, monkeypatch
):
    from articles.views import ArticleListView

    monkeypatch.setattr(ArticleListView, "SEARCH_CAP", 20)
    source = Source.objects.create(name="Blatt", slug="blatt")
    Article.objects.bulk_create(
        Article(
            source=source,
            title=f"Lage {n}",
            slug=f"many-{n}",
            date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n),
            body="Die Lage ist ernst.",
            seed_filename=f"many-{n}.txt",
            content_hash=f"{n:064d}",
        )
        for n in range(70)
    )
    url = reverse("articles:list")
    first = alice_client.get(url, {"q": "Lage", "sort": "newest"})
    assert "More than 40 articles" in first.content.decode()  # 20 beyond the page, rounded
    seen, page = [], 1
    while True:
        response = alice_client.get(url, {"q": "Lage", "sort": "newest", "page": page})
        seen += [row.article.pk for row in response.context["rows"]]
        if not response.context["page_obj"].has_next():
            break
        page += 1
    assert page == 4 and len(seen) == len(set(seen)) == 70
    assert "70 articles" in response.content.decode()  # counted exactly once within reach
    assert "More than 10,000" not in alice_client.get(url).content.decode()


# --- Query bounds -----------------------------------------------------------------------------


@pytest.fixture
def many_articles(db):
    """60 articles from 3 sources quoting 12 speakers, 50 quotations in the first one."""
    sources = [Source.objects.create(name=f"Quelle {i}", slug=f"quelle-{i}") for i in range(3)]
    speakers = [make_speaker(f"Person {i}") for i in range(12)]
    sentence = 'Sie sagte: "Die Lage ist ernst." '
    articles = []
    for n in range(60):
        count = 50 if n == 0 else 4
        body = sentence * count
        quotes = [
            (i * len(sentence) + 11, i * len(sentence) + 32, speakers[(n + i) % 12], "direct")
            for i in range(count)
        ]
        articles.append(
            make_article(
                sources[n % 3],
                f"Lage Nummer {n}",
                body,
                date=datetime.date(2000 + n % 20, 1 + n % 12, 1),
                quotes=quotes,
            )
        )
    return articles


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_rows(
    alice_client, many_articles, django_assert_max_num_queries
):
    speaker = Speaker.objects.get(name="Person 1")
    # Every page: session and user, the header's count of unread activity (one query), then
    # the reading revision (articles.shared). Rendered (the first request at a revision), each
    # page then runs its own; from the shared cache only what is the reader's own.
    pages = [
        # The page (its count, the sources' kept counts, comes with the reader's states),
        # speakers per row, the source options (one query). Every list also reads
        # the reader's archived ids (its cache key), whether they have any reading state (alice
        # has none yet: no query for the rows' states), the revision and the header's probe
        # in one query.
        (reverse("articles:list"), 6, 5),
        # A ranked search: the window with its ranks, the page by id, speakers with passages,
        # the options (no count: the window's length is the count).
        (reverse("articles:list") + "?q=Lage&sort=relevance", 9, 5),
        (reverse("articles:list") + f"?speaker={speaker.slug}&source=quelle-1&q=ernst", 11, 5),
        # One speaker's articles: the speaker (their count with them: no count), the page, …
        (reverse("articles:list") + f"?speaker={speaker.slug}", 9, 5),
        # One for the revisions, whether anybody annotated or tagged the article and the
        # reader's state (nothing more for the reader's part of an article without annotations),
        # rendered: 3 for the article and its neighbours; the header's activity count, and on
        # the first visit the write that marks it read.
        (many_articles[0].get_absolute_url(), 8, 4),
        (reverse("articles:speakers"), 6, 4),
        (speaker.get_absolute_url(), 7, 4),
        (reverse("articles:sources"), 5, 4),
        (reverse("articles:source", args=["quelle-0"]), 7, 4),
    ]
    for url, rendered, cached in pages:
        with django_assert_max_num_queries(rendered):
            first = alice_client.get(url)
        with django_assert_max_num_queries(cached):
            again = alice_client.get(url)
        assert first.status_code == again.status_code == 200, url
        assert without_csrf(first) == without_csrf(again), url
    body = alice_client.get(many_articles[0].get_absolute_url()).content.decode()
    assert body.count('class="quote ') == 50
    listed = alice_client.get(reverse("articles:list")).content.decode()
    assert listed.count('<li class="article-row">') == 20


def without_csrf(response) -> str:
    """The page without its CSRF tokens, which are masked anew for every response."""
    return re.sub(
        r'(name="csrfmiddlewaretoken" value|data-csrf)="[^"]*"', "", response.content.decode()
    )


# --- Guessed attributions ---------------------------------------------------------------------


@pytest.fixture
def guessed_article(db):
    """Anna Berger quoted once for sure and once by a guess; Karl Wolf only by a guess, and a
    guess about Anna that a person confirmed."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    anna, karl = make_speaker("Anna Berger"), make_speaker("Karl Wolf")
    body = 'Sie sagte: "Eins." Dann: "Zwei." Er: "Drei." Sie: "Vier."'
    spans = [
        (body.index(f'"{word}'), body.index(f'{word}."') + len(word) + 2)
        for word in ("Eins", "Zwei", "Drei", "Vier")
    ]
    article = make_article(source, "Vermutet", body)
    confirmed = Quote.Review.CONFIRMED
    for (start, end), speaker, confidence, review in zip(
        spans,
        [anna, anna, karl, anna],
        [0.9, 0.4, 0.5, 0.3],
        [Quote.Review.MACHINE, Quote.Review.MACHINE, Quote.Review.MACHINE, confirmed],
        strict=True,
    ):
        Quote.objects.create(
            article=article,
            start=start,
            end=end,
            speaker=speaker,
            kind="direct",
            confidence=confidence,
            review=review,
        )
    derived.articles_changed([article.pk])
    return article


@pytest.mark.django_db
def test_one_speakers_list_is_counted_by_the_speaker_unless_the_reader_archived_some(
    alice_client, alice, many_articles
):
    """``Speaker.article_count`` is the count of a list of their articles alone; with another
    filter, or for a reader with archived articles, the list counts."""
    speaker = Speaker.objects.get(name="Person 1")
    quoting = Article.objects.filter(quotes__speaker=speaker).distinct()
    assert speaker.article_count == quoting.count() == 20
    url = reverse("articles:list")

    def shown(query) -> tuple[str, list[str]]:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            page = alice_client.get(url, query).content.decode()
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        return re.search(r'role="status">([^<]*)<', page).group(1), counts

    assert shown({"speaker": speaker.slug}) == ("20 articles", [])
    text, counts = shown({"speaker": speaker.slug, "source": "quelle-1"})
    assert text == f"{quoting.filter(source__slug='quelle-1').count()} articles" and counts
    services.reading_state_set(user=alice, article=quoting.first(), archived=True)
    text, counts = shown({"speaker": speaker.slug})
    assert text == "19 articles" and counts


@pytest.mark.django_db
def test_a_guessed_attribution_is_shown_as_a_guess_everywhere(alice_client, guessed_article):
    # The article page: Anna's chip counts her one guess, Karl's says "probably".
    response = alice_client.get(guessed_article.get_absolute_url())
    entries = {e.speaker.name: e for e in response.context["page"].speakers}
    assert (entries["Anna Berger"].count, entries["Anna Berger"].probable) == (3, 1)
    assert (entries["Karl Wolf"].count, entries["Karl Wolf"].probable) == (1, 1)
    html = response.content.decode()
    assert '<span class="chip-probable">1 probable</span>' in html
    assert '<span class="chip-name">probably Karl Wolf</span>' in html
    assert '<span class="chip-name">Anna Berger</span>' in html

    # The speaker page marks the one guessed quotation of Anna's, not the confirmed one.
    anna = Speaker.objects.get(name="Anna Berger")
    response = alice_client.get(anna.get_absolute_url())
    assert [q.uncertain for q in response.context["quotes"]] == [False, True, False]
    assert response.content.decode().count("probably Anna Berger</span>") == 1

    # The article list: Karl is quoted only by a guess, Anna for sure.
    response = alice_client.get(reverse("articles:list"))
    (row,) = listed(response)
    assert row.speakers == ["Anna Berger", "probably Karl Wolf"]
    html = response.content.decode()
    assert ' class="probable">probably Karl Wolf</a>' in html and ">Anna Berger</a>" in html

    # German: „vermutlich …“, and the guessed part of the count: „davon 1 vermutet“.
    response = alice_client.get(guessed_article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert "vermutlich Karl Wolf" in html
    assert '<span class="chip-probable">davon 1 vermutet</span>' in html


@pytest.mark.django_db
def test_the_database_condition_for_a_guess_is_quote_uncertain(guessed_article):
    Quote.objects.filter(start__gt=30).update(kind="indirect")  # a reported one is no guess
    quotes = Quote.objects.all()
    assert {q.pk for q in quotes if q.uncertain} == set(
        quotes.filter(Quote.UNCERTAIN).values_list("pk", flat=True)
    )
    assert quotes.filter(Quote.UNCERTAIN).exists()


# --- Pages past the end, and filter values that are not valid ----------------------------------


@pytest.mark.django_db
def test_a_page_number_past_the_end_or_nonsense_shows_the_last_or_first_page(
    alice_client, many_articles
):
    speaker = Speaker.objects.get(name="Person 1")
    pages = [
        (reverse("articles:list"), 3),
        (reverse("articles:list") + "?q=Lage&sort=newest", 3),
        (reverse("articles:source", args=["quelle-0"]), 1),
        (reverse("articles:speakers"), 1),
        (speaker.get_absolute_url(), 1),
    ]
    for url, last in pages:
        join = "&" if "?" in url else "?"
        for page, expected in [("99", last), ("last", last), ("abc", 1), ("0", 1), ("-2", 1)]:
            cache.clear()  # rendered, not from the shared cache: its context
            response = alice_client.get(f"{url}{join}page={page}")
            assert response.status_code == 200, (url, page)
            assert response.context["page_obj"].number == expected, (url, page)
    cache.clear()
    response = alice_client.get(reverse("articles:list"), {"page": 99})
    assert len(response.context["rows"]) == 20  # 60 articles: the last page is full


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message, label",
    [
        ({"date_from": "garbage"}, "Enter a valid date.", "From: garbage"),
        ({"speaker": "nobody"}, "No quoted speaker “nobody”.", "Speaker: nobody"),
        ({"source": "nope"}, "No source “nope”.", "Source: nope"),
        ({"tag": "nope"}, "No tag “nope”.", "Tag: nope"),
        ({"sort": "sideways"}, "Select a valid choice.", "Sort by: sideways"),
    ],
)
def test_a_filter_value_that_is_not_valid_is_shown_with_its_error_and_no_articles(
    alice_client, seed_article, query, message, label
):
    response = alice_client.get(reverse("articles:list"), {"q": "NATO", **query})
    assert response.status_code == 200
    assert response.context["rows"] == []  # never silently more articles than asked for
    html = response.content.decode()
    assert message in html and 'class="errorlist' in html
    assert '<details class="filters-more" open>' in html  # the panel with the error is open
    assert "A filter is not valid" in html
    removals = dict(response.context["removals"])
    assert label in removals
    assert titles(alice_client.get(removals[label])) == [seed_article.title]


@pytest.mark.django_db
def test_the_speaker_filter_takes_a_slug_a_name_or_an_alias_and_shows_the_name(
    alice_client, many_articles
):
    """A field of text with suggestions, not a choice of every speaker: the speaker pages link
    by slug, a reader types a name or an alias or picks a suggestion (its name)."""
    person = Speaker.objects.get(name="Person 1")
    SpeakerAlias.objects.create(speaker=person, name="P. Eins")
    url = reverse("articles:list")
    expected = titles(alice_client.get(url, {"speaker": person.slug}))
    assert 0 < person.article_count < 60 and len(expected) == min(20, person.article_count)
    for value in (person.slug, "Person 1", "  Person   1 ", "P. Eins", "p. eins", "person 1"):
        cache.clear()  # rendered: its context
        response = alice_client.get(url, {"speaker": value})
        html = response.content.decode()
        assert titles(response) == expected, value
        assert response.context["paginator"].count == person.article_count, value
        assert 'id="id_speaker" type="search" name="speaker" value="Person 1"' in html, value
        assert "errorlist" not in html, value
        assert [label for label, _url in response.context["removals"]] == ["Speaker: Person 1"]
    assert '<option value="person-1"' not in html  # no speaker listed in the form
    # A part of one name alone is that speaker ("Person 1" is in "Person 10" and "Person 11").
    SpeakerAlias.objects.create(speaker=person, name="Frau Einzig")
    response = alice_client.get(url, {"speaker": "einzig"})
    assert titles(response) == expected and "errorlist" not in response.content.decode()
    # What names several (an alias two speakers share, a part of several names): which one is
    # meant is asked, no article shown.
    SpeakerAlias.objects.create(speaker=Speaker.objects.get(name="Person 2"), name="P. Eins")
    for value, message in (
        ("P. Eins", "Several speakers go by “P. Eins”"),
        ("erson", "Several speakers match “erson”: type more of the name"),
    ):
        response = alice_client.get(url, {"speaker": value})
        assert response.context["rows"] == []
        assert message in response.content.decode()
    german = alice_client.get(url, {"speaker": "erson"}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Mehrere Sprecher passen zu „erson“" in german.content.decode()
    # What the suggestions' count says to screen readers, in the reader's language.
    assert 'data-count-many="{count} Vorschläge"' in german.content.decode()


@pytest.mark.django_db
def test_a_speaker_error_changes_with_the_speakers_and_so_does_the_cached_page(
    alice_client, many_articles
):
    """The page of a value that names no speaker is cached; once two speakers go by it, the
    page says so (the same rows, the same count: the error is part of what it shows), and
    once it names one, that speaker's articles."""
    url = reverse("articles:list")
    assert (
        "No quoted speaker “Zweideutig”"
        in alice_client.get(url, {"speaker": "Zweideutig"}).content.decode()
    )
    for name in ("Person 3", "Person 4"):
        SpeakerAlias.objects.create(speaker=Speaker.objects.get(name=name), name="Zweideutig")
    Source.objects.filter(slug="quelle-0").update(name="Quelle 0")  # a write: a new revision
    page = alice_client.get(url, {"speaker": "Zweideutig"}).content.decode()
    assert "Several speakers go by “Zweideutig”" in page and "No quoted speaker" not in page
    SpeakerAlias.objects.filter(speaker__name="Person 4").delete()
    Source.objects.filter(slug="quelle-0").update(name="Quelle 0")
    response = alice_client.get(url, {"speaker": "Zweideutig"})
    assert "errorlist" not in response.content.decode()
    assert len(response.context["rows"]) > 0


@pytest.mark.django_db
def test_a_known_tag_filters_by_slug_or_name(alice_client, alice, seed_article):
    from annotations.models import ArticleTag, Tag

    tag = Tag.objects.create(name="Waffen", slug="waffen")
    ArticleTag.objects.create(article=seed_article, tag=tag, user=alice)
    for value in ("waffen", "WAFFEN"):
        response = alice_client.get(reverse("articles:list"), {"tag": value})
        assert titles(response) == [seed_article.title]
        assert "errorlist" not in response.content.decode()


@pytest.mark.django_db
def test_a_tag_value_the_filter_finds_nothing_for_is_an_error(alice_client, alice, seed_article):
    """The check asks what the filter asks: a value that passes finds the tagged article, one
    that does not is an error (never an empty list with no word why). A name in another case
    is the tag on either database (SQLite's own comparison knows ASCII letters only)."""
    from annotations.models import ArticleTag, Tag

    for name, slug in (("Waffen Lieferung", "waffen-lieferung"), ("Übung", "ubung")):
        tag = Tag.objects.create(name=name, slug=slug)
        ArticleTag.objects.create(article=seed_article, tag=tag, user=alice)
    response = alice_client.get(reverse("articles:list"), {"tag": "WAFFEN-LIEFERUNG"})
    assert "No tag “WAFFEN-LIEFERUNG”." in response.content.decode()
    for value in ("waffen-lieferung", "waffen LIEFERUNG", "ubung", "Übung", "ÜBUNG", "übung"):
        response = alice_client.get(reverse("articles:list"), {"tag": value})
        assert titles(response) == [seed_article.title], value
        assert "No tag" not in response.content.decode(), value


# --- The frame: navigation, login errors, logout, favicon ---------------------------------------


@pytest.mark.django_db
def test_the_header_links_to_my_annotations_and_the_tokens(alice_client):
    html = alice_client.get(reverse("articles:list")).content.decode()
    assert f'href="{reverse("annotations:mine")}"' in html
    assert f'href="{reverse("annotations:tokens")}"' in html
    html = alice_client.get(reverse("annotations:mine")).content.decode()
    assert f'href="{reverse("annotations:mine")}" aria-current="page"' in html


@pytest.mark.django_db
def test_a_failed_login_is_an_alert(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    html = response.content.decode()
    assert re.search(r'<div class="form-errors" role="alert"><ul class="errorlist nonfield"', html)
    response = client.post(reverse("login"), {"username": "alice", "password": ""})
    assert 'class="field-errors" role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_logging_out_says_so_on_the_login_page(alice_client):
    response = alice_client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "You have been logged out." in response.content.decode()
    assert "logged out" not in alice_client.get(reverse("login")).content.decode()  # once


@pytest.mark.django_db
def test_a_favicon_is_linked_and_served(client, alice_client):
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    response = client.get("/favicon.ico")  # anonymous: browsers ask before logging in
    assert response.status_code == 302 and response["Location"] == static("favicon.svg")
    assert finders.find("favicon.svg")
    html = alice_client.get(reverse("articles:list")).content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html


def test_the_annotation_editor_quotes_in_the_readers_language():
    from django.utils import translation

    from articles.views import annotate_strings

    with translation.override("en"):
        assert annotate_strings()["quoted"] % {"text": "x"} == "“x”"
    with translation.override("de"):
        assert annotate_strings()["quoted"] % {"text": "x"} == "„x“"


@pytest.mark.django_db
def test_the_source_and_speaker_pages_read_every_page_as_the_orm_would(
    django_assert_num_queries,
):
    """``selectors.SourceArticles`` and ``SpeakerQuotes`` read their pages by raw SQL, deep ones
    (past ``DEFERRED_FROM``) ids first: the same rows in the same order as the ORM's queries."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    speaker = make_speaker("Vielzitierte")
    bodies = [f'Sie sagte: "Satz {n}." Dann: "Noch {n}."' for n in range(130)]
    articles = Article.objects.bulk_create(
        Article(
            source=source,
            title=f"Titel {n}",
            slug=f"tief-{n}",
            date=datetime.date(2020, 1 + n % 12, 1 + n % 3),  # many on the same day
            body=body,
            seed_filename=f"tief-{n}.txt",
            content_hash=f"{n + 7_000_000:064d}",
        )
        for n, body in enumerate(bodies)
    )
    quotes = []
    for article, body in zip(articles, bodies, strict=True):
        first = body.index('"')
        second = body.index('"', body.index('"', first + 1) + 1)
        for start in (first, second):
            end = body.index('"', start + 1) + 1
            quotes.append(
                Quote(article=article, start=start, end=end, speaker=speaker, kind="direct")
            )
    Quote.objects.bulk_create(quotes)
    derived.articles_changed([article.pk for article in articles])
    source.refresh_from_db()
    speaker.refresh_from_db()

    listed = Article.objects.listed().filter(source=source).order_by("-date", "-pk")
    expected = [(a.pk, a.title, a.date, a.body_length, a.source.name) for a in listed]
    pages = selectors.SourceArticles(source)
    assert len(pages) == 130 and pages.DEFERRED_FROM < 130
    read = [
        (a.pk, a.title, a.date, a.body_length, a.source.name)
        for start in range(0, 140, 20)
        for a in pages[start : start + 20]
    ]
    assert read == expected

    spoken = (
        Quote.objects.filter(speaker=speaker, counted=True)
        .annotate(quoted_text=Substr("article__body", F("start") + 1, F("end") - F("start")))
        .order_by("-article_date", "-article_id", "start")
        .values_list("pk", "quoted_text", "article__slug", "article__date")
    )
    quoted = selectors.SpeakerQuotes(speaker)
    assert len(quoted) == 260
    read = [
        (q.pk, q.quoted_text, q.article_slug, q.date)
        for start in range(0, 300, 50)
        for q in quoted[start : start + 50]
    ]
    assert read == list(spoken)
    with django_assert_num_queries(2):  # a deep page: one query each (was two)
        assert len(pages[120:140]) == 10 and len(quoted[200:250]) == 50
