"""What the reading pages read instead of counting, kept in step by every writer.

A page must not count 741,000 quotations to show an outlet's ten most quoted speakers, nor walk
3,000 articles to find a speaker's newest 50 quotations. So these are kept as data, updated in
the transaction that changes the quotations (``articles_changed``):

- ``Quote.counted`` (spoken, and not inside another spoken quotation of the same speaker) and
  ``Quote.article_date``: the speaker page reads its index in order;
- ``ArticleSpeaker``: how often each speaker is quoted in each article;
- ``SourceSpeaker``, ``Speaker.quote_count``/``article_count`` and ``Source.article_count``:
  sums of the above, changed by the difference an article's new rows make to its old ones;
- the ``revision`` of the articles, speakers and sources whose pages changed: the pages are
  cached under them (``articles.shared``), so one edit renews what it touched and nothing else.
  A change to the rows themselves (a title, a name) renews them and the pages that show them
  through database triggers (migration 0011), whoever writes: these are the changes to what
  is derived.

The work is bounded by the articles changed, never by the size of the database. The services
call ``articles_changed`` after they write quotations (the import, corrections, merges, the
admin), or ``articles_created`` for a batch of new articles written with their flags (the
batched import); ``signals`` handle creations, deletions and an article's move to another date or
source. A write around them (``Quote.objects.update()`` in a shell) must call
``articles_changed`` itself, or ``manage.py rebuild_derived`` afterwards, which recomputes
everything (``rebuild``).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping

from django.db import connection, transaction

from articles.models import (
    Article,
    ArticleSpeaker,
    Quote,
    Source,
    SourceSpeaker,
    Speaker,
    new_revision,
)
from articles.rows import rows_insert

ARTICLE_SPEAKER_FIELDS = (
    "article_id",
    "speaker_id",
    "source_id",
    "date",
    "quote_count",
    "probable_count",
)

CHUNK = 500  # ids per statement: SQLite allows 32,766 parameters, this stays far below


def counted_flags(quotes: list[tuple[int, int, int, int | None, str]]) -> set[int]:
    """The ids of the counted quotations of one article, from ``(id, start, end, speaker_id,
    kind)``: spoken, and not inside another spoken quotation of the same speaker (the rule of
    ``models.nested_quote``; a quotation nobody is named for is never inside another)."""
    counted, outer_end = set(), {}
    spoken = [q for q in quotes if q[4] in Quote.SPOKEN]
    for pk, _start, end, speaker, _kind in sorted(spoken, key=lambda q: (q[1], -q[2], q[0])):
        if speaker is not None and end <= outer_end.get(speaker, -1):
            continue
        counted.add(pk)
        if speaker is not None:
            outer_end[speaker] = max(end, outer_end.get(speaker, -1))
    return counted


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


@transaction.atomic
def articles_changed(article_ids: Iterable[int]) -> None:
    """Bring what is derived from these articles' quotations up to date; call in the
    transaction that wrote them, after the writes. Articles that no longer exist are skipped
    (``article_deleted`` took theirs away)."""
    ids = sorted(set(article_ids))
    for chunk in _chunks(ids):
        _articles_changed(chunk)


def _articles_changed(ids: list[int]) -> None:
    articles = {
        pk: (source_id, date, counted_in)
        for pk, source_id, date, counted_in in Article.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "source_id", "date", "counted_in")
    }
    if not articles:
        return
    ids = sorted(articles)
    by_article: dict[int, list] = {pk: [] for pk in ids}
    rows = (
        Quote.objects.filter(article_id__in=ids)
        .order_by()
        .values_list(
            "pk",
            "article_id",
            "start",
            "end",
            "speaker_id",
            "kind",
            "confidence",
            "review",
            "counted",
            "article_date",
        )  # fmt: skip
    )
    for row in rows:
        by_article[row[1]].append(row)

    counted_by_article, stale, new_rows = {}, [], []
    for pk, quotes in by_article.items():
        source_id, date, _counted_in = articles[pk]
        counted = counted_flags([(q[0], q[2], q[3], q[4], q[5]) for q in quotes])
        counted_by_article[pk] = counted
        if any((q[0] in counted) != q[8] or q[9] != date for q in quotes):
            stale.append(pk)
        new_rows += _speaker_rows(
            pk, source_id, date, [(q[4], q[5], q[6], q[7]) for q in quotes if q[0] in counted]
        )
    if stale:
        _flags_update(sorted(set(stale)), counted_by_article)

    old_rows = list(
        ArticleSpeaker.objects.filter(article_id__in=ids)
        .order_by()
        .values_list("source_id", "speaker_id", "quote_count")
    )
    ArticleSpeaker.objects.filter(article_id__in=ids).delete()
    _totals_add(old_rows, new_rows, {pk: (a[0], a[2]) for pk, a in articles.items()}, ids)


def articles_created(
    articles: Mapping[int, tuple[int, datetime.date]], quotes: Iterable[tuple]
) -> None:
    """What ``articles_changed`` does for new articles, knowing that they are new: no rows of
    theirs to read back or take away. ``articles``: each one's source and date; ``quotes``:
    every quotation of theirs as ``(article_id, speaker_id, kind, confidence, counted)``,
    written with ``counted`` and ``article_date`` as ``counted_flags`` sets them, by the
    machine (not reviewed); the articles written with ``counted_in`` = their source. Call in
    the transaction that wrote them. The same rows, counts and flags as ``articles_changed``
    (a test compares them)."""
    by_article: dict[int, list] = {pk: [] for pk in articles}
    for article_id, speaker_id, kind, confidence, counted in quotes:
        if counted:
            by_article[article_id].append((speaker_id, kind, confidence, Quote.Review.MACHINE))
    new_rows = []
    for pk in sorted(articles):
        source_id, date = articles[pk]
        new_rows += _speaker_rows(pk, source_id, date, by_article[pk])
    sources = {pk: (source_id, None) for pk, (source_id, _date) in articles.items()}
    _totals_add([], new_rows, sources, None)


def _speaker_rows(pk: int, source_id: int, date, counted: list[tuple]) -> list[tuple]:
    """The ``ArticleSpeaker`` rows of an article (values of ``ARTICLE_SPEAKER_FIELDS``), from
    its counted quotations as ``(speaker_id, kind, confidence, review)``."""
    per_speaker: Counter = Counter()
    probable: Counter = Counter()
    for speaker, kind, confidence, review in counted:
        if speaker is not None:
            per_speaker[speaker] += 1
            guessed = kind == Quote.Kind.DIRECT and confidence < Quote.CERTAIN
            probable[speaker] += guessed and review == Quote.Review.MACHINE
    return [
        (pk, speaker, source_id, date, count, probable[speaker])
        for speaker, count in sorted(per_speaker.items())
    ]


def _totals_add(
    old_rows: list[tuple[int, int, int]],
    new_rows: list[tuple],
    articles: Mapping[int, tuple[int, int | None]],
    renewed: list[int] | None,
) -> None:
    """Write ``new_rows`` (the old ones deleted already), add the differences to the sums, and
    give the rows they touch, and the articles ``renewed``, a new revision and their source as
    ``counted_in``. ``articles``: each article's source and the source it was counted in."""
    rows_insert(ArticleSpeaker, ARTICLE_SPEAKER_FIELDS, new_rows)
    pairs, speakers = _differences(old_rows, new_rows)
    sources: Counter = Counter()  # source -> articles
    touched_sources = set()
    for source_id, counted_in in articles.values():
        touched_sources.add(source_id)
        if counted_in != source_id:
            sources[source_id] += 1
            if counted_in is not None:
                sources[counted_in] -= 1
                touched_sources.add(counted_in)
    revision = new_revision()
    _add_pairs(pairs)
    _add_counts(Speaker, speakers, ("quote_count", "article_count"), revision)
    _add_counts(
        Source,
        {pk: [sources[pk]] for pk in touched_sources},
        ("article_count",),
        revision,
    )
    if not renewed:
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(renewed):
            cursor.execute(
                f"UPDATE {Article._meta.db_table} SET revision = %s, counted_in = source_id "
                f"WHERE id IN ({', '.join(['%s'] * len(chunk))})",
                [revision, *chunk],
            )


