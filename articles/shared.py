"""What the reading pages show every reader alike, cached under the revisions it depends on.

Two kinds of key:

- **An object's page** (an article, a speaker, a source) is cached under that object's own
  ``revision`` and those of the objects it shows (``object_row``; the article page's
  with the rest of what it reads first, ``articles.selectors.article_visit``), which database
  triggers (migration 0011), ``articles.derived`` and the models' ``save()`` renew with every
  write that changes them. One
  edit renews the pages it touched and nothing else: an import into one outlet leaves every
  other outlet's, speaker's and article's page cached.
- **A list or a search** (``get_list``) can change with any write: it is cached under the
  reading revision, which database triggers give a new value with every write to articles,
  quotations, speakers, aliases or sources (``articles.models.Revision``), whoever writes.
  After a write it runs its own queries and is looked for under what its page shows: its rows'
  ids and revisions, its count, the choices of its form. A write elsewhere leaves those, and
  the page is served whole; one to a row on the page, or a new one that enters it, makes it
  again; the article list's rows from ``rows``, each cached under its article's revision: only
  the rows that changed are rendered.

The per-object revisions are given by database triggers too (migration 0011), so that a write
around ``save()`` (``QuerySet.update()``, raw SQL) renews them as well, and with them those of
the objects whose pages show the written one (an article's title is on its source's and its
speakers' pages, a speaker's name on the articles quoting them).

Each request reads the revision it needs (one query) and looks for what it shows under that
value and the reader's language. So a cached page is never older than the data, in any process
sharing the cache, and nothing has to be told to forget one.

What differs between readers (the header with the user's name, their annotations, their
tags) is never cached here: the views put it around the shared HTML on every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.db.models import Model
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from annotations.selectors import annotated_column, annotated_known

T = TypeVar("T")
M = TypeVar("M", bound=Model)

# Only a bound on memory: an entry is never stale, its key names the revision it was made at.
TIMEOUT = 60 * 60
_MISSING = object()


# The reading revision as a value in a select list (``revision``, ``selectors.reader_states``):
# NULL when there is no row. On PostgreSQL through a function (migration 0005) that first runs
# the renewals a transaction's own writes left pending until its commit: a page read inside a
# transaction that wrote (a test's) is not from before those writes.
REVISION = {
    "postgresql": "articles_revision_current()",
    "sqlite": "(SELECT value FROM articles_revision WHERE id = 1)",
}


def reader_probe(request) -> tuple[str, list]:
    """A column for a page's first query to carry along: whether the reader has any annotation
    (``annotations.selectors.annotated_column``), which the header's activity count asks
    first, otherwise in a round trip of its own; with its parameters. NULL for a reader not
    logged in. ``reader_probed`` keeps the value."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "NULL", []
    return annotated_column(), [user.pk]


def reader_probed(request, value) -> None:
    """Keep what the column of ``reader_probe`` read (None: nothing was asked)."""
    if value is not None:
        annotated_known(request, value)


def revision(request) -> int | None:
    """The reading revision, read once per request (with ``reader_probe``); None when there is
    no row (a test database flushed, until the next write): then nothing is cached."""
    if not hasattr(request, "_reading_revision"):
        column, params = reader_probe(request)
        with connection.cursor() as cursor:  # without the ORM: every page runs this
            cursor.execute(f"SELECT {REVISION[connection.vendor]}, {column}", params)
            current, annotated = cursor.fetchone()
        request._reading_revision = current
        reader_probed(request, annotated)
    return request._reading_revision


def revision_known(request) -> bool:
    """Whether this request's reading revision was read."""
    return hasattr(request, "_reading_revision")


def revision_keep(request, value: int | None) -> None:
    """The reading revision of this request, read by another query (``REVISION``)."""
    request._reading_revision = value


