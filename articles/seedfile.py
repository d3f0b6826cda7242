"""Seed files: decoding, validation and parsing. No Django imports.

A seed file is UTF-8 text holding one article::

     date 2022-10 Unmittelbar vor dem Beginn ... (the article text goes on)

    Second paragraph ...

    Quelle: RT DE

The header ``date YYYY[-MM[-DD]]`` opens the first line (a leading space and a
byte-order mark are allowed) and the text continues on the same line. The last
paragraph names the outlet. The body is everything between the header and the
source line, verbatim but for CRLF -> LF: quotes and annotations index into it.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from articles.titles import derive_title

MAX_BYTES = 5 * 1024 * 1024
# Bounds on the work one article makes, far above real news: the longest of the 851 articles in
# the development corpus has 12,080 bytes and 32 paragraphs, and the longest news texts we know
# of (a transcript of a four-hour press conference) have some 300,000 characters and a few
# hundred paragraphs. The quotation extractor takes about 6 µs a character (6 s at the limit),
# and the reading page matches every quotation against every paragraph (about 1 s at 5,000
# paragraphs, each with a quotation); a million characters of German news make a PostgreSQL
# search vector of about 350 kB, under its 1 MB limit. MAX_BYTES is checked before a file is
# read; MAX_CHARS bounds the article's text.
MAX_CHARS = 1_000_000
MAX_PARAGRAPHS = 5_000

_HEADER = re.compile(r"[ \t]*date[ \t]+(?P<date>\S+)(?:[ \t]|$)")
_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_SOURCE = re.compile(r"\n[ \t]*\n[ \t]*Quelle:[ \t]*(?P<name>[^\n]*?)[ \t]*\s*\Z")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class Precision:
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


def gettext_noop(message: str) -> str:
    """Marks a message for ``makemessages``; the caller translates it (see SeedError.describe),
    so that this module needs no Django."""
    return message


class SeedError(ValueError):
    """A seed file that cannot be imported; the message says why, for a person.

    ``message`` is an English template with ``%(name)s`` placeholders for ``params``;
    ``str(error)`` is the English text, ``describe(gettext, number_format)`` the text in the
    active language. A ``float`` param is written through ``number`` (a decimal comma in German).
    """

    def __init__(
        self, message: str, *, filename: str = "", line: int | None = None, **params: object
    ):
        self.filename = filename
        self.line = line
        self.template = message
        self.params = params
        super().__init__(self.describe())

    def describe(
        self, translate: Callable[[str], str] = str, number: Callable[[float], str] = str
    ) -> str:
        """The message through ``translate`` (a gettext), with the line it concerns."""
        params = {k: number(v) if isinstance(v, float) else v for k, v in self.params.items()}
        reason = translate(self.template) % params if params else translate(self.template)
        if self.line is None:
            return reason
        return translate(gettext_noop("line %(line)s: %(reason)s")) % {
            "line": self.line,
            "reason": reason,
        }


class EmptyFile(SeedError):
    pass


class TooLarge(SeedError):
    pass


class BinaryFile(SeedError):
    pass


class NotUtf8(SeedError):
    pass


class TooLong(SeedError):
    """A value that does not fit where the import stores it: too many characters or paragraphs,
    a source name or file name longer than its database column."""


class BadHeader(SeedError):
    pass


class BadDate(SeedError):
    pass


class NoSource(SeedError):
    pass


class NoBody(SeedError):
    pass


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class ParsedArticle:
    filename: str
    date: datetime.date
    date_precision: str
    source: str
    body: str
    title: str
    content_hash: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph_texts(self) -> list[str]:
        return [self.body[p.start : p.end] for p in self.paragraphs]


def check_size(size: int, filename: str = "") -> None:
    """Refuse a file over the size limit, before reading it where the size is known."""
    if size > MAX_BYTES:
        raise TooLarge(
            gettext_noop("the file is %(size)s MB; seed files are limited to %(limit)d MB"),
            filename=filename,
            size=round(size / 1024 / 1024, 1),
            limit=MAX_BYTES // 1024 // 1024,
        )


def check_length(body: str, filename: str = "") -> None:
    """Refuse an article text over MAX_CHARS characters."""
    if len(body) > MAX_CHARS:
        raise TooLong(
            gettext_noop("the article is too long: %(count)s characters, at most %(limit)s"),
            filename=filename,
            count=len(body),
            limit=MAX_CHARS,
        )


def decode(data: bytes, filename: str = "") -> str:
    """Turn a file's bytes into normalised text, or raise a SeedError saying why not."""
    check_size(len(data), filename)
    if not data.strip():
        raise EmptyFile(gettext_noop("the file is empty"), filename=filename)
    if b"\x00" in data[:8192]:
        raise BinaryFile(
            gettext_noop("this is a binary file, not a text seed file"), filename=filename
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise NotUtf8(
            gettext_noop(
                "the file is not UTF-8: byte %(byte)s at column %(column)s (offset %(offset)s) "
                "cannot be decoded"
            ),
            filename=filename,
            line=line,
            byte=f"0x{data[exc.start]:02x}",
            column=column,
            offset=exc.start,
        ) from None
    return normalise(text)


def normalise(text: str) -> str:
    """Drop a byte-order mark and turn CRLF (and lone CR) line ends into LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def parse(text: str, filename: str = "", *, default_source: str | None = None) -> ParsedArticle:
    """Parse a seed file's text. ``default_source`` stands in for a missing source line."""
    text = normalise(text)
    if not text.strip():
        raise EmptyFile(gettext_noop("the file is empty"), filename=filename)
    if "\x00" in text:
        raise BinaryFile(
            gettext_noop("this is a binary file, not a text seed file"), filename=filename
        )
    header = _HEADER.match(text)
    if header is None:
        first = text.split("\n", 1)[0].strip()
        shown = first if len(first) <= 40 else first[:40] + "…"
        raise BadHeader(
            gettext_noop("expected a header like ' date 2022-10', found '%(found)s'"),
            filename=filename,
            line=1,
            found=shown,
        )
    date, precision = parse_date(header["date"], filename=filename)

    rest = text[header.end() :]
    source_match = _SOURCE.search(rest)
    if source_match and source_match["name"]:
        source = source_match["name"]
        body = rest[: source_match.start()]
    elif default_source:
        source = default_source.strip()
        body = rest.rstrip()
    else:
        last_line = text.count("\n") + 1
        raise NoSource(
            gettext_noop(
                "no source line: the last paragraph should name the outlet, like 'Quelle: RT DE'"
            ),
            filename=filename,
            line=last_line,
        )
    if not body.strip():
        raise NoBody(
            gettext_noop("the article has no text between the date header and the source line"),
            filename=filename,
            line=1,
        )
    check_length(body, filename)
    paragraphs = split_paragraphs(body)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise TooLong(
            gettext_noop("too many paragraphs: %(count)s, at most %(limit)s"),
            filename=filename,
            count=len(paragraphs),
            limit=MAX_PARAGRAPHS,
        )
    return ParsedArticle(
        filename=filename,
        date=date,
        date_precision=precision,
        source=source,
        body=body,
        title=derive_title(body),
        content_hash=content_hash(text),
        paragraphs=paragraphs,
    )


def parse_date(value: str, *, filename: str = "") -> tuple[datetime.date, str]:
    """'2022', '2022-10' or '2022-10-17' -> (first day of that period, precision)."""
    match = _DATE.fullmatch(value)
    if match is None:
        raise BadDate(
            gettext_noop("'%(value)s' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD"),
            filename=filename,
            line=1,
            value=value,
        )
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    if not 1 <= month <= 12:
        raise BadDate(
            gettext_noop("'%(value)s' has no month %(month)s"),
            filename=filename,
            line=1,
            value=value,
            month=month,
        )
    if year < 1:
        raise BadDate(
            gettext_noop("'%(value)s' has no year %(year)s"),
            filename=filename,
            line=1,
            value=value,
            year=year,
        )
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise BadDate(
            gettext_noop("'%(value)s' is impossible: %(month)s has %(days)s days"),
            filename=filename,
            line=1,
            value=value,
            month=f"{year}-{month:02d}",
            days=last_day,
        )
    if match["day"]:
        precision = Precision.DAY
    elif match["month"]:
        precision = Precision.MONTH
    else:
        precision = Precision.YEAR
    return datetime.date(year, month, day), precision


def split_paragraphs(body: str) -> list[Paragraph]:
    """Paragraphs as offsets into the body, separated by blank lines, outer space trimmed."""
    paragraphs = []
    position = 0
    for separator in [*_PARAGRAPH_BREAK.finditer(body), None]:
        end = separator.start() if separator else len(body)
        chunk = body[position:end]
        stripped = chunk.strip()
        if stripped:
            start = position + chunk.index(stripped)
            paragraphs.append(Paragraph(start, start + len(stripped)))
        if separator:
            position = separator.end()
    return paragraphs
