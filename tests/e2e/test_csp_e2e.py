"""The Content-Security-Policy (django-csp, newsreader/settings.py) holds on every main page in
Chromium: no violation is reported, and the pages' scripts still work under it."""

import pytest
from django.urls import reverse

from annotations.models import Annotation
from articles.models import Quote
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import annotate, open_article, select_with_mouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every violation the page reports, kept on the window (set before any of the page's scripts).
COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def csp_page(new_page):
    """A page whose CSP violations (events and console messages) are collected."""
    page = new_page()
    page.add_init_script(COLLECT)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.console_violations = console
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []") + page.console_violations


def visit(page, url):
    response = page.goto(url)
    assert response.ok, url
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, url
    page.wait_for_load_state("load")
    assert violations(page) == [], url


def test_the_main_pages_report_no_violation_and_their_scripts_work(
    csp_page, live_server, alice, seed_article
):
    page = csp_page
    base = live_server.url
    visit(page, f"{base}{reverse('login')}")
    log_in(page, live_server, "alice", "alice-secret-pw", seed_article.get_absolute_url())
    assert violations(page) == []

    # The article page: its scripts paint, react to a speaker and to a selection.
    open_article(page, seed_article)
    button = page.get_by_role("button", name="Jens Stoltenberg")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".quote.is-highlighted").count() >= 3
    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    assert page.get_by_role("button", name="Annotate", exact=True).is_visible()
    annotate(page, comment="Unter *CSP*", tags="csp", shared=True)
    annotation = Annotation.objects.get(comment="Unter *CSP*")
    page.reload()
    open_article(page, seed_article)
    page.locator(f'mark[data-annotation-id="{annotation.pk}"]').first.click()
    thread = page.locator("[data-thread]")
    thread.wait_for()
    assert thread.locator(".note-comment em").inner_text() == "CSP"
    assert violations(page) == []

    speaker = Quote.objects.filter(speaker__isnull=False).first().speaker
    for url in [
        reverse("articles:list"),
        reverse("articles:list") + "?q=Militärmaschinerie",
        reverse("articles:speakers"),
        speaker.get_absolute_url(),
        reverse("articles:sources"),
        seed_article.source.get_absolute_url(),
        reverse("annotations:mine"),
        reverse("annotations:tag", args=["csp"]),
        reverse("annotations:tokens"),
        reverse("password_change"),
    ]:
        visit(page, f"{base}{url}")

    # The collector does catch a violation: an inline style attribute added by a script.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("style-src" in v for v in violations(page))


def test_the_admin_reports_no_violation(csp_page, live_server, staff, seed_article):
    page = csp_page
    log_in(page, live_server, "staff", "staff-secret-pw", "/articles/")
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[seed_article.pk]),
        reverse("admin:axes_accessattempt_changelist"),
    ]:
        visit(page, f"{live_server.url}{url}")


def test_the_lockout_page_reports_no_violation(csp_page, live_server, alice, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page = csp_page
    page.goto(f"{live_server.url}{reverse('login')}")
    for _ in range(2):
        page.get_by_label("Username").fill("alice")
        page.get_by_label("Password").fill("wrong")
        page.locator("main").get_by_role("button", name="Log in").click()
        page.wait_for_load_state("load")
    assert "Too many failed attempts; try again in 30 minutes" in page.locator("main").inner_text()
    assert violations(page) == []
