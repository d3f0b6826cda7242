"""In Chromium: a reply shows up in its addressee's header and activity page until they open
it; the side list shows each annotation's comment and tags; an annotation's tag is the
article's tag too."""

import pytest
from django.urls import reverse

from annotations import services
from annotations.models import Annotation
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import annotate, marks, open_article, select_with_mouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reply_reaches_the_author_until_read(new_page, live_server, alice, bob, seed_article):
    url = seed_article.get_absolute_url()
    start = seed_article.body.index("Die deutschen Waffen-")
    mine = services.annotation_create(
        user=alice,
        article=seed_article,
        start=start,
        end=start + 40,
        comment="Quelle?",
        visibility="shared",
    )

    # Bob replies in his browser.
    bob_page = new_page()
    log_in(bob_page, live_server, "bob", "bob-secret-pw", url)
    open_article(bob_page, seed_article)
    marks(bob_page, mine.pk).first.click()
    thread = bob_page.locator("[data-thread]")
    thread.get_by_label("Reply").fill("Laut *Bundeswehr*.")
    thread.get_by_role("button", name="Reply").click()
    thread.locator(".note-reply").wait_for()
    assert bob_page.locator("[data-activity-count]").count() == 0  # his own reply

    # Alice sees the count in the header, on any page.
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", reverse("articles:list"))
    link = page.locator("[data-activity-link]")
    assert link.locator("[data-activity-count]").inner_text() == "1"
    link.click()
    page.wait_for_url(f"**{reverse('annotations:activity')}")
    item = page.locator(".activity-item.is-new")
    assert item.count() == 1
    assert "bob replied to your annotation" in item.inner_text()
    assert item.locator(".annotation-comment em").inner_text() == "Bundeswehr"
    # Opened: read. The count is gone from the header, here and on the next page.
    assert page.locator("[data-activity-count]").count() == 0
    item.get_by_role("link", name="Show in the article").click()
    open_article(page, seed_article)
    assert page.url.endswith(f"#annotation-{mine.pk}")
    assert page.locator("[data-activity-count]").count() == 0

    # A new reply counts again.
    services.reply_create(user=bob, parent=mine, comment="Noch etwas.")
    page.reload()
    open_article(page, seed_article)
    assert page.locator("[data-activity-count]").inner_text() == "1"


def test_the_side_list_and_the_tags_of_an_annotation(new_page, live_server, alice, seed_article):
    url = seed_article.get_absolute_url()
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", url)
    open_article(page, seed_article)
    panel = page.locator("[data-annotations-panel]")
    assert "No tags yet." in panel.locator(".article-tags").inner_text()

    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    annotate(page, comment="**Erste** Zeile\n\nZweite Zeile", tags="Framing, NATO", shared=True)
    annotation = Annotation.objects.get()

    def entry():
        return panel.locator(f'[data-annotation-id="{annotation.pk}"]')

    # Right after saving (from the API's answer) and after a reload (from the page's data).
    for reload in (False, True):
        if reload:
            page.reload()
            open_article(page, seed_article)
        entry().wait_for()
        assert entry().locator(".entry-comment").inner_text() == "Erste Zeile"
        assert entry().locator(".entry-tags .tag").all_inner_texts() == ["Framing", "NATO"]
        assert "Zweite" not in entry().inner_text()

    # The annotation's tags are the article's: listed under it, and on the tag's page.
    tags = panel.locator(".article-tags")
    assert "No tags yet." not in tags.inner_text()
    assert tags.locator("a.tag").all_inner_texts() == ["Framing", "NATO"]
    tags.get_by_role("link", name="Framing").click()
    page.wait_for_url("**/tags/framing/")
    main = page.locator("main")
    assert "No article has this tag." not in main.inner_text()
    main.locator(".article-list").get_by_role("link", name=seed_article.title).wait_for()
    # The article list's filter agrees.
    page.goto(f"{live_server.url}{reverse('articles:list')}?tag=framing")
    page.locator("main").get_by_role("link", name=seed_article.title).first.wait_for()
