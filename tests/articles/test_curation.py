"""Staff correct the machine on the reading pages: a quotation's speaker, kind and span, not
speech, confirmed; a speaker renamed (the old address redirects) or merged. Each correction is
recorded, survives a new extraction and renews the cached pages."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import CurationLog, Quote, Speaker, SpeakerAlias, SpeakerSlug

TEXT = (
    " date 2023-01 NATO-Generalsekretär Jens Stoltenberg sprach am Montag in Brüssel. "
    "„Wir stehen an der Seite der Ukraine“, sagte Stoltenberg.\n\n"
    "Die Außenministerin Annalena Baerbock sagte: „Wir helfen weiter.“\n\nQuelle: Tagesblatt\n"
)


@pytest.fixture
def article(db):
    return services.seed_import(name="curation.txt", data=TEXT.encode()).article


@pytest.fixture
def quote(article):
    return article.quotes.select_related("speaker").get(
        kind="direct", speaker__name__contains="Stolt"
    )


@pytest.fixture
def baerbock(article):
    return Speaker.objects.get(name="Annalena Baerbock")


def staff_with(django_user_model, name, *codenames):
    user = django_user_model.objects.create_user(name, password="pw-secret-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
    )
    return user


@pytest.fixture
def editor(django_user_model):
    """Staff who may change quotations and speakers (add them, and delete them: merge)."""
    return staff_with(
        django_user_model,
        "editor",
        "change_quote",
        "add_speaker",
        "change_speaker",
        "delete_speaker",
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def correct(client, quote, **data):
    return client.post(reverse("articles:quote-correct", args=[quote.pk]), data)


# --- services ---------------------------------------------------------------------------------


def test_a_speaker_change_is_recorded_and_survives_a_new_extraction(quote, baerbock, editor):
    stoltenberg = quote.speaker
    services.quote_speaker_change(quote=quote, user=editor, speaker=baerbock)

    quote.refresh_from_db()
    assert quote.speaker == baerbock and quote.review == Quote.Review.CORRECTED
    assert quote.speaker_start is None and quote.speaker_end is None
    log = CurationLog.objects.get()
    assert log.action == CurationLog.Action.QUOTE_SPEAKER and log.user == editor
    assert log.quote == quote and log.created is not None
    assert log.before["speaker"] == stoltenberg.pk
    assert log.before["speaker_name"] == "Jens Stoltenberg"
    assert log.after["speaker"] == baerbock.pk and log.after["review"] == "corrected"

    services.quotes_extract(article=quote.article)
    again = Quote.objects.get(article=quote.article, start=quote.start, end=quote.end)
    assert again.pk == quote.pk and again.speaker == baerbock
    # The counts followed: Baerbock has both quotations of the article now.
    baerbock.refresh_from_db()
    assert baerbock.quote_count == 2


def test_a_new_speaker_is_created_once(quote, editor):
    services.quote_speaker_change(quote=quote, user=editor, new_name="  Olaf   Scholz ")
    created = Speaker.objects.get(name="Olaf Scholz")
    assert created.edited and created.slug == "olaf-scholz" and created.quote_count == 1
    other = quote.article.quotes.exclude(pk=quote.pk).get(kind="direct")
    services.quote_speaker_change(quote=other, user=editor, new_name="Olaf Scholz")
    assert Speaker.objects.filter(name="Olaf Scholz").count() == 1
    with pytest.raises(ValidationError):
        services.quote_speaker_change(quote=other, user=editor, new_name="   ")


def test_not_speech_stays_so_after_a_new_extraction(quote, editor):
    services.quote_not_speech(quote=quote, user=editor)
    services.quotes_extract(article=quote.article)
    same = Quote.objects.filter(article=quote.article, start__lt=quote.end, end__gt=quote.start)
    assert [(q.pk, q.kind, q.speaker_id) for q in same] == [(quote.pk, "not_speech", None)]
    assert CurationLog.objects.get().action == "quote_not_speech"


def test_kind_and_span(quote, editor):
    services.quote_kind_change(quote=quote, user=editor, kind="indirect")
    quote.refresh_from_db()
    assert quote.kind == "indirect" and quote.review == "corrected"
    with pytest.raises(ValidationError):
        services.quote_kind_change(quote=quote, user=editor, kind="not_speech")

    body = quote.article.body
    start = body.index("Wir stehen")
    services.quote_span_change(quote=quote, user=editor, start=start, end=start + 10)
    quote.refresh_from_db()
    assert quote.text == "Wir stehen"
    log = CurationLog.objects.filter(action="quote_span").get()
    assert log.after["start"] == start and log.before["start"] != start
    blank = body.index(" sprach")
    for start_, end_ in [(-1, 5), (5, len(body) + 1), (10, 10), (12, 4), (blank, blank + 1)]:
        with pytest.raises(ValidationError):
            services.quote_span_change(quote=quote, user=editor, start=start_, end=end_)
    other = quote.article.quotes.exclude(pk=quote.pk).first()
    with pytest.raises(ValidationError, match="exactly this span"):
        services.quote_span_change(quote=quote, user=editor, start=other.start, end=other.end)


def test_a_confirmed_quote_is_recorded(quote, editor):
    services.quote_confirm(quote=quote, user=editor)
    quote.refresh_from_db()
    assert quote.review == "confirmed"
    assert CurationLog.objects.get().after["review"] == "confirmed"


def test_a_rename_keeps_the_old_address_and_name(article, editor):
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    services.speaker_rename(speaker=speaker, user=editor, name="Jens Stoltenberg (NATO)")
    speaker.refresh_from_db()
    assert speaker.slug == "jens-stoltenberg-nato" and speaker.edited
    assert SpeakerSlug.objects.get(slug="jens-stoltenberg").speaker == speaker
    assert SpeakerAlias.objects.filter(speaker=speaker, name="Jens Stoltenberg").exists()
    log = CurationLog.objects.get()
    assert log.before["slug"] == "jens-stoltenberg" and log.after["name"] == speaker.name
    # renamed back: the address is the live one again, and the other one redirects
    services.speaker_rename(speaker=speaker, user=editor, name="Jens Stoltenberg")
    speaker.refresh_from_db()
    assert speaker.slug == "jens-stoltenberg"
    assert list(SpeakerSlug.objects.values_list("slug", flat=True)) == ["jens-stoltenberg-nato"]
    with pytest.raises(ValidationError, match="merge"):
        services.speaker_rename(speaker=speaker, user=editor, name="Annalena Baerbock")


def test_a_merge_moves_the_old_addresses(article, baerbock, editor):
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    services.speaker_rename(speaker=speaker, user=editor, name="J. Stoltenberg")
    services.speaker_merge_into(speaker=speaker, target=baerbock, user=editor)
    assert not Speaker.objects.filter(pk=speaker.pk).exists()
    assert set(SpeakerSlug.objects.values_list("slug", "speaker")) == {
        ("jens-stoltenberg", baerbock.pk),
        ("j-stoltenberg", baerbock.pk),
    }
    log = CurationLog.objects.filter(action="speaker_merge").get()
    assert log.speaker == baerbock and log.before["merged"]["name"] == "J. Stoltenberg"
    assert log.after["target"]["quote_count"] == 2
    with pytest.raises(ValidationError):
        services.speaker_merge_into(speaker=baerbock, target=baerbock, user=editor)


# --- permissions ------------------------------------------------------------------------------


@pytest.fixture
def users(django_user_model):
    return {
        "ordinary": django_user_model.objects.create_user("reader", password="pw-secret-123"),
        "staff without permission": staff_with(django_user_model, "clerk"),
        "permission but no staff": django_user_model.objects.create_user(
            "outsider", password="pw-secret-123"
        ),
    }


def test_nobody_else_sees_or_may_do_anything(client, users, quote, baerbock):
    Permission_ = Permission.objects.filter(codename__in=["change_quote", "change_speaker"])
    users["permission but no staff"].user_permissions.set(Permission_)
    speaker = quote.speaker
    urls = [
        reverse("articles:quote-correct", args=[quote.pk]),
        reverse("articles:speaker-correct", args=[speaker.slug]),
    ]
    # anonymous: to the login page
    for url in [*urls, reverse("articles:speaker-search") + "?q=Baer"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert correct(client, quote, action="confirm").status_code == 302
    for who, user in users.items():
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, (who, url)
        assert correct(client, quote, action="speaker", speaker_id=baerbock.pk).status_code == 403
        response = client.post(urls[1], {"action": "rename", "name": "X"})
        assert response.status_code == 403
        page = client.get(quote.article.get_absolute_url()).content.decode()
        assert "data-correction-panel" not in page and "curation.js" not in page, who
        page = client.get(speaker.get_absolute_url()).content.decode()
        assert "Correct this speaker" not in page, who
    quote.refresh_from_db()
    assert quote.speaker == speaker and quote.review == "machine"
    assert not CurationLog.objects.exists()


def test_quote_permission_alone_does_not_rename_or_merge(client, django_user_model, quote):
    user = staff_with(django_user_model, "quoter", "change_quote")
    client.force_login(user)
    assert "data-correction-panel" in client.get(quote.article.get_absolute_url()).content.decode()
    url = reverse("articles:speaker-correct", args=[quote.speaker.slug])
    assert client.post(url, {"action": "rename", "name": "X"}).status_code == 403
    assert (
        "Correct this speaker" not in client.get(quote.speaker.get_absolute_url()).content.decode()
    )


def test_a_new_speaker_needs_the_add_permission(client, django_user_model, quote):
    user = staff_with(django_user_model, "quoter", "change_quote")
    client.force_login(user)
    speakers = Speaker.objects.count()
    page = client.get(quote.article.get_absolute_url()).content.decode()
    assert "data-correction-panel" in page and 'name="create"' not in page
    response = correct(client, quote, action="speaker", speaker="Brand New Person", create="on")
    assert response.status_code == 400
    assert "You may not create speakers" in response.content.decode()
    assert Speaker.objects.count() == speakers
    quote.refresh_from_db()
    assert quote.review == "machine"


def test_merge_needs_the_delete_permission_too(client, django_user_model, quote, baerbock):
    user = staff_with(django_user_model, "renamer", "change_speaker")
    client.force_login(user)
    speaker = quote.speaker
    page = client.get(speaker.get_absolute_url()).content.decode()
    assert "Correct this speaker" in page and 'value="merge"' not in page
    url = reverse("articles:speaker-correct", args=[speaker.slug])
    response = client.post(url, {"action": "merge", "merge-speaker_id": baerbock.pk})
    assert response.status_code == 403
    assert Speaker.objects.filter(pk=speaker.pk).exists()


# --- views ------------------------------------------------------------------------------------


def test_the_article_page_offers_the_panel_and_marks_a_correction(editor_client, quote, baerbock):
    url = quote.article.get_absolute_url()
    page = editor_client.get(url).content.decode()
    assert "data-correction-panel" in page and "js/curation.js" in page
    assert "quote-reviewed" not in page

    response = correct(editor_client, quote, action="speaker", speaker_id=baerbock.pk)
    assert response.status_code == 302 and response["Location"] == f"{url}#q{quote.pk}"
    page = editor_client.get(url).content.decode()  # the cached body was renewed
    assert "now attributed to Annalena Baerbock" in page
    tag = page[page.index(f'id="q{quote.pk}"') - 80 : page.index(f'id="q{quote.pk}"') + 400]
    assert "quote-reviewed" in tag and 'data-label="Annalena Baerbock ✓"' in tag
    assert 'title="Confirmed by a person"' in tag
    # and on the speaker's page (renewed too), where it was not before
    speaker_page = editor_client.get(baerbock.get_absolute_url()).content.decode()
    assert speaker_page.count('class="badge badge-reviewed"') == 1


def test_each_action_by_post(editor_client, quote, baerbock):
    article_url = quote.article.get_absolute_url()
    response = correct(editor_client, quote, action="speaker", speaker="Annalena Baerbock")
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker == baerbock

    response = correct(editor_client, quote, action="speaker", speaker="Robert Habeck", create="on")
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.speaker.name == "Robert Habeck"

    assert correct(editor_client, quote, action="kind", kind="indirect").status_code == 302
    quote.refresh_from_db()
    assert quote.kind == "indirect"

    start = quote.article.body.index("Wir stehen")
    response = correct(editor_client, quote, action="span", start=start, end=start + 10)
    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.start, quote.end) == (start, start + 10)

    assert correct(editor_client, quote, action="confirm").status_code == 302
    quote.refresh_from_db()
    assert quote.review == "confirmed"

    response = correct(editor_client, quote, action="not_speech")
    assert response.status_code == 302 and response["Location"] == article_url
    quote.refresh_from_db()
    assert quote.kind == "not_speech"
    assert f'id="q{quote.pk}"' not in editor_client.get(article_url).content.decode()
    # gone from the pages, and from the corrections
    assert editor_client.get(reverse("articles:quote-correct", args=[quote.pk])).status_code == 404
    assert [log.action for log in CurationLog.objects.order_by("id")] == [
        "quote_speaker",
        "quote_speaker",
        "quote_kind",
        "quote_span",
        "quote_confirm",
        "quote_not_speech",
    ]
    assert set(CurationLog.objects.values_list("user__username", flat=True)) == {"editor"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "speaker", "speaker": "Niemand Bekannt"}, "tick"),
        ({"action": "speaker", "speaker": ""}, "Enter a speaker"),
        ({"action": "speaker", "speaker_id": "999999"}, "no longer exists"),
        ({"action": "kind", "kind": "not_speech"}, "Select a valid choice"),
        ({"action": "span", "start": "5", "end": "5"}, "must not be empty"),
        ({"action": "span", "start": "0", "end": "999999"}, "within the text"),
        ({"action": "span", "start": "x", "end": "3"}, "Enter a whole number"),
        ({"action": "explode"}, "Unknown correction"),
    ],
)
def test_bad_input_is_refused_with_a_message(editor_client, quote, data, message):
    response = correct(editor_client, quote, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    quote.refresh_from_db()
    assert quote.review == "machine" and not CurationLog.objects.exists()


def test_the_correction_page_and_wrong_method(editor_client, quote):
    url = reverse("articles:quote-correct", args=[quote.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wir stehen an der Seite der Ukraine“</mark>" in page
    # the speaker field starts from the current attribution, its id beside it
    assert f'value="{quote.speaker.name}"' in page and f'value="{quote.speaker_id}"' in page
    assert editor_client.put(url).status_code == 405
    assert editor_client.post(reverse("articles:speaker-search")).status_code == 405
    assert editor_client.get(reverse("articles:quote-correct", args=[999999])).status_code == 404


def test_speaker_suggestions(editor_client, article, django_assert_max_num_queries):
    url = reverse("articles:speaker-search")
    SpeakerAlias.objects.create(
        speaker=Speaker.objects.get(name="Jens Stoltenberg"), name="NATO-Chef"
    )
    # session, user, 2 for permissions, the search (on SQLite the names read first: case)
    with django_assert_max_num_queries(5 + (connection.vendor == "sqlite")):
        data = json.loads(editor_client.get(url, {"q": "stolt"}).content)
    assert [row["name"] for row in data["results"]] == ["Jens Stoltenberg"]
    assert set(data["results"][0]) == {"id", "name", "slug", "role", "quotes"}
    data = json.loads(editor_client.get(url, {"q": "NATO-Chef"}).content)
    assert [row["name"] for row in data["results"]] == ["Jens Stoltenberg"]
    assert json.loads(editor_client.get(url, {"q": "  "}).content) == {"results": []}


def test_a_reader_is_suggested_the_quoted_speakers_only(editor_client, users, article):
    """The article list's speaker field suggests to every reader the speakers whose pages they
    see, the quoted ones; those who correct attributions get every speaker, unless they ask
    for the quoted ones (the list's filter does)."""
    url = reverse("articles:speaker-search")
    unquoted = Speaker.objects.create(name="Jens Ungesagt", slug="jens-ungesagt")
    reader = Client()
    reader.force_login(users["ordinary"])
    names = [row["name"] for row in json.loads(reader.get(url, {"q": "jens"}).content)["results"]]
    assert names == ["Jens Stoltenberg"]
    found = json.loads(editor_client.get(url, {"q": "jens"}).content)["results"]
    assert {row["name"] for row in found} == {"Jens Stoltenberg", unquoted.name}
    found = json.loads(editor_client.get(url, {"q": "jens", "quoted": "1"}).content)["results"]
    assert [row["name"] for row in found] == ["Jens Stoltenberg"]


def test_rename_by_post_redirects_the_old_address(editor_client, quote):
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    old_url = speaker.get_absolute_url()
    assert editor_client.get(old_url).status_code == 200  # cached under the old revision
    url = reverse("articles:speaker-correct", args=[speaker.slug])
    response = editor_client.post(url, {"action": "rename", "name": "Jens Stoltenberg (NATO)"})
    speaker.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == speaker.get_absolute_url()

    response = editor_client.get(old_url + "?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/speakers/jens-stoltenberg-nato/?page=2"
    page = editor_client.get(speaker.get_absolute_url()).content.decode()
    assert "<h1>Jens Stoltenberg (NATO)</h1>" in page and "The speaker was renamed." in page
    # the article page shows the new name (its cached body was renewed)
    body = editor_client.get(quote.article.get_absolute_url()).content.decode()
    assert "Jens Stoltenberg (NATO)" in body
    assert editor_client.get("/speakers/niemand/").status_code == 404

    response = editor_client.post(
        reverse("articles:speaker-correct", args=[speaker.slug]), {"action": "rename", "name": ""}
    )
    assert response.status_code == 400 and "This field is required" in response.content.decode()


def test_merge_by_post(editor_client, quote, baerbock):
    speaker = quote.speaker
    url = reverse("articles:speaker-correct", args=[speaker.slug])
    response = editor_client.post(url, {"action": "merge", "merge-speaker": "Annalena Baerbock"})
    assert response.status_code == 302 and response["Location"] == baerbock.get_absolute_url()
    response = editor_client.get(speaker.get_absolute_url())
    assert response.status_code == 301 and response["Location"] == baerbock.get_absolute_url()
    baerbock.refresh_from_db()
    assert baerbock.quote_count == 2
    page = editor_client.get(baerbock.get_absolute_url()).content.decode()
    assert "Wir stehen an der Seite der Ukraine" in page

    url = reverse("articles:speaker-correct", args=[baerbock.slug])
    response = editor_client.post(url, {"action": "merge", "merge-speaker_id": baerbock.pk})
    assert response.status_code == 400 and "into themselves" in response.content.decode()
    response = editor_client.post(url, {"action": "merge", "merge-speaker": "Wer Auch Immer"})
    assert response.status_code == 400 and "No speaker is named" in response.content.decode()


def test_query_counts(editor_client, client, quote, django_assert_max_num_queries):
    url = quote.article.get_absolute_url()
    editor_client.get(url)
    # cached: session, user, revisions, annotations, tags, the editor's permissions, the
    # reading state, the quotations to correct and the header's activity count
    with django_assert_max_num_queries(10):
        assert editor_client.get(url).status_code == 200
    correction = reverse("articles:quote-correct", args=[quote.pk])
    with django_assert_max_num_queries(6):  # and the header's activity count
        assert editor_client.get(correction).status_code == 200
    speaker = quote.speaker.get_absolute_url()
    editor_client.get(speaker)
    with django_assert_max_num_queries(6):
        assert editor_client.get(speaker).status_code == 200


def test_a_slug_changed_in_the_admin_redirects_too(staff_client, article):
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    url = reverse("admin:articles_speaker_change", args=[speaker.pk])
    data = {
        "name": "Jens Stoltenberg",
        "slug": "stoltenberg",
        "kind": "person",
        "role": speaker.role,
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "old_slugs-TOTAL_FORMS": "0",
        "old_slugs-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = staff_client.get("/speakers/jens-stoltenberg/")
    assert response.status_code == 301 and response["Location"] == "/speakers/stoltenberg/"


def test_without_javascript_staff_reach_each_correction_page(
    editor_client, client, django_user_model, quote
):
    """The article page lists every quotation with a link to its correction page (for staff
    only: the list is not in the shared page)."""
    url = quote.article.get_absolute_url()
    page = editor_client.get(url).content.decode()
    index = page[page.index('class="correction-index"') :]
    index = index[: index.index("</details>")]
    quotes = quote.article.quotes.exclude(kind="not_speech").order_by("start")
    links = [reverse("articles:quote-correct", args=[q.pk]) for q in quotes]
    assert [index.index(link) for link in links] == sorted(index.index(link) for link in links)
    assert len(links) >= 2 and "Jens Stoltenberg</a>: <span" in index
    assert "„Wir stehen an der Seite der Ukraine“" in index
    client.force_login(django_user_model.objects.create_user("reader", password="pw-123-x"))
    assert "correction-index" not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_part_of_a_name_is_found_through_the_trigram_indexes(article):
    """On PostgreSQL the names and aliases are searched through the trigram indexes of
    migration 0012 (each side of ``SpeakerQuerySet.matching`` apart), not by reading every
    speaker."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    query = Speaker.objects.matching("stoltenb").values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: the planner would scan
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "speaker_name_trgm_idx" in plan, plan
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm_idx"])
        names = {name for (name,) in cursor.fetchall()}
    assert names == {"speaker_name_trgm_idx", "speakeralias_name_trgm_idx"}
    assert [s.name for s in Speaker.objects.matching("STOLTENB")] == ["Jens Stoltenberg"]


@pytest.mark.django_db
def test_a_corrections_speaker_is_named_in_full_in_any_case_never_by_slug_or_part():
    """The correction forms' look-up (``SpeakerQuerySet.typed`` without parts or slugs): a name
    or an alias whatever the case is that speaker, with "create" ticked too (no second speaker
    of one name); a slug or a part of a name is no speaker, and with "create" a new one."""
    from articles.forms import QuoteSpeakerForm

    oezlem = Speaker.objects.create(name="Özlem Yılmaz", slug="oezlem-yilmaz")
    other = Speaker.objects.create(name="oezlem-yilmaz", slug="someone-else")
    SpeakerAlias.objects.create(speaker=oezlem, name="Frau Yılmaz")

    def target(name, create=False):
        form = QuoteSpeakerForm({"speaker": name, **({"create": "on"} if create else {})})
        return form.cleaned_data["target"] if form.is_valid() else form.errors["__all__"][0]

    assert target("Özlem Yılmaz") == oezlem
    assert target("özlem yılmaz") == oezlem
    assert target("özlem yılmaz", create=True) == oezlem
    assert target("frau yılmaz") == oezlem
    assert target("oezlem-yilmaz") == other  # a name, though another's slug
    assert target("someone-else").startswith("No speaker is named")
    assert target("Yılmaz").startswith("No speaker is named")
    assert target("Yılmaz", create=True) is None  # a new speaker of that name
