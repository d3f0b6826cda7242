"""The shared cache of the reading pages (articles.shared): never older than the data, whoever
wrote it and however, and never another reader's."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from annotations import services as annotation_services
from articles.models import Article, Quote, Revision, Source, Speaker, SpeakerAlias
from tests.articles.test_reading import make_article, make_speaker


def revision() -> int | None:
    return Revision.objects.filter(pk=1).values_list("value", flat=True).first()


@pytest.fixture
def quoted(db):
    """An article quoting Anna Berger twice."""
    source = Source.objects.create(name="Blatt", slug="blatt")
    anna = make_speaker("Anna Berger")
    body = 'Anna Berger sagte: "Die Lage ist ernst." Später: "Wir handeln."'
    spans = [(body.index('"Die'), body.index('."') + 2), (body.index('"Wir'), len(body) - 1)]
    return make_article(
        source, "Ernste Lage", body, quotes=[(s, e, anna, "direct") for s, e in spans]
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda a: Source.objects.create(name="Neu", slug="neu"), id="source insert"),
        pytest.param(lambda a: Speaker.objects.update(role="Ministerin"), id="speaker bulk update"),
        pytest.param(
            lambda a: SpeakerAlias.objects.create(speaker=a.quotes.first().speaker, name="A. B."),
            id="alias insert",
        ),
        pytest.param(lambda a: Article.objects.filter(pk=a.pk).update(title="X"), id="article"),
        pytest.param(lambda a: a.quotes.update(kind="not_speech"), id="quote bulk update"),
        pytest.param(lambda a: a.quotes.first().delete(), id="quote delete"),
        pytest.param(
            lambda a: Quote.objects.bulk_create([Quote(article=a, start=0, end=4, kind="direct")]),
            id="quote bulk insert",
        ),
    ],
)
def test_every_write_to_what_the_pages_show_gives_a_new_revision(quoted, write):
    before = revision()
    write(quoted)
    assert revision() not in (None, before)


@pytest.mark.django_db
def test_writes_the_pages_do_not_share_leave_the_revision(quoted, alice):
    before = revision()
    start = quoted.body.index("Lage")
    annotation_services.annotation_create(
        user=alice, article=quoted, start=start, end=start + 4, comment="Wichtig", tags="lage"
    )
    annotation_services.article_tag_add(user=alice, article=quoted, names="krieg")
    assert revision() == before


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_revision_is_never_given_again(db):
    Source.objects.create(name="Alt", slug="alt")
    before = revision()
    with pytest.raises(RuntimeError), transaction.atomic():
        Source.objects.create(name="Verworfen", slug="verworfen")
        rolled_back = revision()
        raise RuntimeError
    assert revision() == before
    Source.objects.create(name="Neu", slug="neu")
    assert revision() not in (before, rolled_back)


@pytest.mark.django_db
def test_a_bulk_update_without_signals_shows_at_once(alice_client, quoted):
    url = quoted.get_absolute_url()
    assert "Anna Berger" in alice_client.get(url).content.decode()
    karl = make_speaker("Karl Wolf")
    quoted.quotes.update(speaker=karl)  # no save(), no signal
    page = alice_client.get(url).content.decode()
    assert 'data-label="Karl Wolf"' in page and 'data-label="Anna Berger"' not in page


@pytest.mark.django_db
def test_lists_and_speaker_pages_follow_the_data(alice_client, quoted):
    anna = Speaker.objects.get(name="Anna Berger")
    urls = [
        reverse("articles:list"),
        reverse("articles:list") + "?q=Lage",
        reverse("articles:speakers"),
        anna.get_absolute_url(),
        reverse("articles:source", args=["blatt"]),
    ]
    for url in urls:
        assert "Anna Berger" in alice_client.get(url).content.decode(), url
    Speaker.objects.filter(pk=anna.pk).update(name="Anna Berger-Wolf")
    for url in urls:
        assert "Anna Berger-Wolf" in alice_client.get(url).content.decode(), url
    make_article(quoted.source, "Zweite Lage", "Die Lage bleibt.")
    for url in urls[:2]:
        assert "Zweite Lage" in alice_client.get(url).content.decode(), url


@pytest.mark.django_db
def test_each_language_is_its_own_page(alice_client, quoted):
    url = quoted.get_absolute_url()
    english = alice_client.get(url).content.decode()
    german = alice_client.get(url, headers={"accept-language": "de"}).content.decode()
    assert "Who is quoted" in english and "Wer zitiert wird" in german
    assert "Who is quoted" not in german


@pytest.mark.django_db
def test_a_cached_page_is_not_another_readers(quoted, alice, bob):
    """The list's tag options and the article page's annotations and header are the reader's
    own, around content another reader's request put in the cache."""
    start = quoted.body.index("Lage")
    annotation_services.annotation_create(
        user=alice, article=quoted, start=start, end=start + 4, comment="Geheim", tags="geheim"
    )
    alice_client, bob_client = Client(), Client()
    alice_client.force_login(alice)
    bob_client.force_login(bob)
    for url in (reverse("articles:list"), quoted.get_absolute_url()):
        alice_page = alice_client.get(url).content.decode()
        bob_page = bob_client.get(url).content.decode()
        assert ">alice</summary>" in alice_page and ">bob</summary>" in bob_page
        assert "geheim" in alice_page and "geheim" not in bob_page, url
    # The tag filter's results are the reader's: not cached at all.
    tagged = reverse("articles:list") + "?tag=geheim"
    assert "Ernste Lage" in alice_client.get(tagged).content.decode()
    assert "Ernste Lage" not in bob_client.get(tagged).content.decode()


@pytest.mark.django_db
def test_the_same_query_in_another_order_is_the_same_page(
    alice_client, quoted, django_assert_num_queries
):
    url = reverse("articles:list")
    alice_client.get(url + "?q=Lage&sort=newest")
    with django_assert_num_queries(4):  # session, user, revision, the reader's tags
        response = alice_client.get(url + "?sort=newest&q=Lage")
    assert "Ernste Lage" in response.content.decode()


@pytest.mark.django_db
def test_without_a_revision_row_nothing_is_cached(alice_client, quoted):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_revision")
    url = quoted.get_absolute_url()
    assert "Anna Berger" in alice_client.get(url).content.decode()
    with connection.cursor() as cursor:  # as if the triggers were gone: a write unnoticed
        cursor.execute("DELETE FROM articles_revision")
        cursor.execute("UPDATE articles_speaker SET name = 'Anna Neu'")
        cursor.execute("DELETE FROM articles_revision")
    assert "Anna Neu" in alice_client.get(url).content.decode()
