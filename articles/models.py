from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """An outlet that published articles ("RT DE", "Wikinews")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name


class SpeakerQuerySet(models.QuerySet):
    def named(self, name: str):
        """Speakers whose canonical name or one of whose aliases is ``name``."""
        return self.filter(Q(name=name) | Q(aliases__name=name)).distinct()


class Speaker(models.Model):
    """A person or organisation quoted in articles; one row across all articles."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    name = models.CharField(_("canonical name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(_("role"), max_length=200, blank=True)
    edited = models.BooleanField(
        _("edited by a person"),
        default=False,
        help_text=_("An import never changes the name, kind or role of an edited speaker."),
    )

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class SpeakerAlias(models.Model):
    """Another name a speaker goes by ("Stoltenberg" for "Jens Stoltenberg")."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["speaker", "name"], name="speakeralias_unique_name"),
        ]
        indexes = [
            # Speaker resolution on import looks speakers up by alias.
            models.Index(fields=["name"], name="speakeralias_name_idx"),
        ]

    def __str__(self):
        return self.name


class Article(models.Model):
    class Precision(models.TextChoices):
        YEAR = "year", _("year")
        MONTH = "month", _("month")
        DAY = "day", _("day")

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="articles", verbose_name=_("source")
    )
    title = models.CharField(_("title"), max_length=300)
    title_edited = models.BooleanField(
        _("title edited by a person"),
        default=False,
        help_text=_("A re-import never overwrites an edited title."),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    date = models.DateField(_("date"), help_text=_("The first day of the period it names."))
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=10, default="de")
    seed_filename = models.CharField(_("seed file"), max_length=255, unique=True)
    content_hash = models.CharField(_("SHA-256 of the content"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            # The same content is one article, however many imports race for it.
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.CheckConstraint(
                condition=Q(date_precision__in=["year", "month", "day"]),
                name="article_date_precision_valid",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
        ]
        indexes = [
            # The article list, newest first, and per source.
            models.Index(fields=["-date", "title"], name="article_date_idx"),
            models.Index(fields=["source", "-date"], name="article_source_date_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})


class Quote(models.Model):
    """A quotation found in an article's body, by the extractor or a person."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("direct")
        INDIRECT = "indirect", _("indirect")
        NOT_SPEECH = "not_speech", _("not speech")

    class Review(models.TextChoices):
        MACHINE = "machine", _("machine, not reviewed")
        CONFIRMED = "confirmed", _("confirmed by a person")
        CORRECTED = "corrected", _("corrected by a person")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("speaker"),
    )
    speaker_start = models.PositiveIntegerField(_("speaker mention start"), null=True, blank=True)
    speaker_end = models.PositiveIntegerField(_("speaker mention end"), null=True, blank=True)
    cue = models.CharField(_("cue word"), max_length=100, blank=True)
    confidence = models.FloatField(_("confidence"), default=1.0)
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.MACHINE
    )

    class Meta:
        ordering = ["article", "start"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="quote_start_before_end"),
            models.CheckConstraint(
                condition=(Q(speaker_start__isnull=True) & Q(speaker_end__isnull=True))
                | Q(speaker_start__lt=F("speaker_end")),
                name="quote_speaker_mention_valid",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="quote_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["direct", "indirect", "not_speech"]),
                name="quote_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="quote_unique_span_per_article"
            ),
        ]
        indexes = [
            # A speaker's page lists their quotes.
            models.Index(fields=["speaker", "kind"], name="quote_speaker_kind_idx"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def text(self) -> str:
        return self.article.body[self.start : self.end]

    @property
    def reviewed(self) -> bool:
        return self.review != self.Review.MACHINE
