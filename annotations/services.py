"""Every write to annotations, tags and API tokens.

Views, the API and the import side call these and repeat none of their checks. Each validates
its input, raises an ``AnnotationError`` subclass with a reason a person understands, in the
active language (the API answers it as a 400 with a machine-readable ``code``), and writes
inside ``transaction.atomic``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from annotations import anchoring, markup
from annotations.models import ActivitySeen, Annotation, ApiToken, ArticleTag, Tag
from annotations.selectors import tag_named
from articles.models import Article

MAX_TAGS = 20
TOKEN_PREFIX = "nr_"


# --- errors ---------------------------------------------------------------------------------


class AnnotationError(ValueError):
    """An annotation that cannot be written as asked; ``str(error)`` says why."""

    code = "invalid"


class UnknownArticle(AnnotationError):
    code = "unknown_article"


class UnknownTarget(AnnotationError):
    code = "unknown_target"


class SelectorOutsideBody(AnnotationError):
    code = "selector_outside_body"


class QuoteMismatch(AnnotationError):
    code = "quote_mismatch"


class TokenExpired(AnnotationError):
    """A known, unrevoked API token past its ``expires``: the caller is told so."""


class NotAllowed(AnnotationError):
    """The user may see the annotation but not change it (the API answers 403)."""

    code = "not_allowed"


# Reasons the API gives too; lazy, so that each is said in the language of the request.
NO_PARENT = gettext_lazy("The annotation you reply to does not exist, or you cannot see it.")
DELETED = gettext_lazy("This annotation was deleted.")


# --- tags -----------------------------------------------------------------------------------


def tag_names_parse(value: str | Iterable[str] | None) -> list[str]:
    """Tag names from "a, b" or a list: trimmed, inner spaces collapsed, duplicates dropped."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    names: list[str] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, str):
            raise AnnotationError(_("A tag must be text."))
        name = re.sub(r"\s+", " ", item).strip()
        if not name:
            continue
        if len(name) > 50:
            raise AnnotationError(
                _("The tag “%(tag)s…” is too long: a tag may have at most 50 characters.")
                % {"tag": name[:50]}
            )
        if name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    if len(names) > MAX_TAGS:
        raise AnnotationError(
            _("Too many tags: at most %(max)d, this annotation has %(count)d.")
            % {"max": MAX_TAGS, "count": len(names)}
        )
    return names


def tags_get_or_create(*, names: Iterable[str]) -> list[Tag]:
    """The Tag of each name (matched whatever the case), created when new."""
    tags = []
    for name in names:
        tag = tag_named(name)
        if tag is None:
            try:
                with transaction.atomic():
                    tag = Tag.objects.create(name=name, slug=_tag_slug(name))
            except IntegrityError:  # created meanwhile by someone else
                tag = tag_named(name)
        tags.append(tag)
    return tags


def _tag_slug(name: str) -> str:
    base = slugify(name)[:50] or "tag"
    slug, n = base, 1
    while Tag.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def article_tag_add(*, user, article: Article, names: str | Iterable[str]) -> list[ArticleTag]:
    tags = tags_get_or_create(names=tag_names_parse(names))
    return [
        ArticleTag.objects.get_or_create(article=article, tag=tag, user=user)[0] for tag in tags
    ]


@transaction.atomic
def article_tag_remove(*, user, article: Article, tag: Tag) -> None:
    ArticleTag.objects.filter(article=article, tag=tag, user=user).delete()


# --- activity -------------------------------------------------------------------------------


def activity_mark_read(*, user, until=None) -> None:
    """``user`` has read their activity up to ``until`` (now when left out). Never backwards:
    a page rendered before another that read further does not make its items new again.

    One UPDATE, and an INSERT the first time (which leaves a row another request wrote in the
    meantime alone): each statement is safe on its own, no transaction needed."""
    until = until or timezone.now()
    if ActivitySeen.objects.filter(user=user, until__lt=until).update(until=until):
        return
    ActivitySeen.objects.bulk_create([ActivitySeen(user=user, until=until)], ignore_conflicts=True)


# --- annotations ----------------------------------------------------------------------------


def _check_choices(visibility: str, colour: str) -> None:
    if visibility not in Annotation.Visibility.values:
        raise AnnotationError(
            _("The visibility must be one of %(choices)s, not “%(value)s”.")
            % {"choices": ", ".join(Annotation.Visibility.values), "value": visibility}
        )
    if colour not in Annotation.Colour.values:
        raise AnnotationError(
            _("The colour must be one of %(choices)s, not “%(value)s”.")
            % {"choices": ", ".join(Annotation.Colour.values), "value": colour}
        )


