"""Reads for the reading pages: each a fixed number of queries, however many rows there are."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape as _escape
from typing import NamedTuple
from urllib.parse import quote as url_quote

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.db.models.functions import Least, Substr
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from annotations.models import Annotation, ArticleTag
from articles import markup, search_text, shared, titles
from articles.models import (
    Article,
    Quote,
    ReadingState,
    Source,
    Speaker,
)

SPEAKER_COLOURS = 8
LEAD = object()  # marks the body's first sentence when the title repeats it (article_page)


@dataclass
class SpeakerInArticle:
    speaker: Speaker | None  # None: quotations nobody could be named for
    colour: int
    count: int = 0
    probable: int = 0  # of them, attributions the extractor guessed (Quote.uncertain)

    @property
    def only_probable(self) -> bool:
        """Every quotation here is a guess: the chip says "probably …" as the labels do."""
        return self.probable == self.count

    @property
    def key(self) -> str:
        return self.speaker.slug if self.speaker else ""


@dataclass
class ArticlePage:
    article: Article
    blocks: list[markup.Block]
    speakers: list[SpeakerInArticle]
    quotes: list[QuoteInArticle] = field(default_factory=list)
    body_html: SafeString = field(default_factory=SafeString)  # the blocks, rendered

    @property
    def reading_minutes(self) -> int:
        return markup.reading_minutes(len(self.article.body))


class ArticleVisit(NamedTuple):
    """What every request of an article page reads first (``article_visit``)."""

    id: int
    # The article's revision, its source's and the newest of its speakers' (articles.shared):
    # the cache keys of its shared part and of its neighbours.
    revision: int
    source_revision: int
    speakers_revision: int | None
    annotated: bool  # anybody's annotation on it (annotations.selectors.article_reader_parts)
    tagged: bool  # anybody's tag on it
    state: ReadingState | None  # the reader's


# One query: the revisions by the slug (the article page shows its speakers' names, so a rename
# renews the speakers, not each article), whether anybody annotated or tagged the article (one
# index probe each: most articles have neither), whether the reader has annotated anything
# (``shared.reader_probe``, for the header) and the reader's state of it.
ARTICLE_VISIT = (
    "SELECT a.id, a.revision, s.revision, (SELECT MAX(sp.revision) FROM articles_articlespeaker x"
    " JOIN articles_speaker sp ON sp.id = x.speaker_id WHERE x.article_id = a.id),"
    " EXISTS (SELECT 1 FROM {annotation} WHERE article_id = a.id),"
    " EXISTS (SELECT 1 FROM {tag} WHERE article_id = a.id),"
    " {probe}, r.id, r.read_at, r.favourite, r.archived_at, r.updated"
    " FROM articles_article a JOIN articles_source s ON s.id = a.source_id"
    " LEFT JOIN articles_readingstate r ON r.article_id = a.id AND r.user_id = %s"
    " WHERE a.slug = %s"
)


def article_visit(request, slug: str) -> ArticleVisit | None:
    """The revisions of the article ``slug``, whether it has annotations or tags and the
    reader's state of it (none for an anonymous reader), in one query, which asks
    ``shared.reader_probe`` too; None when there is no such article."""
    tables = [connection.ops.quote_name(m._meta.db_table) for m in (Annotation, ArticleTag)]
    user = request.user
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    column, probe = shared.reader_probe(request)
    sql = ARTICLE_VISIT.format(annotation=tables[0], tag=tables[1], probe=column)
    with connection.cursor() as cursor:  # without the ORM: every article page runs this
        cursor.execute(sql, [*probe, user_id, slug])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, revision, source_revision, speakers_revision, annotated, tagged, reader, state_id = row[:8]
    shared.reader_probed(request, reader)
    state = None
    if state_id is not None:
        read_at, favourite, archived_at, updated = row[8:]
        state = ReadingState(
            pk=state_id,
            user_id=user_id,
            article_id=pk,
            read_at=_aware(read_at),
            favourite=bool(favourite),
            archived_at=_aware(archived_at),
            updated=_aware(updated),
        )
    return ArticleVisit(
        pk, revision, source_revision, speakers_revision, bool(annotated), bool(tagged), state
    )


def _aware(value: datetime | None) -> datetime | None:
    """A time a cursor read, as the ORM gives it: SQLite's come naive, in the connection's
    time zone."""
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, connection.timezone)
    return value


@dataclass(slots=True)
class QuoteInArticle:
    """A quotation as the article page marks it (``article_page``), read as values: no
    ``Quote`` instances (50 of them, with their speakers, cost more than their query)."""

    pk: int
    start: int
    end: int
    kind: str
    speaker: Speaker | None  # with its name, slug and role (the rest deferred)
    reviewed: bool  # Quote.reviewed
    uncertain: bool  # Quote.uncertain
    counted: bool  # not inside another quotation of the same speaker (articles.derived)
    colour: int = 0


# The article's fields its page shows (the rest deferred: read if asked for) and its source's.
ARTICLE_FIELDS = ("id", "source_id", "title", "slug", "date", "date_precision", "language", "body")
SOURCE_FIELDS = ("id", "name", "slug")
SPEAKER_FIELDS = ("id", "name", "slug", "role")
# The spoken quotations of an article in the order of the text, with their speakers.
ARTICLE_QUOTES = (
    'SELECT q.id, q.start, q."end", q.kind, q.confidence, q.review, q.counted, {speaker}'
    " FROM articles_quote q LEFT JOIN articles_speaker sp ON sp.id = q.speaker_id"
    " WHERE q.article_id = %s AND q.kind IN (%s, %s) ORDER BY q.start"
)


def _fields(model, names: tuple[str, ...]) -> list[str]:
    """``names`` in the model's order of fields (``Model.from_db`` takes its values so)."""
    return [f.attname for f in model._meta.concrete_fields if f.attname in names]


