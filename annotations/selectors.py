"""Reads of annotations and tags for a person, all over ``Annotation.objects.visible_to``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from annotations.models import ActivitySeen, Annotation, ApiToken, ArticleTag, Tag
from annotations.text import reading_key
from articles.models import Article, named_in_any_case


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


def article_reader_parts(
    user, article_id: int, *, annotated: bool, tagged: bool
) -> tuple[list[dict], list[dict]]:
    """What the article page shows ``user`` of the readers' work on the article: the highlights
    (``article_annotations_for``) and the tags (``article_tags_for``). Whether anybody
    annotated or tagged the article at all comes with the page's first query
    (articles.selectors.article_visit): for an article with neither (most of them) their
    queries are not even built (about 2 ms of the ORM's time on every article page)."""
    annotations = article_annotations_for(user, article_id) if annotated else []
    tags = article_tags_for(user, article_id) if annotated or tagged else []
    return annotations, tags


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


def tags_of_own_annotations(user) -> QuerySet[Tag]:
    """Tags on ``user``'s own highlights (not deleted): what "My annotations" can be filtered by,
    so that every choice finds some. In a reader's order."""
    own = Annotation.objects.owned_by(user).live().roots().values("pk")
    return Tag.objects.filter(
        pk__in=Tag.annotations.through.objects.filter(annotation__in=own).values("tag")
    ).order_by("sort_key", "name")


def tag_suggestions(user, prefix: str, limit: int = 30) -> list[str]:
    """Names of ``tags_in_use(user)`` that start with ``prefix`` (whatever the case; an empty
    prefix: the first ones), in their order, at most ``limit``: the database sorts, then cuts.
    One query.

    On SQLite, whose own comparison ignores case for ASCII letters only ("üb" would miss
    "Überwachung"), the names are compared case-folded (``named_in_any_case``)."""
    limit = max(limit, 0)
    tags = tags_in_use(user)
    if prefix:
        tags = named_in_any_case(tags, "startswith", prefix)
    return list(tags.values_list("name", flat=True)[:limit])


def tags_named(user, value: str) -> list[tuple[int, str, str]]:
    """The tags of ``tags_in_use(user)`` that ``value`` names, as (id, slug, name): by slug, or
    by name whatever the case (``named_in_any_case``). One query. The article list's ?tag=
    filter, typed or from a link."""
    named = named_in_any_case(Tag.objects.all(), "exact", value).values("pk")
    tags = tags_in_use(user).filter(Q(slug=value) | Q(pk__in=named))
    return list(tags.order_by().values_list("pk", "slug", "name"))


def article_has_tags(user, tags) -> Exists:
    """The condition on articles that carry one of ``tags`` (Tag ids or a queryset of them), for
    ``user``: someone put it on the article, or it is on an annotation of the article (a
    highlight or a reply, not deleted) that ``user`` may see. A private annotation's tag counts
    for its author alone. The one rule of the tag page, the article page's tags and the article
    list's ?tag= filter."""
    on_article = ArticleTag.objects.filter(tag__in=tags, article=OuterRef("pk"))
    on_annotation = (
        Annotation.objects.visible_to(user).live().filter(tags__in=tags, article=OuterRef("pk"))
    )
    return Exists(on_article) | Exists(on_annotation)


def articles_tagged(user, tag: Tag) -> QuerySet[Article]:
    """Articles that carry ``tag`` for ``user`` (``article_has_tags``), newest first."""
    return (
        Article.objects.filter(article_has_tags(user, [tag.pk]))
        .select_related("source")
        .defer("body")
        .order_by("-date", "-pk")
    )


def article_tags_for(user, article: Article | int) -> list[dict]:
    """An article's (or an article id's) tags for ``user``, each once, in a reader's order: those
    people put on the article and those on its annotations (highlights and replies) that
    ``user`` may see, as ``article_has_tags`` counts them. Each is a dict of ``name``,
    ``slug``, ``mine`` (``user`` put it on the article, so may remove it), ``count`` (how many
    people put it on the article) and ``annotations`` (on how many visible annotations it is).
    One query."""
    on_article = (
        ArticleTag.objects.filter(article=article)
        .order_by()
        .values_list(
            "tag__name", "tag__slug", "tag__sort_key", "user_id", Value(False, BooleanField())
        )
    )
    on_annotations = (
        Tag.annotations.through.objects.filter(
            annotation__in=Annotation.objects.visible_to(user)
            .live()
            .filter(article=article)
            .values("pk")
        )
        .values_list(
            "tag__name",
            "tag__slug",
            "tag__sort_key",
            "annotation__user_id",
            Value(True, BooleanField()),
        )
        .order_by()
    )
    rows = sorted(
        on_article.order_by().union(on_annotations, all=True), key=lambda r: (r[2], r[0], r[1])
    )
    tags: dict[str, dict] = {}
    for name, slug, _key, user_id, annotation in rows:
        entry = tags.setdefault(
            slug, {"name": name, "slug": slug, "mine": False, "count": 0, "annotations": 0}
        )
        if annotation:
            entry["annotations"] += 1
        else:
            entry["count"] += 1
            entry["mine"] = entry["mine"] or user_id == user.pk
    return list(tags.values())


# --- activity: what others did that concerns a reader ----------------------------------------

# The header shows the number of new items up to this, then "99+": counting stops there.
ACTIVITY_COUNT_CAP = 100


def activity_seen_until(user) -> datetime:
    """When ``user`` last read their activity: what is newer is new to them. One query."""
    seen = ActivitySeen.objects.filter(user=user).values_list("until", flat=True).first()
    return seen or user.date_joined


def _seen_until_expression(user):
    """``activity_seen_until`` inside another query, to save the query of its own."""
    return Coalesce(
        Subquery(ActivitySeen.objects.filter(user=user).values("until")[:1]),
        Value(user.date_joined, DateTimeField()),
    )


def _activity_parts(user) -> tuple[QuerySet[Annotation], QuerySet[Annotation]]:
    """The two kinds of activity item, as annotations by others that ``user`` may see, not
    deleted: (1) replies to one of ``user``'s annotations; (2) shared highlights on an article
    ``user`` annotated, made after ``user`` first did (what was there before is no news).

    Each is driven from ``user``'s own annotations (the indexes on ``user`` and on
    ``parent``/``article``), so the cost follows how much they annotated, not the site's size;
    the two never overlap (a reply, a highlight) and are combined with UNION ALL."""
    mine = Annotation.objects.filter(user=user)
    replies = (
        Annotation.objects.visible_to(user)
        .live()
        .exclude(user=user)
        .filter(parent__in=mine.values("pk"))
        .order_by()
    )
    earlier_mine = mine.live().filter(article=OuterRef("article"), created__lt=OuterRef("created"))
    highlights = (  # without the join to the thread's root that a reply's visibility needs
        Annotation.objects.highlights_visible_to(user)
        .live()
        .exclude(user=user)
        .filter(article__in=mine.live().values("article"))
        .filter(Exists(earlier_mine))
        .order_by()
    )
    return replies, highlights


# Whether a reader has written any annotation: the first thing the header's count asks, as a
# column that a page's first query carries along (``articles.shared.reader_probe``), so that the
# header asks nothing of a reader who never annotated (most). Its value for the request is kept
# by ``annotated_known``.
ANNOTATED = "EXISTS (SELECT 1 FROM {table} WHERE user_id = %s)"


def annotated_column() -> str:
    """``ANNOTATED`` for this database, with one parameter: the reader's id."""
    return ANNOTATED.format(table=connection.ops.quote_name(Annotation._meta.db_table))


def annotated_known(request, value) -> None:
    """Whether the reader of ``request`` has any annotation, read by another query
    (``annotated_column``): ``activity_unread_count`` then asks no more for it."""
    request._reader_annotated = bool(value)


def annotated_read(request) -> bool | None:
    """What ``annotated_known`` kept for ``request``, or None."""
    return getattr(request, "_reader_annotated", None)


def activity_unread_count(user, annotated: bool | None = None) -> int:
    """How many activity items ``user`` has not read, up to ``ACTIVITY_COUNT_CAP``: the header's
    number, on every page. One query for a reader who never annotated, two for one who did;
    none for an anonymous user, and one fewer when ``annotated`` says whether they have any
    annotation (read along with another query: ``annotated_column``)."""
    if user is None or not user.is_authenticated:
        return 0
    # Both kinds start from the reader's own annotations: without any (most readers) there is
    # nothing to count, known from one index probe, without building the union (about 2.5 ms
    # of the ORM's time on every page).
    if annotated is None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 WHERE {annotated_column()}", [user.pk])
            annotated = cursor.fetchone() is not None
    if not annotated:
        return 0
    since = _seen_until_expression(user)
    replies, highlights = (
        part.filter(created__gt=since).values("pk") for part in _activity_parts(user)
    )
    return replies.union(highlights, all=True)[:ACTIVITY_COUNT_CAP].count()


@dataclass
class Activity:
    unread: list[Annotation]  # newest first
    earlier: list[Annotation]  # read before, newest first
    more: bool  # more unread items than ``unread`` shows (older ones)
    seen_until: datetime


def activity_for(user, *, unread_limit: int = 50, earlier_limit: int = 30) -> Activity:
    """``user``'s activity page: the items not yet read (the oldest ``unread_limit`` of them,
    so that marking them read up to the newest one shown marks nothing unseen) and the
    ``earlier_limit`` newest read ones. Five queries whatever the number of items."""
    seen = activity_seen_until(user)

    def ids(condition: Q, order: tuple[str, ...], limit: int) -> list[int]:
        replies, highlights = (
            part.filter(condition).values_list("id", "created") for part in _activity_parts(user)
        )
        rows = replies.union(highlights, all=True).order_by(*order)[:limit]
        return [pk for pk, _created in rows]

    unread = ids(Q(created__gt=seen), ("created", "id"), unread_limit + 1)
    more = len(unread) > unread_limit
    unread = unread[:unread_limit]
    earlier = ids(Q(created__lte=seen), ("-created", "-id"), earlier_limit)
    rows = (
        Annotation.objects.for_display().select_related("parent__user").in_bulk(unread + earlier)
        if unread or earlier
        else {}
    )
    return Activity(
        unread=[rows[pk] for pk in reversed(unread) if pk in rows],
        earlier=[rows[pk] for pk in earlier if pk in rows],
        more=more,
        seen_until=seen,
    )
