"""The activity: replies to a reader's annotations and others' shared annotations on articles
they annotated, read up to a per-user timestamp; the header's count on every page."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from annotations import services
from annotations.models import ActivitySeen, Annotation
from annotations.selectors import (
    ACTIVITY_COUNT_CAP,
    activity_for,
    activity_seen_until,
    activity_unread_count,
)
from tests.annotations.conftest import other_article

pytestmark = pytest.mark.django_db

ACTIVITY = reverse("annotations:activity")
READ = reverse("annotations:activity-read")


@pytest.fixture
def carol(django_user_model):
    return django_user_model.objects.create_user("carol", password="carol-secret-pw")


def header_count(response) -> str | None:
    match = re.search(r"data-activity-count>([^<]*)<", response.content.decode())
    return match[1] if match else None


def item_ids(annotations) -> list[int]:
    return [a.pk for a in annotations]


# --- what counts ------------------------------------------------------------------------------


def test_a_reply_to_my_annotation_is_new_to_me_and_not_to_its_author(alice, bob, make_annotation):
    mine = make_annotation(alice, visibility="shared", comment="Meins")
    assert activity_unread_count(alice) == 0
    reply = services.reply_create(user=bob, parent=mine, comment="Antwort von Bob")
    assert activity_unread_count(alice) == 1
    assert activity_unread_count(bob) == 0
    assert item_ids(activity_for(alice).unread) == [reply.pk]
    # A reply to my reply in someone else's thread is a reply to me too (their highlight, made
    # after mine on the article, is activity too).
    theirs = make_annotation(bob, visibility="shared")
    my_reply = services.reply_create(user=alice, parent=theirs, comment="Frage")
    answer = services.reply_create(user=bob, parent=my_reply, comment="Antwort")
    assert item_ids(activity_for(alice).unread) == [answer.pk, theirs.pk, reply.pk]
    # My own replies are never my activity.
    services.reply_create(user=alice, parent=mine, comment="Nachtrag")
    assert activity_unread_count(alice) == 3


def test_shared_annotations_by_others_after_mine_on_the_same_article(
    alice, bob, carol, staff, article, make_annotation
):
    before = make_annotation(bob, visibility="shared", comment="war vorher da")
    make_annotation(alice, comment="privat, aber meins")
    after = make_annotation(bob, visibility="shared", comment="danach")
    make_annotation(bob, comment="privat von Bob")  # private: never anyone else's activity
    hidden = make_annotation(carol, visibility="shared", comment="versteckt")
    services.annotation_hide(annotation=hidden, user=staff)
    elsewhere = other_article(article)
    services.annotation_create(
        user=bob, article=elsewhere, start=0, end=3, visibility="shared", comment="anderswo"
    )
    gone = make_annotation(carol, visibility="shared", comment="gelöscht")
    services.annotation_delete(annotation=gone, user=carol)

    assert item_ids(activity_for(alice).unread) == [after.pk]
    assert activity_unread_count(alice) == 1
    assert before.pk not in item_ids(activity_for(alice).earlier)
    # Bob annotated first: alice's private annotation is no news to him, nor his own.
    assert activity_unread_count(bob) == 0
    # Staff see what they hid, on an article they annotated; the others do not.
    by_staff = make_annotation(staff, visibility="shared")
    assert activity_unread_count(staff) == 0
    late = make_annotation(carol, visibility="shared")
    services.annotation_hide(annotation=late, user=staff)
    assert activity_unread_count(staff) == 1
    assert item_ids(activity_for(alice).unread) == [by_staff.pk, after.pk]


def test_a_thread_made_private_leaves_the_activity(alice, bob, make_annotation):
    mine = make_annotation(alice, visibility="shared")
    services.reply_create(user=bob, parent=mine, comment="Antwort")
    assert activity_unread_count(alice) == 1
    services.annotation_update(annotation=mine, user=alice, visibility="private")
    assert activity_unread_count(alice) == 0
    assert activity_for(alice).unread == []


def test_an_anonymous_user_has_no_activity(django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert activity_unread_count(AnonymousUser()) == 0
    assert activity_unread_count(None) == 0


# --- read and unread --------------------------------------------------------------------------


def test_without_a_mark_everything_since_joining_is_new(alice, make_annotation, bob):
    assert activity_seen_until(alice) == alice.date_joined
    mine = make_annotation(alice, visibility="shared")
    services.reply_create(user=bob, parent=mine, comment="Antwort")
    alice.date_joined = Annotation.objects.latest("created").created + timedelta(seconds=1)
    alice.save(update_fields=["date_joined"])
    assert activity_unread_count(alice) == 0


def test_marking_read_never_goes_back(alice):
    now = alice.date_joined - timedelta(days=2)
    services.activity_mark_read(user=alice, until=now)
    services.activity_mark_read(user=alice, until=now - timedelta(days=1))
    assert ActivitySeen.objects.get(user=alice).until == now
    services.activity_mark_read(user=alice)
    assert activity_seen_until(alice) > now


def test_the_page_marks_what_it_shows_and_no_more(alice, bob, make_annotation):
    mine = make_annotation(alice, visibility="shared")
    replies = [services.reply_create(user=bob, parent=mine, comment=f"A{n}") for n in range(5)]
    page = activity_for(alice, unread_limit=3)
    # The oldest unread ones, shown newest first; the rest waits.
    assert item_ids(page.unread) == [r.pk for r in reversed(replies[:3])]
    assert page.more is True
    services.activity_mark_read(user=alice, until=page.unread[0].created)
    assert activity_unread_count(alice) == 2
    page = activity_for(alice, unread_limit=3)
    assert item_ids(page.unread) == [replies[4].pk, replies[3].pk] and page.more is False
    assert item_ids(page.earlier) == [r.pk for r in reversed(replies[:3])]


def test_the_count_stops_at_the_cap(alice, bob, make_annotation, client_for):
    mine = make_annotation(alice, visibility="shared")
    for n in range(ACTIVITY_COUNT_CAP + 2):
        services.reply_create(user=bob, parent=mine, comment=f"Antwort {n}")
    assert activity_unread_count(alice) == ACTIVITY_COUNT_CAP
    response = client_for(alice).get(reverse("annotations:mine"))
    assert header_count(response) == f"{ACTIVITY_COUNT_CAP - 1}+"


# --- the pages --------------------------------------------------------------------------------


def reading_pages(article) -> list[str]:
    speaker = article.quotes.exclude(speaker=None).first().speaker
    return [
        reverse("articles:list"),
        reverse("articles:list") + "?q=Stoltenberg",
        article.get_absolute_url(),
        reverse("articles:speakers"),
        speaker.get_absolute_url(),
        reverse("articles:sources"),
        article.source.get_absolute_url(),
    ]


def test_every_reading_page_shows_the_count_and_asks_a_reader_without_annotations_nothing(
    alice, bob, client_for, make_annotation, article
):
    """The page's first query says whether the reader annotated anything (the header's probe):
    the count is right for one who did, and for one who did not no query asks it alone, cold or
    cached. (A list filtered by tag or reading state, whose shared part depends on the reader,
    asks it alone.)"""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mine = make_annotation(alice, visibility="shared", comment="Meins")
    services.reply_create(user=bob, parent=mine, comment="Antwort")
    alice_client, bob_client = client_for(alice), client_for(bob)
    carol_client = client_for(
        type(alice).objects.create_user("carol-reader", password="carol-secret-pw")
    )
    for url in reading_pages(article):
        for warm in (False, True):
            if not warm:
                cache.clear()
            assert header_count(alice_client.get(url)) == "1", url
            assert header_count(bob_client.get(url)) is None, url  # annotated, nothing new
            with CaptureQueriesContext(connection) as queries:
                response = carol_client.get(url)
            assert response.status_code == 200 and header_count(response) is None, url
            alone = [q["sql"] for q in queries if q["sql"].startswith("SELECT 1 WHERE EXISTS")]
            probe = [q["sql"] for q in queries if "annotations_annotation" in q["sql"]]
            assert not alone and probe, (url, warm)


def test_opening_the_activity_page_reads_it(alice, bob, client_for, make_annotation):
    mine = make_annotation(alice, visibility="shared", comment="Meins")
    services.reply_create(user=bob, parent=mine, comment="Die **Antwort** von Bob")
    client = client_for(alice)
    assert header_count(client.get(reverse("articles:list"))) == "1"
    assert header_count(client_for(bob).get(reverse("articles:list"))) is None

    response = client.get(ACTIVITY)
    text = response.content.decode()
    assert response.status_code == 200
    assert "bob replied to your annotation" in text and "<strong>Antwort</strong>" in text
    assert 'class="activity-item is-new"' in text
    assert header_count(response) is None  # read as it was shown: the header says so already
    assert header_count(client.get(reverse("articles:list"))) is None
    # Shown again, under "Earlier".
    again = client.get(ACTIVITY).content.decode()
    assert "is-new" not in again and "Earlier" in again and "Antwort" in again


def test_mark_all_read(alice, bob, client_for, make_annotation):
    mine = make_annotation(alice, visibility="shared")
    services.reply_create(user=bob, parent=mine, comment="Antwort")
    client = client_for(alice)
    response = client.post(READ)
    assert response.status_code == 302 and response["Location"] == ACTIVITY
    assert activity_unread_count(alice) == 0
    assert "Nothing new" in client.get(ACTIVITY).content.decode()


def test_the_pages_need_a_login_and_the_right_method(alice, client_for):
    anonymous = client_for()
    for url in (ACTIVITY, READ):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client = client_for(alice)
    assert client.post(ACTIVITY).status_code == 405
    assert client.get(READ).status_code == 405
    assert not ActivitySeen.objects.exists()


def test_private_annotations_of_others_never_appear(alice, bob, client_for, make_annotation):
    make_annotation(alice, visibility="shared")
    make_annotation(bob, comment="Bobs Geheimnis")
    text = client_for(alice).get(ACTIVITY).content.decode()
    assert "Geheimnis" not in text and "Nothing new" in text


def test_the_activity_page_query_count_does_not_grow(
    alice, bob, carol, client_for, make_annotation, django_assert_max_num_queries
):
    client = client_for(alice)

    def add(count):
        for n in range(count):
            mine = make_annotation(alice, visibility="shared", tags=["eins", "zwei"])
            services.reply_create(user=bob, parent=mine, comment=f"Antwort {n}", tags="drei")
            make_annotation(carol, visibility="shared", comment=f"Carol {n}", tags="vier")

    add(2)
    # session, user, read mark, new ids, earlier ids, rows, tags, the mark's write (an UPDATE,
    # an INSERT the first time), the header's count (two: the reader has annotations)
    with django_assert_max_num_queries(11):
        response = client.get(ACTIVITY)
    assert response.content.decode().count('class="activity-item is-new"') == 4
    add(30)
    with django_assert_max_num_queries(10):
        response = client.get(ACTIVITY)
    text = response.content.decode()
    assert text.count('class="activity-item is-new"') == 50
    assert text.count('class="activity-item"') == 4  # the earlier ones
    assert 'action="/activity/read/"' in text  # 10 more new ones than shown


def test_the_header_count_is_one_query_or_two(
    alice, bob, make_annotation, django_assert_num_queries
):
    with django_assert_num_queries(1):  # no annotation of her own: nothing to count
        assert activity_unread_count(alice) == 0
    for _ in range(3):
        mine = make_annotation(alice, visibility="shared")
        services.reply_create(user=bob, parent=mine, comment="Antwort")
    with django_assert_num_queries(2):
        assert activity_unread_count(alice) == 3


def test_the_header_links_to_the_activity(alice, client_for):
    text = client_for(alice).get(reverse("annotations:mine")).content.decode()
    assert f'href="{ACTIVITY}"' in text


def test_the_activity_in_german(alice, bob, client_for, make_annotation):
    mine = make_annotation(alice, visibility="shared")
    services.reply_create(user=bob, parent=mine, comment="Antwort")
    client = client_for(alice)
    header = client.get(reverse("annotations:mine"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Aktivität" in header and "ungelesen" in header
    text = client.get(ACTIVITY, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f"bob hat auf Ihre Anmerkung zu „{mine.article.title}“ geantwortet" in text
