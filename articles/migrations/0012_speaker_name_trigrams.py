"""Trigram indexes on the names of speakers and their aliases, on PostgreSQL: a part of a name
(``icontains``: the suggestions of the speaker fields, the list's speaker filter given a part of
a name) is found through them instead of reading every speaker and alias, which at 50,000
speakers cost 40 ms and more per keystroke.

Django writes ``icontains`` as ``UPPER("name"::text) LIKE UPPER(%s)``, so the index is on that
expression. ``pg_trgm`` ships with PostgreSQL (contrib) and is a trusted extension: the
database's owner may create it. Where it cannot be created, the migration says so and goes on
without the indexes (the look-ups stay right, only slower). Nothing happens on SQLite.
"""

import warnings

from django.db import DatabaseError, migrations, transaction

INDEXES = """
CREATE INDEX IF NOT EXISTS speaker_name_trgm_idx
    ON articles_speaker USING gin (upper(name::text) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS speakeralias_name_trgm_idx
    ON articles_speakeralias USING gin (upper(name::text) gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS speaker_name_trgm_idx;
DROP INDEX IF EXISTS speakeralias_name_trgm_idx;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        warnings.warn(
            f"pg_trgm could not be created ({error}); speaker names are searched without "
            "trigram indexes. CREATE EXTENSION pg_trgm as the database's owner, then run "
            "this migration again (migrate articles 0011, migrate).",
            stacklevel=1,
        )
        return
    schema_editor.execute(INDEXES)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_row_revisions"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
