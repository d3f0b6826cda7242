"""The reader's state of an article: read when opened, a favourite, archived; the toggles, the
list's filters, and the shared cache that must never show one reader's state to another."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from articles import selectors, services, shared
from articles.filters import ArticleFilter
from articles.models import Article, ReadingState, Source
from tests.articles.test_reading import make_article, make_speaker

LIST = "/articles/"


@pytest.fixture
def three(db):
    """Three articles of one source, newest first: Erster, Zweiter, Dritter."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    speaker = make_speaker("Anna Berger")
    body = 'Sie sagte: "Die Lage ist ernst." Dann ging sie.'
    return [
        make_article(
            source,
            title,
            body,
            date=datetime.date(2023, 5, 3 - n),
            quotes=[(11, 32, speaker, "direct")],
        )
        for n, title in enumerate(["Erster", "Zweiter", "Dritter"])
    ]


def listed(response) -> list[str]:
    """The titles of the list's rows, in order."""
    return re.findall(r'<h2 class="article-row-title"><a href="[^"]*">([^<]*)</a>', page(response))


def page(response) -> str:
    return response.content.decode()


def controls(response, article: Article) -> str:
    """The reading-state form of the article's row (or of the article page)."""
    html = page(response)
    action = reverse("articles:reading", args=[article.slug])
    start = html.index(f'action="{action}"')
    return html[start : html.index("</form>", start)]


def pressed(html: str, name: str) -> bool:
    match = re.search(rf'name="{name}" value="[01]" aria-pressed="(true|false)"', html)
    assert match, html
    return match[1] == "true"


def toggle(client, article, **fields):
    data = {name: "1" if on else "0" for name, on in fields.items()}
    return client.post(
        reverse("articles:reading", args=[article.slug]), data, HTTP_ACCEPT="application/json"
    )


# --- The model and the services -------------------------------------------------------------------


