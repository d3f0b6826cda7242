"""A plain search by relevance reads the page asked for with its ranked window's size, in one
query (``articles.filters.RankedPage``, PostgreSQL): the same articles, ranks and order as the
window read whole (``RankedWindow``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import filters
from articles.filters import ArticleFilter, RankedPage, RankedWindow, plain_matches
from articles.models import Source
from articles.services import reading_state_set
from tests.articles.test_reading import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="searches are compiled on PostgreSQL only"
    ),
]
RELEVANCE = ArticleFilter.RELEVANCE


@pytest.fixture
def matches(monkeypatch):
    """46 matches with ties of rank and date, a window of 40; the 41st newest ranks highest."""
    monkeypatch.setattr(ArticleFilter, "RANK_WINDOW", 40)
    source = Source.objects.create(name="Blatt", slug="blatt")
    for n in range(45):
        body = "Energiepolitik. " * (1 + n % 4) + "Sonst nichts."
        year = 2020 if n < 40 else 2018
        make_article(source, f"Bericht {n}", body, date=datetime.date(year, 1, 1 + n % 5))
    # the 41st newest: just outside the window
    make_article(source, "Alt", "Energiepolitik. " * 10, date=datetime.date(2019, 1, 1))
    make_article(source, "Anderes", "Nichts davon.")


def whole(user, search="Energiepolitik"):
    """The window read whole, as before the page came with it."""
    window, full = plain_matches(user, search, RELEVANCE)
    assert isinstance(window, RankedWindow)
    return window, full


def shown(articles):
    return [(a.pk, a.rank, a.title, a.source.name, a.body_length) for a in articles]


def test_each_page_is_the_window_s_in_one_query(matches, alice):
    window, full = whole(alice)
    assert full and len(window) == 40
    assert "Alt" not in [a.title for a in window[0:40]]  # not among the 40 newest
    for start in (0, 20):
        with CaptureQueriesContext(connection) as queries:
            found, found_full = plain_matches(
                alice, "Energiepolitik", RELEVANCE, page=(start, start + 20)
            )
            assert isinstance(found, RankedPage)
            assert (len(found), found_full) == (40, True)
            page = found[start : start + 20]
        assert len(queries) == 1
        assert shown(page) == shown(window[start : start + 20])
    # the last, partial page of a smaller window; another slice is read from the window
    found, full = plain_matches(alice, "Energiepolitik", RELEVANCE, page=(20, 40))
    assert shown(found[20:40]) == shown(window[20:40])
    assert shown(found[0:20]) == shown(window[0:20])


def test_a_window_that_is_not_full_and_a_page_past_its_end(matches, alice, monkeypatch):
    monkeypatch.setattr(ArticleFilter, "RANK_WINDOW", 50)
    window, full = whole(alice)
    assert not full and len(window) == 46
    found, full = plain_matches(alice, "Energiepolitik", RELEVANCE, page=(40, 60))
    assert isinstance(found, RankedPage) and (len(found), full) == (46, False)
    assert shown(found[40:46]) == shown(window[40:46])
    # past the end: read as before (the paginator then shows the last page)
    found, full = plain_matches(alice, "Energiepolitik", RELEVANCE, page=(60, 80))
    assert isinstance(found, RankedWindow) and (len(found), full) == (46, False)


def test_the_reader_s_archived_articles_stay_out(matches, alice):
    window, _full = whole(alice)
    first = window[0:1][0]
    reading_state_set(user=alice, article=first, archived=True)
    found, _full = plain_matches(alice, "Energiepolitik", RELEVANCE, page=(0, 20))
    assert first.pk not in [a.pk for a in found[0:20]]
    assert shown(found[0:20]) == shown(whole(alice)[0][0:20])


def test_the_ranked_page_sql_is_compiled_once(matches, alice):
    filters._listed_sql.cache_clear()
    plain_matches(alice, "Energiepolitik", RELEVANCE, page=(0, 20))
    plain_matches(alice, "Militär", RELEVANCE, page=(20, 40))
    info = filters._listed_sql.cache_info()
    assert info.hits >= 1 and info.currsize == 3  # the page, and the window and rows within it


def test_no_match_is_one_query_and_a_page_far_past_the_end_none(matches, alice):
    with CaptureQueriesContext(connection) as queries:
        found, full = plain_matches(alice, "Rhabarber", RELEVANCE, page=(0, 20))
        assert (len(found), full, found[0:0]) == (0, False, [])
    assert len(queries) == 1
    # a page from past the window's end asks for no page: the window, then the last page
    with CaptureQueriesContext(connection) as queries:
        found, full = plain_matches(alice, "Energiepolitik", RELEVANCE, page=(10**20, 10**20 + 20))
        assert isinstance(found, RankedWindow) and (len(found), full) == (40, True)
    assert len(queries) == 1


def test_a_page_number_beyond_any_shows_the_last_page(matches, alice_client):
    response = alice_client.get("/articles/", {"q": "Energiepolitik", "page": "9" * 20})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
