"""Annotating in Chromium as a person does: select with the mouse, Annotate, write, Save; a second
reader sees what is shared, replies; authors edit and delete; no script ever runs from a comment."""

import json

import pytest
from django.urls import reverse

from annotations import services
from annotations.markup import MAX_LENGTH
from annotations.models import Annotation
from articles.models import Article
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "Die deutschen Waffen- und Munitionsvorräte sind seit Ende August stark dezimiert."
XSS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    "[x](javascript:window.__xss=1)",
]

# The on-screen boxes of the first and the last character of a passage of the body. Only
# measuring: the selection itself is made with the mouse.
RECTS = """(needle) => {
  const body = document.querySelector("[data-body]");
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const at = text.indexOf(needle);
  if (at < 0) return null;
  function box(index) {
    const [node, base] = nodes.filter(([n, b]) => b <= index).pop();
    const range = document.createRange();
    range.setStart(node, index - base);
    range.setEnd(node, index - base + 1);
    const r = range.getClientRects()[0];
    return { left: r.left, right: r.right, y: (r.top + r.bottom) / 2 };
  }
  return [box(at), box(at + needle.length - 1)];
}"""


def select_with_mouse(page, first_words, last_words=None):
    """Drag the mouse from the first character of ``first_words`` to the last of ``last_words``."""
    first = page.evaluate(RECTS, first_words)
    assert first, "passage not on the page"
    page.evaluate("(y) => window.scrollBy(0, y)", first[0]["y"] - 250)  # into the window
    first = page.evaluate(RECTS, first_words)
    last = page.evaluate(RECTS, last_words) if last_words else first
    assert first and last, "passage not on the page"
    start, end = first[0], last[1]
    page.mouse.move(start["left"] + 1, start["y"])
    page.mouse.down()
    page.mouse.move((start["left"] + end["right"]) / 2, (start["y"] + end["y"]) / 2, steps=5)
    page.mouse.move(end["right"] - 1, end["y"], steps=5)
    page.mouse.up()


def open_article(page, article):
    page.wait_for_selector("[data-annotate-ready]", state="attached")
    assert page.url.split("#")[0].endswith(article.get_absolute_url())


def annotate(page, comment="", tags="", shared=False, colour=None):
    page.get_by_role("button", name="Annotate", exact=True).click()
    editor = page.locator("form[data-editor]")
    editor.get_by_label("Comment").fill(comment)
    if tags:
        editor.get_by_label("Tags").fill(tags)
    editor.get_by_label("Shared" if shared else "Private", exact=False).first.check()
    if colour:
        editor.get_by_label(colour).check()
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")


def marks(page, annotation_id):
    return page.locator(f'mark[data-annotation-id="{annotation_id}"]')


def marked_text(page, annotation_id):
    return "".join(marks(page, annotation_id).all_text_contents())


