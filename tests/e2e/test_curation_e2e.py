"""Staff correct a quotation's speaker on the article page in Chromium: click the quotation,
type a few letters, choose the suggestion, and see the quotation attributed and confirmed."""

import pytest

from articles import services
from articles.models import CurationLog, Quote, Speaker
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    " date 2023-01 NATO-Generalsekretär Jens Stoltenberg sprach am Montag in Brüssel. "
    "„Wir stehen an der Seite der Ukraine“, sagte Stoltenberg.\n\n"
    "Die Außenministerin Annalena Baerbock sagte: „Wir helfen weiter.“\n\nQuelle: Tagesblatt\n"
)


def test_staff_change_a_quotations_speaker_on_the_article_page(page, live_server, staff):
    article = services.seed_import(name="curation.txt", data=TEXT.encode()).article
    quote = article.quotes.get(kind="direct", speaker__name="Jens Stoltenberg")
    baerbock = Speaker.objects.get(name="Annalena Baerbock")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )

    log_in(page, live_server, "staff", "staff-secret-pw", article.get_absolute_url())
    page.wait_for_selector("[data-correction-ready]", state="attached")
    panel = page.locator("[data-correction-panel]")
    assert panel.is_hidden()

    page.locator(f"#q{quote.pk}").click()
    panel.wait_for(state="visible")
    assert "Jens Stoltenberg" in panel.locator("[data-correction-current]").inner_text()
    assert panel.get_by_label("Kind").input_value() == "direct"
    field = panel.get_by_role("combobox", name="Speaker")
    field.press_sequentially("baerb", delay=30)
    option = panel.get_by_role("option", name="Annalena Baerbock")
    option.click()
    assert field.input_value() == "Annalena Baerbock"
    assert panel.locator("[data-speaker-id]").input_value() == str(baerbock.pk)
    panel.get_by_role("button", name="Change speaker").click()

    page.get_by_text("The quotation is now attributed to Annalena Baerbock.").wait_for()
    label = page.locator(f"#q{quote.pk}")
    assert label.get_attribute("data-label") == "Annalena Baerbock ✓"
    assert "quote-reviewed" in label.get_attribute("class")
    assert label.get_attribute("title") == "Confirmed by a person"
    quote.refresh_from_db()
    assert quote.speaker == baerbock and quote.review == Quote.Review.CORRECTED
    assert CurationLog.objects.get().user == staff
    assert errors == []
