"""The article page's annotation data and panel, and the article list's tag filter."""

import json
import re

import pytest
from django.urls import reverse

from annotations import services
from annotations.models import Annotation, ArticleTag, Tag
from tests.annotations.conftest import other_article

pytestmark = pytest.mark.django_db


def page_data(response, name="annotations-data"):
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>',
                      response.content.decode(), re.S)  # fmt: skip
    return json.loads(match[1])


def make_many(user, article, count, *, visibility="shared", replier=None):
    """``count`` highlights over the article, each with two tags; every tenth with a reply."""
    body = article.body
    made = []
    for n in range(count):
        start = (n * 7) % (len(body) - 40)
        annotation = services.annotation_create(
            user=user,
            article=article,
            start=start,
            end=start + 10 + n % 30,
            comment=f"Kommentar {n}",
            tags=[f"tag{n % 5}", "alle"],
            visibility=visibility,
        )
        if replier and n % 10 == 0:
            services.reply_create(user=replier, parent=annotation, comment="Antwort")
        made.append(annotation)
    return made


def test_the_page_passes_the_readers_annotations_and_the_panel(
    alice, bob, client_for, article, make_annotation
):
    shared = make_annotation(alice, visibility="shared", comment="**fett**", tags="NATO")
    private = make_annotation(alice, comment="geheim")
    services.article_tag_add(user=alice, article=article, names="Rüstung")
    services.article_tag_add(user=bob, article=article, names="Krieg")

    response = client_for(alice).get(article.get_absolute_url())
    assert response.status_code == 200
    data = page_data(response)
    assert [a["id"] for a in data] == [shared.pk, private.pk]
    assert data[0]["comment_html"] == "<p><strong>fett</strong></p>" and data[0]["tags"] == ["NATO"]
    text = response.content.decode()
    for label in (
        ">Comment</label>",
        ">Tags</label>",
        "<legend>Visibility</legend>",
        " Private</label>",
        " Shared <small",
        ">Save</button>",
        ">Annotate</button>",
    ):
        assert label in text, label
    # The tag suggestions are fetched while one types, not sent with every page.
    datalist = re.search(r"<datalist id=\"tag-suggestions\"([^>]*)>(.*?)</datalist>", text, re.S)
    assert datalist and datalist[2].strip() == ""
    assert f'data-suggest-url="{reverse("annotations:api-tags")}"' in datalist[1]
    assert '<option value="NATO">' not in text
    assert 'src="/static/js/annotate.js"' in text
    for fmt in ("jsonld", "csv", "md"):
        assert f'href="/annotations/export.{fmt}?article={article.slug}"' in text
    # Both tags shown; only alice's own has a remove button for her.
    assert "Rüstung" in text and "Krieg" in text
    assert reverse("annotations:article-tag-remove", args=[article.slug, "rustung"]) in text
    assert reverse("annotations:article-tag-remove", args=[article.slug, "krieg"]) not in text

    # Bob sees the shared one only.
    data = page_data(client_for(bob).get(article.get_absolute_url()))
    assert [a["id"] for a in data] == [shared.pk]
    assert data[0]["mine"] is False


def test_the_comment_field_stops_at_the_servers_limit(alice, client_for, article):
    """The browser stops typing where the API would refuse the comment (the replies' fields
    copy the limit from this one in annotate.js)."""
    from annotations.markup import MAX_LENGTH

    text = client_for(alice).get(article.get_absolute_url()).content.decode()
    textarea = re.search(r'<textarea id="annotation-comment"[^>]*>', text)[0]
    assert f'maxlength="{MAX_LENGTH}"' in textarea


def test_orphans_and_deleted_threads_reach_the_page(
    alice, bob, client_for, article, make_annotation
):
    kept = make_annotation(alice, visibility="shared", comment="mit Antwort")
    services.reply_create(user=bob, parent=kept, comment="Antwort")
    services.annotation_delete(annotation=kept, user=alice)
    orphan = make_annotation(alice, comment="verwaist")
    Annotation.objects.filter(pk=orphan.pk).update(orphaned=True, start=None, end=None)
    data = {a["id"]: a for a in page_data(client_for(alice).get(article.get_absolute_url()))}
    assert data[kept.pk]["deleted"] is True and data[kept.pk]["replies"] == 1
    assert data[orphan.pk]["orphaned"] is True and data[orphan.pk]["start"] is None


def test_comments_in_the_page_data_cannot_close_the_script(alice, client_for, make_annotation):
    make_annotation(alice, comment="</script><script>window.__xss=1</script>", tags=["</script>"])
    article = Annotation.objects.get().article
    text = client_for(alice).get(article.get_absolute_url()).content.decode()
    assert "<script>window.__xss" not in text
    assert text.count("</script>") == text.count("<script")


