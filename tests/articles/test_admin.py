import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.urls import reverse

from articles.models import Article, ImportJob, Quote, Speaker, SpeakerAlias
from articles.services import quotes_extract
from tests.conftest import SEED

GOOD = " date 2021-03-04 Die Ministerin sagte: „Wir schaffen das.“\n\nQuelle: Testagentur\n"
IMPORT_URL = reverse("admin:articles_article_import")


def upload(name, content):
    return SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())


@pytest.mark.django_db
def test_staff_imports_several_files_and_sees_a_report_per_file(staff_client, seed_bytes):
    response = staff_client.post(
        IMPORT_URL,
        {
            "files": [
                upload(SEED.name, seed_bytes),
                upload("bad.txt", b"Hallo"),
                upload("good.txt", GOOD),
            ]
        },
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Result for 3 files" in text and "1 failed" in text
    assert "expected a header like" in text
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("imported_by__username", flat=True)) == {"staff"}


@pytest.mark.django_db
def test_staff_imports_a_zip_of_seed_files(staff_client, seed_bytes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(SEED.name, seed_bytes)
        archive.writestr("folder/good.txt", GOOD)
    response = staff_client.post(
        IMPORT_URL, {"files": [upload("seeds.zip", buffer.getvalue())]}, follow=True
    )
    assert "Result for 2 files" in response.content.decode()
    assert Article.objects.count() == 2


@pytest.mark.django_db
def test_the_import_page_needs_the_add_permission(client, django_user_model):
    user = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    client.logout()
    assert client.get(IMPORT_URL).status_code == 302


@pytest.mark.django_db
def test_an_edited_title_is_kept_and_flagged(staff_client, seed_article):
    url = reverse("admin:articles_article_change", args=[seed_article.pk])
    data = {
        "title": "NATO: Stoltenberg warnt vor russischem Sieg",
        "slug": seed_article.slug,
        "source": seed_article.source.pk,
        "date": "2022-10-01",
        "date_precision": "month",
        "language": "de",
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    seed_article.refresh_from_db()
    assert seed_article.title_edited
    assert seed_article.title == "NATO: Stoltenberg warnt vor russischem Sieg"


@pytest.mark.django_db
def test_corrections_survive_a_rerun_of_the_extractor(staff_client, seed_article):
    quote = seed_article.quotes.filter(kind="direct").exclude(speaker=None).first()
    url = reverse("admin:articles_quote_changelist")
    staff_client.post(url, {"action": "mark_not_speech", "_selected_action": [quote.pk]})
    quote.refresh_from_db()
    assert (quote.kind, quote.speaker, quote.review) == ("not_speech", None, "corrected")

    quotes_extract(article=seed_article)

    assert Quote.objects.filter(pk=quote.pk, kind="not_speech", review="corrected").exists()
    assert (
        not seed_article.quotes.filter(start=quote.start, end=quote.end)
        .exclude(pk=quote.pk)
        .exists()
    )


@pytest.mark.django_db
def test_merging_speakers_moves_quotes_and_keeps_names_as_aliases(staff_client, seed_article):
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    other = Speaker.objects.create(name="J. Stoltenberg", slug="j-stoltenberg")
    moved = seed_article.quotes.filter(speaker=stoltenberg).first()
    Quote.objects.filter(pk=moved.pk).update(speaker=other)

    url = reverse("admin:articles_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [stoltenberg.pk, other.pk]}
    asked = staff_client.post(url, selected)
    assert asked.status_code == 200 and Speaker.objects.filter(pk=other.pk).exists()
    done = staff_client.post(url, {**selected, "survivor": stoltenberg.pk, "confirm": "Merge"})

    assert done.status_code == 302
    assert not Speaker.objects.filter(pk=other.pk).exists()
    assert Quote.objects.get(pk=moved.pk).speaker == stoltenberg
    assert SpeakerAlias.objects.filter(speaker=stoltenberg, name="J. Stoltenberg").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["article", "quote", "speaker", "speakeralias", "source"])
def test_admin_pages_render(staff_client, seed_article, name):
    assert staff_client.get(reverse(f"admin:articles_{name}_changelist")).status_code == 200
    assert (
        staff_client.get(
            reverse(f"admin:articles_{name}_changelist"), {"q": "Stoltenberg"}
        ).status_code
        == 200
    )


@pytest.mark.django_db
def test_an_empty_file_among_good_ones_is_reported_and_the_others_imported(staff_client):
    goods = [upload(f"good{n}.txt", GOOD.replace("Wir", f"Wir {n}")) for n in range(4)]
    response = staff_client.post(
        IMPORT_URL, {"files": [*goods[:2], upload("leer.txt", b""), *goods[2:]]}, follow=True
    )

    text = response.content.decode()
    assert "Result for 5 files" in text and "1 failed" in text
    assert "leer.txt" in text and "the file is empty" in text
    assert Article.objects.count() == 4


@pytest.mark.django_db
def test_a_file_over_the_limit_and_a_zip_with_an_empty_member_are_reported(staff_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner-empty.txt", b"")
        archive.writestr("inner-good.txt", GOOD)
    huge = upload("huge.txt", b" date 2022-10 " + b"a" * (5 * 1024 * 1024))
    response = staff_client.post(
        IMPORT_URL, {"files": [huge, upload("seeds.zip", buffer.getvalue())]}, follow=True
    )

    text = response.content.decode()
    assert "Result for 3 files" in text and "2 failed" in text
    assert "huge.txt" in text and "limited to 5 MB" in text
    assert "inner-empty.txt" in text and "the file is empty" in text
    assert list(Article.objects.values_list("seed_filename", flat=True)) == ["inner-good.txt"]


@pytest.mark.django_db
def test_an_empty_zip_is_reported_by_its_name(staff_client):
    response = staff_client.post(IMPORT_URL, {"files": [upload("seeds.zip", b"")]}, follow=True)
    text = response.content.decode()
    assert "Result for 1 file" in text and "1 failed" in text
    [row] = response.context["page"].rows
    assert row["name"] == "seeds.zip" and row["failed"]
    assert row["message"] == "the archive is not a valid .zip file"
    assert "seeds.zip" in text and "the archive is not a valid .zip file" in text
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"dry_run": "on"}])
def test_no_file_at_all_is_a_form_error(staff_client, data):
    response = staff_client.post(IMPORT_URL, data, follow=True)
    assert response.status_code == 200
    assert response.context["form"].errors["files"]
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_a_search_does_not_multiply_a_speakers_quotes_by_its_aliases(staff_client, seed_article):
    speaker = Speaker.objects.annotate(n=Count("quotes")).filter(n__gte=2).first()
    for alias in ("Alias Eins", "Alias Zwei", "Alias Drei"):
        SpeakerAlias.objects.get_or_create(speaker=speaker, name=alias)
    expected = speaker.quotes.filter(counted=True).count()  # as the site counts them

    response = staff_client.get(
        reverse("admin:articles_speaker_changelist"), {"q": speaker.name.split()[-1]}
    )

    shown = {row.pk: row.quote_count for row in response.context["cl"].result_list}
    assert shown[speaker.pk] == expected