def article_page(*, slug: str) -> ArticlePage:
    """An article with its quotations marked, the speakers quoted and its neighbours.

    Two queries without the ORM (through it, building them and their model instances cost
    three times what they take): the article with its source, its quotations with their
    speakers (``article_neighbours`` finds the previous and the next article from the same
    source). Http404 for an unknown slug.
    """
    article_names, source_names = _fields(Article, ARTICLE_FIELDS), _fields(Source, SOURCE_FIELDS)
    speaker_names = _fields(Speaker, SPEAKER_FIELDS)
    quote = connection.ops.quote_name
    columns = [f"a.{quote(name)}" for name in article_names]
    columns += [f"s.{quote(name)}" for name in source_names]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM articles_article a"
            " JOIN articles_source s ON s.id = a.source_id WHERE a.slug = %s",
            [slug],
        )
        row = cursor.fetchone()
        if row is None:
            raise Http404(f"No article {slug!r}.")
        article = Article.from_db(connection.alias, article_names, row[: len(article_names)])
        article.source = Source.from_db(connection.alias, source_names, row[len(article_names) :])
        speaker_columns = ", ".join(f"sp.{quote(name)}" for name in speaker_names)
        cursor.execute(ARTICLE_QUOTES.format(speaker=speaker_columns), [article.pk, *Quote.SPOKEN])
        rows = cursor.fetchall()
    machine, guessed = Quote.Review.MACHINE, Quote.guessed
    found: dict[int, Speaker] = {}  # one instance per speaker
    quotes = []
    for pk, start, end, kind, confidence, review, counted, speaker_id, *speaker in rows:
        if speaker_id is not None and speaker_id not in found:
            found[speaker_id] = Speaker.from_db(
                connection.alias, speaker_names, [speaker_id, *speaker]
            )
        quotes.append(
            QuoteInArticle(
                pk,
                start,
                end,
                kind,
                found.get(speaker_id),
                review != machine,
                guessed(kind, confidence, review),
                bool(counted),
            )
        )
    speakers: dict[int | None, SpeakerInArticle] = {}
    for quote in quotes:
        speaker = quote.speaker
        key = speaker.pk if speaker else None
        entry = speakers.get(key)
        if entry is None:
            entry = speakers[key] = SpeakerInArticle(speaker, len(speakers) % SPEAKER_COLOURS)
        quote.colour = entry.colour
        if not quote.counted:
            continue  # marked in the text, counted with the quotation around it
        entry.count += 1
        if speaker is not None and quote.uncertain:
            entry.probable += 1
    spans = [markup.Span(quote.start, quote.end, quote) for quote in quotes]
    lead = titles.lead_span(article.body, article.title)
    lead_class = "lead-sentence"
    if lead is not None:
        # The title is the body's whole first sentence: the sentence stays in the text (quotes
        # and annotations index it by offsets) but is not read twice: hidden when it holds no
        # quotation (static/js/annotate.js shows it again when a reader's annotation touches
        # it), else set apart by its colour.
        spans.append(markup.Span(*lead, data=LEAD))
        if not any(q.start < lead[1] and q.end > lead[0] for q in quotes):
            lead_class += " lead-hidden"
    blocks = markup.blocks(article.body, spans)
    labels = {
        "unknown": gettext("Unknown speaker"),
        "probably": gettext("probably %(name)s"),
        "reviewed": gettext("%(label)s ✓"),
        "reviewed_title": gettext("Confirmed by a person"),
    }

    def open_tag(token: markup.Token) -> str:
        if token.span.data is LEAD:
            return f'<span class="{lead_class}">'
        return _quote_tag(token, labels)

    return ArticlePage(
        article=article,
        blocks=blocks,
        body_html=mark_safe(markup.to_html(blocks, open_tag)),
        speakers=sorted(
            speakers.values(), key=lambda s: (s.speaker is None, -s.count, str(s.speaker))
        ),
        quotes=quotes,
    )


