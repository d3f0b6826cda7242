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

_REVIEWED = {Quote.Review.CONFIRMED, Quote.Review.CORRECTED}


def record(row: tuple) -> dict:
    """A row of ``selectors.EXPORT_FIELDS`` as the export's columns: the date at its precision,
    ``confirmed`` when a person confirmed or corrected the quotation, None for no speaker."""
    (
        article_id,
        slug,
        title,
        date,
        precision,
        source,
        quote_id,
        start,
        end,
        text,
        kind,
        cue,
        speaker,
        speaker_kind,
        speaker_role,
        confidence,
        review,
    ) = row
    return {
        "article_id": article_id,
        "article_slug": slug,
        "article_title": title,
        "article_date": date_at_precision(date, precision),
        "source": source,
        "quote_id": quote_id,
        "start": start,
        "end": end,
        "text": text,
        "kind": kind,
        "cue": cue,
        "speaker": speaker,
        "speaker_kind": speaker_kind,
        "speaker_role": speaker_role,
        "confidence": confidence,
        "review": review,
        "confirmed": review in _REVIEWED,
    }


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
