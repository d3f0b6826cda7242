"""The ``revision`` of an article, a speaker and a source, given by the database: the object pages
and the list's rows are cached under it (``articles.shared``), so a write that did not renew it
(``QuerySet.update()``, the admin's bulk actions, raw SQL) left a page showing old data.

Two kinds of trigger, on both engines:

- **The row's own value.** A write that does not give the row a greater ``revision`` than it
  had gets one from the database: an UPDATE that leaves it (or sets it back), an INSERT that
  leaves it at 0. A value must never be given to the same row twice, or a page cached under it
  could show other data than the row holds: so the new value is at least the old one plus one
  (whatever the clock does), and else the clock in nanoseconds, the scale of Python's
  ``models.new_revision()`` (``save()`` and ``articles.derived`` give theirs, which the
  triggers then keep: no second write on SQLite). PostgreSQL sets ``NEW.revision`` in a BEFORE
  trigger with ``articles_revision_next()`` (migration 0005: the clock's microseconds and a
  sequence, never the same twice); SQLite cannot change NEW, so an AFTER trigger writes the row
  once more, guarded by its WHEN (the second write raises the value, so the guard is false for
  it even with ``recursive_triggers`` on). SQLite's clock is ``julianday('now')``, whole
  milliseconds, the same for a whole statement: two writes to one row in one millisecond are
  told apart by the "plus one".
- **What shows the row.** A change to what another object's page shows of it renews that
  object too, as ``articles.derived`` did in Python for ``save()`` only: an article's title,
  slug, date, source, language or body its source(s) and the speakers quoted in it; a speaker's
  name, slug, kind or role the articles and sources that quote them; a source's name or slug its
  articles and the speakers it quotes; an alias its speaker. So a list's row is cached under its
  article's revision alone. The WHEN clauses make these cost a comparison for the writes that
  change nothing shown (the import's counters and revisions). On PostgreSQL the rows are locked
  in id order first, as ``articles.derived`` locks them, speakers before sources before
  articles as there, as far as the row being written allows.

A later migration that rebuilds one of these tables on SQLite (a column change) drops its
triggers: ``tests/articles/test_revisions.py`` checks that every one is there.
"""

from django.db import migrations, models

import articles.models

OWN = ("articles_article", "articles_speaker", "articles_source")

# What another object's page shows of a row: (table, columns, [(table renewed, ids)]).
SHOWN = [
    (
        "articles_article",
        ("title", "slug", "date", "date_precision", "source_id", "language", "body"),
        [
            (
                "articles_speaker",
                "SELECT speaker_id FROM articles_articlespeaker WHERE article_id = NEW.id",
            ),
            ("articles_source", "OLD.source_id, NEW.source_id"),
        ],
    ),
    (
        "articles_speaker",
        ("name", "slug", "kind", "role"),
        [
            (
                "articles_source",
                "SELECT source_id FROM articles_sourcespeaker WHERE speaker_id = NEW.id",
            ),
            (
                "articles_article",
                "SELECT article_id FROM articles_articlespeaker WHERE speaker_id = NEW.id",
            ),
        ],
    ),
    (
        "articles_source",
        ("name", "slug"),
        [
            (
                "articles_speaker",
                "SELECT speaker_id FROM articles_sourcespeaker WHERE source_id = NEW.id",
            ),
            ("articles_article", "SELECT id FROM articles_article WHERE source_id = NEW.id"),
        ],
    ),
]
ALIAS = "articles_speakeralias"


def changed(columns, distinct: str) -> str:
    return " OR ".join(f"OLD.{column} {distinct} NEW.{column}" for column in columns)


# --- PostgreSQL ---------------------------------------------------------------------------------

PG_NEXT = "GREATEST(articles_revision_next(), {old} + 1)"


def pg_renew(table: str, ids: str) -> str:
    """Give the rows of ``table`` whose ids ``ids`` selects a new revision, locked in id order."""
    return (
        f"PERFORM 1 FROM {table} WHERE id IN ({ids}) ORDER BY id FOR UPDATE;\n"
        f"    UPDATE {table} SET revision = {PG_NEXT.format(old='revision')} "
        f"WHERE id IN ({ids});"
    )


def pg_shown(table: str, events: str, when: str, body: str) -> list[str]:
    """The function ``<table>_shown`` that runs ``body``, and its trigger after ``events``."""
    return [
        f"""CREATE FUNCTION {table}_shown() RETURNS trigger AS $$
BEGIN
    {body}
    RETURN NULL;
END
$$ LANGUAGE plpgsql;""",
        " ".join(
            part
            for part in (
                f"CREATE TRIGGER {table}_shown AFTER {events} ON {table} FOR EACH ROW",
                when,
                f"EXECUTE FUNCTION {table}_shown();",
            )
            if part
        ),
    ]