def _quote_tag(token: markup.Token, labels: dict[str, str]) -> str:
    """The opening ``<span>`` of a piece of a quotation: its colour, kind, offsets and speaker
    for static/js/reader.js and annotate.js; on its first piece the id the speaker page links
    to and the label. Everything from the database is escaped. An attribution the extractor
    was unsure of, and no person confirmed, says "probably …"."""
    quote: QuoteInArticle = token.span.data
    speaker = quote.speaker
    classes = f"quote c{quote.colour}"
    uncertain = speaker is not None and quote.uncertain
    if speaker is None:
        classes += " c-none"
    if uncertain:
        classes += " quote-uncertain"
    if quote.kind == "indirect":
        classes += " quote-indirect"
    if quote.reviewed:
        classes += " quote-reviewed"
    tag = f'<span class="{classes}"'
    if token.first:
        tag += f' id="q{quote.pk}"'
    tag += (
        f' data-quote-id="{quote.pk}" data-start="{token.start}" data-end="{token.end}"'
        f' data-speaker="{_escape(speaker.slug) if speaker else ""}"'
        f' data-kind="{_escape(quote.kind)}"'
    )
    if token.first:
        if speaker is None:
            label = labels["unknown"]
        elif uncertain:
            label = labels["probably"] % {"name": speaker.name}
        else:
            label = speaker.name
        if quote.reviewed:  # the visible mark of a person's review
            label = labels["reviewed"] % {"label": label}
            tag += f' title="{_escape(labels["reviewed_title"])}"'
        tag += f' data-label="{_escape(label)}"'
    return tag + ">"


# The article from the same source just before and the one just after, by date then id, in one
# query: each a date range minus the same-date rows on the wrong side, so that PostgreSQL walks
# the (source, date) index and stops at the first row. Without the ORM: a union of two ordered,
# limited selects is not a queryset SQLite can run, and two querysets cost 1 ms each to build.
NEIGHBOURS = (
    "SELECT * FROM (SELECT id, slug, title, 0 FROM articles_article"
    " WHERE source_id = %(source)s AND date <= %(date)s AND NOT (date = %(date)s AND id >= %(id)s)"
    " ORDER BY date DESC, id DESC LIMIT 1) AS previous"
    " UNION ALL SELECT * FROM (SELECT id, slug, title, 1 FROM articles_article"
    " WHERE source_id = %(source)s AND date >= %(date)s AND NOT (date = %(date)s AND id <= %(id)s)"
    " ORDER BY date, id LIMIT 1) AS following"
)


