"""A user's highlights as W3C JSON-LD, CSV or Markdown (all of them, or one article's).

The caller passes a QuerySet that already holds only what the user may export (their own,
live highlights); nothing here widens it. Each export runs a fixed number of queries.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from annotations import w3c
from annotations.models import Annotation
from articles.models import Quote

CSV_COLUMNS = [
    "article",
    "source",
    "date",
    "quote",
    "speaker",
    "comment",
    "tags",
    "visibility",
    "created",
    "link",
]


def _speakers(annotations: list[Annotation]) -> dict[int, str]:
    """For each highlight inside a detected quotation: the quotation's speaker, if known."""
    article_ids = {a.article_id for a in annotations}
    quotes: dict[int, list[Quote]] = {}
    for quote in (
        Quote.objects.filter(article_id__in=article_ids, speaker__isnull=False)
        .select_related("speaker")
        .order_by("article_id", "start")
    ):
        quotes.setdefault(quote.article_id, []).append(quote)
    found = {}
    for a in annotations:
        if a.start is None:
            continue
        best, overlap = None, 0
        for quote in quotes.get(a.article_id, ()):
            shared = min(a.end, quote.end) - max(a.start, quote.start)
            if shared > overlap:
                best, overlap = quote, shared
        # The passage must be mostly the quotation, not a sentence that touches it.
        if best is not None and overlap * 2 >= a.end - a.start:
            found[a.pk] = best.speaker.name
    return found


# A cell starting with one of these is a formula to a spreadsheet: "=HYPERLINK(…)" in a comment
# would run when the file is opened. Such cells get a leading apostrophe (OWASP's advice). The
# research export of quotations (articles.exports) writes its text cells through it too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark.
CSV_BOM = "\ufeff"


def csv_cell(value: str) -> str:
    """A text cell no spreadsheet takes for a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def as_csv(annotations, build_uri: Callable[[str], str]) -> str:
    """One row per annotation. Starts with a byte-order mark so that Excel reads it as UTF-8
    (LibreOffice and Python's csv module with encoding="utf-8-sig" read it either way)."""
    rows = list(annotations)
    speakers = _speakers(rows)
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in rows:
        writer.writerow(
            csv_cell(value)
            for value in [
                a.article.title,
                a.article.source.name,
                a.article.date_iso,
                a.exact,
                speakers.get(a.pk, ""),
                a.comment,
                ", ".join(tag.name for tag in a.tags.all()),
                a.visibility,
                a.created.isoformat(timespec="seconds"),
                build_uri(a.get_absolute_url()),
            ]
        )
    return out.getvalue()


def _blockquote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.splitlines() or [""])


def as_markdown(annotations, build_uri: Callable[[str], str], title: str) -> str:
    rows = list(annotations)
    speakers = _speakers(rows)
    lines = [f"# {title}", ""]
    current = None
    for a in sorted(rows, key=lambda a: (a.article.title, a.article_id, a.start or 0, a.pk)):
        if a.article_id != current:
            current = a.article_id
            article = a.article
            lines += [
                f"## {article.title}",
                "",
                f"{article.source.name}, {article.date_iso} — "
                f"<{build_uri(article.get_absolute_url())}>",
                "",
            ]
        lines.append(_blockquote(a.exact))
        if a.pk in speakers:
            lines.append(f"> — {speakers[a.pk]}")
        lines.append("")
        if a.orphaned:
            lines += ["*(This passage is no longer in the article.)*", ""]
        if a.comment:
            lines += [a.comment, ""]
        tags = ", ".join(tag.name for tag in a.tags.all())
        meta = f"{a.visibility}, {a.created.date().isoformat()}"
        lines += [
            f"*{meta}{' · ' + tags if tags else ''}* · [link]({build_uri(a.get_absolute_url())})"
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def as_jsonld(annotations, build_uri: Callable[[str], str], *, path: str, filters: dict) -> dict:
    """An AnnotationCollection holding every highlight in its one embedded page."""
    rows = list(annotations)
    return w3c.collection_to_jsonld(
        rows,
        build_uri,
        path=path,
        filters=filters,
        total=len(rows),
        page_size=max(1, len(rows)),
        label="Export",
    )
