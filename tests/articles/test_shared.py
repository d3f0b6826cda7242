"""The shared cache of the reading pages (articles.shared): never older than the data, whoever
wrote it and however, and never another reader's."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from annotations import services as annotation_services
from articles import derived, shared
from articles.filters import ListedMatches, RankedPage, RankedWindow, compiled_plain
from articles.models import Article, Quote, ReadingState, Source, Speaker, SpeakerAlias
from articles.views import ArticleListView
from tests.articles.test_reading import make_article, make_speaker


def revision() -> int | None:
    """As the pages read it (on PostgreSQL, with the renewals this test's writes left
    pending until a commit that never comes)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {shared.REVISION[connection.vendor]}")
        return cursor.fetchone()[0]


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
def test_a_bulk_update_shows_at_once_when_its_writer_tells_derived(alice_client, quoted):
    url = quoted.get_absolute_url()
    assert "Anna Berger" in alice_client.get(url).content.decode()
    karl = make_speaker("Karl Wolf")
    quoted.quotes.update(speaker=karl)  # no save(), no signal: the writer tells
    derived.articles_changed([quoted.pk])
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
    anna.name = "Anna Berger-Wolf"
    anna.save()
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
    """The header, and the article page's annotations, are the reader's own, around content
    another reader's request put in the cache."""
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
        assert "geheim" not in bob_page, url
    assert "geheim" in alice_page  # the article page's annotations (the list shows no tags)
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
    # session, user, the reader's archived ids (and whether they have any reading state: alice
    # has none, so no query for the rows' states) with the revision, whether she has
    # annotations (none: the header's activity count asks nothing more) and her tags
    with django_assert_num_queries(3):
        response = alice_client.get(url + "?sort=newest&q=Lage")
    assert "Ernste Lage" in response.content.decode()


@pytest.mark.django_db
def test_without_a_revision_row_no_list_is_cached(alice_client, quoted):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_revision")
    url = reverse("articles:list")
    assert "Anna Berger" in alice_client.get(url).content.decode()
    with connection.cursor() as cursor:  # as if the triggers were gone: a write unnoticed
        cursor.execute("DELETE FROM articles_revision")
        cursor.execute("UPDATE articles_speaker SET name = 'Anna Neu'")
        cursor.execute("DELETE FROM articles_revision")
    assert "Anna Neu" in alice_client.get(url).content.decode()


TABLES = ["source", "speaker", "speakeralias", "article", "quote"]