def article_neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The articles from the same source just before and just after this one (one query; each
    with its id, slug and title)."""
    params = {
        "source": article.source_id,
        "date": connection.ops.adapt_datefield_value(article.date),
        "id": article.pk,
    }
    found: list[Article | None] = [None, None]
    with connection.cursor() as cursor:
        cursor.execute(NEIGHBOURS, params)
        for pk, slug, title, newer in cursor.fetchall():
            found[newer] = Article(pk=pk, slug=slug, title=title, source_id=article.source_id)
    return found[0], found[1]


# --- The article list --------------------------------------------------------------------------


class QuotedSpeaker(NamedTuple):
    """A speaker in an article row: what the link needs, without a model instance."""

    name: str
    slug: str
    url: str
    probable: bool = False  # every attribution to them in the article is a guess


@dataclass
class ArticleRow:
    article: Article
    speakers: list[QuotedSpeaker]  # the most quoted first
    passage: list[tuple[str, bool]]  # the matching passage on a search, (text, marked) parts
    url: str = ""
    source_url: str = ""

    @property
    def reading_minutes(self) -> int:
        return markup.reading_minutes(self.article.body_length)


def slug_url(viewname: str) -> Callable[[str], str]:
    """``slug -> reverse(viewname, kwargs={"slug": slug})`` with one reverse() for all slugs:
    a page of 20 rows links to some 200 speakers, articles and sources, and reverse() costs
    more than the rest of a row. A slug (``[-a-zA-Z0-9_]``) needs no quoting, and quoting
    the 200 cost 0.5 ms: anything else in the column (written around the forms) is quoted."""
    marker = "slug"
    head, tail = reverse(viewname, kwargs={"slug": marker}).rsplit(marker, 1)

    def url(slug: str) -> str:
        plain = _PLAIN_SLUG(slug)
        return f"{head}{slug if plain else url_quote(slug, safe='')}{tail}"

    return url


_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+").fullmatch


# The speakers each of a page's articles quotes, unordered (each row's are sorted below; the
# Meta ordering joined the articles for nothing), and on a search their bodies, for the
# passages: one query by cursor, where two querysets cost 1.5 ms to build and read.
ROW_SPEAKERS = (
    "SELECT x.article_id, s.name, s.slug, x.quote_count, x.probable_count"
    " FROM articles_articlespeaker x JOIN articles_speaker s ON s.id = x.speaker_id"
    " WHERE x.article_id IN ({ids})"
)
ROW_BODIES = (
    " UNION ALL SELECT id, body, NULL, NULL, NULL FROM articles_article WHERE id IN ({ids})"
)


def article_rows(articles: Sequence[Article], *, search: str = "") -> list[ArticleRow]:
    """A page of ``Article.objects.listed()`` with the speakers each quotes and, on a search,
    the matching passage (``search_text.passage``, on either database: PostgreSQL's
    ``ts_headline`` parsed every body again, 3 ms for 20). One query at most, for any number
    of articles."""
    ids = [int(article.pk) for article in articles]
    speakers: dict[int, list[tuple[int, QuotedSpeaker]]] = defaultdict(list)
    passages: dict[int, list[tuple[str, bool]]] = {}
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        sql, params = ROW_SPEAKERS.format(ids=marks), ids
        query = search_text.parse(search) if search else None
        if search:
            sql, params = sql + ROW_BODIES.format(ids=marks), ids + ids
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        speaker_url = slug_url("articles:speaker")
        for article_id, name, slug, count, probable in rows:
            if slug is None:  # a body
                passages[article_id] = search_text.passage(name, query)
                continue
            speaker = QuotedSpeaker(name, slug, speaker_url(slug), probable=probable == count)
            speakers[article_id].append((count, speaker))
    article_url, source_url = slug_url("articles:detail"), slug_url("articles:source")
    return [
        ArticleRow(
            article=article,
            speakers=[
                speaker
                for _count, speaker in sorted(
                    speakers[article.pk], key=lambda p: (-p[0], p[1].name)
                )
            ],
            passage=passages.get(article.pk, []),
            url=article_url(article.slug),
            source_url=source_url(article.source.slug),
        )
        for article in articles
    ]


# --- The reader's own state ---------------------------------------------------------------------


def reading_states(user, article_ids) -> dict[int, ReadingState]:
    """The reader's state of each of these articles that has one, by article id (one query;
    none for an anonymous reader or no articles)."""
    ids = list(article_ids)
    if not ids or not getattr(user, "is_authenticated", False):
        return {}
    return {
        state.article_id: state
        for state in ReadingState.objects.of(user).filter(article_id__in=ids)
    }


class ReadingFlags(NamedTuple):
    """A reader's state of an article as the list's controls show it (what ``ReadingState``
    answers too)."""

    read: bool
    favourite: bool
    archived: bool


def reading_flags(user, article_ids) -> dict[int, ReadingFlags]:
    """``reading_states`` for a list's rows, as flags: one query without the ORM, which cost
    1.2 ms on every request of the list where the SQL by cursor takes 0.2."""
    ids = [int(pk) for pk in article_ids]
    if not ids or not getattr(user, "is_authenticated", False):
        return {}
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT article_id, read_at IS NOT NULL, favourite, archived_at IS NOT NULL"
            f" FROM articles_readingstate WHERE user_id = %s AND article_id IN ({marks})",
            [user.pk, *ids],
        )
        rows = cursor.fetchall()
    return {pk: ReadingFlags(bool(r), bool(f), bool(a)) for pk, r, f, a in rows}


class ReaderStates(NamedTuple):
    archived: list[int]  # the ids of the reader's archived articles, in order
    # The number of articles, when asked for: the sum of ``Source.article_count``, which
    # ``articles.derived`` keeps (counting them read every row's index entry: 2.3 ms at 100k).
    articles: int | None = None
    # Every state of the reader by article, when they have at most ``READER_FLAGS`` (most
    # readers): a list's rows need no query of their own for them (``reading_flags``). None:
    # more, or not asked.
    flags: dict[int, ReadingFlags] | None = None


# The most states ``reader_states`` reads whole: a reader with more gets the states of a
# list's rows by a query of its own (``reading_flags``).
READER_FLAGS = 100

# The reader's archived articles from the index "readingstate_archived_idx" (kind 0), and up to
# READER_FLAGS + 1 of their states (kind 1: the article and the three flags as bits, read 4,
# favourite 2, archived 1) from "readingstate_unique". Three columns: the kind, a number and
# the bits, as the parts ``reader_states`` adds. (The limit in a subquery: SQLite takes no
# parenthesised SELECT in a UNION.)
READER_STATES = (
    "SELECT 0, article_id, NULL FROM articles_readingstate"
    " WHERE user_id = %s AND archived_at IS NOT NULL"
    " UNION ALL SELECT 1, article_id, bits FROM (SELECT article_id,"
    " CASE WHEN read_at IS NULL THEN 0 ELSE 4 END + CASE WHEN favourite THEN 2 ELSE 0 END"
    " + CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END AS bits"
    " FROM articles_readingstate WHERE user_id = %s LIMIT {limit}) AS mine"
)


def reader_states(user, request=None, *, articles: bool = False) -> ReaderStates:
    """Which articles the reader's list leaves out (their archived ones, part of its key in the
    shared cache), and for a reader with few reading states (most have none until they open an
    article) every state (``ReaderStates.flags``): then a page's rows need no query for theirs.
    One query without the ORM (0.2 ms where the ORM's took 0.7); given the ``request``, the
    same query reads its reading revision too (``shared.revision``, kind 2), which the list
    needs next, and whether the reader has annotations (``shared.reader_probe``, kind 3),
    which the header asks; with ``articles``, the number of articles (kind 4)."""
    if not getattr(user, "is_authenticated", False):
        return ReaderStates([], flags={})
    sql, params = READER_STATES.format(limit=READER_FLAGS + 1), [user.pk, user.pk]
    revision = request is not None and not shared.revision_known(request)
    if revision:
        sql += f" UNION ALL SELECT 2, {shared.REVISION[connection.vendor]}, NULL"
    if request is not None:
        column, probe = shared.reader_probe(request)
        sql += f" UNION ALL SELECT 3, 1, NULL WHERE {column}"
        params += probe
    if articles:
        sql += " UNION ALL SELECT 4, COALESCE(SUM(article_count), 0), NULL"
        sql += " FROM articles_source"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    archived = sorted(number for kind, number, _bits in rows if kind == 0)
    if revision:
        shared.revision_keep(request, next(number for kind, number, _ in rows if kind == 2))
    if request is not None:
        shared.reader_probed(request, any(kind == 3 for kind, _number, _bits in rows))
    total = next((number for kind, number, _bits in rows if kind == 4), None)
    states = [(number, bits) for kind, number, bits in rows if kind == 1]
    flags = None
    if len(states) <= READER_FLAGS:
        flags = {pk: ReadingFlags(bool(b & 4), bool(b & 2), bool(b & 1)) for pk, b in states}
    return ReaderStates(archived, total, flags)


# --- The research export -----------------------------------------------------------------------

EXPORT_FIELDS = (
    "article_id",
    "article__slug",
    "article__title",
    "article__date",
    "article__date_precision",
    "article__source__name",
    "pk",
    "start",
    "end",
    "quoted_text",
    "kind",
    "cue",
    "speaker__name",
    "speaker__kind",
    "speaker__role",
    "confidence",
    "review",
)
EXPORT_CHUNK = 2000


def quotes_for_export(articles, *, chunk_size: int = EXPORT_CHUNK) -> Iterator[tuple]:
    """Every quotation of these articles (all kinds), newest article first and in the order of
    the text, as tuples of ``EXPORT_FIELDS``: read ``chunk_size`` rows at a time (a server-side
    cursor on PostgreSQL), with the quoted text cut from the body in the database, so that
    neither the bodies nor all the rows are ever in memory at once."""
    quotes = (
        Quote.objects.filter(article__in=articles.order_by().values("pk"))
        .annotate(quoted_text=Substr("article__body", F("start") + 1, F("end") - F("start")))
        .order_by("-article__date", "-article_id", "start", "pk")
        .values_list(*EXPORT_FIELDS)
    )
    return quotes.iterator(chunk_size=chunk_size)


# --- Speakers and sources ----------------------------------------------------------------------


class SpeakerQuote(NamedTuple):
    """A quotation on a speaker's page (``SpeakerQuotes``): what its row shows
    (``reading.quote_rows``), read as values, not as a quotation, its article and its source."""

    pk: int
    quoted_text: str  # cut from the body in the database: no body is read
    kind: str
    reviewed: bool  # Quote.reviewed
    uncertain: bool  # Quote.uncertain
    article_slug: str
    article_title: str
    language: str  # the article's
    date: date
    date_precision: str
    source_name: str


# A page of a speaker's quotations, newest first (``Quote.Meta``'s index "quote_speaker_page_idx"
# in its order): the page's quotations found first (in the index alone), then their articles and
# sources: an OFFSET over the joined rows would read every skipped quotation's article.
SPEAKER_QUOTES = (
    'SELECT q.id, SUBSTR(a.body, q.start + 1, q."end" - q.start), q.kind, q.review,'
    " q.confidence, a.slug, a.title, a.language, a.date, a.date_precision, s.name"
    ' FROM (SELECT id, article_id, start, "end", kind, review, confidence, article_date'
    " FROM articles_quote WHERE counted AND speaker_id = %s"
    " ORDER BY article_date DESC, article_id DESC, start LIMIT %s OFFSET %s) q"
    " JOIN articles_article a ON a.id = q.article_id JOIN articles_source s ON s.id = a.source_id"
    " ORDER BY q.article_date DESC, q.article_id DESC, q.start"
)


class SpeakerQuotes:
    """A speaker's quotations across articles, newest first, as the paginator slices them: each
    slice one query without the ORM, read as ``SpeakerQuote`` values (through the ORM, building
    the query and 150 model instances for a page of 50 cost more than the query). A quotation
    inside another of theirs is listed once, as the outer one (``Quote.counted``). Its length is
    ``Speaker.quote_count``, which ``articles.derived`` keeps."""

    def __init__(self, speaker: Speaker):
        self.speaker_id = speaker.pk
        self.count = speaker.quote_count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: slice) -> list[SpeakerQuote]:
        start, stop, _step = index.indices(self.count)
        if stop <= start:
            return []
        with connection.cursor() as cursor:
            cursor.execute(SPEAKER_QUOTES, [self.speaker_id, stop - start, start])
            rows = cursor.fetchall()
        machine, guessed = Quote.Review.MACHINE, Quote.guessed
        return [
            SpeakerQuote(
                pk, text, kind, review != machine, guessed(kind, confidence, review), *article
            )
            for pk, text, kind, review, confidence, *article in rows
        ]


def speaker_aliases(speaker: Speaker) -> list[str]:
    """The speaker's other names, in their order (one query without the ORM: 0.1 ms where the
    ORM's took 0.7 on every speaker page made anew)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM articles_speakeralias WHERE speaker_id = %s ORDER BY name",
            [speaker.pk],
        )
        return [name for (name,) in cursor.fetchall()]


