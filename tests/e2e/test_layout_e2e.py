"""What a reader sees where: the side column on a wide screen, the editor sheet on a phone,
jumps to a quotation, the speaker index on a phone, the confirmation after saving, the open
thread's type and headings, the badge of a guessed speaker."""

from itertools import pairwise

import pytest

from annotations.models import Annotation
from articles.models import Quote
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import open_article, select_with_mouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}}

IN_VIEW = """(el) => {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
}"""


def test_the_side_column_scrolls_with_the_page_and_a_save_is_confirmed(
    new_page, live_server, alice, seed_article
):
    page = new_page(color_scheme="dark")
    log_in(page, live_server, "alice", "alice-secret-pw", seed_article.get_absolute_url())
    open_article(page, seed_article)
    # Scrolling the page, and nothing else, brings the end of the side column into view.
    exports = page.get_by_role("heading", name="Download my annotations")
    height = page.evaluate("document.documentElement.scrollHeight")
    seen = False
    for y in range(0, height, 300):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        seen = seen or exports.evaluate(IN_VIEW)
    assert seen, "the exports are never in view"
    assert page.locator(".side").evaluate("s => s.scrollHeight <= s.clientHeight")

    # An annotation far down the article: saved, said so on screen, and its thread in view.
    select_with_mouse(page, "Unsere Entschlossenheit", "alle Jahreszeiten.")
    page.get_by_role("button", name="Annotate", exact=True).click()
    editor = page.locator("form[data-editor]")
    editor.get_by_label("Comment").fill("Weit unten")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")
    status = page.locator("[data-annotate-status]")
    page.wait_for_function("() => document.querySelector('[data-annotate-status]').textContent")
    assert status.inner_text() == "Annotation saved."
    assert status.evaluate(IN_VIEW) and status.bounding_box()["height"] > 16

    annotation = Annotation.objects.get()
    page.locator(f"mark#annotation-{annotation.pk}").click()
    thread = page.locator("[data-thread]")
    thread.wait_for()
    assert thread.evaluate(IN_VIEW)
    assert page.locator(f"mark#annotation-{annotation.pk}").evaluate(IN_VIEW)
    # It stays in view while the page scrolls, up to the top of the article and down to its end.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in (0, height // 3, height // 2, height):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        assert thread.evaluate(IN_VIEW), f"the open thread is out of view at {y}px"


def test_on_a_phone_in_german_the_sheet_leaves_the_passage_in_view(
    new_page, live_server, alice, seed_article
):
    page = new_page(locale="de-DE", **PHONE)
    page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
    page.get_by_label("Benutzername").fill("alice")
    page.get_by_label("Passwort").fill("alice-secret-pw")
    page.locator("main").get_by_role("button", name="Anmelden").click()
    open_article(page, seed_article)
    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    page.get_by_role("button", name="Anmerken", exact=True).click()
    editor = page.locator("form[data-editor]")
    editor.wait_for()
    passage = page.locator('mark[data-annotation-id="pending"]')
    # the page scrolls the passage above the sheet; on a busy machine that takes a moment
    for _ in range(80):
        page.wait_for_timeout(100)
        sheet_top = editor.bounding_box()["y"]
        boxes = [passage.nth(i).bounding_box() for i in range(passage.count())]
        if boxes[-1]["y"] + boxes[-1]["height"] <= sheet_top:
            break
    assert boxes[0]["y"] >= 0
    assert boxes[-1]["y"] + boxes[-1]["height"] <= sheet_top, "the sheet covers the passage"
    # German quotation marks around the passage.
    quote = editor.locator("[data-editor-quote]").inner_text()
    assert quote.startswith("„Die deutschen Waffen-") and quote.endswith("dezimiert.“")
    editor.get_by_role("button", name="Speichern").click()
    editor.wait_for(state="hidden")
    entry = page.locator(".annotation-entry .entry-quote").first
    assert entry.inner_text().startswith("„Die deutschen")


def test_a_jump_to_a_quotation_leaves_room_above_it(new_page, live_server, alice, seed_article):
    page = new_page()
    quotes = list(seed_article.quotes.filter(kind__in=Quote.SPOKEN).order_by("start"))
    quote = quotes[len(quotes) // 2]  # mid-article: the page can scroll it to the top
    log_in(page, live_server, "alice", "alice-secret-pw", seed_article.get_absolute_url())
    page.goto(f"{live_server.url}{quote.get_absolute_url()}")
    open_article(page, seed_article)
    top = page.locator(f"#q{quote.pk}").evaluate("el => el.getBoundingClientRect().top")
    assert 40 <= top <= 200


def test_the_speaker_index_fits_a_phone(new_page, live_server, alice, seed_article):
    page = new_page(**PHONE)
    log_in(page, live_server, "alice", "alice-secret-pw", "/speakers/")
    assert page.locator(".index-table").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_open_thread_is_set_as_the_panels_and_its_heading_in_order(
    new_page, live_server, alice, seed_article
):
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", seed_article.get_absolute_url())
    open_article(page, seed_article)
    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    page.get_by_role("button", name="Annotate", exact=True).click()
    page.locator("form[data-editor]").get_by_role("button", name="Save").click()
    page.locator("form[data-editor]").wait_for(state="hidden")
    page.locator("mark.annotation").first.click()
    thread = page.locator("[data-thread]")
    thread.wait_for()
    size = "(el) => getComputedStyle(el).fontSize"
    panel = page.locator(".annotations-panel")
    assert thread.evaluate(size) == panel.evaluate(size) == "15.2px"  # .95rem
    assert page.locator("#thread-heading").evaluate(size) == "15.2px"
    # h1, then the side column's h2s: no level skipped.
    levels = page.evaluate(
        "() => Array.from(document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)'))"
        ".filter((h) => h.getClientRects().length).map((h) => Number(h.tagName[1]))"
    )
    assert levels[0] == 1 and levels[1] == 2, levels
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels


def test_a_guessed_speaker_s_badge_has_a_dashed_border(new_page, live_server, alice, seed_article):
    quote = seed_article.quotes.filter(kind=Quote.Kind.DIRECT, speaker__isnull=False).first()
    Quote.objects.filter(pk=quote.pk).update(confidence=0.3, review=Quote.Review.MACHINE)
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", quote.speaker.get_absolute_url())
    badge = page.locator(".badge-probable").first
    assert badge.inner_text() == f"probably {quote.speaker.name}"
    assert badge.evaluate("(el) => getComputedStyle(el).borderTopStyle") == "dashed"
    assert badge.evaluate("(el) => getComputedStyle(el).borderTopWidth") == "1px"
