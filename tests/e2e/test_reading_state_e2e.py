"""A reader opens an article (it becomes read in their list), stars it and finds it among their
favourites, archives it (it leaves the list), and downloads the quotations of a filtered list."""

import csv
import io

import pytest

from articles.models import ReadingState, Source
from tests.articles.test_reading import make_article
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def row(page, title):
    return page.locator(".article-row").filter(has=page.get_by_role("link", name=title))


def apply_reading(page, label):
    page.get_by_text("Filter and sort").click()
    page.get_by_label("Reading").select_option(label=label)
    page.locator("details.filters-more").get_by_role("button", name="Apply").click()
    page.wait_for_load_state("load")


def test_read_star_archive_and_export(page, live_server, alice, seed_article):
    other = make_article(Source.objects.get(), "Ein anderer Artikel", "Nichts gesagt.")
    log_in(page, live_server, "alice", "alice-secret-pw", "/articles/")
    title = seed_article.title
    read = row(page, title).get_by_role("button", name="Read")
    assert read.get_attribute("aria-pressed") == "false"

    # Opening the article marks it read, on its page and then in the list.
    row(page, title).get_by_role("link", name=title).click()
    page.wait_for_url(f"**{seed_article.get_absolute_url()}")
    assert page.get_by_role("button", name="Read").get_attribute("aria-pressed") == "true"
    page.goto(f"{live_server.url}/articles/")
    assert row(page, title).get_by_role("button", name="Read").get_attribute("aria-pressed") == (
        "true"
    )
    assert (
        row(page, other.title).get_by_role("button", name="Read").get_attribute("aria-pressed")
        == "false"
    )

    # Star it in the list (the script posts it, the page stays), then list the favourites.
    star = row(page, title).get_by_role("button", name="Favourite")
    star.click()
    page.wait_for_function(
        "b => b.getAttribute('aria-pressed') === 'true'", arg=star.element_handle()
    )
    assert page.url.endswith("/articles/")
    apply_reading(page, "favourites")
    assert page.locator(".article-row").count() == 1
    assert row(page, title).count() == 1

    # Archive it: gone from the list, found in the archive.
    archive = row(page, title).get_by_role("button", name="Archived")
    archive.click()
    page.wait_for_function(
        "b => b.getAttribute('aria-pressed') === 'true'", arg=archive.element_handle()
    )
    page.goto(f"{live_server.url}/articles/")
    assert row(page, title).count() == 0
    assert row(page, other.title).count() == 1
    apply_reading(page, "archived")
    assert page.locator(".article-row").count() == 1
    state = ReadingState.objects.get(user=alice, article=seed_article)
    assert state.read and state.favourite and state.archived

    # The export of this list (the archive) has the article's quotations.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "quotations.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert rows and {r["article_slug"] for r in rows} == {seed_article.slug}
    assert len(rows) == seed_article.quotes.count()
    assert "Jens Stoltenberg" in {r["speaker"] for r in rows}
    for r in rows:
        assert seed_article.body[int(r["start"]) : int(r["end"])] == r["text"]


def test_the_lists_tag_filter_suggests_the_readers_tags_in_their_order(
    page, live_server, alice, seed_article
):
    """The tag field comes without a list of tags: on focus it asks /api/tags/ for the reader's
    in their order, typing narrows them, and a tag chosen lists what carries it."""
    from annotations import services

    make_article(Source.objects.get(), "Ein anderer Artikel", "Nichts gesagt.")
    start = seed_article.body.index("Die deutschen")
    span = {"start": start, "end": start + 13, "comment": "", "visibility": "shared"}
    services.annotation_create(user=alice, article=seed_article, tags="Zebra, Äpfel, über", **span)
    log_in(page, live_server, "alice", "alice-secret-pw", "/articles/")
    assert page.locator("#id_tag-suggestions option").count() == 0  # none sent with the page
    page.get_by_text("Filter and sort").click()
    field = page.get_by_role("combobox", name="Tag")  # a text field with a list, to assistive tech
    assert field.evaluate("el => el.tagName") == "INPUT"
    field.focus()
    shown = "Array.from(document.querySelectorAll('#id_tag-suggestions option'), (o) => o.value)"
    suggests = "(expected) => JSON.stringify(" + shown + ") === JSON.stringify(expected)"
    page.wait_for_function(suggests, arg=["Äpfel", "über", "Zebra"])
    field.press_sequentially("ü")
    page.wait_for_function(suggests, arg=["über"])
    field.fill("Zebra, ")  # one tag: no list of them to continue ("Zebra, Äpfel")
    page.wait_for_function(suggests, arg=[])
    field.fill("Äpfel")
    page.locator("details.filters-more").get_by_role("button", name="Apply").click()
    page.wait_for_load_state("load")
    titles = page.locator(".article-row h2, .article-row h3").all_inner_texts()
    assert any(seed_article.title in t for t in titles), titles
    assert not any("Ein anderer Artikel" in t for t in titles), titles
    assert page.get_by_label("Tag").input_value() == "Äpfel"


def test_the_lists_speaker_filter_suggests_quoted_speakers_as_one_types(
    page, live_server, alice, seed_article
):
    """No list of every speaker in the form: typing part of a name asks the suggestions, picking
    one puts in its name, and the list shows the articles quoting them."""
    from articles.models import Speaker

    make_article(Source.objects.get(), "Ein anderer Artikel", "Nichts gesagt.")
    speaker = Speaker.objects.quoted().order_by("-quote_count", "name").first()
    log_in(page, live_server, "alice", "alice-secret-pw", "/articles/")
    page.get_by_text("Filter and sort").click()
    field = page.get_by_role("combobox", name="Speaker")
    assert field.evaluate("el => el.tagName") == "INPUT"  # no <select> of every speaker
    typed = speaker.name.split()[-1][:4].lower()
    field.press_sequentially(typed, delay=30)
    option = page.get_by_role("option", name=speaker.name)
    option.first.wait_for()
    shown = page.locator("#id_speaker-options [role=option]").count()
    said = page.locator("[data-speaker-picker] [role=status]").inner_text()
    assert said == ("1 suggestion" if shown == 1 else f"{shown} suggestions")  # screen readers
    field.press("Escape")  # closes the suggestions, keeps what was typed (a search field)
    assert field.input_value() == typed and not option.first.is_visible()
    field.press("ArrowDown")  # and opens them again
    option.first.wait_for()
    field.press("Escape")
    field.press_sequentially(speaker.name.split()[-1][4:6].lower(), delay=30)
    option.first.click()
    assert field.input_value() == speaker.name
    page.locator("details.filters-more").get_by_role("button", name="Apply").click()
    page.wait_for_load_state("load")
    titles = page.locator(".article-row h2, .article-row h3").all_inner_texts()
    assert titles and all(seed_article.title in t for t in titles), titles
    assert page.get_by_role("combobox", name="Speaker").input_value() == speaker.name
