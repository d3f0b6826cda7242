"""German full-text search on SQLite: an FTS5 table of the articles' stems, kept by triggers.

``articles_search`` holds, for each article (its ``rowid`` is the article's id), the stems of
its title and body as ``articles.search_text.index_text`` makes them. Triggers on
``articles_article`` (migration ``0010_sqlite_search``) write it on every insert, change of
title or body, and deletion, whoever writes: the import service (also its ``bulk_create``),
the admin, ``QuerySet.update()``, ``loaddata``, a shell. They call the SQL function
``articles_index_text``, which ``register`` gives every SQLite connection Django opens (a
connection without it, such as the ``sqlite3`` shell, cannot write an article's title or
body, rather than leave the index behind).

The search itself (``ArticleQuerySet.search``) looks the query's stems up in the table,
ranked by bm25 with the title weighing 2.5 times the body (PostgreSQL's weights A and B are
1.0 and 0.4), and at most ``LIMIT`` matches, the most relevant first.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL

from articles import search_text

TABLE = "articles_search"
FUNCTION = "articles_index_text"
# The most matches a search considers (the most relevant): the list counts, sorts and pages
# within them.
LIMIT = 10_000

TRIGGERS = [f"{TABLE}_{event}" for event in ("insert", "update", "delete")]


CASEFOLD = "articles_casefold"  # text case-folded as Python folds it (``models.Folded``)


def register(sender=None, connection=None, **kwargs) -> None:
    """Give a new SQLite connection the function the triggers call and ``CASEFOLD``
    (``connection_created``)."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(
            FUNCTION, 1, search_text.index_text, deterministic=True
        )
        connection.connection.create_function(CASEFOLD, 1, _casefold, deterministic=True)


def _casefold(text: str | None) -> str | None:
    return None if text is None else text.casefold()


class Rank(Func):
    """The bm25 relevance of the article to an FTS5 expression, higher better; 0 if it does not
    match it (a match through an excluding group only)."""

    output_field = FloatField()

    def __init__(self, expression: str | None, **extra):
        super().__init__(F("pk"), Value(expression or ""), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        pk, query = self.source_expressions
        pk_sql, pk_params = compiler.compile(pk)
        query_sql, query_params = compiler.compile(query)
        # The matches with their ranks once (SQLite materialises the subquery with the LIMIT
        # and indexes it), then each row's looked up: a MATCH per row costs some 2 ms.
        sql = (
            f"coalesce((SELECT -matches.rank FROM (SELECT rowid AS id, rank FROM {TABLE}"
            f" WHERE {TABLE} MATCH {query_sql} ORDER BY rank LIMIT {LIMIT}) AS matches"
            f" WHERE matches.id = {pk_sql}), 0.0)"
        )
        return sql, (*query_params, *pk_params)


def condition(query: search_text.Query) -> Q:
    """The articles that match a parsed, non-empty query: the wanted groups' matches (all of
    them, as on PostgreSQL: a list by date and an export see every match; only the ranks are
    of the LIMIT most relevant), or any article an excluding-only group lets through."""
    parts = []
    if query.match:
        matching = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", (query.match,))
        parts.append(Q(pk__in=matching))
    for excluded in query.excluding:
        matching = RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", (excluded,))
        parts.append(~Q(pk__in=matching))
    return reduce(operator.or_, parts)


def rank(query: search_text.Query):
    return Rank(query.match) if query.match else Value(0.0, output_field=FloatField())
