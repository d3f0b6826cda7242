"""Moderation in the admin: staff hide and show shared annotations."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_hide_one_annotation_and_are_told_in_the_singular(
    client_for, staff, alice, make_annotation
):
    annotation = make_annotation(alice, visibility="shared")
    client = client_for(staff)
    url = reverse("admin:annotations_annotation_changelist")

    hidden = client.post(url, {"action": "hide", "_selected_action": [annotation.pk]}, follow=True)
    annotation.refresh_from_db()
    assert annotation.hidden_by_staff
    assert "Hid 1 annotation." in hidden.content.decode()

    shown = client.post(
        url,
        {"action": "show", "_selected_action": [annotation.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="de",
    )
    annotation.refresh_from_db()
    assert not annotation.hidden_by_staff
    assert "1 Anmerkung wieder eingeblendet." in shown.content.decode()