def test_the_article_page_query_count_does_not_grow_with_annotations(
    alice, bob, client_for, article, django_assert_max_num_queries
):
    client = client_for(bob)
    url = article.get_absolute_url()
    make_many(alice, article, 5, replier=bob)
    # the first visit also marks the article read (the write); every page's header counts the
    # reader's activity; an annotated article costs its highlights' and tags' queries, one
    # nobody annotated none (test_an_article_nobody_annotated_costs_no_query_for_annotations)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(page_data(response)) == 5
    make_many(alice, article, 495, replier=bob)
    with django_assert_max_num_queries(13):
        response = client.get(url)
    assert len(page_data(response)) == 500


def test_an_article_nobody_annotated_costs_no_query_for_annotations(
    alice, bob, client_for, article, django_assert_num_queries
):
    """Highlights and tags: nothing for an article without any (the page's first query says
    so), their own queries once there are."""
    client = client_for(bob)
    url = article.get_absolute_url()
    client.get(url)  # cached, and read
    # session, user, the page's first query (revisions, annotated or tagged, the reader's
    # state, whether the reader has annotations: the header's activity asks nothing more)
    with django_assert_num_queries(3):
        response = client.get(url)
    assert page_data(response) == [] and response.context["article_tags"] == []
    make_many(alice, article, 1, replier=bob)
    # and the highlights, their tags, their replies, the article's tags; and bob, who replied,
    # has activity to count (the first query said so: one query for the count)
    with django_assert_num_queries(8):
        response = client.get(url)
    assert len(page_data(response)) == 1


# --- the article list's tag filter -------------------------------------------------------------


def listed(response):
    return {row.article.slug for row in response.context["rows"]}


def test_the_list_filters_by_article_tags_and_visible_annotation_tags(
    alice, bob, client_for, article, make_annotation
):
    tagged = other_article(article, 1)
    other_article(article, 2)
    services.article_tag_add(user=bob, article=tagged, names="Krieg")
    make_annotation(alice, visibility="shared", tags="Krieg")
    make_annotation(alice, tags="Geheim")  # private: only alice may find the article by it

    url = reverse("articles:list")
    assert listed(client_for(bob).get(url, {"tag": "krieg"})) == {tagged.slug, article.slug}
    assert listed(client_for(bob).get(url, {"tag": "Krieg"})) == {tagged.slug, article.slug}
    assert listed(client_for(bob).get(url, {"tag": "geheim"})) == set()
    assert listed(client_for(alice).get(url, {"tag": "geheim"})) == {article.slug}
    # The field's suggestions: article tags and the tags of annotations the reader may see.
    suggestions = reverse("annotations:api-tags")
    assert client_for(bob).get(suggestions).json()["tags"] == ["Krieg"]
    assert client_for(alice).get(suggestions).json()["tags"] == ["Geheim", "Krieg"]
    # Combined with the other filters, and named among the filters in use.
    response = client_for(bob).get(url, {"tag": "krieg", "q": "ganz anderer"})
    assert listed(response) == {tagged.slug}
    assert any(label == "Tag: Krieg" for label, _ in response.context["removals"])  # its name


def test_the_tag_filter_query_count_does_not_grow(
    alice, bob, client_for, article, django_assert_max_num_queries
):
    client = client_for(bob)
    url = reverse("articles:list") + "?tag=alle"
    make_many(alice, article, 3)
    for n in range(3):
        services.article_tag_add(user=alice, article=other_article(article, n), names="alle")
    with django_assert_max_num_queries(10):
        assert len(listed(client.get(url))) == 4
    for n in range(3, 40):
        services.article_tag_add(user=bob, article=other_article(article, n), names="alle, mehr")
    make_many(alice, article, 100)
    with django_assert_max_num_queries(10):
        assert len(listed(client.get(url))) == 20
    assert ArticleTag.objects.count() == 40 + 37 and Tag.objects.filter(name="alle").exists()


def test_the_panel_counts_the_annotations_and_escapes_the_tags(
    alice, bob, client_for, article, make_annotation
):
    page = client_for(alice).get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="de")
    text = page.content.decode()
    assert "data-annotation-count>0</span>" in text and "data-annotation-empty>" in text
    assert "Noch keine Schlagwörter." in text

    make_annotation(alice, visibility="shared", comment="x", tags="A & <B>")
    services.article_tag_add(user=bob, article=article, names="Krieg")
    text = client_for(alice).get(article.get_absolute_url()).content.decode()
    assert "data-annotation-count>1</span>" in text and "data-annotation-empty hidden>" in text
    assert "<B>" not in text and "A &amp; &lt;B&gt;</a>" in text
    # the tag from her annotation only: no remove form; Bob's article tag: none for her either
    assert 'class="tag tag-from-annotations"' in text and 'title="On 1 annotation"' in text
    assert 'class="tag-remove"' not in text
    # the form that adds tags posts back to this page
    add = reverse("annotations:article-tag-add", args=[article.slug])
    assert f'<form class="tag-add" method="post" action="{add}">' in text
    assert f'name="next" value="{article.get_absolute_url()}"' in text