def test_annotate_reload_share_reply_edit_delete(new_page, live_server, alice, bob, seed_article):
    page = new_page()
    url = seed_article.get_absolute_url()
    log_in(page, live_server, "alice", "alice-secret-pw", url)
    open_article(page, seed_article)

    # A shared annotation with a comment and a tag, made with the mouse.
    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    annotate(page, comment="Quelle *prüfen*", tags="Rüstung, NATO", shared=True)
    shared = Annotation.objects.get(comment="Quelle *prüfen*")
    assert shared.exact == SENTENCE
    assert shared.visibility == "shared"
    assert sorted(t.name for t in shared.tags.all()) == ["NATO", "Rüstung"]
    assert marked_text(page, shared.pk) == SENTENCE
    assert page.locator(f"mark#annotation-{shared.pk}").count() == 1

    # A private one, by keyboard shortcut after a mouse selection, without a comment.
    select_with_mouse(page, "Im selben Monat meldete", "Wall Street Journal")
    page.keyboard.press("a")
    editor = page.locator("form[data-editor]")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")
    private = Annotation.objects.exclude(pk=shared.pk).get()
    assert private.exact == "Im selben Monat meldete das Wall Street Journal"
    assert private.visibility == "private" and private.comment == ""
    assert marks(page, private.pk).count() >= 1

    # Still there after a reload, painted from the page's data.
    page.reload()
    open_article(page, seed_article)
    assert marked_text(page, shared.pk) == SENTENCE
    assert marks(page, private.pk).count() >= 1

    # Bob, at the same time in another browser, sees the shared one but not the private one.
    bob_page = new_page()
    log_in(bob_page, live_server, "bob", "bob-secret-pw", url)
    open_article(bob_page, seed_article)
    assert marked_text(bob_page, shared.pk) == SENTENCE
    assert marks(bob_page, private.pk).count() == 0
    marks(bob_page, shared.pk).first.click()
    thread = bob_page.locator("[data-thread]")
    thread.wait_for()
    assert thread.locator(".note-comment em").inner_text() == "prüfen"
    assert "alice" in thread.locator(".note-root .note-meta").inner_text()
    assert thread.get_by_role("button", name="Edit").count() == 0  # not his
    # The reply fields stop at the API's limit, as the comment field does.
    assert thread.get_by_label("Reply").evaluate("(t) => t.maxLength") == MAX_LENGTH
    thread.get_by_label("Reply").fill("Stimmt, laut **Bundeswehr**.")
    thread.get_by_role("button", name="Reply").click()
    reply = thread.locator(".note-reply")
    reply.wait_for()
    assert reply.locator("strong").inner_text() == "Bundeswehr"

    # Bob edits his reply.
    reply.get_by_role("button", name="Edit").click()
    assert thread.locator(".reply-edit textarea").evaluate("(t) => t.maxLength") == MAX_LENGTH
    thread.locator(".reply-edit textarea").fill("Stimmt, laut Bundeswehr und BMVg.")
    thread.locator(".reply-edit").get_by_role("button", name="Save").click()
    thread.get_by_text("Stimmt, laut Bundeswehr und BMVg.").wait_for()
    assert Annotation.objects.get(parent=shared).comment == "Stimmt, laut Bundeswehr und BMVg."

    # Alice sees the reply, edits her comment and colour.
    page.reload()
    open_article(page, seed_article)
    marks(page, shared.pk).first.click()
    thread = page.locator("[data-thread]")
    thread.get_by_text("Stimmt, laut Bundeswehr und BMVg.").wait_for()
    thread.locator(".note-root").get_by_role("button", name="Edit").click()
    editor = page.locator("form[data-editor]")
    editor.wait_for()
    assert editor.get_by_label("Comment").input_value() == "Quelle *prüfen*"
    assert editor.get_by_label("Tags").input_value() == "NATO, Rüstung"
    editor.get_by_label("Comment").fill("Quelle geprüft.")
    editor.get_by_label("green").check()
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")
    thread.get_by_text("Quelle geprüft.").wait_for()
    assert "colour-green" in marks(page, shared.pk).first.get_attribute("class")
    shared.refresh_from_db()
    assert (shared.comment, shared.colour) == ("Quelle geprüft.", "green")

    # Alice deletes it: it has a reply, so the thread stays and says "deleted".
    thread.locator(".note-root").get_by_role("button", name="Delete").click()
    thread.locator(".confirm").get_by_role("button", name="Delete").click()
    thread.locator(".badge-deleted").wait_for()
    shared.refresh_from_db()
    assert shared.deleted
    thread.get_by_text("Stimmt, laut Bundeswehr und BMVg.").wait_for()

    # Bob deletes his reply; then alice's private highlight goes for good.
    bob_page.reload()
    open_article(bob_page, seed_article)
    marks(bob_page, shared.pk).first.click()
    thread_b = bob_page.locator("[data-thread]")
    thread_b.locator(".badge-deleted").wait_for()
    thread_b.locator(".note-reply").get_by_role("button", name="Delete").click()
    thread_b.locator(".confirm").get_by_role("button", name="Delete").click()
    thread_b.get_by_text("No replies yet.").wait_for()
    assert not Annotation.objects.filter(pk=shared.pk).exists()  # its last reply went

    marks(page, private.pk).first.click()
    thread.locator(".note-root").get_by_role("button", name="Delete").click()
    thread.locator(".confirm").get_by_role("button", name="Delete").click()
    marks(page, private.pk).first.wait_for(state="detached")
    assert not Annotation.objects.filter(pk=private.pk).exists()