def _differences(old_rows: list[tuple[int, int, int]], new_rows: list[tuple]):
    """What replacing ``old_rows`` (source, speaker, quotations) by ``new_rows`` (of
    ``ARTICLE_SPEAKER_FIELDS``) changes: per (source, speaker) the quotations, per speaker
    [quotations, articles]."""
    pairs: Counter = Counter()
    speakers: dict[int, list[int]] = {}
    changes = [(source, speaker, -count, -1) for source, speaker, count in old_rows] + [
        (source, speaker, count, 1) for _article, speaker, source, _date, count, _p in new_rows
    ]
    for source_id, speaker_id, count, article in changes:
        pairs[source_id, speaker_id] += count
        entry = speakers.setdefault(speaker_id, [0, 0])
        entry[0] += count
        entry[1] += article
    return pairs, speakers


def _flags_update(article_ids: list[int], counted: dict[int, set[int]]) -> None:
    """Set ``counted`` and ``article_date`` of these articles' quotations: one statement per
    100 articles (a bulk_update of each row would build a CASE per row)."""
    quote, article = Quote._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        for i in range(0, len(article_ids), 100):
            chunk = article_ids[i : i + 100]
            ids = sorted(pk for article_id in chunk for pk in counted[article_id])
            in_counted = f"id IN ({', '.join(['%s'] * len(ids))})" if ids else "1 = 0"
            cursor.execute(
                f"UPDATE {quote} SET counted = ({in_counted}), article_date = "
                f"(SELECT a.date FROM {article} a WHERE a.id = {quote}.article_id) "
                f"WHERE article_id IN ({', '.join(['%s'] * len(chunk))})",
                [*ids, *chunk],
            )


