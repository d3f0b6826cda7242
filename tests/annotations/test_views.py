"""Pages and downloads: My annotations, tag pages, exports, tokens, staff hiding, query bounds."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations import services, views
from annotations.models import Annotation
from annotations.selectors import article_annotations_for
from articles.models import Quote

pytestmark = pytest.mark.django_db


def test_my_annotations_lists_filters_and_links_back(alice, alice_client, make_annotation):
    first = make_annotation(alice, comment="über die NATO", tags="nato")
    second = make_annotation(alice, comment="anderes Thema", tags="usa")
    page = alice_client.get(reverse("annotations:mine"))
    text = page.content.decode()
    assert page.status_code == 200
    assert f'/articles/{first.article.slug}/#annotation-{first.pk}"' in text
    assert "über die NATO" in text and "anderes Thema" in text
    by_tag = alice_client.get(reverse("annotations:mine"), {"tag": "usa"}).content.decode()
    assert "anderes Thema" in by_tag and "über die NATO" not in by_tag
    by_text = alice_client.get(reverse("annotations:mine"), {"q": "über die"}).content.decode()
    assert f"annotation-{first.pk}" in by_text and f"annotation-{second.pk}" not in by_text
    other = alice_client.get(reverse("annotations:mine"), {"article": "nope"}).content.decode()
    assert f"annotation-{first.pk}" not in other


def test_my_annotations_pages_keep_the_filters(alice, alice_client, make_annotation):
    for n in range(views.PAGE_SIZE + 1):
        make_annotation(alice, comment=f"Nato & Russland {n}")
    response = alice_client.get(reverse("annotations:mine"), {"q": "Nato & Russland"})
    html = response.content.decode()
    assert 'href="?q=Nato+%26+Russland&amp;page=2"' in html
    second = alice_client.get(reverse("annotations:mine"), {"q": "Nato & Russland", "page": 2})
    assert second.content.decode().count('class="annotation-item') == 1


def test_my_annotations_shows_orphans_with_their_quote(
    alice, alice_client, article, make_annotation
):
    annotation = make_annotation(alice)
    article.body = "Etwas ganz anderes."
    article.save(update_fields=["body"])
    services.annotations_reanchor(article=article)
    text = alice_client.get(reverse("annotations:mine")).content.decode()
    assert "Orphaned" in text and annotation.exact in text


def test_comments_are_shown_sanitised(alice, alice_client, make_annotation):
    make_annotation(alice, comment='<script>alert("x")</script><img src=x onerror=alert(1)> ok')
    text = alice_client.get(reverse("annotations:mine")).content.decode()
    assert "<script>alert" not in text and "onerror" not in text and "ok" in text


def test_a_tag_page_lists_articles_and_annotations(
    alice, bob, client_for, article, make_annotation
):
    make_annotation(alice, visibility="shared", comment="geteilt", tags="Krieg")
    services.article_tag_add(user=bob, article=article, names="Krieg")
    page = client_for(bob).get(reverse("annotations:tag", args=["krieg"]))
    text = page.content.decode()
    assert page.status_code == 200 and "geteilt" in text and article.title[:40] in text
    assert client_for(bob).get(reverse("annotations:tag", args=["nope"])).status_code == 404


def test_tagging_an_article(alice_client, article):
    url = reverse("annotations:article-tag-add", args=[article.slug])
    response = alice_client.post(url, {"tags": "Nato, Ukraine", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert sorted(article.article_tags.values_list("tag__name", flat=True)) == ["Nato", "Ukraine"]
    remove = reverse("annotations:article-tag-remove", args=[article.slug, "nato"])
    assert alice_client.post(remove, {"next": "/annotations/"})["Location"] == "/annotations/"
    assert list(article.article_tags.values_list("tag__name", flat=True)) == ["Ukraine"]


def test_staff_hide_and_show_again(alice, staff, client_for, make_annotation):
    annotation = make_annotation(alice, visibility="shared")
    client = client_for(staff)
    url = reverse("annotations:hide", args=[annotation.pk])
    response = client.post(url, HTTP_ACCEPT="application/json")
    assert response.json() == {"id": annotation.pk, "hidden": True}
    client.post(url, {"hidden": "0"})
    annotation.refresh_from_db()
    assert not annotation.hidden_by_staff


def test_tokens_page_creates_shows_once_and_revokes(alice, alice_client):
    url = reverse("annotations:tokens")
    created = alice_client.post(url, {"name": "Skript"})
    text = created.content.decode()
    token = alice.api_tokens.get()
    key = text.split("<code data-token>")[1].split("</code>")[0]
    assert services.token_authenticate(key=key) == alice and token.prefix == key[:10]
    listing = alice_client.get(url).content.decode()
    assert "Skript" in listing and key not in listing
    alice_client.post(reverse("annotations:token-revoke", args=[token.pk]))
    assert services.token_authenticate(key=key) is None
    assert "revoked" in alice_client.get(url).content.decode()
    assert alice_client.post(url, {"name": ""}).status_code == 200
    assert alice.api_tokens.count() == 1


# --- exports --------------------------------------------------------------------------------


@pytest.fixture
def quoted(alice, article):
    """A highlight inside a detected quotation with a known speaker."""
    quote = Quote.objects.filter(article=article, speaker__isnull=False).order_by("start").first()
    assert quote is not None
    annotation = services.annotation_create(
        user=alice,
        article=article,
        start=quote.start,
        end=quote.end,
        comment="Zitat",
        tags="zitat",
    )
    return annotation, quote


def test_csv_export(alice_client, quoted):
    annotation, quote = quoted
    response = alice_client.get(reverse("annotations:export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="annotations.csv"' in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == [
        "article", "source", "date", "quote", "speaker", "comment", "tags", "visibility",
        "created", "link",
    ]  # fmt: skip
    assert row["quote"] == annotation.exact and row["speaker"] == quote.speaker.name
    assert row["source"] == "RT DE" and row["tags"] == "zitat" and row["visibility"] == "private"
    assert row["date"] == "2022-10"  # the seed's date is October 2022, not 1 October
    assert row["link"].endswith(f"#annotation-{annotation.pk}")


def test_csv_cells_are_never_spreadsheet_formulas(alice_client, make_annotation, alice):
    make_annotation(alice, comment='=HYPERLINK("http://evil.example","click")', tags="@tag")
    response = alice_client.get(reverse("annotations:export", args=["csv"]))
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["comment"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["tags"] == "'@tag"


def test_markdown_export_groups_by_article(alice_client, quoted, make_annotation, alice):
    make_annotation(alice, comment="Zweiter *Kommentar*")
    response = alice_client.get(reverse("annotations:export", args=["md"]))
    text = response.content.decode()
    annotation, quote = quoted
    assert text.startswith("# My annotations")
    assert text.count(f"## {annotation.article.title}") == 1
    assert "> " + annotation.exact.splitlines()[0] in text
    assert f"> — {quote.speaker.name}" in text and "Zweiter *Kommentar*" in text
    assert "RT DE, 2022-10 — " in text


def test_per_article_exports(alice_client, alice, quoted, article):
    url = reverse("annotations:export", args=["jsonld"])
    data = json.loads(alice_client.get(url, {"article": article.slug}).content)
    assert data["type"] == "AnnotationCollection" and data["total"] == 1
    assert alice_client.get(url, {"article": "nope"}).status_code == 404
    md = alice_client.get(reverse("annotations:export", args=["md"]), {"article": article.slug})
    assert f'filename="annotations-{article.slug}.md"' in md["Content-Disposition"]
    assert alice_client.get("/annotations/export.pdf").status_code == 404


# --- query bounds ---------------------------------------------------------------------------


def _queries(callable_):
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def _annotate(user, article, n, **kwargs):
    for i in range(n):
        start = (i * 37) % (len(article.body) - 50)
        services.annotation_create(
            user=user, article=article, start=start, end=start + 20, tags=[f"t{i % 3}"], **kwargs
        )


def test_the_article_selector_runs_three_queries_whatever_the_number(alice, bob, article):
    _annotate(alice, article, 3, visibility="shared")
    few = _queries(lambda: article_annotations_for(bob, article))
    _annotate(alice, article, 40, visibility="shared")
    root = Annotation.objects.filter(parent=None).first()
    services.reply_create(user=bob, parent=root, comment="a")
    services.reply_create(user=bob, parent=root, comment="b")
    rows = article_annotations_for(bob, article)
    assert _queries(lambda: article_annotations_for(bob, article)) == few == 3
    assert len(rows) == 43 and json.loads(json.dumps(rows))
    by_id = {row["id"]: row for row in rows}
    assert by_id[root.pk]["replies"] == 2 and by_id[root.pk]["tags"] == ["t0"]
    assert set(rows[0]) >= {
        "id", "start", "end", "colour", "user", "visibility", "orphaned", "comment_html",
        "tags", "replies",
    }  # fmt: skip


@pytest.mark.parametrize(
    "url",
    [
        reverse("annotations:mine"),
        "/api/annotations/",
        reverse("annotations:export", args=["csv"]),
        reverse("annotations:export", args=["md"]),
        reverse("annotations:export", args=["jsonld"]),
        reverse("annotations:tag", args=["t0"]),
    ],
)
def test_lists_run_a_bounded_number_of_queries(alice, alice_client, article, url):
    _annotate(alice, article, 3)
    alice_client.get(url)
    few = _queries(lambda: alice_client.get(url))
    _annotate(alice, article, 30)
    assert _queries(lambda: alice_client.get(url)) == few


def test_the_admin_lists_only_shared_annotations_and_hides_them(
    alice, staff, client_for, make_annotation
):
    shared = make_annotation(alice, visibility="shared", comment="sichtbar")
    make_annotation(alice, comment="nur für alice")
    client = client_for(staff)
    page = client.get(reverse("admin:annotations_annotation_changelist"))
    assert page.status_code == 200 and page.context["cl"].result_count == 1
    client.post(
        reverse("admin:annotations_annotation_changelist"),
        {"action": "hide", "_selected_action": [shared.pk]},
    )
    shared.refresh_from_db()
    assert shared.hidden_by_staff