def test_dollar_signs_stay_as_written_in_a_passage_and_a_reason(
    new_page, live_server, alice, seed_article
):
    """A translated template is filled through a function: "$$", "$&" … are not patterns."""
    text = "Der Eintritt kostet $$5, $& und $` mehr als $' im Vorjahr."
    article = Article.objects.create(
        source=seed_article.source,
        title="Preise",
        slug="preise",
        date=seed_article.date,
        body=text,
        seed_filename="preise.txt",
        content_hash="d" * 64,
    )
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", article.get_absolute_url())
    open_article(page, article)
    select_with_mouse(page, "Der Eintritt", "Vorjahr.")
    page.get_by_role("button", name="Annotate", exact=True).click()
    editor = page.locator("form[data-editor]")
    assert editor.locator("[data-editor-quote]").inner_text() == f"“{text}”"

    reason = "it costs $$5, $& and $` or $' more"
    page.route(
        f"**{reverse('annotations:api-collection')}",
        lambda route: route.fulfill(
            status=400, content_type="application/json", body=json.dumps({"reason": reason})
        ),
    )
    editor.get_by_role("button", name="Save").click()
    error = editor.locator("[data-editor-error]")
    page.wait_for_function("() => document.querySelector('[data-editor-error]').textContent")
    assert error.inner_text() == f"Could not save: {reason}"


def test_selection_across_two_paragraphs_and_overlaps(new_page, live_server, alice, seed_article):
    body = seed_article.body
    inner = "Diese Unterstützung hat jedoch ihren Preis"
    start = body.index(inner)
    existing = services.annotation_create(
        user=alice, article=seed_article, start=start, end=start + len(inner), colour="blue"
    )
    page = new_page()
    url = seed_article.get_absolute_url()
    log_in(page, live_server, "alice", "alice-secret-pw", url)
    open_article(page, seed_article)

    # From the end of one paragraph into the next one, over the existing highlight's start.
    select_with_mouse(page, "Streitkräfte gewinnt", "hat jedoch")
    annotate(page, comment="Über zwei Absätze")
    across = Annotation.objects.get(comment="Über zwei Absätze")
    assert across.exact.startswith("Streitkräfte gewinnt")
    assert across.exact.endswith("hat jedoch")
    assert "\n" in across.exact
    pieces = marks(page, across.pk)
    paragraphs = pieces.evaluate_all(
        "ms => new Set(ms.map(m => m.closest('.paragraph').dataset.start)).size"
    )
    assert paragraphs == 2
    assert page.locator(f"mark#annotation-{across.pk}").count() == 1
    assert pieces.first.get_attribute("id") == f"annotation-{across.pk}"
    # The overlap: one mark nested in the other, and each passage's text intact.
    nested = page.locator(
        f'mark[data-annotation-id="{existing.pk}"] mark[data-annotation-id="{across.pk}"], '
        f'mark[data-annotation-id="{across.pk}"] mark[data-annotation-id="{existing.pk}"]'
    )
    assert nested.count() >= 1
    assert marked_text(page, existing.pk) == inner

    # Inside the existing one: a nested highlight, by mouse; survives a reload.
    select_with_mouse(page, "Unterstützung hat", "Unterstützung hat")
    annotate(page, comment="Nested", colour="pink")
    nested_one = Annotation.objects.get(comment="Nested")
    assert nested_one.exact == "Unterstützung hat"
    page.reload()
    open_article(page, seed_article)
    assert marked_text(page, nested_one.pk) == "Unterstützung hat"
    assert marked_text(page, existing.pk) == inner
    # The paragraphs' text is still the body's.
    for p_start, p_end, text in page.locator(".paragraph").evaluate_all(
        "ps => ps.map(p => [+p.dataset.start, +p.dataset.end, p.textContent])"
    ):
        assert text == body[p_start:p_end]
    # Clicking the nested passage opens the innermost annotation and names the others.
    marks(page, nested_one.pk).first.click()
    thread = page.locator("[data-thread]")
    thread.get_by_text("Nested").first.wait_for()
    assert thread.locator(".also-here button").count() == 2