# How much of a quotation the staff's list of corrections shows.
QUOTE_EXCERPT = 90


def quotes_to_correct(article_id: int) -> list[Quote]:
    """The article's quotations (not the marks that are not speech) in the order of the text,
    each with its speaker and the first ``QUOTE_EXCERPT`` characters of its text as
    ``quoted_text`` (``cut`` when there is more): the staff's list of links to the
    correction pages, which works without JavaScript. One query."""
    length = Least(F("end") - F("start"), QUOTE_EXCERPT)
    quotes = list(
        Quote.objects.filter(article_id=article_id)
        .exclude(kind=Quote.Kind.NOT_SPEECH)
        .select_related("speaker")
        .only("start", "end", "kind", "review", "speaker__name")
        .annotate(quoted_text=Substr("article__body", F("start") + 1, length))
        .order_by("start", "pk")
    )
    for quote in quotes:
        quote.cut = quote.end - quote.start > QUOTE_EXCERPT
    return quotes


class SourceArticles:
    """An outlet's articles, newest first, as ``Article.objects.listed()`` gives them (with
    ``body_length``) and as the paginator slices them: each slice one query without the ORM
    (1.7 ms to build and read 20 rows through it, 0.5 ms so). Each article has the fields its
    row shows (the rest deferred: read if asked for) and ``source``, the outlet. Its length is
    ``Source.article_count``, which ``articles.derived`` keeps."""

    # What a row shows (articles.selectors.article_rows, reading.article_row) and its revision.
    FIELDS = ("id", "source_id", "title", "slug", "date", "date_precision", "language", "revision")
    # From this many rows in, a page's ids are found first: OFFSET over whole rows reads (and
    # measures the body of) every skipped row.
    DEFERRED_FROM = 100

    def __init__(self, source: Source):
        self.source = source
        self.count = source.article_count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: slice) -> list[Article]:
        start, stop, _step = index.indices(self.count)
        if stop <= start:
            return []
        # In the model's order of fields: Model.from_db takes the values so.
        names = [f.attname for f in Article._meta.concrete_fields if f.attname in self.FIELDS]
        columns = ", ".join(f"a.{connection.ops.quote_name(name)}" for name in names)
        if start < self.DEFERRED_FROM:
            sql = (
                f"SELECT {columns}, LENGTH(a.body) FROM articles_article a WHERE a.source_id = %s"
                " ORDER BY a.date DESC, a.id DESC LIMIT %s OFFSET %s"
            )
        else:  # the page's ids first, from the index alone, then their rows (CappedPaginator)
            sql = (
                f"SELECT {columns}, LENGTH(a.body) FROM (SELECT id, date FROM articles_article"
                " WHERE source_id = %s ORDER BY date DESC, id DESC LIMIT %s OFFSET %s) page"
                " JOIN articles_article a ON a.id = page.id ORDER BY page.date DESC, page.id DESC"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.source.pk, stop - start, start])
            rows = cursor.fetchall()
        articles = []
        for *values, length in rows:
            article = Article.from_db(connection.alias, names, values)
            article.source = self.source
            article.body_length = length
            articles.append(article)
        return articles


