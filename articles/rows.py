"""Rows written as tuples, without model instances: the import's quotations and what
``articles.derived`` keeps of them, thousands of rows per transaction.

Building a model instance for each row and letting ``bulk_create`` turn it into SQL costs more
than the database's work for it. PostgreSQL gets the rows by ``COPY … FROM STDIN``, one
statement however many there are; other databases by multi-row INSERTs. The values must be
what the columns take (a date, a float, None for NULL): nothing is converted, no default
filled in, no ``pre_save`` run, no signal sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

# Rows per INSERT where there is no COPY: SQLite allows 32,766 parameters in a statement.
INSERT_ROWS = 500


def rows_insert(model, fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert ``rows`` (one value per field of ``fields``, in that order) into ``model``'s table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for i in range(0, len(rows), INSERT_ROWS):
            part = rows[i : i + INSERT_ROWS]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([marks] * len(part)),
                [value for row in part for value in row],
            )
