"""Rows written in bulk for the import: its quotations and what ``articles.derived`` keeps of
them as tuples, without model instances, thousands of rows per transaction; its articles.

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
            # The driver's cursor: its errors made Django's, as a statement's are.
            sql = f"COPY {table} ({columns}) FROM STDIN"
            with connection.wrap_database_errors, cursor.cursor.copy(sql) as copy:
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


def instances_insert(model, instances: Sequence) -> None:
    """``model.objects.bulk_create(instances)``: their pks are set. On PostgreSQL by COPY, the
    pks drawn from the table's sequence first (one statement): an INSERT of many long rows
    costs more to build and to parse than to write. Fields are prepared as for an INSERT
    (``pre_save``: ``auto_now_add`` and the like); no signal is sent, as by ``bulk_create``."""
    if not instances:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(instances)
        return
    pk = model._meta.pk
    fields = [field for field in model._meta.concrete_fields if field is not pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(instances)],
        )
        pks = sorted(row[0] for row in cursor.fetchall())
    rows = []
    for instance, value in zip(instances, pks, strict=True):
        setattr(instance, pk.attname, value)
        rows.append(
            (
                value,
                *(
                    field.get_db_prep_save(field.pre_save(instance, True), connection)
                    for field in fields
                ),
            )
        )
        instance._state.adding, instance._state.db = False, connection.alias
    rows_insert(model, [pk.attname, *(field.attname for field in fields)], rows)
