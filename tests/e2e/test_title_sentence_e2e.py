"""An article whose title is its first sentence: the sentence stays in the text, set apart, and
can be read, clicked and annotated like any other passage."""

import pytest

from annotations.models import Annotation
from articles.models import Article
from tests.conftest import import_seeds
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import annotate, marked_text, open_article, select_with_mouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = "„Wir bleiben hier“, sagte Olaf Scholz am Montag in Berlin."


def test_the_first_sentence_is_set_apart_and_annotated_across(
    new_page, live_server, alice, tmp_path
):
    seed = tmp_path / "scholz.txt"
    seed.write_text(
        f" date 2023-05 {FIRST} Die Koalition streitet weiter über den Haushalt.\n\nQuelle: Test\n",
        "utf-8",
    )
    assert import_seeds(seed)[0] == 0
    article = Article.objects.get()
    assert article.title == FIRST.removesuffix(".")

    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", article.get_absolute_url())
    open_article(page, article)
    assert page.locator("h1").inner_text() == article.title
    lead = page.locator(".article-body .lead-sentence")
    assert lead.is_visible() and lead.inner_text() == FIRST
    paragraph = page.locator(".article-body .paragraph").first
    colours = (
        lead.evaluate("(e) => getComputedStyle(e).color"),
        paragraph.evaluate("(e) => getComputedStyle(e).color"),
    )
    assert colours[0] != colours[1]  # set apart from the rest of the text
    quote = lead.locator(".quote[data-speaker='olaf-scholz']")
    assert quote.is_visible() and quote.inner_text() == "„Wir bleiben hier“"

    # A passage from inside the first sentence into the next keeps the body's offsets.
    select_with_mouse(page, "Olaf Scholz", "Die Koalition")
    annotate(page, comment="über den Satz hinaus")
    annotation = Annotation.objects.get()
    start = article.body.index("Olaf Scholz")
    end = article.body.index("Die Koalition") + len("Die Koalition")
    assert annotation.exact == article.body[start:end]
    assert marked_text(page, annotation.pk) == article.body[start:end]


def test_the_repeated_first_sentence_is_hidden_until_an_annotation_touches_it(
    new_page, live_server, alice, tmp_path
):
    from annotations import services

    first = "Die Regierung tagt am Montag in Berlin."
    seed = tmp_path / "regierung.txt"
    seed.write_text(
        f" date 2023-05 {first} Die Koalition streitet weiter über den Haushalt.\n\nQuelle: Test\n",
        "utf-8",
    )
    assert import_seeds(seed)[0] == 0
    article = Article.objects.get()
    assert article.title == first.removesuffix(".")

    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", article.get_absolute_url())
    open_article(page, article)
    lead = page.locator(".article-body .lead-sentence")
    assert lead.count() == 1 and not lead.is_visible()  # the title says it already
    assert page.locator(".article-body").inner_text().startswith("Die Koalition streitet")

    # A passage from the next sentence still keeps the body's offsets.
    select_with_mouse(page, "Koalition streitet")
    annotate(page, comment="weiter")
    annotation = Annotation.objects.get()
    assert annotation.exact == "Koalition streitet"
    assert marked_text(page, annotation.pk) == "Koalition streitet"

    # An annotation inside the hidden sentence (made elsewhere: the API) shows it again.
    start = article.body.index("Regierung")
    other = services.annotation_create(
        user=alice, article=article, start=start, end=start + len("Regierung")
    )
    page.reload()
    open_article(page, article)
    assert lead.is_visible() and lead.inner_text() == first
    assert marked_text(page, other.pk) == "Regierung"
