import time

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import Exists, F, FloatField, OuterRef, Q, Value
from django.db.models.functions import Length
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import search_text, sqlite_search


def new_revision() -> int:
    """A value for a ``revision`` field that no earlier write gave: nanoseconds since 1970. A
    write that gives none, or not a greater one than the row had (``update()``, raw SQL), gets
    one from the database's triggers (migration 0011), which also renew the rows whose pages
    show the written one."""
    return time.time_ns()


class Source(models.Model):
    """An outlet that published articles ("RT DE", "Wikinews")."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    # Kept by articles.derived: the number of its articles, and a new value with every change
    # to what its page shows (the page's cache key).
    article_count = models.PositiveIntegerField(_("articles"), default=0, editable=False)
    revision = models.BigIntegerField(default=new_revision, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        _renew(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:source", kwargs={"slug": self.slug})


# Fields ``articles.derived`` keeps with statements of its own: a save() never writes them, or
# an instance read before they changed would set them back.
DERIVED_FIELDS = frozenset(("quote_count", "article_count", "counted_in"))


def _renew(instance, kwargs) -> None:
    """Every save gives the row a new ``revision``, also a save of some fields only (the
    database would give one too, but on SQLite with a second write); an update writes every
    field but the derived ones."""
    instance.revision = new_revision()
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
    elif not instance._state.adding and not kwargs.get("force_insert"):
        kwargs["update_fields"] = [
            field.name
            for field in instance._meta.concrete_fields
            if not field.primary_key and field.name not in DERIVED_FIELDS
        ]


class SpeakerQuerySet(models.QuerySet):
    def named(self, name: str):
        """Speakers whose canonical name or one of whose aliases is ``name``."""
        return self.filter(Q(name=name) | Q(aliases__name=name)).distinct()

    def matching(self, text: str):
        """Speakers whose canonical name or one of whose aliases contains ``text``, in any
        case: the ids of each found apart (through the trigram indexes of migration 0012 on
        PostgreSQL: 2–5 ms at 50,000 speakers, where one condition over both read every
        speaker, 50 ms), then the speakers. Unordered. On SQLite the names are compared
        case-folded (``named_in_any_case``)."""
        names = named_in_any_case(Speaker.objects.all(), "contains", text).order_by()
        aliases = named_in_any_case(SpeakerAlias.objects.all(), "contains", text).order_by()
        return self.filter(pk__in=names.values("pk").union(aliases.values("speaker_id")))

    # How a typed name found its speakers (``typed``), the surest first.
    EXACT, ALIAS, FOLDED, PART = "exact", "alias", "folded", "part"

    def typed(
        self, text: str, *, parts: bool = True, slugs: bool = True
    ) -> tuple[list["Speaker"], str | None]:
        """The speakers a name typed in a speaker field means, at most two (two: it is
        ambiguous), and how they were found: by ``EXACT`` name or (with ``slugs``: the links of
        the speaker pages) slug, else by ``ALIAS``, else by name or alias in another case
        (``FOLDED``), else (with ``parts``) as a part of a name or alias (``PART``); the first
        of these that finds any. ([], None): none. The one look-up of the list's speaker filter
        and the correction forms; two queries at most. Another case is PostgreSQL's ``UPPER()``
        there and Python's ``casefold()`` on SQLite ("Strasse" is "Straße" on SQLite only)."""
        given = Q(slug=text) | Q(name=text) if slugs else Q(name=text)
        exact = list(self.filter(given).order_by()[:2])
        if exact:
            exact.sort(key=lambda speaker: speaker.slug != text)  # a slug before a name
            return exact, self.EXACT
        aliases = SpeakerAlias.objects.filter(speaker=OuterRef("pk"))
        candidates = self.matching(text) if parts else self.all()
        if connection.vendor == "sqlite":
            own = named_in_any_case(Speaker.objects.all(), "exact", text).values("pk")
            folded = Q(pk__in=own)
        else:
            folded = Q(name__iexact=text)
        folded |= Exists(named_in_any_case(aliases, "exact", text))
        if not parts:
            candidates = candidates.filter(folded | Exists(aliases.filter(name=text)))
        found = list(
            candidates.annotate(
                alias=Exists(aliases.filter(name=text)),
                folded=models.ExpressionWrapper(folded, output_field=models.BooleanField()),
            ).order_by("-alias", "-folded", "name")[:3]
        )
        for level in (self.ALIAS, self.FOLDED):
            if found and getattr(found[0], level):
                return [speaker for speaker in found if getattr(speaker, level)][:2], level
        return (found[:2], self.PART) if found else ([], None)

    def quoted(self):
        """Speakers with at least one quotation (``quote_count`` and ``article_count`` are kept
        by ``articles.derived``; a quotation inside another of theirs is counted once)."""
        return self.filter(quote_count__gt=0)