def _add_pairs(pairs: Counter) -> None:
    """Add each difference to ``SourceSpeaker``, in key order (two writers lock rows in the
    same order: no deadlock), and drop the pairs that fall to nothing."""
    changes = sorted((key, delta) for key, delta in pairs.items() if delta)
    if not changes:
        return
    table = SourceSpeaker._meta.db_table
    with connection.cursor() as cursor:
        for i in range(0, len(changes), CHUNK):
            part = changes[i : i + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} (source_id, speaker_id, quote_count) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(part))
                + f" ON CONFLICT (source_id, speaker_id) DO UPDATE SET "
                f"quote_count = {table}.quote_count + excluded.quote_count",
                [value for (source, speaker), delta in part for value in (source, speaker, delta)],
            )
        # Only a pair that lost quotations can fall to nothing (never one of new articles).
        speakers = sorted({speaker for (_source, speaker), delta in changes if delta < 0})
        for chunk in _chunks(speakers):
            cursor.execute(
                f"DELETE FROM {table} WHERE quote_count <= 0 "
                f"AND speaker_id IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def _add_counts(model, deltas: dict[int, list[int]], fields: tuple[str, ...], revision: int):
    """Add ``deltas`` (per row id, one value per field) to the rows' counters and give each
    row the ``revision``: one statement per chunk, rows locked in id order first."""
    ids = sorted(deltas)
    if not ids:
        return
    table = model._meta.db_table
    names = ", ".join(fields)
    sets = ", ".join(f"{field} = {table}.{field} + v.{field}" for field in fields)
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            if connection.features.has_select_for_update:
                cursor.execute(
                    f"SELECT id FROM {table} WHERE id IN ({marks}) ORDER BY id FOR UPDATE", chunk
                )
            values = ", ".join(["(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"] * len(chunk))
            cursor.execute(
                f"WITH v(id, {names}) AS (VALUES {values}) "
                f"UPDATE {table} SET {sets}, revision = %s FROM v WHERE {table}.id = v.id",
                [value for pk in chunk for value in (pk, *deltas[pk])] + [revision],
            )


def article_deleted(article: Article) -> None:
    """Take away what an article about to be deleted added (``signals``)."""
    rows = list(
        ArticleSpeaker.objects.filter(article_id=article.pk).values_list(
            "source_id", "speaker_id", "quote_count"
        )
    )
    pairs, speakers = _differences(rows, [])
    ArticleSpeaker.objects.filter(article_id=article.pk).delete()
    revision = new_revision()
    _add_pairs(pairs)
    _add_counts(Speaker, speakers, ("quote_count", "article_count"), revision)
    counted_in = Article.objects.filter(pk=article.pk).values_list("counted_in", flat=True).first()
    if counted_in is not None:
        _add_counts(Source, {counted_in: [-1]}, ("article_count",), revision)


def article_created(article: Article) -> None:
    """A new article saved one by one (``signals``; ``Article.objects.create()``, the admin, a
    shell): counted in its source at once, so that the lists' count (the sum of
    ``Source.article_count``) includes it before its quotations are written. ``articles_changed``
    after them does not count it again (``counted_in``)."""
    if article.counted_in is None:
        _totals_add([], [], {article.pk: (article.source_id, None)}, [article.pk])
        article.counted_in = article.source_id


def article_saved(article: Article) -> None:
    """An article's date or source changed: its counts move with it (``articles_changed``).
    The pages that show its title are renewed by the database (migration 0011)."""
    articles_changed([article.pk])


@transaction.atomic
def rebuild() -> None:
    """Recompute everything derived, for every article: after rows were written around the
    services (a bulk load, a shell). Minutes at a million quotations."""
    ArticleSpeaker.objects.all().delete()
    SourceSpeaker.objects.all().delete()
    Speaker.objects.update(quote_count=0, article_count=0)
    Source.objects.update(article_count=0)
    Article.objects.update(counted_in=None)
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for chunk in _chunks(ids):
        _articles_changed(chunk)
