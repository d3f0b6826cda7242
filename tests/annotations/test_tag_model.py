"""One tag model for the reader: a tag on an annotation counts for the article it is on,
wherever tags are shown (the article page, the tag page, the list's filter), as far as the
reader may see the annotation."""

import pytest
from django.urls import reverse

from annotations import services
from annotations.models import Tag
from annotations.selectors import article_tags_for, articles_tagged
from tests.annotations.conftest import other_article

pytestmark = pytest.mark.django_db


def by_slug(tags):
    return {tag["slug"]: tag for tag in tags}


def test_the_article_tags_include_the_visible_annotations_tags(
    alice, bob, article, make_annotation
):
    shared = make_annotation(alice, visibility="shared", tags="Framing, Krieg")
    services.reply_create(user=bob, parent=shared, comment="Ja", tags="Framing, Antwort")
    make_annotation(alice, tags="Geheim")
    gone = make_annotation(bob, visibility="shared", tags="Weg")
    services.annotation_delete(annotation=gone, user=bob)
    services.article_tag_add(user=bob, article=article, names="Krieg, Politik")
    services.article_tag_add(user=alice, article=other_article(article), names="Anderswo")

    tags = article_tags_for(bob, article)
    assert [t["name"] for t in tags] == ["Antwort", "Framing", "Krieg", "Politik"]
    tags = by_slug(tags)
    assert tags["framing"] == {
        "name": "Framing",
        "slug": "framing",
        "mine": False,
        "count": 0,
        "annotations": 2,
    }
    assert tags["krieg"]["count"] == 1 and tags["krieg"]["annotations"] == 1
    assert tags["krieg"]["mine"] is True  # bob put it on the article: he may remove it
    # The private annotation's tag for its author alone.
    assert "geheim" in by_slug(article_tags_for(alice, article))
    assert by_slug(article_tags_for(alice, article))["krieg"]["mine"] is False


def test_the_article_tags_are_one_query(
    alice, bob, article, make_annotation, django_assert_num_queries
):
    for n in range(5):
        make_annotation(alice, visibility="shared", tags=[f"t{n}", "alle"])
        services.article_tag_add(user=bob, article=article, names=f"a{n}")
    with django_assert_num_queries(1):
        assert len(article_tags_for(bob, article)) == 11


def test_the_article_page_shows_an_annotation_tag(alice, bob, client_for, make_annotation):
    annotation = make_annotation(alice, visibility="shared", tags="Framing")
    url = annotation.article.get_absolute_url()
    text = client_for(bob).get(url).content.decode()
    panel = text.partition('id="article-tags-heading"')[2].partition("</section>")[0]
    assert 'href="/tags/framing/"' in panel and "No tags yet" not in panel
    assert "tag-from-annotations" in panel and 'title="On 1 annotation"' in panel
    # Not removable from the article: it is the annotation's.
    assert "/tags/framing/remove/" not in panel
    services.annotation_update(annotation=annotation, user=alice, visibility="private")
    panel = client_for(bob).get(url).content.decode().partition('id="article-tags-heading"')[2]
    assert "No tags yet" in panel.partition("</section>")[0]


def test_the_tag_page_lists_the_articles_of_visible_annotations(
    alice, bob, client_for, article, make_annotation
):
    make_annotation(alice, visibility="shared", tags="Framing")
    tagged = other_article(article, 1)
    services.article_tag_add(user=bob, article=tagged, names="Framing")
    hidden = other_article(article, 2)
    services.annotation_create(
        user=alice, article=hidden, start=0, end=3, comment="privat", tags="Framing"
    )
    other_article(article, 3)
    tag = Tag.objects.get(slug="framing")

    assert set(articles_tagged(bob, tag)) == {article, tagged}
    assert set(articles_tagged(alice, tag)) == {article, tagged, hidden}

    response = client_for(bob).get(reverse("annotations:tag", args=["framing"]))
    text = response.content.decode()
    assert "No article has this tag" not in text
    assert list(response.context["articles"]) == list(articles_tagged(bob, tag))
    assert article.title in text and tagged.title in text and hidden.title not in text


def test_the_tag_page_agrees_with_the_list_filter(alice, bob, client_for, article, make_annotation):
    make_annotation(alice, visibility="shared", tags="Framing")
    tagged = other_article(article, 1)
    services.article_tag_add(user=bob, article=tagged, names="Framing")
    private = other_article(article, 2)
    services.annotation_create(user=alice, article=private, start=0, end=3, tags="Framing")
    for user in (alice, bob):
        client = client_for(user)
        page = client.get(reverse("annotations:tag", args=["framing"]))
        listed = client.get(reverse("articles:list"), {"tag": "framing"})
        assert {a.slug for a in page.context["articles"]} == {
            row.article.slug for row in listed.context["rows"]
        }


def test_my_annotations_offer_the_tags_of_my_own_annotations(
    alice, bob, client_for, article, make_annotation
):
    make_annotation(alice, tags="Meins")
    make_annotation(bob, visibility="shared", tags="Seins")
    services.article_tag_add(user=bob, article=article, names="Artikel")
    response = client_for(alice).get(reverse("annotations:mine"))
    assert [tag.slug for tag in response.context["tags"]] == ["meins"]
    filtered = client_for(alice).get(reverse("annotations:mine"), {"tag": "meins"})
    assert len(filtered.context["annotations"]) == 1