def test_a_quotation_in_one_click_and_a_link_back(new_page, live_server, alice, seed_article):
    page = new_page()
    url = seed_article.get_absolute_url()
    log_in(page, live_server, "alice", "alice-secret-pw", url)
    open_article(page, seed_article)
    quote = page.locator(".quote[data-quote-id]").first
    quote_id = quote.get_attribute("data-quote-id")
    quote.click()
    page.get_by_role("button", name="Annotate quotation").click()
    editor = page.locator("form[data-editor]")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")
    annotation = Annotation.objects.get()
    pieces = page.locator(f'.quote[data-quote-id="{quote_id}"]')
    starts = pieces.evaluate_all("ps => ps.map(p => +p.dataset.start)")
    ends = pieces.evaluate_all("ps => ps.map(p => +p.dataset.end)")
    assert (annotation.start, annotation.end) == (min(starts), max(ends))

    # A link from "My annotations" lands on the highlight, with its thread open.
    page.goto(f"{live_server.url}/annotations/")
    page.get_by_role("link", name="Show in the article").click()
    page.wait_for_url(f"**#annotation-{annotation.pk}")
    page.locator("[data-thread]").wait_for()
    assert page.locator(f"#annotation-{annotation.pk}").evaluate("el => el.tagName") == "MARK"


def test_no_script_runs_from_comments_tags_or_replies(
    new_page, live_server, alice, bob, seed_article
):
    body = seed_article.body
    start = body.index(SENTENCE)
    stored = services.annotation_create(
        user=alice,
        article=seed_article,
        start=start,
        end=start + len(SENTENCE),
        comment="\n\n".join(XSS),
        tags=XSS,
        visibility="shared",
    )
    services.reply_create(user=bob, parent=stored, comment=" ".join(XSS), tags=XSS[:2])
    page = new_page()
    url = seed_article.get_absolute_url()
    log_in(page, live_server, "alice", "alice-secret-pw", url)
    open_article(page, seed_article)

    # One more through the form, payloads typed into every field.
    select_with_mouse(page, "Im selben Monat", "Journal")
    annotate(page, comment=XSS[0] + "\n" + XSS[1] + "\n" + XSS[2], tags=XSS[1], shared=True)

    for reader, password in (("alice", "alice-secret-pw"), ("bob", "bob-secret-pw")):
        if reader == "bob":
            page = new_page()
            log_in(page, live_server, reader, password, url)
        else:
            page.reload()
        open_article(page, seed_article)
        ids = [a.pk for a in Annotation.objects.filter(parent__isnull=True)]
        assert len(ids) == 2
        for annotation_id in ids:
            marks(page, annotation_id).first.click()
            page.locator("[data-thread] .replies[aria-busy]").wait_for(state="detached")
            assert page.locator("[data-thread] script, [data-thread] img").count() == 0
            # The payloads show as text in tags.
            assert page.locator("[data-thread] .tag").count() >= 1
        page.locator(".annotation-entry .entry-open").first.click()
        page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.locator("[data-body] script, [data-body] img").count() == 0
