"""The research export: the quotations of a set of articles, one row per quotation, as CSV or as
JSON Lines, written row by row as the database gives them (``selectors.quotes_for_export``) so
that a response streams them.

The CSV is the annotation export's kind (``annotations.exports``): a byte-order mark for Excel,
text cells that no spreadsheet takes for a formula.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from annotations.exports import CSV_BOM, csv_cell
from articles.models import Quote, date_at_precision
from articles.selectors import EXPORT_FIELDS

COLUMNS = [
    "article_id",
    "article_slug",
    "article_title",
    "article_date",
    "source",
    "quote_id",
    "start",
    "end",
    "text",
    "kind",
    "cue",
    "speaker",
    "speaker_kind",
    "speaker_role",
    "confidence",
    "review",
    "confirmed",
]

# The export's columns from the fields of ``selectors.EXPORT_FIELDS`` they are (in its order).
_FIELD_OF = {
    "article_id": "article_id",
    "article_slug": "article__slug",
    "article_title": "article__title",
    "source": "article__source__name",
    "quote_id": "pk",
    "start": "start",
    "end": "end",
    "text": "quoted_text",
    "kind": "kind",
    "cue": "cue",
    "speaker": "speaker__name",
    "speaker_kind": "speaker__kind",
    "speaker_role": "speaker__role",
    "confidence": "confidence",
    "review": "review",
}


def record(row: tuple) -> dict:
    """A row of ``selectors.EXPORT_FIELDS`` as the export's columns: the date at its precision,
    ``confirmed`` when a person confirmed or corrected the quotation, None for no speaker."""
    fields = dict(zip(EXPORT_FIELDS, row, strict=True))
    values = {column: fields[field] for column, field in _FIELD_OF.items()}
    values["article_date"] = date_at_precision(
        fields["article__date"], fields["article__date_precision"]
    )
    values["confirmed"] = fields["review"] != Quote.Review.MACHINE
    return {column: values[column] for column in COLUMNS}


class _Line:
    """What csv.writer writes to: it hands back the line instead of keeping it."""

    def write(self, value: str) -> str:
        return value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_cell(value)
    return str(value)


def quotes_csv(rows: Iterable[tuple]) -> Iterator[str]:
    """The header, then a line per quotation; the first line starts with the byte-order mark."""
    writer = csv.writer(_Line())
    yield CSV_BOM + writer.writerow(COLUMNS)
    for row in rows:
        item = record(row)
        yield writer.writerow([_csv_value(item[name]) for name in COLUMNS])


def quotes_jsonl(rows: Iterable[tuple]) -> Iterator[str]:
    """A JSON object per line and quotation, the columns as keys (no header)."""
    for row in rows:
        yield json.dumps(record(row), ensure_ascii=False) + "\n"