def _check_comment(comment: str) -> str:
    if not isinstance(comment, str):
        raise AnnotationError(_("The comment must be text."))
    if len(comment) > markup.MAX_LENGTH:
        raise AnnotationError(
            ngettext(
                "The comment is too long: at most %(max)s character, this one has %(length)s.",
                "The comment is too long: at most %(max)s characters, this one has %(length)s.",
                markup.MAX_LENGTH,
            )
            % {
                "max": number_format(markup.MAX_LENGTH, force_grouping=True),
                "length": number_format(len(comment), force_grouping=True),
            }
        )
    return comment.strip()


def anchor_resolve(
    *,
    body: str,
    start: int | None = None,
    end: int | None = None,
    exact: str | None = None,
    prefix: str = "",
    suffix: str = "",
) -> anchoring.Anchor:
    """The passage a pair of selectors names in ``body``, or the reason it names none.

    With offsets, they must lie inside the body and, with a quote too, the quote must be the
    text at those offsets. With a quote alone, it must occur in the body (its context picks
    among repeats).
    """
    if start is not None or end is not None:
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise SelectorOutsideBody(
                _("The passage's start and end (TextPositionSelector) must be whole numbers.")
            )
        try:
            anchor = anchoring.describe(body, start, end)
        except anchoring.OutOfBounds:
            raise SelectorOutsideBody(
                _(
                    "The passage %(start)s–%(end)s lies outside the article's text, which has "
                    "%(length)s characters (the start must come before the end)."
                )
                % {"start": start, "end": end, "length": len(body)}
            ) from None
        if exact is not None and exact != anchor.exact:
            raise QuoteMismatch(
                _(
                    "The selected text “%(exact)s” is not the article's text at that place "
                    "(“%(found)s”). Reload the article and select the passage again."
                )
                % {"exact": exact[:60], "found": anchor.exact[:60]}
            )
        return anchor
    if exact:
        found = anchoring.locate(body, exact, prefix or "", suffix or "")
        if found is None or body[found[0] : found[1]] != exact:
            raise QuoteMismatch(
                _(
                    "The selected text “%(exact)s” does not occur in the article. Reload the "
                    "article and select the passage again."
                )
                % {"exact": exact[:60]}
            )
        return anchoring.describe(body, *found)
    raise AnnotationError(
        _("Select a passage of the article (a TextPositionSelector or a TextQuoteSelector).")
    )


@transaction.atomic
def annotation_create(
    *,
    user,
    article: Article,
    start: int | None = None,
    end: int | None = None,
    exact: str | None = None,
    prefix: str = "",
    suffix: str = "",
    comment: str = "",
    tags: str | Iterable[str] = (),
    visibility: str = Annotation.Visibility.PRIVATE,
    colour: str = Annotation.Colour.YELLOW,
) -> Annotation:
    """A new highlight of a passage of ``article``, with an optional comment and tags."""
    if article is None:
        raise UnknownArticle(_("This article does not exist."))
    anchor = anchor_resolve(
        body=article.body, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix
    )
    _check_choices(visibility, colour)
    comment = _check_comment(comment)
    names = tag_names_parse(tags)
    annotation = Annotation.objects.create(
        article=article,
        user=user,
        start=anchor.start,
        end=anchor.end,
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        comment=comment,
        comment_html=markup.render(comment),
        visibility=visibility,
        colour=colour,
    )
    if names:
        annotation.tags.set(tags_get_or_create(names=names))
    return annotation


@transaction.atomic
def reply_create(
    *, user, parent: Annotation, comment: str, tags: str | Iterable[str] = ()
) -> Annotation:
    """A reply to ``parent``, which ``user`` must be able to see; it joins parent's thread."""
    if not Annotation.objects.visible_to(user).filter(pk=parent.pk).exists():
        raise UnknownTarget(NO_PARENT)
    if parent.deleted:
        raise AnnotationError(_("This annotation was deleted; it takes no new replies."))
    comment = _check_comment(comment)
    if not comment:
        raise AnnotationError(_("A reply needs a comment."))
    names = tag_names_parse(tags)
    root = parent.root if parent.root_id else parent
    reply = Annotation.objects.create(
        article_id=parent.article_id,
        user=user,
        parent=parent,
        root=root,
        comment=comment,
        comment_html=markup.render(comment),
        visibility=root.visibility,
        colour=root.colour,
    )
    if names:
        reply.tags.set(tags_get_or_create(names=names))
    return reply


