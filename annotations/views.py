"""Server-rendered pages: "My annotations", a tag's page, exports, API tokens, staff hiding."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from annotations import exports, services, w3c
from annotations.models import Tag
from annotations.selectors import (
    activity_for,
    annotation_get_for_user,
    annotations_search,
    articles_tagged,
    tags_in_use,
    tags_of_own_annotations,
    token_get_for_user,
)
from articles.models import Article

PAGE_SIZE = 50


def _filters(request) -> dict:
    return {
        "tag": request.GET.get("tag", "").strip(),
        "q": request.GET.get("q", "").strip(),
        "article": request.GET.get("article", "").strip(),
    }


def _mine(request, filters: dict):
    return annotations_search(
        request.user,
        mine=True,
        include_replies=False,
        article=filters["article"] or None,
        tag=filters["tag"] or None,
        q=filters["q"] or None,
    ).for_display()


@login_required
@require_GET
def my_annotations(request):
    """The user's highlights across articles, filterable by tag, text and article."""
    filters = _filters(request)
    page = Paginator(_mine(request, filters), PAGE_SIZE).get_page(request.GET.get("page"))
    my_articles = (
        Article.objects.filter(annotations__user=request.user, annotations__deleted=False)
        .distinct()
        .only("slug", "title")
        .order_by("title")
    )
    return render(
        request,
        "annotations/my_annotations.html",
        {
            "page_obj": page,
            "annotations": page.object_list,
            "filters": filters,
            "tags": tags_of_own_annotations(request.user),
            "my_articles": my_articles,
        },
    )


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "jsonld": w3c.MEDIA_TYPE,
}


@login_required
@require_GET
def export(request, fmt: str):
    """The user's highlights (all, or one article's with ?article=<slug>) as a download."""
    filters = _filters(request)
    article = None
    if filters["article"]:
        article = get_object_or_404(Article, slug=filters["article"])
    rows = _mine(request, filters).order_by("article__title", "article_id", "start", "id")
    build_uri = request.build_absolute_uri
    stem = f"annotations-{article.slug}" if article else "annotations"
    if fmt == "csv":
        content = exports.as_csv(rows, build_uri)
    elif fmt == "md":
        title = (
            _("Annotations on “%(title)s”") % {"title": article.title}
            if article
            else _("My annotations")
        )
        content = exports.as_markdown(rows, build_uri, title)
    else:
        path = reverse("annotations:export", kwargs={"fmt": fmt})
        data = exports.as_jsonld(rows, build_uri, path=path, filters=filters)
        content = json.dumps(data, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    extension = "jsonld" if fmt == "jsonld" else fmt
    response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
    return response


@login_required
@require_GET
def tag_detail(request, slug: str):
    """Everything with a tag: the annotations the user may see, and the articles.

    A tag is found only among the tags in use for the user (on an article, or on an annotation
    they may see): one that only someone else's private annotations carry answers 404, as an
    unknown tag does."""
    tag = get_object_or_404(tags_in_use(request.user), slug=slug)
    annotations = annotations_search(request.user, tag=tag.slug).for_display()[:200]
    articles = articles_tagged(request.user, tag)[:200]
    return render(
        request,
        "annotations/tag_detail.html",
        {"tag": tag, "annotations": annotations, "articles": articles},
    )


@login_required
@require_GET
def activity(request):
    """Replies to the reader's annotations and others' shared annotations on articles they
    annotated, the new ones first. Showing them marks them read: the header's count drops."""
    page = activity_for(request.user)
    if page.unread:
        services.activity_mark_read(user=request.user, until=page.unread[0].created)
    return render(request, "annotations/activity.html", {"activity": page})


@login_required
@require_POST
def activity_read(request):
    """Mark every activity item read, those not shown yet too."""
    services.activity_mark_read(user=request.user)
    messages.success(request, _("All activity marked as read."))
    return redirect("annotations:activity")


@login_required
@require_POST
def article_tag_add(request, slug: str):
    article = get_object_or_404(Article, slug=slug)
    try:
        services.article_tag_add(user=request.user, article=article, names=request.POST.get("tags"))
    except services.AnnotationError as exc:
        messages.error(request, str(exc))
    return _back(request, article.get_absolute_url())


@login_required
@require_POST
def article_tag_remove(request, slug: str, tag: str):
    article = get_object_or_404(Article, slug=slug)
    services.article_tag_remove(
        user=request.user, article=article, tag=get_object_or_404(Tag, slug=tag)
    )
    return _back(request, article.get_absolute_url())


@login_required
@require_POST
def annotation_hide(request, pk: int):
    """Staff hide a shared annotation (``hidden=0`` shows it again)."""
    annotation = annotation_get_for_user(request.user, pk)
    try:
        services.annotation_hide(
            annotation=annotation, user=request.user, hidden=request.POST.get("hidden", "1") != "0"
        )
    except services.NotAllowed as exc:
        return JsonResponse({"error": exc.code, "reason": str(exc)}, status=403)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"id": annotation.pk, "hidden": annotation.hidden_by_staff})
    return _back(request, annotation.get_absolute_url())


def _back(request, default: str):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


@login_required
def tokens(request):
    """The user's personal API tokens: create one (its key is shown once), see, revoke."""
    new_key = None
    if request.method == "POST":
        try:
            token, new_key = services.token_create(user=request.user, name=request.POST.get("name"))
        except services.AnnotationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
    elif request.method != "GET":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    return render(
        request,
        "annotations/tokens.html",
        {
            "tokens": request.user.api_tokens.all(),
            "new_key": new_key,
            "token_days": settings.API_TOKEN_LIFETIME.days,
        },
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = token_get_for_user(request.user, pk)
    services.token_revoke(token=token, user=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("annotations:tokens")
