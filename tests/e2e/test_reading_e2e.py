"""A reader logs in, searches, opens the seed article and sees who is quoted where."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, next_url="/"):
    page.goto(f"{live_server.url}{next_url}")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-secret-pw")
    page.locator("main").get_by_role("button", name="Log in").click()


def test_search_open_the_article_and_see_the_quotes_marked(page, live_server, alice, seed_article):
    log_in(page, live_server)
    page.get_by_role("searchbox", name="Search articles").fill("Militärmaschinerie")
    page.get_by_role("searchbox", name="Search articles").press("Enter")
    result = page.locator(".article-row")
    assert result.count() == 1
    assert result.locator("mark").first.inner_text() == "Militärmaschinerie"

    result.get_by_role("link", name=seed_article.title).click()
    page.wait_for_url(f"**{seed_article.get_absolute_url()}")
    quotes = page.locator('.article-body .quote[data-speaker="jens-stoltenberg"]')
    assert quotes.count() >= 3
    first = quotes.first
    assert first.is_visible()
    # The name is shown before the quotation without hovering (generated content).
    label = first.evaluate("q => getComputedStyle(q, '::before').content")
    assert label == '"Jens Stoltenberg"'
    # Every paragraph's text is the body between its offsets.
    body = seed_article.body
    for start, end, text in page.locator(".paragraph").evaluate_all(
        "ps => ps.map(p => [+p.dataset.start, +p.dataset.end, p.textContent])"
    ):
        assert text == body[start:end]

    # Choosing Stoltenberg in the panel highlights his quotations, and only his.
    button = page.get_by_role("button", name="Jens Stoltenberg")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    highlighted = page.locator(".quote.is-highlighted")
    assert highlighted.count() == quotes.count()
    assert page.locator('.quote.is-highlighted:not([data-speaker="jens-stoltenberg"])').count() == 0
    button.click()
    assert page.locator(".quote.is-highlighted").count() == 0


def test_pick_a_speaker_then_follow_a_quotation_to_its_place(
    page, live_server, alice, seed_article
):
    log_in(page, live_server, "/articles/")
    page.get_by_text("Filter and sort").click()
    page.get_by_role("combobox", name="Speaker").press_sequentially("Austin", delay=20)
    page.get_by_role("option", name="Lloyd Austin").first.click()
    page.locator("details.filters-more").get_by_role("button", name="Apply").click()
    assert page.locator(".article-row").count() == 1

    page.get_by_role("link", name="Speakers").click()
    page.get_by_role("link", name="Jens Stoltenberg").click()
    link = page.locator(".quote-item a").first
    href = link.get_attribute("href")
    link.click()
    anchor = href.split("#")[1]
    page.wait_for_url(f"**#{anchor}")
    target = page.locator(f"#{anchor}")
    assert target.get_attribute("data-speaker") == "jens-stoltenberg"
    assert target.evaluate("el => el.matches(':target')")


def test_german_and_a_phone(browser, live_server, alice, seed_article):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="de-DE", color_scheme="dark"
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{seed_article.get_absolute_url()}")
        page.get_by_label("Benutzername").fill("alice")
        page.get_by_label("Passwort").fill("alice-secret-pw")
        page.locator("main").get_by_role("button", name="Anmelden").click()
        page.wait_for_url(f"**{seed_article.get_absolute_url()}")
        assert "Oktober 2022" in page.locator(".article-header").inner_text()
        assert page.get_by_role("heading", name="Wer zitiert wird").is_visible()
        # Nothing is wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