def postgresql_forward() -> list[str]:
    statements = [
        f"""CREATE FUNCTION articles_row_revision() RETURNS trigger AS $$
BEGIN
    NEW.revision := {PG_NEXT.format(old="CASE WHEN TG_OP = 'UPDATE' THEN OLD.revision ELSE 0 END")};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;"""
    ]
    for table in OWN:
        statements += [
            f"CREATE TRIGGER {table}_row_revision_insert BEFORE INSERT ON {table} "
            "FOR EACH ROW WHEN (NEW.revision <= 0) EXECUTE FUNCTION articles_row_revision();",
            f"CREATE TRIGGER {table}_row_revision_update BEFORE UPDATE ON {table} "
            "FOR EACH ROW WHEN (NEW.revision <= OLD.revision) "
            "EXECUTE FUNCTION articles_row_revision();",
        ]
    for table, columns, renewed in SHOWN:
        body = "\n    ".join(pg_renew(other, ids) for other, ids in renewed)
        when = f"WHEN ({changed(columns, 'IS DISTINCT FROM')})"
        statements += pg_shown(table, "UPDATE", when, body)
    # OLD is NULL on an INSERT, NEW on a DELETE
    alias = pg_renew("articles_speaker", "OLD.speaker_id, NEW.speaker_id")
    statements += pg_shown(ALIAS, "INSERT OR UPDATE OR DELETE", "", alias)
    return statements


def postgresql_backward() -> list[str]:
    return (
        [
            f"DROP TRIGGER IF EXISTS {table}_row_revision_{event} ON {table};"
            for table in OWN
            for event in ("insert", "update")
        ]
        + [
            f"DROP TRIGGER IF EXISTS {table}_shown ON {table}; "
            f"DROP FUNCTION IF EXISTS {table}_shown();"
            for table in [*(table for table, _c, _r in SHOWN), ALIAS]
        ]
        + ["DROP FUNCTION IF EXISTS articles_row_revision();"]
    )


# --- SQLite -------------------------------------------------------------------------------------

# The clock in nanoseconds (whole milliseconds): julianday's days since 1970 times 86,400,000.
SQLITE_CLOCK = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 1000000"
SQLITE_NEXT = f"MAX({SQLITE_CLOCK}, {{old}} + 1)"


def sqlite_renew(table: str, ids: str) -> str:
    return (
        f"UPDATE {table} SET revision = {SQLITE_NEXT.format(old='revision')} WHERE id IN ({ids});"
    )


def sqlite_forward() -> list[str]:
    statements = []
    for table in OWN:
        statements += [
            f"CREATE TRIGGER {table}_row_revision_insert AFTER INSERT ON {table} "
            f"WHEN NEW.revision <= 0 BEGIN "
            f"UPDATE {table} SET revision = {SQLITE_NEXT.format(old='0')} WHERE id = NEW.id; END;",
            f"CREATE TRIGGER {table}_row_revision_update AFTER UPDATE ON {table} "
            f"WHEN NEW.revision <= OLD.revision BEGIN "
            f"UPDATE {table} SET revision = {SQLITE_NEXT.format(old='OLD.revision')} "
            "WHERE id = NEW.id; END;",
        ]
    for table, columns, renewed in SHOWN:
        body = " ".join(sqlite_renew(other, ids) for other, ids in renewed)
        statements.append(
            f"CREATE TRIGGER {table}_shown AFTER UPDATE ON {table} "
            f"WHEN {changed(columns, 'IS NOT')} BEGIN {body} END;"
        )
    for event, ids in [
        ("insert", "NEW.speaker_id"),
        ("update", "OLD.speaker_id, NEW.speaker_id"),
        ("delete", "OLD.speaker_id"),
    ]:
        statements.append(
            f"CREATE TRIGGER {ALIAS}_shown_{event} AFTER {event.upper()} ON {ALIAS} "
            f"BEGIN {sqlite_renew('articles_speaker', ids)} END;"
        )
    return statements


def sqlite_backward() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name};" for name in trigger_names("sqlite")]


def trigger_names(vendor: str) -> list[str]:
    """Every trigger this migration makes (the test that they are all there reads it)."""
    names = [f"{table}_row_revision_{event}" for table in OWN for event in ("insert", "update")]
    names += [f"{table}_shown" for table, _columns, _renewed in SHOWN]
    if vendor == "sqlite":
        return names + [f"{ALIAS}_shown_{event}" for event in ("insert", "update", "delete")]
    return names + [f"{ALIAS}_shown"]


STATEMENTS = {
    "postgresql": (postgresql_forward, postgresql_backward),
    "sqlite": (sqlite_forward, sqlite_backward),
}


def forward(apps, schema_editor):
    statements, _backward = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    _forward, statements = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement, params=None)


def revision_field():
    return models.BigIntegerField(default=articles.models.new_revision, editable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_sqlite_search"),
    ]

    operations = [
        # Rows made through Django (bulk_create too) get a revision from Python, as save() gives
        # one: the triggers then write nothing more. A default made in Python is no change to
        # the tables, and on SQLite altering the field would rebuild them and drop every trigger.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=model, name="revision", field=revision_field())
                for model in ("article", "source", "speaker")
            ]
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