@pytest.mark.django_db
def test_staff_choose_which_speaker_survives_a_merge(staff_client, seed_article):
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    other = Speaker.objects.create(name="Jens Stoltenberg (NATO)", slug="js-nato")
    quotes = stoltenberg.quotes.count()
    url = reverse("admin:articles_speaker_changelist")
    selected = {"action": "merge_speakers", "_selected_action": [stoltenberg.pk, other.pk]}

    asked = staff_client.post(url, selected)
    page = asked.content.decode()
    assert 'type="radio"' in page and "Jens Stoltenberg (NATO) (0 quotes)" in page
    assert asked.context["form"]["survivor"].initial == stoltenberg.pk  # most quotes proposed

    done = staff_client.post(
        url, {**selected, "survivor": other.pk, "confirm": "Merge"}, follow=True
    )

    assert not Speaker.objects.filter(pk=stoltenberg.pk).exists()
    other.refresh_from_db()
    assert other.quotes.count() == quotes and other.edited
    assert SpeakerAlias.objects.filter(speaker=other, name="Jens Stoltenberg").exists()
    assert "Merged 1 speaker into Jens Stoltenberg (NATO)." in done.content.decode()


@pytest.mark.django_db
def test_a_merge_needs_two_speakers(staff_client, seed_article):
    speaker = Speaker.objects.get(name="Jens Stoltenberg")
    response = staff_client.post(
        reverse("admin:articles_speaker_changelist"),
        {"action": "merge_speakers", "_selected_action": [speaker.pk]},
        follow=True,
    )
    assert "Select at least two speakers." in response.content.decode()


@pytest.mark.django_db
def test_quote_actions_count_in_the_singular(staff_client, seed_article):
    quote = seed_article.quotes.first()
    response = staff_client.post(
        reverse("admin:articles_quote_changelist"),
        {"action": "confirm", "_selected_action": [quote.pk]},
        follow=True,
    )
    assert "Confirmed 1 quote." in response.content.decode()


