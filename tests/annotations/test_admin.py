"""Moderation in the admin: staff hide and show shared annotations."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations import services
from annotations.models import Annotation

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


URL = reverse("admin:annotations_annotation_changelist")


def hide(client, annotations, action="hide"):
    return client.post(
        URL, {"action": action, "_selected_action": [a.pk for a in annotations]}, follow=True
    )


def test_only_the_annotations_that_change_are_counted_and_touched(
    client_for, staff, alice, make_annotation
):
    annotations = [make_annotation(alice, visibility="shared") for _ in range(3)]
    Annotation.objects.filter(pk=annotations[0].pk).update(hidden_by_staff=True)
    before = {a.pk: a.modified for a in Annotation.objects.all()}

    response = hide(client_for(staff), annotations)

    assert "Hid 2 annotations." in response.content.decode()
    after = {a.pk: a.modified for a in Annotation.objects.all()}
    assert after[annotations[0].pk] == before[annotations[0].pk]
    assert all(after[a.pk] > before[a.pk] for a in annotations[1:])  # a new ETag
    assert all(Annotation.objects.values_list("hidden_by_staff", flat=True))


def test_hiding_takes_as_many_queries_for_many_annotations_as_for_one(
    client_for, staff, alice, make_annotation
):
    client = client_for(staff)
    counts = []
    for n in (1, 5):
        annotations = [make_annotation(alice, visibility="shared") for _ in range(n)]
        with CaptureQueriesContext(connection) as queries:
            hide(client, annotations)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_staff_who_may_only_view_annotations_cannot_hide_or_show_them(
    client_for, django_user_model, alice, make_annotation
):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_annotation"))
    shown = make_annotation(alice, visibility="shared")
    hidden = make_annotation(alice, visibility="shared")
    Annotation.objects.filter(pk=hidden.pk).update(hidden_by_staff=True)
    client = client_for(viewer)

    assert 'value="hide"' not in client.get(URL).content.decode()
    hide(client, [shown])
    hide(client, [hidden], action="show")

    assert list(Annotation.objects.order_by("pk").values_list("hidden_by_staff", flat=True)) == [
        False,
        True,
    ]


def test_the_service_refuses_anyone_but_staff(alice, make_annotation):
    annotation = make_annotation(alice, visibility="shared")
    with pytest.raises(services.NotAllowed):
        services.annotations_set_hidden(queryset=Annotation.objects.all(), user=alice, hidden=True)
    annotation.refresh_from_db()
    assert not annotation.hidden_by_staff


def test_a_private_annotation_is_never_hidden_by_the_service(staff, alice, make_annotation):
    make_annotation(alice, visibility="private")
    count = services.annotations_set_hidden(
        queryset=Annotation.objects.all(), user=staff, hidden=True
    )
    assert count == 0 and not Annotation.objects.filter(hidden_by_staff=True).exists()
