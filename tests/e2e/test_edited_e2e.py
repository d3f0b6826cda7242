"""A thread says "edited" when its author changed the annotation: staff hiding it (in the
admin) changes it too, but does not make it "edited"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from annotations import services
from annotations.models import Annotation
from tests.e2e.conftest import log_in
from tests.e2e.test_annotations_e2e import marks, open_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHRASE = "NATO-Generalsekretär Jens Stoltenberg"


def thread_meta(page, annotation):
    """The meta line of ``annotation``'s note in its thread, opened by a click on its mark."""
    marks(page, annotation.pk).first.click()
    meta = page.locator("[data-thread] .note-root .note-meta")
    meta.wait_for()
    return meta


def test_staff_hiding_is_no_edit_the_authors_change_is(
    new_page, live_server, alice, staff, seed_article
):
    start = seed_article.body.index(PHRASE)
    annotation = services.annotation_create(
        user=alice,
        article=seed_article,
        start=start,
        end=start + len(PHRASE),
        comment="Quelle prüfen",
        visibility="shared",
    )
    # Made an hour ago: a change now is far from the creation, as in real use.
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Annotation.objects.filter(pk=annotation.pk).update(created=an_hour_ago, modified=an_hour_ago)

    # Staff hide it in the admin.
    staff_page = new_page()
    log_in(staff_page, live_server, "staff", "staff-secret-pw")
    staff_page.goto(live_server.url + reverse("admin:annotations_annotation_changelist"))
    staff_page.locator(f'input[name="_selected_action"][value="{annotation.pk}"]').check()
    staff_page.locator('select[name="action"]').select_option("hide")
    staff_page.get_by_role("button", name="Go").click()
    staff_page.get_by_text("Hid 1 annotation.").wait_for()
    annotation.refresh_from_db()
    assert annotation.hidden_by_staff and annotation.modified > an_hour_ago
    assert annotation.edited is None

    # Its author sees it hidden, not edited.
    page = new_page()
    log_in(page, live_server, "alice", "alice-secret-pw", seed_article.get_absolute_url())
    open_article(page, seed_article)
    meta = thread_meta(page, annotation)
    meta.get_by_text("hidden by staff").wait_for()
    assert "edited" not in meta.inner_text()

    # The author edits the comment: now it says "edited", at once and after a reload.
    page.locator("[data-thread] .note-root").get_by_role("button", name="Edit").click()
    editor = page.locator("form[data-editor]")
    editor.get_by_label("Comment").fill("Quelle geprüft.")
    editor.get_by_role("button", name="Save").click()
    editor.wait_for(state="hidden")
    page.locator("[data-thread]").get_by_text("Quelle geprüft.").wait_for()
    assert "edited" in page.locator("[data-thread] .note-root .note-meta").inner_text()
    annotation.refresh_from_db()
    assert annotation.edited is not None

    page.reload()
    open_article(page, seed_article)
    assert "edited" in thread_meta(page, annotation).inner_text()