def object_row(model: type[M], slug: str, request=None) -> M | None:
    """The object of ``model`` (a speaker, a source) whose page is at ``slug``, every field, or
    None: one raw query (``QuerySet.raw``, without the ORM's query building, which costs more
    than the query), which for a ``request`` asks ``reader_probe`` too. Its ``revision``
    names the cached page, which ``articles.derived`` renews whenever what the page lists
    changes; a page rendered anew needs the rest, without asking again. (The article page's
    revisions come with the rest of what it reads first: ``articles.selectors.article_visit``.)"""
    table = connection.ops.quote_name(model._meta.db_table)
    column, params = reader_probe(request) if request is not None else ("NULL", [])
    found = model.objects.raw(
        f"SELECT t.*, {column} AS reader_annotated FROM {table} t WHERE t.slug = %s",
        [*params, slug],
    )
    found = next(iter(found), None)
    if found is not None and request is not None:
        reader_probed(request, found.reader_annotated)
    return found


def get_object_page(
    model: type[M], slug: str, key: str, compute: Callable[[M | None], T], request=None
) -> T:
    """``compute(obj)`` for the object of ``model`` at ``slug`` (``object_row``), or what it
    returned for the same object page at the same revision, in this language; ``key`` says what
    else it depends on (the page number). With no such object, ``compute(None)``: then the
    page's own lookup gives the 404."""
    found = object_row(model, slug, request)
    if found is None:
        return compute(None)
    name = model._meta.model_name
    return cached(f"{name}:{slug}:{found.revision}", key, lambda: compute(found))


def get_list(
    request, name: str, key: str, shown: Callable[[], object], compute: Callable[[], T]
) -> T:
    """A list or a search: ``compute()``, or what it returned for the same ``key`` (the path
    and query) showing the same things, in this language. Looked for under two names:

    - the reading revision: while nothing was written, the page with no query of its own;
    - after a write, what the page shows: ``shown()`` runs the page's own queries (its matches,
      its count, the page's articles) and returns what names it, such as the ids and
      ``revision`` of the articles on the page and the choices its form offers; a write to
      an article elsewhere leaves that the same, and the page is served whole. ``compute``
      then renders from what ``shown`` found, without asking again."""
    current = revision(request)
    if current is None:
        return compute()
    return cached(
        f"{name}:{current}", key, lambda: cached(f"{name}:shown", f"{key}\n{shown()!r}", compute)
    )


def cached(prefix: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned for the same ``prefix`` (what names the revisions)
    and ``key`` in this language."""
    cache_key = f"reading:{prefix}:{get_language()}:{digest(key)}"
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def digest(key: str) -> str:
    """Any key as a short part of a cache key."""
    return hashlib.sha256(key.encode()).hexdigest()[:32]


A = TypeVar("A")
ROW_FORMAT = 1  # raise with every change to the rows' markup (articles.templatetags.reading)


def rows(
    articles: list[A], search: str, render: Callable[[list[A]], list[SafeString]]
) -> list[SafeString]:
    """The HTML of each article's row in a list, in this language, each cached under the
    article's id and ``revision`` (which the database renews with every change to what the row
    shows: its title, its source's name, its speakers' names, its quotations) and on a search
    the query (the row shows the passage that matches). ``render`` makes the missing ones from
    their articles, in order; one ``get_many`` and at most one ``set_many``.

    Not with Django's database cache: its ``set_many`` writes one key at a time, each after a
    count of the whole cache table, so 20 rows would cost some 60 statements where rendering
    them costs two queries. ``ROW_FORMAT`` names the rows' markup: a release that changes it
    does not serve rows made by the one before from a shared cache."""
    if isinstance(caches["default"], DatabaseCache):
        return render(articles)
    language, query = get_language(), f":{digest(search)}" if search else ""
    keys = [f"reading:row{ROW_FORMAT}:{a.pk}:{a.revision}:{language}{query}" for a in articles]
    found = cache.get_many(keys)
    missing = [(key, a) for key, a in zip(keys, articles, strict=True) if key not in found]
    if missing:
        made = dict(
            zip((key for key, _a in missing), render([a for _k, a in missing]), strict=True)
        )
        cache.set_many(made, TIMEOUT)
        found |= made
    return [found[key] for key in keys]
