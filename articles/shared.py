"""What the reading pages show every reader alike, cached under the reading revision.

An article's marked-up body and speakers, a page of the article list or of a search, a
speaker's or an outlet's page: the same HTML for every reader until an article, a quotation, a
speaker or a source changes. Database triggers give ``articles_revision`` a new value with every
such write (``articles.models.Revision``), whoever writes; each request reads it (one query)
and looks for what it shows under that value and the reader's language. So a cached page is
never older than the data, in any process, and nothing has to be told to forget one.

What differs between readers (the header with the user's name, their annotations, their
tags) is never cached here: the views put it around the shared HTML on every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

T = TypeVar("T")

# Only a bound on memory: an entry is never stale, its key names the revision it was made at.
TIMEOUT = 60 * 60
_MISSING = object()


# On PostgreSQL through a function (migration 0005) that first runs the renewals a
# transaction's own writes left pending until its commit: a page read inside a transaction
# that wrote (a test's) is not from before those writes.
READ = {
    "postgresql": "SELECT articles_revision_current()",
    "sqlite": "SELECT value FROM articles_revision WHERE id = 1",
}


def revision(request) -> int | None:
    """The reading revision, read once per request; None when there is no row (a test
    database flushed, until the next write): then nothing is cached."""
    if not hasattr(request, "_reading_revision"):
        with connection.cursor() as cursor:  # without the ORM: every page runs this
            cursor.execute(READ[connection.vendor])
            row = cursor.fetchone()
        request._reading_revision = row[0] if row else None
    return request._reading_revision


def get(request, name: str, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned for the same ``name`` and ``key`` at this revision
    and in this language. ``key`` says what else the result depends on (a slug, a query
    string); what ``compute`` raises (a 404) is not cached."""
    current = revision(request)
    if current is None:
        return compute()
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # any key, a short cache key
    cache_key = f"reading:{name}:{current}:{get_language()}:{digest}"
    value = cache.get(cache_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value
