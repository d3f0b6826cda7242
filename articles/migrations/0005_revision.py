"""The reading revision: one row, given a new value by triggers on every write to the tables the
reading pages show (see ``articles.models.Revision``).

A new value, never an old one again: a transaction rolled back would otherwise leave its number
to the next writer, and a page cached under it would show the rolled-back data. PostgreSQL takes
it from a sequence (sequences ignore rollbacks), SQLite from ``random()`` (64 bits). PostgreSQL
fires once per statement (a bulk insert of 1,000 quotations, once) and on TRUNCATE; SQLite has
only row triggers. The row is inserted when missing (a test database flushed). Writing it takes
the row's lock until the writing transaction ends, which orders concurrent imports, each
atomic already.
"""

from django.db import migrations, models

TABLES = [
    "articles_source",
    "articles_speaker",
    "articles_speakeralias",
    "articles_article",
    "articles_quote",
]


def bump(new_value: str) -> str:
    return (
        f"INSERT INTO articles_revision (id, value) VALUES (1, {new_value}) "
        "ON CONFLICT (id) DO UPDATE SET value = excluded.value"
    )


POSTGRESQL_FUNCTION = f"""
CREATE SEQUENCE articles_revision_seq;
CREATE FUNCTION articles_revision_bump() RETURNS trigger AS $$
BEGIN
    {bump("nextval('articles_revision_seq')")};
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""


def postgresql_forward() -> list[str]:
    return [POSTGRESQL_FUNCTION] + [
        f"CREATE TRIGGER {table}_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION articles_revision_bump();"
        for table in TABLES
    ]


def postgresql_backward() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_revision ON {table};" for table in TABLES] + [
        "DROP FUNCTION IF EXISTS articles_revision_bump();",
        "DROP SEQUENCE IF EXISTS articles_revision_seq;",
    ]


def sqlite_forward() -> list[str]:
    return [
        f"CREATE TRIGGER {table}_revision_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {bump('random()')}; END;"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


def sqlite_backward() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_revision_{event.lower()};"
        for table in TABLES
        for event in ("INSERT", "UPDATE", "DELETE")
    ]


STATEMENTS = {
    "postgresql": (postgresql_forward, postgresql_backward),
    "sqlite": (sqlite_forward, sqlite_backward),
}


def forward(apps, schema_editor):
    apps.get_model("articles", "Revision").objects.create(pk=1, value=0)
    statements, _backward = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    _forward, statements = STATEMENTS[schema_editor.connection.vendor]
    for statement in statements():
        schema_editor.execute(statement)


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
            },
        ),
        migrations.RunPython(forward, backward, elidable=False),
    ]