_UNSET = object()


@transaction.atomic
def annotation_update(
    *,
    annotation: Annotation,
    user,
    comment=_UNSET,
    tags=_UNSET,
    visibility=_UNSET,
    colour=_UNSET,
    start: int | None = None,
    end: int | None = None,
    exact: str | None = None,
    prefix: str = "",
    suffix: str = "",
) -> Annotation:
    """The author's change of a comment, tags, visibility, colour or passage.

    Arguments left out stay as they are. A thread's visibility follows its root. When anything
    actually changes, ``edited`` notes when (the page says "edited"); a document sent back
    unchanged changes ``modified`` alone, as staff hiding it and re-anchoring do.
    """
    if annotation.user_id != user.pk:
        raise NotAllowed(_("Only the author can change this annotation."))
    if annotation.deleted:
        raise AnnotationError(DELETED)
    fields = {"modified"}
    edited = False
    if annotation.parent_id is None and (start is not None or end is not None or exact):
        anchor = anchor_resolve(
            body=annotation.article.body,
            start=start,
            end=end,
            exact=exact,
            prefix=prefix,
            suffix=suffix,
        )
        edited |= annotation.orphaned or anchor != _anchor_of(annotation)
        annotation.start, annotation.end = anchor.start, anchor.end
        annotation.exact, annotation.prefix, annotation.suffix = (
            anchor.exact,
            anchor.prefix,
            anchor.suffix,
        )
        annotation.orphaned = False
        fields |= {"start", "end", "exact", "prefix", "suffix", "orphaned"}
    if comment is not _UNSET:
        new_comment = _check_comment(comment or "")
        if annotation.parent_id and not new_comment:
            raise AnnotationError(_("A reply needs a comment."))
        edited |= new_comment != annotation.comment
        annotation.comment = new_comment
        annotation.comment_html = markup.render(new_comment)
        fields |= {"comment", "comment_html"}
    new_visibility = annotation.visibility if visibility is _UNSET else visibility
    new_colour = annotation.colour if colour is _UNSET else colour
    _check_choices(new_visibility, new_colour)
    if annotation.parent_id is None:
        edited |= (new_visibility, new_colour) != (annotation.visibility, annotation.colour)
        if new_visibility != annotation.visibility:
            # The replies' representation changes: their ETag (modified) too, not ``edited``.
            annotation.thread.update(visibility=new_visibility, modified=timezone.now())
        annotation.visibility, annotation.colour = new_visibility, new_colour
        fields |= {"visibility", "colour"}
    if tags is not _UNSET:
        edited |= _tags_replace(annotation, tags_get_or_create(names=tag_names_parse(tags)))
    if edited:
        annotation.edited = timezone.now()
        fields.add("edited")
    annotation.save(update_fields=sorted(fields))
    return annotation


def _anchor_of(annotation: Annotation) -> anchoring.Anchor:
    return anchoring.Anchor(
        start=annotation.start,
        end=annotation.end,
        exact=annotation.exact,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
    )


def _tags_replace(annotation: Annotation, tags: list[Tag]) -> bool:
    """Put exactly ``tags`` on ``annotation``; True when its tags were others."""
    if {tag.pk for tag in tags} == set(annotation.tags.values_list("pk", flat=True)):
        return False
    annotation.tags.set(tags)
    return True


@transaction.atomic
def annotation_delete(*, annotation: Annotation, user) -> bool:
    """Delete the author's annotation; True when the row is gone.

    One with replies is only emptied and marked deleted, so that its thread stays; it goes
    for good with its last reply.
    """
    if annotation.user_id != user.pk:
        raise NotAllowed(_("Only the author can delete this annotation."))
    if annotation.replies.exists():
        if not annotation.deleted:
            annotation.deleted = True
            annotation.comment = annotation.comment_html = ""
            annotation.save(update_fields=["deleted", "comment", "comment_html", "modified"])
            annotation.tags.clear()
        return False
    parent = annotation.parent
    annotation.delete()
    # An emptied annotation whose last reply went leaves no thread to keep.
    while parent is not None and parent.deleted and not parent.replies.exists():
        grandparent = parent.parent
        parent.delete()
        parent = grandparent
    return True