class Folded(models.Func):
    """A text case-folded as Python folds it, on SQLite (the function ``sqlite_search.register``
    gives every connection): SQLite's own ``LIKE`` and ``UPPER()`` know ASCII letters only."""

    function = sqlite_search.CASEFOLD
    output_field = models.TextField()


def named_in_any_case(queryset, lookup: str, text: str):
    """``queryset`` (rows with a ``name``) where the name matches ``text`` by ``lookup``
    (``exact``, ``contains`` or ``startswith``) whatever the case: PostgreSQL's ``i`` lookups; on
    SQLite both sides case-folded (``Folded``), where its own would miss "Özlem" for "özlem"."""
    if connection.vendor == "sqlite":
        folded = queryset.annotate(folded_name=Folded("name"))
        return folded.filter(**{f"folded_name__{lookup}": text.casefold()})
    return queryset.filter(**{f"name__i{lookup}": text})


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
    # Kept by articles.derived: their spoken quotations (one nested in another counted once)
    # and the articles they are quoted in; a new value with every change to their page.
    quote_count = models.PositiveIntegerField(_("quotations"), default=0, editable=False)
    article_count = models.PositiveIntegerField(_("articles"), default=0, editable=False)
    revision = models.BigIntegerField(default=new_revision, editable=False)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        indexes = [
            # The speaker list: those quoted, by name.
            models.Index(
                fields=["name"], condition=Q(quote_count__gt=0), name="speaker_quoted_name_idx"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        _renew(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:speaker", kwargs={"slug": self.slug})


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


class ArticleQuerySet(models.QuerySet):
    def listed(self):
        """What a list of articles shows: no body (``body_length`` for the reading time)."""
        return (
            self.select_related("source")
            .defer("body", "search_vector")
            .annotate(body_length=Length("body"))
        )

    def quoting(self, speaker):
        """Articles in which ``speaker`` is quoted."""
        return self.filter(
            Exists(ArticleSpeaker.objects.filter(article=OuterRef("pk"), speaker=speaker))
        )

    def search(self, text: str):
        """Full-text search in German, websearch syntax (``Putin -Lawrow``, ``"große
        Koalition"``, ``NATO OR Merkel``), with a ``rank`` (higher: more relevant). PostgreSQL
        uses its ``german`` configuration; SQLite an FTS5 table of the same Snowball stems
        (``articles.sqlite_search``, ``articles.search_text``). A query with no word left
        (only stop words, punctuation) finds nothing on both."""
        if connection.vendor == "postgresql":
            query = SearchQuery(text, config="german", search_type="websearch")
            return self.filter(search_vector=query).annotate(
                rank=SearchRank(F("search_vector"), query)
            )
        parsed = search_text.parse(text)
        if not parsed:
            return self.annotate(rank=Value(0.0, output_field=FloatField())).none()
        return self.filter(sqlite_search.condition(parsed)).annotate(
            rank=sqlite_search.rank(parsed)
        )


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
    # Title (weight A) and body (weight B) as a German tsvector, kept up to date by a trigger
    # on PostgreSQL (migration 0002) for every write path; unused (NULL) on SQLite, which keeps
    # an FTS5 table instead (articles.sqlite_search). The search needs the GIN index
    # "article_search_vector_idx" that the same migration creates.
    search_vector = SearchVectorField(null=True, editable=False)
    # A new value with every change to the article (the database's triggers, whoever writes),
    # to what its page shows of its source and speakers, and to its quotations
    # (articles.derived): its page's and its list row's cache key. And the source its counts
    # were added to.
    revision = models.BigIntegerField(default=new_revision, editable=False)
    counted_in = models.IntegerField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

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
            # The reading list's order, newest (or oldest) first, paged deep without a sort.
            models.Index(fields=["-date", "-id"], name="article_newest_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _renew(self, kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def date_iso(self) -> str:
        """The date at its precision: '2022', '2022-10' or '2022-10-17' (never a made-up day)."""
        return date_at_precision(self.date, self.date_precision)


def date_at_precision(date, precision: str) -> str:
    """``date`` as ISO 8601 at ``precision`` (an ``Article.Precision``): '2022', '2022-10' or
    '2022-10-17'."""
    width = {"year": 4, "month": 7}.get(precision, 10)
    return date.isoformat()[:width]


class Quote(models.Model):
    """A quotation found in an article's body, by the extractor or a person."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("direct")
        INDIRECT = "indirect", _("indirect")
        NOT_SPEECH = "not_speech", _("not speech")

    # Kinds that are someone's words: what the pages count and mark.
    SPOKEN = (Kind.DIRECT, Kind.INDIRECT)

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
    # Kept by articles.derived for the speaker page's index: spoken and not inside another
    # spoken quotation of the same speaker (``nested_quote``), and the article's date.
    counted = models.BooleanField(default=False, editable=False)
    article_date = models.DateField(null=True, editable=False)

    # Below this, the extractor's attribution of a direct quote is a last-resort guess (a
    # sentence subject, a continued speaker): pages say "probably …" until a person confirms it.
    CERTAIN = 0.6
    # The same rule as a condition, for counting guesses in the database (a test checks that
    # the two agree).
    UNCERTAIN = Q(kind=Kind.DIRECT, confidence__lt=CERTAIN, review=Review.MACHINE)

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
            # A speaker's page lists their quotes; the article list's speaker filter and its
            # count find the speaker's articles from the index alone (article last), and the
            # speaker options ask whether a speaker has a spoken quotation.
            models.Index(fields=["speaker", "kind", "article"], name="quote_speaker_article_idx"),
            # A speaker's page: their counted quotations, newest article first, read in order.
            models.Index(
                fields=["speaker", "-article_date", "-article", "start"],
                condition=Q(counted=True),
                name="quote_speaker_page_idx",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        """The quotation's place in its article."""
        return f"{self.article.get_absolute_url()}#q{self.pk}"

    @property
    def text(self) -> str:
        return self.article.body[self.start : self.end]

    @property
    def reviewed(self) -> bool:
        return self.review != self.Review.MACHINE

    @property
    def uncertain(self) -> bool:
        return self.guessed(self.kind, self.confidence, self.review)

    @classmethod
    def guessed(cls, kind: str, confidence: float, review: str) -> bool:
        """``uncertain`` of a quotation read as values (``UNCERTAIN`` in Python): a direct
        quotation the extractor attributed with less than ``CERTAIN`` and no person reviewed."""
        return kind == cls.Kind.DIRECT and confidence < cls.CERTAIN and review == cls.Review.MACHINE


def nested_quote(via: str = "") -> Exists:
    """Is the quotation inside another spoken quotation of the same speaker in the same
    article, as a few words quoted directly inside their reported speech are? Such a quotation
    is listed and counted once, as the outer one. ``via`` leads from the query's model to the
    quotation ("quotes__" from Speaker). The index "quote_speaker_article_idx" finds the outer
    one."""

    def outer(field: str) -> OuterRef:
        return OuterRef(f"{via}{field}")

    return Exists(
        Quote.objects.filter(
            article=outer("article"),
            speaker=outer("speaker"),
            kind__in=Quote.SPOKEN,
            start__lte=outer("start"),
            end__gte=outer("end"),
        ).exclude(pk=outer("pk"))
    )


class ArticleSpeaker(models.Model):
    """How often a speaker is quoted in an article (spoken quotations, one nested in another
    counted once), kept by ``articles.derived``: the article list's speakers, the articles of a
    speaker, and what an article added to its source's and speaker's counts."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    quote_count = models.PositiveIntegerField()
    probable_count = models.PositiveIntegerField()  # of them, guesses (Quote.uncertain)

    class Meta:
        ordering = ["article", "speaker"]
        constraints = [
            models.UniqueConstraint(fields=["article", "speaker"], name="articlespeaker_unique"),
        ]
        indexes = [
            # The article list filtered by a speaker, newest first, from the index alone.
            models.Index(fields=["speaker", "-date", "-article"], name="articlespeaker_date_idx"),
        ]

    def __str__(self):
        return f"{self.speaker_id} × {self.quote_count} in {self.article_id}"


class SourceSpeaker(models.Model):
    """How often a source quotes a speaker, kept by ``articles.derived``: its top speakers."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="+")
    # added to and taken from in one statement (derived._add_pairs): no CHECK on the way
    quote_count = models.IntegerField()

    class Meta:
        ordering = ["source", "-quote_count"]
        constraints = [
            models.UniqueConstraint(fields=["source", "speaker"], name="sourcespeaker_unique"),
        ]
        indexes = [
            models.Index(fields=["source", "-quote_count"], name="sourcespeaker_top_idx"),
        ]

    def __str__(self):
        return f"{self.speaker_id} × {self.quote_count} in {self.source_id}"


class Revision(models.Model):
    """One row whose value is renewed with every write to what the reading pages show:
    sources, speakers and their aliases, articles, quotations. Database triggers renew it
    (migration 0005: on PostgreSQL when the writing transaction commits), so that no writer can
    forget: the import, the admin, a bulk update, a shell. The reading pages cache what they
    show for everyone under this value (``articles.shared``), so a cached page is never older
    than the data, in any process. A value is never given twice."""

    value = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = _("reading revision")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="revision_single_row")]

    def __str__(self):
        return str(self.value)


class ImportJob(models.Model):
    """One upload of seed files in the admin, imported in the background by a task
    (``articles.tasks.import_job_run``) file by file; its counters say how far it got, each
    of its ``files`` what became of that file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Renewed with every file: a running job whose value is old has lost its worker.
    updated = models.DateTimeField(_("last progress"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    # The upload form's options, for the task to import with.
    source = models.CharField(_("source for files without one"), max_length=200, blank=True)
    replace = models.BooleanField(_("replace edited files"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    language = models.CharField(_("language of the messages"), max_length=10, blank=True)
    total_files = models.PositiveIntegerField(_("files"), default=0)
    files_done = models.PositiveIntegerField(_("files done"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    replaced = models.PositiveIntegerField(_("replaced"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # Which run of the job owns it: a run that finds another number has been superseded (the
    # job was retried) and stops writing.
    attempt = models.PositiveIntegerField(_("attempt"), default=0)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    error = models.TextField(_("why it stopped"), blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        constraints = [
            models.CheckConstraint(
                condition=Q(files_done__lte=F("total_files")), name="importjob_done_le_total"
            ),
        ]
        indexes = [
            # The import page's list of recent jobs, newest first.
            models.Index(fields=["-created", "-id"], name="importjob_recent_idx"),
        ]

    def __str__(self):
        return _("Import #%(id)s") % {"id": self.pk}

    def get_absolute_url(self):
        return reverse("admin:articles_importjob", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class ImportFile(models.Model):
    """One file of an ``ImportJob``: its bytes until the task imports it (then emptied), and
    then what became of it. A file the upload already refused (too big, unreadable from the
    archive) is stored with its outcome and no bytes."""

    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="files", verbose_name=_("import job")
    )
    position = models.PositiveIntegerField(_("position"))
    # Text: a name too long for an article's seed_filename is that file's failure, not the
    # upload's.
    name = models.TextField(_("file name"))
    data = models.BinaryField(_("content"), blank=True)
    # "" while the file waits; then an ``articles.services.Status`` value.
    status = models.CharField(_("result"), max_length=20, blank=True)
    message = models.TextField(_("details"), blank=True)
    option = models.CharField(_("option that would help"), max_length=20, blank=True)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )

    class Meta:
        ordering = ["job", "position"]
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="importfile_unique_position"),
        ]
        indexes = [
            # The task's next waiting files (status ""), and the job page's failures so far
            # (status "failed", after the last one shown), each in upload order.
            models.Index(fields=["job", "status", "position"], name="importfile_job_status_idx"),
        ]

    def __str__(self):
        return self.name


class SpeakerSlug(models.Model):
    """An address a speaker's page had before a rename, or the address of a speaker merged
    into this one: it redirects to the speaker's page for good (``articles.views``). A live
    speaker's slug wins over an old one that happens to be the same."""

    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="old_slugs", verbose_name=_("speaker")
    )
    slug = models.SlugField(_("old slug"), max_length=220, unique=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("old speaker address")
        verbose_name_plural = _("old speaker addresses")

    def __str__(self):
        return self.slug


class CurationLog(models.Model):
    """One correction a person made on the reading pages (a quotation's speaker, kind or
    span, a quotation marked as not speech or confirmed, a speaker renamed or merged): who,
    when, and the object's state before and after, as JSON."""

    class Action(models.TextChoices):
        QUOTE_SPEAKER = "quote_speaker", _("quotation's speaker changed")
        QUOTE_KIND = "quote_kind", _("quotation's kind changed")
        QUOTE_SPAN = "quote_span", _("quotation's span changed")
        QUOTE_NOT_SPEECH = "quote_not_speech", _("quotation marked as not speech")
        QUOTE_CONFIRM = "quote_confirm", _("quotation confirmed")
        SPEAKER_RENAME = "speaker_rename", _("speaker renamed")
        SPEAKER_MERGE = "speaker_merge", _("speaker merged")

    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    created = models.DateTimeField(_("when"), auto_now_add=True)
    # What it was about; kept as ids in ``before``/``after`` too, for when the row is gone.
    quote = models.ForeignKey(
        Quote,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quote"),
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=[
                        "quote_speaker",
                        "quote_kind",
                        "quote_span",
                        "quote_not_speech",
                        "quote_confirm",
                        "speaker_rename",
                        "speaker_merge",
                    ]
                ),
                name="curationlog_action_valid",
            ),
        ]
        indexes = [
            # The admin's list of corrections, newest first.
            models.Index(fields=["-created", "-id"], name="curationlog_recent_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created:%Y-%m-%d %H:%M})"


class ReadingStateQuerySet(models.QuerySet):
    def of(self, user):
        """The reader's own rows (none for an anonymous user)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class ReadingState(models.Model):
    """What one reader has done with one article, as in Readeck or Wallabag: read (set when
    they open it, undone with a button), a favourite, archived (hidden from their list unless
    they ask for the archive). No row: unread, no favourite, not archived. Per reader, so never
    part of what ``articles.shared`` caches for everyone; no trigger renews the reading
    revision for it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reading_states",
        verbose_name=_("reader"),
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    favourite = models.BooleanField(_("favourite"), default=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReadingStateQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-updated"]
        verbose_name = _("reading state")
        verbose_name_plural = _("reading states")
        constraints = [
            # One row per reader and article; its index also answers the list's "is this one
            # read / archived / a favourite of mine?" for each row (EXISTS by user and article).
            models.UniqueConstraint(fields=["user", "article"], name="readingstate_unique"),
        ]
        indexes = [
            # The reader's archive (the archive filter, and the archived ids that key their
            # list in the shared cache) and their favourites, from the index alone.
            models.Index(
                fields=["user", "article"],
                condition=Q(archived_at__isnull=False),
                name="readingstate_archived_idx",
            ),
            models.Index(
                fields=["user", "article"],
                condition=Q(favourite=True),
                name="readingstate_favourite_idx",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.article_id}"

    @property
    def read(self) -> bool:
        return self.read_at is not None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None
