"""Highlights, comments, replies and tags on articles; personal API tokens.

Who sees what is written once, in ``AnnotationQuerySet.visible_to``: a private annotation exists
for its author alone; a shared one for every logged-in user unless staff hid it (its author and
staff still see it). A reply lives and dies with its thread: it is visible only where its root
is. Every read of annotations for a person goes through it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annotations.text import reading_key
from articles.models import Article


class Tag(models.Model):
    """A label on annotations and articles; one row per name, whatever its capitalisation.

    Tags are listed in a reader's order, not the database's code-point order: by ``sort_key``,
    ``reading_key(name)`` (case-folded, without accents: ``annotations/text.py``), then by name.
    ``save`` keeps the key; a bulk write of names must set it too.
    """

    name = models.CharField(_("name"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_key = models.TextField(_("sort key"), editable=False)

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(Lower("name"), name="tag_unique_name_ci"),
            models.CheckConstraint(condition=~Q(name=""), name="tag_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_key = reading_key(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("annotations:tag", kwargs={"slug": self.slug})


class AnnotationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The annotations ``user`` may see; nothing at all for an anonymous user."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(_readable(user) & (Q(root__isnull=True) | _readable(user, "root__")))

    def highlights_visible_to(self, user):
        """The highlights (not replies) ``user`` may see: ``visible_to`` for rows that are their
        own thread's root (a highlight has no root: the check constraint
        ``annotation_reply_has_root``), without the join to the root a reply needs. The article
        page asks this on every view."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(_readable(user), parent__isnull=True)

    def live(self):
        """Without soft-deleted annotations (which only stay to hold their thread together)."""
        return self.filter(deleted=False)

    def roots(self):
        """Highlights, without replies."""
        return self.filter(parent__isnull=True)

    def owned_by(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    def for_display(self):
        """With what a list or an export shows, in a fixed number of queries."""
        return self.select_related("article", "article__source", "user", "parent").prefetch_related(
            "tags"
        )


def _readable(user, prefix: str = "") -> Q:
    own = Q(**{f"{prefix}user": user})
    shared = Q(**{f"{prefix}visibility": Annotation.Visibility.SHARED})
    if not user.is_staff:
        shared &= Q(**{f"{prefix}hidden_by_staff": False})
    return own | shared


class Annotation(models.Model):
    """A highlight of ``article.body[start:end]`` with an optional comment and tags, or a reply.

    A highlight stores both W3C selectors: the offsets and the quote with its context. When
    the article's text changes and the quote cannot be found again, the highlight is kept as
    ``orphaned`` with its quote and without offsets. A reply has a ``parent`` (the annotation it
    answers) and the thread's ``root``, and no passage of its own.
    """

    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private")
        SHARED = "shared", _("Shared")

    class Colour(models.TextChoices):
        YELLOW = "yellow", _("yellow")
        GREEN = "green", _("green")
        BLUE = "blue", _("blue")
        PINK = "pink", _("pink")
        PURPLE = "purple", _("purple")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="annotations", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="annotations",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="thread",
        verbose_name=_("thread"),
    )
    start = models.PositiveIntegerField(_("start"), null=True, blank=True)
    end = models.PositiveIntegerField(_("end"), null=True, blank=True)
    exact = models.TextField(_("quote"), blank=True)
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    comment = models.TextField(_("comment (Markdown)"), blank=True)
    comment_html = models.TextField(_("comment (sanitised HTML)"), blank=True, editable=False)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    colour = models.CharField(
        _("colour"), max_length=10, choices=Colour.choices, default=Colour.YELLOW
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="annotations")
    hidden_by_staff = models.BooleanField(_("hidden by staff"), default=False)
    orphaned = models.BooleanField(_("orphaned"), default=False)
    deleted = models.BooleanField(_("deleted"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Any change to the row, so the ETag's and the W3C ``modified``'s basis: staff hiding or
    # showing it and re-anchoring after the article's text changed move it too.
    modified = models.DateTimeField(_("modified"), auto_now=True)
    # The author's own last change (comment, tags, visibility, colour, passage): what the page
    # marks "edited". Null for an annotation its author never changed.
    edited = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "created", "id"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(start__isnull=True) & Q(end__isnull=True)) | Q(start__lt=F("end")),
                name="annotation_span_valid",
            ),
            # A highlight has a passage unless it is orphaned; a reply never has one.
            models.CheckConstraint(
                condition=(Q(parent__isnull=True) & Q(orphaned=False) & Q(start__isnull=False))
                | (Q(parent__isnull=True) & Q(orphaned=True) & Q(start__isnull=True))
                | (Q(parent__isnull=False) & Q(orphaned=False) & Q(start__isnull=True)),
                name="annotation_anchor_valid",
            ),
            models.CheckConstraint(
                condition=(Q(parent__isnull=True) & Q(root__isnull=True))
                | (Q(parent__isnull=False) & Q(root__isnull=False)),
                name="annotation_reply_has_root",
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "shared"]),
                name="annotation_visibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(colour__in=["yellow", "green", "blue", "pink", "purple"]),
                name="annotation_colour_valid",
            ),
        ]
        indexes = [
            # The article page and the API's ?article= list: an article's annotations in order.
            models.Index(fields=["article", "start"], name="annotation_article_start_idx"),
            # "My annotations" and the exports: a user's annotations, newest first.
            models.Index(fields=["user", "-created"], name="annotation_user_created_idx"),
            # What everyone else may see on an article: its shared annotations.
            models.Index(fields=["article", "visibility"], name="annotation_article_vis_idx"),
            # The activity (selectors.activity_items): the articles a user annotated, and when
            # they first did, read from the index alone.
            models.Index(fields=["user", "article", "created"], name="annotation_user_article_idx"),
        ]

    def __str__(self):
        text = self.exact or self.comment or f"#{self.pk}"
        return text[:80]

    def get_absolute_url(self):
        """The place on the article page (the UI marks it with ``id="annotation-<id>"``)."""
        target = self.root_id or self.pk
        return f"{self.article.get_absolute_url()}#annotation-{target}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id is not None


class ArticleTag(models.Model):
    """A tag a user put on an article (each user's tagging is their own; all users see it)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_tags")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="article_tags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_tags"
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["tag__sort_key", "tag__name"]
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "tag", "user"], name="articletag_unique_per_user"
            ),
        ]
        indexes = [
            # The tag page and the article list's ?tag= filter: articles with a tag.
            models.Index(fields=["tag", "article"], name="articletag_tag_article_idx"),
        ]

    def __str__(self):
        return f"{self.tag} · {self.article}"


class ActivitySeen(models.Model):
    """How far a user has read their activity (replies to them, others' shared annotations on
    articles they annotated): what was created after ``until`` is new to them. One small row
    per user, written when they open the activity page; without one, ``until`` is the day they
    joined (``selectors.activity_seen_until``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="activity_seen",
    )
    until = models.DateTimeField(_("read up to"))

    class Meta:
        ordering = ["user"]
        verbose_name = _("activity read up to")
        verbose_name_plural = _("activity read up to")

    def __str__(self):
        return f"{self.user} · {self.until.isoformat()}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the key is shown once, on creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("first characters"), max_length=12)
    key_hash = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Set by token_create from settings.API_TOKEN_LIFETIME; token_authenticate refuses it after.
    expires = models.DateTimeField(_("expires"))

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="apitoken_name_not_empty"),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def expired(self) -> bool:
        return self.expires <= timezone.now()

    @property
    def active(self) -> bool:
        return self.revoked is None and not self.expired
