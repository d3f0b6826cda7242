"""Full-text search on SQLite: the FTS5 table ``articles_search`` of the articles' German stems,
its triggers, and the articles there already (see ``articles.sqlite_search``). Nothing happens
on PostgreSQL, which searches ``search_vector`` (migration 0002).

The triggers call ``articles_index_text(text)``, the stems of a text separated by spaces
(``articles.search_text.index_text``), which every connection Django opens has
(``articles.sqlite_search.register``). A later migration that rebuilds ``articles_article`` on
SQLite (a column change) drops the triggers: ``tests/articles/test_search.py`` checks that they
are there.
"""

from django.db import migrations

from articles import search_text

STEMS = "articles_index_text(new.title), articles_index_text(new.body)"

FORWARD = [
    "CREATE VIRTUAL TABLE articles_search USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
    # ORDER BY rank and the rank column: bm25 with the title weighing 2.5 times the body.
    "INSERT INTO articles_search (articles_search, rank) VALUES ('rank', 'bm25(2.5, 1.0)')",
    "CREATE TRIGGER articles_search_insert AFTER INSERT ON articles_article BEGIN "
    f"INSERT INTO articles_search (rowid, title, body) VALUES (new.id, {STEMS}); END",
    "CREATE TRIGGER articles_search_update AFTER UPDATE OF id, title, body ON articles_article "
    "WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.body IS NOT new.body "
    "BEGIN DELETE FROM articles_search WHERE rowid = old.id; "
    f"INSERT INTO articles_search (rowid, title, body) VALUES (new.id, {STEMS}); END",
    "CREATE TRIGGER articles_search_delete AFTER DELETE ON articles_article BEGIN "
    "DELETE FROM articles_search WHERE rowid = old.id; END",
    "INSERT INTO articles_search (rowid, title, body) SELECT id, "
    "articles_index_text(title), articles_index_text(body) FROM articles_article",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_search_insert",
    "DROP TRIGGER IF EXISTS articles_search_update",
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TABLE IF EXISTS articles_search",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.connection.ensure_connection()
    schema_editor.connection.connection.create_function(
        "articles_index_text", 1, search_text.index_text, deterministic=True
    )
    for statement in FORWARD:
        schema_editor.execute(statement, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in BACKWARD:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_reading_state"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