@pytest.mark.django_db
def test_every_table_the_pages_show_has_its_revision_triggers():
    """A migration that rebuilds a table on SQLite (a column change) drops its triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            expected = {
                f"articles_{table}_revision_{event}"
                for table in TABLES
                for event in ("insert", "update", "delete")
            }
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            expected = {
                f"articles_{table}_revision{kind}" for table in TABLES for kind in ("", "_truncate")
            }
        assert expected <= {name for (name,) in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_two_writers_in_opposite_order_wait_for_each_other_without_a_deadlock():
    """The revision row is locked when a transaction commits, after all its other rows: an
    import adding an article, then filling a speaker's role, and an admin editing that speaker
    meanwhile both commit (with the lock taken at the first write, they deadlocked)."""
    import threading

    import psycopg

    Source.objects.create(name="Blatt", slug="blatt")
    speaker = make_speaker("Zora Zett")
    settings = connection.settings_dict
    params = {
        "dbname": settings["NAME"],
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
    }
    importer, admin = psycopg.connect(**params), psycopg.connect(**params)
    results = {}

    def edit():
        try:
            admin.execute("UPDATE articles_speaker SET role = 'admin' WHERE id = %s", [speaker.pk])
            admin.commit()
            results["admin"] = "committed"
        except psycopg.Error as error:
            results["admin"] = type(error).__name__

    try:
        importer.execute("UPDATE articles_source SET name = 'Blatt 2'")  # the first write
        editing = threading.Thread(target=edit)
        editing.start()
        editing.join(0.5)  # the admin has the speaker row
        importer.execute("UPDATE articles_speaker SET role = 'import' WHERE id = %s", [speaker.pk])
        importer.commit()
        results["import"] = "committed"
        editing.join(5)
    finally:
        importer.close()
        admin.close()
    assert results == {"import": "committed", "admin": "committed"}


@pytest.mark.django_db
def test_parameters_a_page_does_not_know_make_no_other_copy(alice_client, quoted):
    url = reverse("articles:list")
    alice_client.get(url, {"q": "Lage"})
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(url, {"utm_source": "feed", "q": "Lage"})
    # session, user, the reader's states (none: no query for the rows') with the revision,
    # whether she has annotations (the activity count) and her tags: from the cache
    assert len(queries) == 3
    main = response.content.decode().partition("<main")[2].partition("</main>")[0]
    assert "Ernste Lage" in main and "utm_source" not in main


@pytest.mark.django_db
def test_what_is_cached_is_the_same_whoever_asked_first(quoted, alice, staff):
    """Rendered for a reader or for staff, the shared part is the same: nothing in it may
    depend on who asked (it is then shown to everyone)."""
    from django.test import RequestFactory

    from articles import views

    def request_for(user, url):
        request = RequestFactory().get(url)
        request.user = user
        return request

    slug = quoted.slug
    assert views.article_shared(request_for(alice, "/"), slug) == views.article_shared(
        request_for(staff, "/"), slug
    )
    anna = Speaker.objects.get(name="Anna Berger")
    for view, url, kwargs in [
        (views.ArticleListView, reverse("articles:list") + "?q=Lage", {}),
        (views.SpeakerListView, reverse("articles:speakers"), {}),
        (views.SpeakerDetailView, anna.get_absolute_url(), {"slug": anna.slug}),
        (views.SourceListView, reverse("articles:sources"), {}),
        (views.SourceDetailView, reverse("articles:source", args=["blatt"]), {"slug": "blatt"}),
    ]:
        rendered = []
        for user in (alice, staff):
            page = view()
            page.setup(request_for(user, url), **kwargs)
            page.shared_key()
            rendered.append(page.render_shared())
        assert rendered[0] == rendered[1], view.__name__


@pytest.mark.django_db
def test_the_menu_marks_the_section_of_a_detail_page(alice_client, quoted):
    anna = Speaker.objects.get(name="Anna Berger")
    for url, section in [
        (quoted.get_absolute_url(), "Articles"),
        (anna.get_absolute_url(), "Speakers"),
        (reverse("articles:source", args=["blatt"]), "Sources"),
    ]:
        page = alice_client.get(url).content.decode()
        assert re.search(rf'aria-current="page">{section}</a>', page), url


@pytest.mark.django_db
def test_an_object_page_reads_its_object_as_the_orm_does_in_one_query(quoted):
    anna = Speaker.objects.get(name="Anna Berger")
    Speaker.objects.filter(pk=anna.pk).update(edited=True, role="Sprecherin")
    for model, slug in ((Speaker, anna.slug), (Source, "blatt")):
        with CaptureQueriesContext(connection) as captured:
            found = shared.object_row(model, slug)
        assert len(captured) == 1
        expected = model.objects.get(slug=slug)
        for field in model._meta.concrete_fields:
            value = getattr(found, field.attname)
            assert value == getattr(expected, field.attname), field.name
            assert type(value) is type(getattr(expected, field.attname)), field.name  # a bool
        assert not found._state.adding
    assert shared.object_row(Speaker, "nobody") is None


@pytest.mark.django_db
def test_a_write_elsewhere_leaves_the_object_pages_cached_and_renews_what_it_touched(
    alice_client, quoted
):
    anna = Speaker.objects.get(name="Anna Berger")
    pages = [quoted.get_absolute_url(), anna.get_absolute_url(), quoted.source.get_absolute_url()]

    def cold_and_warm(url):
        with CaptureQueriesContext(connection) as cold:
            alice_client.get(url)
        with CaptureQueriesContext(connection) as warm:
            alice_client.get(url)
        return len(cold), len(warm)

    warm = {}
    for url in pages:
        cold, warm[url] = cold_and_warm(url)
        assert warm[url] < cold, url
    # another outlet's article, saved and bulk-updated, and an import there
    elsewhere = make_article(Source.objects.create(name="Fern", slug="fern"), "Fern", "Nichts.")
    elsewhere.title = "Fern und weit"
    elsewhere.save()
    Article.objects.filter(pk=elsewhere.pk).update(title="Noch ferner")
    for url in pages:
        with CaptureQueriesContext(connection) as again:
            alice_client.get(url)
        assert len(again) == warm[url], url  # still from the cache
    # a correction of one of its quotations renews the three pages
    quote = quoted.quotes.first()
    quote.kind = Quote.Kind.INDIRECT
    quote.save()
    for url in pages:
        with CaptureQueriesContext(connection) as again:
            alice_client.get(url)
        assert len(again) > warm[url], url


@pytest.fixture
def rendered_rows(monkeypatch):
    """The articles whose list rows each request rendered (the others came from the cache)."""
    from articles import views

    calls = []
    render = views.ArticleListView.render_rows

    def spy(self, articles):
        calls.append(sorted(article.title for article in articles))
        return render(self, articles)

    monkeypatch.setattr(views.ArticleListView, "render_rows", spy)
    return calls


@pytest.fixture
def rendered_pages(monkeypatch):
    """The article list pages each request rendered (the others were served whole)."""
    from articles import views

    calls = []
    render = views.ArticleListView.render_shared

    def spy(self):
        page = render(self)
        calls.append([pk for pk, _slug, _html in page.rows])
        return page

    monkeypatch.setattr(views.ArticleListView, "render_shared", spy)
    return calls


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [{}, {"source": "blatt"}, {"q": "Lage"}], ids=["list", "source", "search"]
)
def test_after_a_write_elsewhere_a_list_is_served_whole(
    alice_client, quoted, rendered_pages, rendered_rows, query, django_assert_max_num_queries
):
    """A write to an article not on the page, by save() or around it, leaves what the page
    shows (its articles and their revisions, its count, its form's choices): the page is
    served whole, after its own queries and nothing rendered."""
    shown = make_article(quoted.source, "Zweite Lage", "Die Lage bleibt, sagte niemand.")
    fern = Source.objects.create(name="Fern", slug="fern")
    elsewhere = make_article(fern, "Fern", "Nichts, sagte sie.", date=datetime.date(2000, 1, 1))
    if not query:  # on the unfiltered list, an article not on its page: past its last
        for n in range(ArticleListView.paginate_by):
            shown = make_article(quoted.source, f"Neu {n}", "Neu.", date=datetime.date(2024, 1, 1))
    url = reverse("articles:list")
    with CaptureQueriesContext(connection) as rendered:
        first = alice_client.get(url, query).content.decode()
    assert len(rendered_pages) == 1 and elsewhere.pk not in rendered_pages[0]
    rows = len(rendered_rows)
    for write in (
        lambda: Article.objects.filter(pk=elsewhere.pk).update(title="Noch ferner"),
        lambda: setattr(elsewhere, "title", "Fern und weit") or elsewhere.save(),
        lambda: SpeakerAlias.objects.create(speaker=quoted.quotes.first().speaker, name="A. B."),
    ):
        write()
        # session, user, archived ids with the revision, (the source asked for,) the count, the
        # page, the source options, the activity count: nothing rendered
        with django_assert_max_num_queries(8) as again:
            page = alice_client.get(url, query).content.decode()
        assert len(again) < len(rendered)
        assert without_token(page) == without_token(first)
        assert len(rendered_pages) == 1 and len(rendered_rows) == rows
    # A write to an article on the page makes it again, that row alone rendered anew.
    Article.objects.filter(pk=shown.pk).update(title="Lage, neu")
    assert "Lage, neu" in alice_client.get(url, query).content.decode()
    assert len(rendered_pages) == 2 and rendered_rows[-1] == ["Lage, neu"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"source": "blatt"}, {"q": "Lage"}], ids=["source", "search"])
def test_a_list_is_made_again_when_its_count_or_its_forms_choices_change(
    alice_client, quoted, rendered_pages, query
):
    """Articles added elsewhere change no row of the page, but a new source is a new choice
    in its form, and one more match a new count."""
    url = reverse("articles:list")
    assert "1 article<" in alice_client.get(url, query).content.decode()
    zora = make_speaker("Zora Zett")
    body = 'Zora Zett sagte: "Nichts."'
    fern = Source.objects.create(name="Fern", slug="fern")
    make_article(fern, "Fern", body, quotes=[(body.index('"'), len(body), zora, "direct")])
    page = alice_client.get(url, query).content.decode()
    assert '<option value="fern">Fern</option>' in page
    assert len(rendered_pages) == 2
    make_article(quoted.source, "Lage, zweite", "Die Lage bleibt.")
    page = alice_client.get(url, query).content.decode()
    assert "2 articles<" in page and "Lage, zweite" in page
    assert len(rendered_pages) == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"page": "2"},
        {"sort": "oldest", "page": "last"},
        {"q": "Lage"},
        {"q": "  Lage ", "sort": "newest", "page": "x"},
        {"q": "Lage", "page": "2"},
        {"q": "und"},  # only a stop word: nothing found
    ],
)
def test_a_plain_list_finds_what_it_shows_as_the_filter_set_does(rf, alice, quoted, query):
    """A list or a search with no filter finds its page without the filter set
    (``ArticleListView.plain``): the same articles, count and choices, and its page made
    from them the same."""
    for n in range(ArticleListView.paginate_by + 3):
        make_article(quoted.source, f"Lage {n}", "Die Lage.", date=datetime.date(2022, 1, 1 + n))
    make_article(quoted.source, "Archiviert", "Die Lage, archiviert.")
    ReadingState.objects.create(
        user=alice, article=Article.objects.get(title="Archiviert"), archived_at=timezone.now()
    )

    def view(plain: bool) -> ArticleListView:
        request = rf.get(reverse("articles:list"), query)
        request.user = alice
        view = ArticleListView()
        view.setup(request)
        view.shared_key()
        if not plain:
            view.plain = lambda: False
        return view

    lean, full = view(plain=True), view(plain=False)
    assert lean.plain()
    assert lean.shown() == full.shown()
    assert lean.render_shared() == full.render_shared()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"speaker": "anna-berger"},
        {"speaker": "anna-berger", "page": "2"},
        {"speaker": "anna-berger", "sort": "oldest", "page": "last"},
        {"speaker": "anna-berger", "sort": "oldest", "page": "2"},
        {"speaker": "anna-berger", "q": "Lage"},
        {"speaker": "anna-berger", "q": "Lage", "sort": "newest"},
    ],
)
@pytest.mark.parametrize("archived", [False, True])
@pytest.mark.parametrize("deferred", [False, True])
def test_one_speakers_list_finds_what_it_shows_as_the_filter_set_does(
    rf, alice, quoted, query, archived, deferred, monkeypatch
):
    """A list of one speaker's articles (with a search or not, and nothing else) is found as a
    plain list is (``ArticleListView.speaker_alone``, ``filters.ListedMatches``, without a
    search through the speaker's ``ArticleSpeaker`` rows): the same articles, count and choices
    as through the filter set's queryset, and its page the same; ``deferred``: a page's ids
    first, then its rows, as from ``DEFERRED_FROM`` rows in."""
    from articles import filters

    if deferred:
        monkeypatch.setattr(filters, "DEFERRED_FROM", 0)
    anna = Speaker.objects.get(slug="anna-berger")
    # 44 of her articles (three pages), three to a date (the id decides), one moved later by
    # save() (its ArticleSpeaker row's date follows: ``articles.derived``).
    for n in range(66):
        body = 'Anna Berger sagte: "Die Lage."'
        quotes = [(body.index('"'), len(body), anna, "direct")] if n % 3 else []
        make_article(
            quoted.source, f"Lage {n}", body, quotes=quotes, date=datetime.date(2022, 1, 1 + n // 3)
        )
    moved = Article.objects.get(title="Lage 5")
    moved.date = datetime.date(2023, 6, 1)
    moved.save()
    if archived:
        article = Article.objects.get(title="Lage 3")
        ReadingState.objects.create(user=alice, article=article, archived_at=timezone.now())

    def view(lean: bool) -> ArticleListView:
        request = rf.get(reverse("articles:list"), query)
        request.user = alice
        view = ArticleListView()
        view.setup(request)
        view.shared_key()
        view.archived = [article.pk] if archived else []
        if not lean:
            view.speaker_alone = lambda: None
        return view

    lean, full = view(lean=True), view(lean=False)
    assert not lean.plain()
    assert lean.shown() == full.shown()
    if compiled_plain(query.get("q", "")):  # (not a search on SQLite)
        found = lean.prepared["paginator"].object_list
        assert isinstance(found, (ListedMatches, RankedPage, RankedWindow))
    page = lean.render_shared()
    assert page == full.render_shared()
    last = query.get("page") == "last"  # (page 3: 45 of hers with the fixture's)
    assert 0 < len(page.rows) < 20 if last else len(page.rows) == 20


@pytest.mark.django_db
def test_a_plain_list_served_whole_builds_no_filter_set(alice_client, quoted, monkeypatch):
    """After a write elsewhere a plain search is served whole without its filter set."""
    from articles import views

    built = []

    class Spy(views.ArticleFilter):
        def __init__(self, *args, **kwargs):
            built.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(views, "ArticleFilter", Spy)
    url = reverse("articles:list")
    first = alice_client.get(url, {"q": "Lage"}).content.decode()
    assert len(built) == 1  # made: the filter set for its form
    SpeakerAlias.objects.create(speaker=quoted.quotes.first().speaker, name="A. B.")
    page = alice_client.get(url, {"q": "Lage"}).content.decode()
    assert without_token(page) == without_token(first) and len(built) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{}, {"q": "Lage"}], ids=["list", "search"])
def test_a_row_written_around_save_shows_at_once_and_alone_is_rendered(
    alice_client, quoted, rendered_rows, query
):
    make_article(quoted.source, "Zweite Lage", "Die Lage bleibt, sagte niemand.")
    url = reverse("articles:list")
    assert "Ernste Lage" in alice_client.get(url, query).content.decode()
    Article.objects.filter(pk=quoted.pk).update(title="Neue Lage")
    page = alice_client.get(url, query).content.decode()
    assert "Neue Lage" in page and "Ernste Lage" not in page
    assert rendered_rows == [["Ernste Lage", "Zweite Lage"], ["Neue Lage"]]
    Speaker.objects.filter(name="Anna Berger").update(name="Anna Wolf")  # in the row, too
    page = alice_client.get(url, query).content.decode()
    assert "Anna Wolf" in page and "Anna Berger</a>" not in page
    assert rendered_rows[-1] == ["Neue Lage"]


@pytest.mark.django_db
def test_a_rows_passage_is_the_searchs_own(alice_client, quoted):
    """The same row found by two searches marks each search's words."""
    url = reverse("articles:list")
    assert "<mark>Lage</mark>" in alice_client.get(url, {"q": "Lage"}).content.decode()
    page = alice_client.get(url, {"q": "ernst"}).content.decode()
    assert "<mark>ernst</mark>" in page and "<mark>Lage</mark>" not in page


def without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


@pytest.mark.django_db
def test_with_the_database_cache_rows_are_rendered_not_cached(
    alice_client, quoted, rendered_rows, settings
):
    """Django's database cache writes one key at a time after a count of its table: the rows
    are cheaper to render than to cache there. The page itself is still cached."""
    from django.core.management import call_command

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t_c"}
    }
    call_command("createcachetable", verbosity=0)
    make_article(quoted.source, "Zweite Lage", "Die Lage bleibt, sagte niemand.")
    url = reverse("articles:list")
    first = alice_client.get(url).content.decode()
    SpeakerAlias.objects.create(speaker=Speaker.objects.get(name="Anna Berger"), name="A. B.")
    assert without_token(alice_client.get(url).content.decode()) == without_token(first)
    assert rendered_rows == [["Ernste Lage", "Zweite Lage"]]  # the page served whole
    make_article(quoted.source, "Dritte Lage", "Die Lage bleibt.")  # a new row: made again
    assert "Dritte Lage" in alice_client.get(url).content.decode()
    assert rendered_rows[-1] == ["Dritte Lage", "Ernste Lage", "Zweite Lage"]


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["speakers", "sources"])
def test_after_a_write_elsewhere_the_speaker_and_source_lists_are_served_whole(
    alice_client, quoted, view, monkeypatch
):
    """Their pages are looked for under their rows' revisions and their count too: a speaker
    nobody quotes (not on the speaker list) written leaves both lists; a change to a row shown
    renders the list again."""
    from articles import views

    page_view = {"speakers": views.SpeakerListView, "sources": views.SourceListView}[view]
    rendered = []
    render = page_view.render_shared

    def spy(self):
        rendered.append(self.request.path)
        return render(self)

    monkeypatch.setattr(page_view, "render_shared", spy)
    url = reverse(f"articles:{view}")
    first = alice_client.get(url).content.decode()
    zora = make_speaker("Zora Zett")
    Speaker.objects.filter(pk=zora.pk).update(role="Beobachterin")
    assert without_token(alice_client.get(url).content.decode()) == without_token(first)
    assert len(rendered) == 1
    if view == "speakers":
        Speaker.objects.filter(name="Anna Berger").update(role="Ministerin")
        assert "Ministerin" in alice_client.get(url).content.decode()
    else:
        Source.objects.filter(slug="blatt").update(name="Blatt am Abend")
        assert "Blatt am Abend" in alice_client.get(url).content.decode()
    assert len(rendered) == 2