@pytest.mark.django_db
def test_a_changed_file_of_an_imported_name_points_to_the_checkbox(staff_client):
    staff_client.post(IMPORT_URL, {"files": [upload("a.txt", GOOD)]}, follow=True)
    changed = GOOD.replace("Wir", "Ihr")

    text = staff_client.post(
        IMPORT_URL, {"files": [upload("a.txt", changed)]}, follow=True
    ).content.decode()

    assert "--replace" not in text
    assert "tick “Replace the text of articles whose file was edited" in text
    data = {"files": [upload("a.txt", changed)], "replace": "on"}
    assert "1 quotation;" in staff_client.post(IMPORT_URL, data, follow=True).content.decode()


@pytest.mark.django_db
def test_the_import_report_speaks_german(staff_client):
    text = staff_client.post(
        IMPORT_URL,
        {"files": [upload("a.txt", GOOD), upload("ohne.txt", " date 2022-10 Text.")]},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    ).content.decode()
    assert "importiert" in text and "fehlgeschlagen" in text
    assert "1 Zitat" in text and "--source" not in text
    assert "oder füllen Sie „Quelle für Dateien ohne" in text


@pytest.mark.django_db
def test_the_parsers_reasons_are_german_in_a_german_admin(staff_client):
    files = [
        upload("kopf.txt", "Kein Datum hier.\n\nQuelle: X\n"),
        upload("datum.txt", " date 2023-02-29 Text.\n\nQuelle: X\n"),
        upload("latin.txt", " date 2022-10 Gr\xfc\xdfe\n\nQuelle: X\n".encode("latin-1")),
    ]
    text = staff_client.post(IMPORT_URL, {"files": files}, HTTP_ACCEPT_LANGUAGE="de", follow=True)
    text = text.content.decode()
    assert "Zeile 1: erwartet wurde eine Kopfzeile wie &#x27; date 2022-10&#x27;" in text
    assert "&#x27;2023-02-29&#x27; ist unmöglich: 2023-02 hat 28 Tage" in text
    assert "die Datei ist nicht UTF-8: Byte 0xfc in Spalte 17 (Position 16)" in text
    assert not Article.objects.exists()


def test_a_seed_error_is_english_without_a_translation():
    """The command line and str(): the English template with its values."""
    from articles import seedfile

    with pytest.raises(seedfile.BadDate) as caught:
        seedfile.parse_date("2022-13")
    assert str(caught.value) == "line 1: '2022-13' has no month 13"


@pytest.fixture
def limited_staff_client(client, django_user_model):
    """A client for staff with only the given permissions of the articles app."""
    from django.contrib.auth.models import Permission

    def make(*codenames):
        limited = django_user_model.objects.create_user("limited", password="x", is_staff=True)
        limited.user_permissions.set(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )
        client.force_login(limited)
        return client

    return make


@pytest.fixture
def viewer_client(limited_staff_client):
    """Staff who may only look at speakers and quotes (and articles)."""
    return limited_staff_client("view_speaker", "view_quote", "view_article")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "codenames",
    [
        pytest.param(("view_speaker", "view_quote", "view_article"), id="view only"),
        # A merge deletes the other speakers: changing them is not enough.
        pytest.param(("view_speaker", "change_speaker"), id="change but not delete"),
    ],
)
def test_staff_who_may_not_delete_speakers_cannot_merge_them(
    limited_staff_client, seed_article, codenames
):
    viewer_client = limited_staff_client(*codenames)
    stoltenberg = Speaker.objects.get(name="Jens Stoltenberg")
    other = Speaker.objects.create(name="J. Stoltenberg", slug="j-stoltenberg")
    url = reverse("admin:articles_speaker_changelist")
    listed = viewer_client.get(url)
    assert listed.status_code == 200
    assert 'value="merge_speakers"' not in listed.content.decode()

    selected = {"action": "merge_speakers", "_selected_action": [stoltenberg.pk, other.pk]}
    asked = viewer_client.post(url, {**selected, "index": "0"})
    confirmed = viewer_client.post(url, {**selected, "survivor": stoltenberg.pk, "confirm": "1"})

    for response in (asked, confirmed):  # the changelist again, not the confirmation page
        assert response.status_code in (200, 302)
        assert "admin/articles/speaker/merge.html" not in [t.name for t in response.templates]
    assert Speaker.objects.filter(pk=other.pk).exists()
    assert not SpeakerAlias.objects.filter(name="J. Stoltenberg").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model,action",
    [("quote", "confirm"), ("quote", "mark_not_speech"), ("article", "rerun_extractor")],
)
def test_staff_who_may_only_view_cannot_run_the_actions(viewer_client, seed_article, model, action):
    quote = seed_article.quotes.first()
    before = list(seed_article.quotes.values_list("pk", "kind", "review"))
    selected = quote.pk if model == "quote" else seed_article.pk

    response = viewer_client.post(
        reverse(f"admin:articles_{model}_changelist"),
        {"action": action, "_selected_action": [selected], "index": "0"},
    )

    assert response.status_code in (200, 302)  # the list again, no action run
    assert list(seed_article.quotes.values_list("pk", "kind", "review")) == before