def test_one_row_per_reader_and_article(three, alice):
    ReadingState.objects.create(user=alice, article=three[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        ReadingState.objects.create(user=alice, article=three[0], favourite=True)


def test_setting_keeps_what_is_not_given_and_the_first_times(three, alice):
    state = services.reading_state_set(user=alice, article=three[0], read=True, archived=True)
    read_at, archived_at = state.read_at, state.archived_at
    assert state.read and state.archived and not state.favourite
    state = services.reading_state_set(user=alice, article=three[0], favourite=True, read=True)
    assert (state.read_at, state.archived_at, state.favourite) == (read_at, archived_at, True)
    state = services.reading_state_set(user=alice, article=three[0], read=False, archived=False)
    assert state.read_at is None and state.archived_at is None and state.favourite
    assert ReadingState.objects.count() == 1
    assert str(state) == f"{alice.pk} · {three[0].pk}"


def test_opened_is_one_statement_and_keeps_the_other_fields(
    three, alice, django_assert_num_queries
):
    services.reading_state_set(user=alice, article=three[0], favourite=True)
    with django_assert_num_queries(1):
        services.article_opened(user=alice, article_id=three[0].pk)
    with django_assert_num_queries(1):
        services.article_opened(user=alice, article_id=three[1].pk)  # no row yet
    states = selectors.reading_states(alice, [a.pk for a in three])
    assert states[three[0].pk].read and states[three[0].pk].favourite
    assert states[three[1].pk].read and not states[three[1].pk].favourite
    assert three[2].pk not in states


def test_an_anonymous_reader_has_no_state(three):
    anonymous = AnonymousUser()
    services.article_opened(user=anonymous, article_id=three[0].pk)
    assert ReadingState.objects.count() == 0
    assert selectors.reading_states(anonymous, [three[0].pk]) == {}
    assert selectors.reader_states(anonymous) == ([], None, {})
    request = RequestFactory().get(LIST, {"reading": "favourite"})
    request.user = anonymous
    filtered = ArticleFilter(request.GET, queryset=Article.objects.all(), request=request)
    assert list(filtered.qs) == []  # no favourites, and no error
    request = RequestFactory().get(LIST)
    request.user = anonymous
    everything = ArticleFilter(request.GET, queryset=Article.objects.all(), request=request)
    assert everything.qs.count() == 3


def test_the_readers_states_in_one_query(three, alice, bob, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert selectors.reader_states(alice) == ([], None, {})
    services.reading_state_set(user=alice, article=three[2], archived=True)
    services.reading_state_set(user=alice, article=three[0], archived=True)
    services.reading_state_set(user=alice, article=three[1], favourite=True)
    services.reading_state_set(user=bob, article=three[1], read=True)
    with django_assert_num_queries(1):
        assert selectors.reader_states(alice).archived == sorted([three[0].pk, three[2].pk])
    assert selectors.reader_states(bob).archived == []
    # With the request, the list's reading revision in the same query.
    request = RequestFactory().get(LIST)
    with django_assert_num_queries(1):
        states = selectors.reader_states(alice, request)
        assert states.archived == sorted([three[0].pk, three[2].pk])
        kept = shared.revision(request)  # no query of its own
    assert kept == shared.revision(RequestFactory().get(LIST))
    with django_assert_num_queries(1):
        flags = selectors.reading_flags(alice, [a.pk for a in three])
    assert flags == {
        three[0].pk: (False, False, True),
        three[1].pk: (False, True, False),
        three[2].pk: (False, False, True),
    }
    # A reader with few states has them all from reader_states, the same as reading_flags'.
    assert states.flags == flags
    assert selectors.reader_states(bob).flags == {three[1].pk: (True, False, False)}
    assert selectors.reader_states(AnonymousUser()).flags == {}
    assert selectors.reading_flags(bob, [a.pk for a in three]) == {
        three[1].pk: (True, False, False)
    }
    with django_assert_num_queries(0):
        assert selectors.reading_flags(AnonymousUser(), [three[0].pk]) == {}
        assert selectors.reading_flags(alice, []) == {}
        assert selectors.reader_states(AnonymousUser()) == ([], None, {})


def test_deleting_the_article_or_the_reader_deletes_the_state(three, alice, bob):
    services.reading_state_set(user=alice, article=three[0], favourite=True)
    services.reading_state_set(user=bob, article=three[1], favourite=True)
    three[0].delete()
    bob.delete()
    assert ReadingState.objects.count() == 0


# --- The article page and the toggles -----------------------------------------------------------


@pytest.mark.django_db
def test_opening_the_article_marks_it_read_for_this_reader_only(alice_client, bob, three):
    article = three[0]
    response = alice_client.get(article.get_absolute_url())
    form = controls(response, article)
    assert pressed(form, "read") and not pressed(form, "favourite")
    assert not pressed(form, "archived")
    assert 'name="csrfmiddlewaretoken"' in form
    state = ReadingState.objects.get(article=article)
    assert state.user.username == "alice" and state.read
    first = state.read_at
    alice_client.get(article.get_absolute_url())
    assert ReadingState.objects.get(article=article).read_at == first  # not written again


@pytest.mark.django_db
def test_a_head_request_does_not_mark_the_article_read(alice_client, three):
    assert alice_client.head(three[0].get_absolute_url()).status_code == 200
    assert not ReadingState.objects.exists()


@pytest.mark.django_db
def test_marked_unread_on_the_article_page_without_script_it_stays_unread(alice_client, three):
    article = three[0]
    alice_client.get(article.get_absolute_url())
    url = reverse("articles:reading", args=[article.slug])
    data = {"read": "0", "next": article.get_absolute_url()}
    response = alice_client.post(url, data, follow=True)
    # to the list, not back to the article, which would mark it read again at once
    assert response.redirect_chain == [(reverse("articles:list"), 302)]
    assert not ReadingState.objects.get(article=article).read


@pytest.mark.django_db
def test_the_article_page_is_bounded_in_queries(alice_client, three, django_assert_max_num_queries):
    url = three[0].get_absolute_url()
    # session, user, the article's revisions, the article and its quotations, its neighbours,
    # highlights, tags, the reading state, the write that marks it read, the header's activity
    # count
    with django_assert_max_num_queries(12):
        alice_client.get(url)
    with django_assert_max_num_queries(7):  # the shared parts from the cache; no write
        alice_client.get(url)


@pytest.mark.django_db
def test_the_toggles_answer_json_and_set_the_state(alice_client, alice, three):
    article = three[0]
    response = toggle(alice_client, article, favourite=True)
    assert response.status_code == 200
    assert response.json() == {"read": False, "favourite": True, "archived": False}
    assert toggle(alice_client, article, archived=True).json()["archived"] is True
    assert toggle(alice_client, article, read=True).json() == {
        "read": True,
        "favourite": True,
        "archived": True,
    }
    # Nonsense values change nothing.
    response = alice_client.post(
        reverse("articles:reading", args=[article.slug]),
        {"favourite": "yes"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["favourite"] is True
    assert toggle(alice_client, article, read=False, favourite=False).json() == {
        "read": False,
        "favourite": False,
        "archived": True,
    }


@pytest.mark.django_db
def test_without_script_the_form_goes_back_to_the_page(alice_client, three):
    article = three[0]
    url = reverse("articles:reading", args=[article.slug])
    response = alice_client.post(url, {"favourite": "1", "next": "/articles/?reading=unread"})
    assert response.status_code == 302 and response["Location"] == "/articles/?reading=unread"
    response = alice_client.post(url, {"read": "0", "next": "https://evil.example/"})
    assert response["Location"] == article.get_absolute_url()
    state = ReadingState.objects.get()
    assert state.favourite and not state.read


@pytest.mark.django_db
def test_the_toggle_refuses_get_strangers_and_unknown_articles(client, alice_client, three):
    url = reverse("articles:reading", args=[three[0].slug])
    assert alice_client.get(url).status_code == 405
    missing = reverse("articles:reading", args=["no-such-article"])
    assert alice_client.post(missing, {"favourite": "1"}).status_code == 404
    client.logout()
    response = client.post(url, {"favourite": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert ReadingState.objects.count() == 0


@pytest.mark.django_db
def test_the_toggle_needs_the_csrf_token(alice, three):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("articles:reading", args=[three[0].slug])
    assert client.post(url, {"favourite": "1"}).status_code == 403
    html = page(client.get(three[0].get_absolute_url()))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]
    response = client.post(url, {"favourite": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert ReadingState.objects.get().favourite


# --- The list ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_reader_sees_their_own_state_in_the_cached_list(client, alice, bob, three):
    services.reading_state_set(user=alice, article=three[1], favourite=True, read=True)
    client.force_login(alice)
    mine = client.get(LIST)
    assert pressed(controls(mine, three[1]), "favourite")
    assert pressed(controls(mine, three[1]), "read")
    assert not pressed(controls(mine, three[0]), "read")
    client.force_login(bob)  # the same shared page, from the cache
    theirs = client.get(LIST)
    assert listed(theirs) == listed(mine) == ["Erster", "Zweiter", "Dritter"]
    assert not pressed(controls(theirs, three[1]), "favourite")
    assert not pressed(controls(theirs, three[1]), "read")
    # The next link of a row is this list, with the parameters the page knows only.
    response = client.get(LIST, {"source": "blatt", "utm_source": "x"})
    assert 'name="next" value="/articles/?source=blatt"' in controls(response, three[0])


@pytest.mark.django_db
def test_a_reader_with_few_states_asks_nothing_for_the_rows(
    client, bob, three, django_assert_num_queries
):
    client.force_login(bob)
    client.get(LIST)  # the shared page, now cached
    # session, user, the reader's states (none) with the revision and whether they have
    # annotations (none: the header's activity count asks nothing)
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert not pressed(controls(response, three[1]), "favourite")
    toggle(client, three[1], favourite=True)
    with django_assert_num_queries(3):  # the states come with the reader's (a few)
        response = client.get(LIST)
    assert pressed(controls(response, three[1]), "favourite")
    assert not pressed(controls(response, three[0]), "favourite")


@pytest.mark.django_db
def test_a_reader_with_many_states_has_the_rows_states_read(
    client, bob, three, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(selectors, "READER_FLAGS", 1)
    client.force_login(bob)
    toggle(client, three[1], favourite=True)
    toggle(client, three[2], read=True)
    client.get(LIST)  # the shared page, now cached
    assert selectors.reader_states(bob).flags is None  # more states than READER_FLAGS
    with django_assert_num_queries(4):  # and the rows' states
        response = client.get(LIST)
    assert pressed(controls(response, three[1]), "favourite")
    assert pressed(controls(response, three[2]), "read")
    assert not pressed(controls(response, three[0]), "read")
    monkeypatch.setattr(selectors, "READER_FLAGS", 2)
    assert selectors.reader_states(bob).flags == {
        three[1].pk: (False, True, False),
        three[2].pk: (True, False, False),
    }


@pytest.mark.django_db
def test_archived_articles_leave_the_readers_list_only(client, alice, bob, three):
    client.force_login(alice)
    assert listed(client.get(LIST)) == ["Erster", "Zweiter", "Dritter"]  # now cached
    toggle(client, three[0], archived=True)
    assert listed(client.get(LIST)) == ["Zweiter", "Dritter"]
    assert "2 articles" in page(client.get(LIST))
    archive = client.get(LIST, {"reading": "archived"})
    assert listed(archive) == ["Erster"]
    assert pressed(controls(archive, three[0]), "archived")
    client.force_login(bob)
    assert listed(client.get(LIST)) == ["Erster", "Zweiter", "Dritter"]
    assert listed(client.get(LIST, {"reading": "archived"})) == []
    client.force_login(alice)
    toggle(client, three[0], archived=False)
    assert listed(client.get(LIST)) == ["Erster", "Zweiter", "Dritter"]


@pytest.mark.django_db
def test_the_reading_filters(alice_client, alice, three):
    first, second, third = three
    alice_client.get(second.get_absolute_url())  # read
    services.reading_state_set(user=alice, article=third, read=True, archived=True)
    services.reading_state_set(user=alice, article=first, favourite=True)
    assert listed(alice_client.get(LIST, {"reading": "unread"})) == ["Erster"]
    assert listed(alice_client.get(LIST, {"reading": "read"})) == ["Zweiter"]  # not archived
    assert listed(alice_client.get(LIST, {"reading": "archived"})) == ["Dritter"]
    services.reading_state_set(user=alice, article=third, favourite=True)
    # The favourites, archived or not (as in Wallabag).
    assert listed(alice_client.get(LIST, {"reading": "favourite"})) == ["Erster", "Dritter"]
    html = page(alice_client.get(LIST, {"reading": "favourite", "source": "blatt"}))
    assert '<option value="favourite" selected>' in html
    empty = alice_client.get(LIST, {"reading": "favourite", "date_from": "2024-01-01"})
    assert "Remove “Reading: favourites”" in page(empty)


@pytest.mark.django_db
def test_a_reading_value_that_is_not_valid_shows_no_articles(alice_client, three):
    response = alice_client.get(LIST, {"reading": "everything"})
    assert listed(response) == []
    html = page(response)
    assert '<select name="reading" aria-invalid="true"' in html
    assert "everything is not one of the available choices" in html
    assert "Remove “Reading: everything”" in html


@pytest.mark.django_db
def test_the_list_is_bounded_in_queries_with_every_row_in_a_state(
    alice_client, alice, django_assert_max_num_queries
):
    source = Source.objects.create(name="Blatt", slug="blatt")
    articles = [make_article(source, f"Nummer {n}", "Ein Text.") for n in range(30)]
    for n, article in enumerate(articles):
        services.reading_state_set(
            user=alice, article=article, read=True, favourite=n % 2 == 0, archived=n % 7 == 0
        )
    for query in ({}, {"reading": "favourite"}, {"reading": "read", "q": "Text"}):
        # session, user, revision, archived ids, count, page, speakers, three filters' options,
        # the rows' states, the header's activity count; then without the shared part's six
        # (a plain list: the archived ids and the reader's 30 states with the revision, the
        # speakers with the rows, the source and speaker options in one: 9, then 5)
        with django_assert_max_num_queries(12 if query else 9):
            first = alice_client.get(LIST, query)
        with django_assert_max_num_queries(12 if query else 5):
            alice_client.get(LIST, query)
        assert len(listed(first)) == 20 or query
        assert page(first).count('data-reading-state data-read="true"') == len(listed(first))


@pytest.mark.django_db
def test_the_controls_and_the_filter_speak_german(alice_client, three):
    html = page(alice_client.get(LIST, HTTP_ACCEPT_LANGUAGE="de"))
    assert "</span> Favorit</button>" in html and "</span> Gelesen</button>" in html
    assert '<label for="id_reading">Lesestand</label>' in html
    assert '<option value="favourite">Favoriten</option>' in html
