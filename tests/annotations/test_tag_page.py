"""/tags/<slug>/ answers the same 404 for a tag never used and for one that only someone
else's private annotations carry; its owner still sees their private tag's page."""

import pytest
from django.urls import reverse

from annotations import services
from annotations.models import Tag

pytestmark = pytest.mark.django_db


def tag_page(client, slug):
    return client.get(reverse("annotations:tag", args=[slug]))


def test_a_private_tag_is_as_unknown_to_others_as_a_tag_never_used(
    alice, bob, staff, client_for, make_annotation
):
    make_annotation(alice, comment="geheim", tags="Nur-Für-Mich")
    assert Tag.objects.filter(slug="nur-fur-mich").exists()
    unknown = tag_page(client_for(bob), "gibt-es-nicht")
    for other in (bob, staff):
        private = tag_page(client_for(other), "nur-fur-mich")
        assert private.status_code == unknown.status_code == 404
        assert private.content == unknown.content
    mine = tag_page(client_for(alice), "nur-fur-mich")
    assert mine.status_code == 200 and "geheim" in mine.content.decode()


def test_a_private_tag_becomes_visible_once_shared_or_on_an_article(
    alice, bob, client_for, article, make_annotation
):
    annotation = make_annotation(alice, comment="geheim", tags="Nur-Für-Mich")
    assert tag_page(client_for(bob), "nur-fur-mich").status_code == 404
    services.article_tag_add(user=alice, article=article, names="Nur-Für-Mich")
    page = tag_page(client_for(bob), "nur-fur-mich")
    assert page.status_code == 200 and "geheim" not in page.content.decode()
    services.article_tag_remove(user=alice, article=article, tag=Tag.objects.get())
    assert tag_page(client_for(bob), "nur-fur-mich").status_code == 404
    services.annotation_update(annotation=annotation, user=alice, visibility="shared")
    page = tag_page(client_for(bob), "nur-fur-mich")
    assert page.status_code == 200 and "geheim" in page.content.decode()


def test_a_tag_left_only_on_a_deleted_annotation_is_gone(alice, client_for, make_annotation):
    annotation = make_annotation(alice, visibility="shared", tags="Vergangen")
    services.annotation_delete(annotation=annotation, user=alice)
    assert tag_page(client_for(alice), "vergangen").status_code == 404