class TopSpeaker(NamedTuple):
    """One of the speakers an outlet quotes most (``source_top_speakers``)."""

    name: str
    slug: str
    quote_count: int  # in the outlet's articles


def source_top_speakers(source: Source, *, limit: int = 10) -> list[TopSpeaker]:
    """The speakers an outlet quotes most, with how often (``quote_count``; a quotation inside
    another of theirs counted once), from the counts ``articles.derived`` keeps
    (``SourceSpeaker``), in the name order among equal counts. One query without the ORM (1.1
    ms through it, 0.3 so): PostgreSQL reads the index "sourcespeaker_top_idx" in its order and
    sorts only the rows of each count it reaches (an incremental sort), some ``limit`` rows of
    an outlet's hundreds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.name, s.slug, x.quote_count FROM articles_sourcespeaker x"
            " JOIN articles_speaker s ON s.id = x.speaker_id WHERE x.source_id = %s"
            " ORDER BY x.quote_count DESC, s.name LIMIT %s",
            [source.pk, limit],
        )
        return [TopSpeaker(*row) for row in cursor.fetchall()]


def speaker_suggestions(text: str, *, limit: int = 10, quoted: bool = False) -> list[dict]:
    """Speakers whose name or one of whose aliases contains ``text``, the most quoted first
    (with ``quoted``, only those quoted at all): the suggestions of the speaker fields (one
    query)."""
    text = " ".join(text.split())[:200]
    if not text:
        return []
    speakers = Speaker.objects.quoted() if quoted else Speaker.objects.all()
    speakers = (
        speakers.matching(text)
        .order_by("-quote_count", "name")
        .values("pk", "name", "slug", "role", "quote_count")[:limit]
    )
    return [
        {
            "id": row["pk"],
            "name": row["name"],
            "slug": row["slug"],
            "role": row["role"],
            "quotes": row["quote_count"],
        }
        for row in speakers
    ]
