"""Reads of annotations and tags for a person, all over ``Annotation.objects.visible_to``."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from annotations.models import Annotation, ApiToken, ArticleTag, Tag
from annotations.text import reading_key
from articles.models import Article


def annotation_get_for_user(user, pk, *, for_update: bool = False) -> Annotation:
    """The annotation ``pk`` if ``user`` may see it; Http404 otherwise, never 403.

    A private annotation of someone else does not exist for ``user``: the answer is the same
    as for an id that was never used.
    """
    queryset = Annotation.objects.visible_to(user).select_related("article", "user", "parent")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    return get_object_or_404(queryset, pk=pk)


def token_get_for_user(user, pk) -> ApiToken:
    return get_object_or_404(ApiToken.objects.filter(user=user), pk=pk)


def annotations_search(
    user,
    *,
    article: str | None = None,
    tag: str | None = None,
    author: str | None = None,
    q: str | None = None,
    thread: int | None = None,
    mine: bool = False,
    include_replies: bool = True,
) -> QuerySet[Annotation]:
    """Visible, not deleted annotations filtered by article slug, tag slug or name, author
    username, text in quote, comment or article title, and thread (a highlight's replies);
    newest first, except a thread, which reads oldest first."""
    queryset = Annotation.objects.visible_to(user).live()
    if mine:
        queryset = queryset.owned_by(user)
    if not include_replies:
        queryset = queryset.roots()
    if article:
        queryset = queryset.filter(article__slug=article)
    if tag:
        queryset = queryset.filter(Q(tags__slug=tag) | Q(tags__name__iexact=tag)).distinct()
    if author:
        queryset = queryset.filter(user__username=author)
    if thread is not None:
        queryset = queryset.filter(root_id=thread)
    if q:
        queryset = queryset.filter(
            Q(exact__icontains=q) | Q(comment__icontains=q) | Q(article__title__icontains=q)
        )
    if thread is not None:
        return queryset.order_by("created", "id")
    return queryset.order_by("-created", "-id")


def article_annotations_for(user, article: Article | int) -> list[dict]:
    """An article's (or an article id's) highlights that ``user`` may see, as JSON-ready dicts
    for the page script.

    Three queries whatever the number of annotations: the highlights with their authors,
    their tags, and the number of visible replies per thread; one when there are none.
    Orphaned highlights come last, with ``start``/``end`` of None and their quote.
    """
    visible = Annotation.objects.visible_to(user)
    roots = list(
        Annotation.objects.highlights_visible_to(user)
        .filter(article=article)
        .select_related("user")
        .prefetch_related("tags")
        .order_by("orphaned", "start", "end", "id")
    )
    replies = (
        dict(
            visible.live()
            .filter(article=article, root__isnull=False)
            .values_list("root")
            .annotate(n=Count("id"))
            .order_by()
        )
        if roots  # no highlight, no thread: the usual article
        else {}
    )
    return [
        {
            "id": a.pk,
            "start": a.start,
            "end": a.end,
            "exact": a.exact,
            "colour": a.colour,
            "user": a.user.get_username(),
            "mine": a.user_id == user.pk,
            "visibility": a.visibility,
            "hidden": a.hidden_by_staff,
            "orphaned": a.orphaned,
            "deleted": a.deleted,
            "comment_html": a.comment_html,
            "tags": [tag.name for tag in a.tags.all()],
            "replies": replies.get(a.pk, 0),
            "created": a.created.isoformat(),
            "modified": a.modified.isoformat(),
            "edited": a.edited.isoformat() if a.edited and not a.deleted else None,
        }
        for a in roots
    ]


def thread_for(user, root: Annotation) -> list[Annotation]:
    """A highlight's replies that ``user`` may see, oldest first (deleted ones included)."""
    return list(
        Annotation.objects.visible_to(user)
        .filter(root=root)
        .select_related("user")
        .prefetch_related("tags")
        .order_by("created", "id")
    )


def tag_named(name: str) -> Tag | None:
    """The tag called ``name`` whatever the case ("Ölpreis" for "ölpreis"), on both databases:
    SQLite's ``iexact`` folds ASCII letters only. The candidates share the name's sort key
    (case-folded, without accents); the case-folded names decide among them."""
    folded = name.casefold()
    candidates = Tag.objects.filter(sort_key=reading_key(name)).order_by("pk")
    return next((tag for tag in candidates if tag.name.casefold() == folded), None)


def tags_in_use(user) -> QuerySet[Tag]:
    """Tags on annotations ``user`` may see or on any article: the suggestions for a form, the
    article list's tag filter. In a reader's order (``Tag.sort_key``, then the name)."""
    visible = Annotation.objects.visible_to(user).live().values("pk")
    return Tag.objects.filter(
        Q(pk__in=Tag.annotations.through.objects.filter(annotation__in=visible).values("tag"))
        | Q(pk__in=ArticleTag.objects.values("tag"))
    ).order_by("sort_key", "name")


def tag_suggestions(user, prefix: str, limit: int = 30) -> list[str]:
    """Names of ``tags_in_use(user)`` that start with ``prefix`` (whatever the case; an empty
    prefix: the first ones), in their order, at most ``limit``: the database sorts, then cuts.
    One query.

    SQLite ignores case for ASCII letters only ("üb" would miss "Überwachung"), so there the
    names are compared in Python: the embedded database of a small installation."""
    limit = max(limit, 0)
    queryset = tags_in_use(user).values_list("name", flat=True)
    if not prefix:
        return list(queryset[:limit])
    if connection.vendor == "sqlite":
        folded = prefix.casefold()
        return [name for name in queryset if name.casefold().startswith(folded)][:limit]
    return list(queryset.filter(name__istartswith=prefix)[:limit])


def articles_tagged(tag: Tag) -> QuerySet[Article]:
    """Articles someone put ``tag`` on (what the article list's tag filter shows)."""
    return (
        Article.objects.filter(pk__in=ArticleTag.objects.filter(tag=tag).values("article_id"))
        .select_related("source")
        .defer("body")
    )


def article_tags_for(user, article: Article | int) -> list[dict]:
    """An article's (or an article id's) tags, each once, in a reader's order, as ``name``,
    ``slug``, ``mine`` (``user`` put it there, so may remove it) and ``count`` (how many people
    did). One query."""
    tags: dict[str, dict] = {}
    rows = (
        ArticleTag.objects.filter(article=article)
        .values_list("tag__name", "tag__slug", "user_id")
        .order_by("tag__sort_key", "tag__name", "tag__slug")
    )
    for name, slug, user_id in rows:
        entry = tags.setdefault(slug, {"name": name, "slug": slug, "mine": False, "count": 0})
        entry["count"] += 1
        entry["mine"] = entry["mine"] or user_id == user.pk
    return list(tags.values())
