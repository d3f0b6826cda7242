"""Tag suggestions in Chromium: the page comes without them; typing the start of a tag asks the
server (GET /api/tags/) and fills the datalist; tags saved on the page are suggested too, even
when the server is not asked or fails."""

import json
import re

import pytest

from annotations import services
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import annotate, open_article, select_with_mouse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUGGESTIONS = "#tag-suggestions option"
TAGS_API = re.compile(r"/api/tags/")
PHRASE = "NATO-Generalsekretär Jens Stoltenberg"


def suggestions(page) -> list[str]:
    return page.locator(SUGGESTIONS).evaluate_all("(options) => options.map((o) => o.value)")


def wait_for_suggestions(page, expected: list[str]) -> None:
    """Until the datalist holds exactly ``expected`` (a timeout fails the test)."""
    try:
        page.wait_for_function(
            """(expected) => JSON.stringify(Array.from(
                 document.querySelectorAll("#tag-suggestions option"), (o) => o.value
               )) === JSON.stringify(expected)""",
            arg=expected,
            timeout=5_000,
        )
    except Exception:
        pytest.fail(f"the suggestions are {suggestions(page)}, not {expected}")


@pytest.fixture
def tagged(alice, bob, seed_article):
    """Tags alice may see (her own, bob's shared, an article tag) and one she may not."""
    start = seed_article.body.index(PHRASE)
    span = {"article": seed_article, "start": start, "end": start + len(PHRASE)}
    services.annotation_create(user=alice, tags="Krieg", **span)
    services.annotation_create(user=alice, tags="Norden", visibility="shared", **span)
    services.annotation_create(user=bob, tags="Nachschub", visibility="shared", **span)
    services.annotation_create(user=bob, tags="Naturschutz", **span)  # bob's private one
    services.article_tag_add(user=bob, article=seed_article, names="Nahost")
    return seed_article


def test_typing_the_start_of_a_tag_fetches_the_matching_ones(new_page, live_server, tagged):
    page = new_page()
    asked = []
    page.on("request", lambda r: asked.append(r.url) if TAGS_API.search(r.url) else None)
    log_in(page, live_server, "alice", "alice-secret-pw", tagged.get_absolute_url())
    open_article(page, tagged)
    assert page.locator(SUGGESTIONS).count() == 0  # none sent with the page

    field = page.get_by_label("Add tags")
    field.click()
    field.press_sequentially("na", delay=30)
    page.wait_for_selector(f'{SUGGESTIONS}[value="Nachschub"]', state="attached")
    # Bob's private tag is not among them, nor what only "n" would have matched.
    wait_for_suggestions(page, ["Nachschub", "Nahost"])
    assert any("prefix=na" in url for url in asked)

    # After a comma the next tag is completed; the ones before stay in front.
    field.press_sequentially("chschub, KR", delay=30)
    page.wait_for_selector(f'{SUGGESTIONS}[value="nachschub, Krieg"]', state="attached")
    wait_for_suggestions(page, ["nachschub, Krieg"])

    # A tag already chosen is not offered again.
    field.fill("")
    field.press_sequentially("Nahost, n", delay=30)
    wait_for_suggestions(page, ["Nahost, Nachschub", "Nahost, Norden"])
    assert field.input_value() == "Nahost, n"


def test_tags_saved_on_the_page_are_suggested_and_a_failing_server_stops_nothing(
    new_page, live_server, tagged
):
    page = new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, "alice", "alice-secret-pw", tagged.get_absolute_url())
    open_article(page, tagged)
    select_with_mouse(page, "Die deutschen Waffen-", "stark dezimiert.")
    annotate(page, comment="Neu.", tags="Neuland")

    # The server answers without it (as if it did not know it yet): it is added.
    page.route(
        TAGS_API,
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps({"tags": ["Nebel"]})
        ),
    )
    field = page.get_by_label("Add tags")
    field.click()
    field.press_sequentially("ne", delay=30)
    page.wait_for_selector(f'{SUGGESTIONS}[value="Neuland"]', state="attached")
    wait_for_suggestions(page, ["Nebel", "Neuland"])

    # The server fails: the typing goes on, with only the tags saved here to suggest.
    page.unroute(TAGS_API)
    page.route(TAGS_API, lambda route: route.abort())
    field.fill("")
    field.press_sequentially("Krieg, neu", delay=30)
    wait_for_suggestions(page, ["Krieg, Neuland"])
    field.press_sequentially("x", delay=30)
    wait_for_suggestions(page, [])
    assert field.input_value() == "Krieg, neux"

    page.unroute(TAGS_API)
    page.route(TAGS_API, lambda route: route.fulfill(status=500, body="oops"))
    field.fill("")
    field.press_sequentially("neu", delay=30)  # after "…neux" suggested nothing
    wait_for_suggestions(page, ["Neuland"])  # the server's error is no answer, not a crash
    assert field.input_value() == "neu"
    assert errors == []
