"""A reader searches in German with the websearch syntax and sees the passages marked, on
either database."""

import pytest

from tests.e2e.test_reading_e2e import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search(page, text):
    box = page.get_by_role("searchbox", name="Search articles")
    box.fill(text)
    box.press("Enter")
    page.wait_for_load_state()
    return page.locator(".article-row")


def test_inflected_phrase_or_and_exclusion(page, live_server, alice, seed_article):
    log_in(page, live_server)
    # "eines militärischen Sieges" in the query, "ein militärischer Sieg" in the article.
    rows = search(page, '"militärischen Sieges" OR Merkel')
    assert rows.count() == 1
    marked = rows.locator("mark").all_inner_texts()
    assert {"militärischer", "Sieg"} <= set(marked) and "siege" in marked  # "nicht siege"
    assert search(page, "Stoltenberg -Lawrow").count() == 0
    assert search(page, "Stoltenberg -Merkel").count() == 1
    assert search(page, "und die").count() == 0  # only stop words: nothing to look for