@pytest.mark.django_db
def test_the_lists_tag_suggestions_are_each_readers_own_and_never_old(quoted, alice, bob, staff):
    """The list reads no tags (its field is text); its suggestions (/api/tags/, asked as one
    types) give each reader the tags of what they may see, a tag added since at once, in the
    reader's order (Tag.sort_key), not the code points' ("Zebra" < "Äpfel")."""
    from annotations.models import Annotation

    def add(user, tags, visibility="shared"):
        start = quoted.body.index("Lage")
        return annotation_services.annotation_create(
            user=user,
            article=quoted,
            start=start,
            end=start + 4,
            comment="",
            tags=tags,
            visibility=visibility,
        )

    def suggested(user, prefix=""):
        client = Client()
        client.force_login(user)
        return client.get(reverse("annotations:api-tags"), {"prefix": prefix}).json()["tags"]

    add(alice, "offen")
    add(bob, "geheim", visibility="private")
    hidden = add(bob, "versteckt")
    Annotation.objects.filter(pk=hidden.pk).update(hidden_by_staff=True)
    assert suggested(alice) == ["offen"]
    assert set(suggested(staff)) == {"offen", "versteckt"}
    assert set(suggested(bob)) == {"offen", "geheim", "versteckt"}  # his own, hidden or not
    page = Client()
    page.force_login(bob)
    html = page.get(reverse("articles:list")).content.decode()
    assert 'name="tag"' in html and "geheim" not in html and "offen" not in html
    add(alice, "neu")
    assert "neu" in suggested(bob)
    for name in ("Zebra", "Äpfel", "über", "apfelbaum"):
        add(alice, name)
    names = suggested(bob)
    assert names.index("Äpfel") < names.index("apfelbaum") < names.index("Zebra")
    assert suggested(bob, "äp") == ["Äpfel"]
