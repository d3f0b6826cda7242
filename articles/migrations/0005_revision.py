"""The reading revision: one row, given a new value by triggers on every write to the tables the
reading pages show (see ``articles.models.Revision``).

A new value, never an old one again: otherwise a page cached under a value could show other
data than the database holds at that value. So not a counter, which a rollback, a migration
back and forth or a restored backup would set back: PostgreSQL takes the clock's microseconds
(times 1,000, plus a sequence's last three digits for two writes in one microsecond), SQLite
``random()`` (64 bits).

PostgreSQL renews the value when the writing transaction commits: the triggers are constraint
triggers, deferred, so the revision row is locked last, after every row the transaction
writes. Locked earlier, it would deadlock two transactions that write the same rows in the
other order (an import and an admin edit). A transaction renews it once: its first deferred
call notes the statement (the COMMIT) in a transaction-local setting, the others see it.
Where the constraints are made immediate (``SET CONSTRAINTS … IMMEDIATE``, as the function
``articles_revision_current()`` the pages read it with does), each statement renews it.
TRUNCATE has a plain statement trigger. SQLite has only row triggers, and one writer at a time.
The row is inserted when missing (a test database flushed).

A later migration that rebuilds one of these tables on SQLite (a column change) drops its
triggers: ``tests/articles/test_shared.py`` checks that every trigger is there.
"""

from django.db import migrations, models

TABLES = [
    "articles_source",
    "articles_speaker",
    "articles_speakeralias",
    "articles_article",
    "articles_quote",
]


def renew(new_value: str) -> str:
    return (
        f"INSERT INTO articles_revision (id, value) VALUES (1, {new_value}) "
        "ON CONFLICT (id) DO UPDATE SET value = excluded.value"
    )


POSTGRESQL_FUNCTIONS = f"""
CREATE SEQUENCE articles_revision_seq;

CREATE FUNCTION articles_revision_next() RETURNS bigint AS $$
    SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint * 1000
        + nextval('articles_revision_seq') % 1000
$$ LANGUAGE sql VOLATILE;

CREATE FUNCTION articles_revision_renew() RETURNS trigger AS $$
BEGIN
    IF current_setting('articles.revision_renewed', true)
            IS DISTINCT FROM statement_timestamp()::text THEN
        PERFORM set_config('articles.revision_renewed', statement_timestamp()::text, true);
        {renew("articles_revision_next()")};
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

{renew("articles_revision_next()")};

-- What the reading pages read (articles.shared.revision). Inside a transaction that wrote (a
-- test's), its renewals are still pending: made immediate, they run now, and each write after
-- this renews at once.
CREATE FUNCTION articles_revision_current() RETURNS bigint AS $$
BEGIN
    SET CONSTRAINTS {", ".join(f"{table}_revision" for table in TABLES)} IMMEDIATE;
    RETURN (SELECT value FROM articles_revision WHERE id = 1);
END
$$ LANGUAGE plpgsql;
"""


def postgresql_forward() -> list[str]:
    return [POSTGRESQL_FUNCTIONS] + [
        statement
        for table in TABLES
        for statement in (
            f"CREATE CONSTRAINT TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            "EXECUTE FUNCTION articles_revision_renew();",
            f"CREATE TRIGGER {table}_revision_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION articles_revision_renew();",
        )
    ]


def postgresql_backward() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table};"
        for table in TABLES
        for name in (f"{table}_revision", f"{table}_revision_truncate")
    ] + [
        "DROP FUNCTION IF EXISTS articles_revision_current();",
        "DROP FUNCTION IF EXISTS articles_revision_renew();",
        "DROP FUNCTION IF EXISTS articles_revision_next();",
        "DROP SEQUENCE IF EXISTS articles_revision_seq;",
    ]


SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")


def sqlite_forward() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {renew('random()')}; END;"
        for table in TABLES
        for event in SQLITE_EVENTS
    ] + [f"{renew('random()')};"]


def sqlite_backward() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_revision_{event.lower()};"
        for table in TABLES
        for event in SQLITE_EVENTS
    ]


STATEMENTS = {
    "postgresql": (postgresql_forward, postgresql_backward),
    "sqlite": (sqlite_forward, sqlite_backward),
}


def forward(apps, schema_editor):
    statements, _backward = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement, params=None)  # "%" is an operator here


def backward(apps, schema_editor):
    _forward, statements = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement, params=None)  # "%" is an operator here


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_quote_speaker_article_idx"),
    ]

    operations = [
        migrations.CreateModel(
            name="Revision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "reading revision",
                "ordering": ["id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("id", 1)), name="revision_single_row"
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