@pytest.mark.django_db
def test_cancelling_a_merge_goes_back_to_the_filtered_list(staff_client, seed_article):
    speakers = Speaker.objects.filter(name="Jens Stoltenberg")
    other = Speaker.objects.create(name="J. Stoltenberg", slug="j-stoltenberg", kind="person")
    url = reverse("admin:articles_speaker_changelist")
    filters = "edited__exact=0&kind__exact=person"

    asked = staff_client.post(
        f"{url}?{filters}",
        {"action": "merge_speakers", "_selected_action": [speakers.get().pk, other.pk]},
    )

    assert asked.status_code == 200
    assert f'href="{url}?{filters.replace("&", "&amp;")}" class="button cancel-link"' in (
        asked.content.decode()
    )


@pytest.mark.django_db
def test_a_german_dry_run_quotes_the_title_the_german_way(staff_client):
    text = staff_client.post(
        IMPORT_URL,
        {"files": [upload("a.txt", GOOD)], "dry_run": "on"},
        HTTP_ACCEPT_LANGUAGE="de",
        follow=True,
    ).content.decode()
    assert "„Die Ministerin sagte: „Wir schaffen das.““, Testagentur, 1 Zitat" in text
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_over_the_limit_gives_its_size_with_a_decimal_comma_in_german(staff_client):
    huge = upload("huge.txt", b" date 2022-10 " + b"a" * (5 * 1024 * 1024 + 300_000))
    text = staff_client.post(
        IMPORT_URL, {"files": [huge]}, HTTP_ACCEPT_LANGUAGE="de", follow=True
    ).content.decode()
    assert "die Datei ist 5,3 MB groß; Seed-Dateien dürfen höchstens 5 MB groß sein" in text


@pytest.mark.django_db
def test_an_upload_that_fails_in_the_database_is_its_own_outcome_not_a_server_error(
    staff_client,
):
    """The files before it were committed: the page reports each file instead of a 500."""
    from unittest import mock

    from django.db import DataError

    from articles import services

    real_create = services.article_create

    def refuse(*, parsed, **kwargs):
        if parsed.filename == "b.txt":
            raise DataError("value too long for type character varying(200)")
        if parsed.filename == "c.txt":
            raise RuntimeError("a bug")
        return real_create(parsed=parsed, **kwargs)

    files = [upload(f"{name}.txt", GOOD.replace("das.", f"das {name}.")) for name in "abcd"]
    files.append(upload("e.txt", GOOD.replace("Testagentur", "Q" * 201)))
    with mock.patch.object(services, "article_create", side_effect=refuse):
        response = staff_client.post(IMPORT_URL, {"files": files}, follow=True)

    assert response.status_code == 200
    text = response.content.decode()
    assert "Result for 5 files" in text and "3 failed" in text
    assert "the database refused it, nothing was written: value too long" in text
    assert "unexpected error, nothing was written: RuntimeError: a bug" in text
    assert "the source name is too long: 201 characters, at most 200" in text
    assert sorted(Article.objects.values_list("seed_filename", flat=True)) == ["a.txt", "d.txt"]


@pytest.mark.django_db
def test_a_zip_holding_only_a_zip_says_so(staff_client):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("good.txt", GOOD)
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
    response = staff_client.post(
        IMPORT_URL, {"files": [upload("outer.zip", outer.getvalue())]}, follow=True
    )
    text = response.content.decode()
    assert "Result for 1 file" in text and "inner.zip" in text
    assert "an archive inside the archive is not opened: unpack it and upload the files" in text
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_limit_is_explained_in_german(staff_client):
    files = [upload("lang.txt", GOOD.replace("Testagentur", "Q" * 201))]
    response = staff_client.post(
        IMPORT_URL, {"files": files}, HTTP_ACCEPT_LANGUAGE="de", follow=True
    )
    text = response.content.decode()
    assert "der Name der Quelle ist zu lang: 201 Zeichen, höchstens 200" in text
    form = staff_client.get(IMPORT_URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Höchstens 100 Dateien auf einmal; mehr in ein .zip-Archiv packen." in form