@transaction.atomic
def annotation_hide(*, annotation: Annotation, user, hidden: bool = True) -> Annotation:
    """Staff hide (or show again) a shared annotation; its author still sees it."""
    if not user.is_staff:
        raise NotAllowed(_("Only staff can hide annotations."))
    if annotation.visibility != Annotation.Visibility.SHARED:
        raise NotAllowed(_("Only a shared annotation can be hidden."))
    annotation.hidden_by_staff = hidden
    annotation.save(update_fields=["hidden_by_staff", "modified"])
    return annotation


@transaction.atomic
def annotations_set_hidden(*, queryset, user, hidden: bool = True) -> int:
    """Staff hide (or show again) many shared annotations in one UPDATE; as ``annotation_hide``
    does for one, their ``modified`` (and so their ETag) changes. Returns how many changed:
    those already hidden (or shown) are left alone and not counted."""
    if not user.is_staff:
        raise NotAllowed(_("Only staff can hide annotations."))
    return (
        queryset.filter(visibility=Annotation.Visibility.SHARED)
        .exclude(hidden_by_staff=hidden)
        .update(hidden_by_staff=hidden, modified=timezone.now())
    )


# --- re-anchoring when an article's text changes -------------------------------------------


@dataclass
class ReanchorResult:
    unchanged: int = 0
    moved: int = 0
    orphaned: int = 0
    recovered: int = 0  # orphans placed again


@transaction.atomic
def annotations_reanchor(*, article: Article, old_body: str | None = None) -> ReanchorResult:
    """Place an article's highlights again after its body changed (``article.body`` is new).

    Call it after saving the new body, inside the same transaction. Each highlight is found
    by its quote and context, approximately where the passage changed a little; one that
    cannot be placed is kept as orphaned, with its quote. Orphans are tried again too.
    """
    result = ReanchorResult()
    body = article.body
    if old_body is not None and old_body == body:
        result.unchanged = article.annotations.roots().filter(orphaned=False).count()
        return result
    now = timezone.now()
    changed = []
    for annotation in article.annotations.roots().select_for_update():
        anchor = anchoring.Anchor(
            start=annotation.start if annotation.start is not None else 0,
            end=annotation.end if annotation.end is not None else 0,
            exact=annotation.exact,
            prefix=annotation.prefix,
            suffix=annotation.suffix,
        )
        placed = anchoring.reanchor(body, anchor)
        if placed is None:
            if not annotation.orphaned:
                result.orphaned += 1
                annotation.orphaned = True
                annotation.start = annotation.end = None
                annotation.modified = now
                changed.append(annotation)
            continue
        same = (annotation.start, annotation.end, annotation.exact, annotation.prefix)
        if not annotation.orphaned and same + (annotation.suffix,) == (
            placed.start,
            placed.end,
            placed.exact,
            placed.prefix,
            placed.suffix,
        ):
            result.unchanged += 1
            continue
        if annotation.orphaned:
            result.recovered += 1
        else:
            result.moved += 1
        annotation.start, annotation.end = placed.start, placed.end
        annotation.exact, annotation.prefix, annotation.suffix = (
            placed.exact,
            placed.prefix,
            placed.suffix,
        )
        annotation.orphaned = False
        annotation.modified = now
        changed.append(annotation)
    Annotation.objects.bulk_update(
        changed, ["start", "end", "exact", "prefix", "suffix", "orphaned", "modified"]
    )
    return result


# --- API tokens -----------------------------------------------------------------------------


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its key, which is shown once and never stored."""
    name = (name or "").strip()[:100]
    if not name:
        raise AnnotationError(_("A token needs a name."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:10],
        key_hash=_key_hash(key),
        expires=timezone.now() + settings.API_TOKEN_LIFETIME,
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    if token.user_id != user.pk:
        raise NotAllowed(_("Only the owner can revoke this token."))
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


@transaction.atomic
def tokens_revoke_all(*, user) -> int:
    """Revoke every token of ``user`` still in force (their password changed); how many."""
    return ApiToken.objects.filter(user=user, revoked__isnull=True).update(revoked=timezone.now())


def token_authenticate(*, key: str):
    """The active user whose unrevoked token ``key`` is, or None. Notes when it was used.

    Raises ``TokenExpired`` for a token past its ``expires``, so that its owner learns why."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_key_hash(key), revoked__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.expires <= now:
        raise TokenExpired(
            _("The API token expired on %(date)s. Create a new one on the “API tokens” page.")
            % {"date": token.expires.date().isoformat()}
        )
    # One write a minute at most, not one per request.
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
