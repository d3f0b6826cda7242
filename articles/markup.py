"""An article body as markup: paragraphs and quotations with their offsets. No Django imports.

``blocks(body, spans)`` turns the body and the quotations to mark into paragraphs, each a flat
list of tokens (text, open a quotation, close it); ``to_html`` renders them as one HTML string
(a template loop over hundreds of tokens costs more than the rest of the page). Every
character of a paragraph is in exactly one text token, so the text of a paragraph element is
``body[start:end]`` and an offset in the markup is an offset in the body (annotations rely on
this). A quotation that spans paragraphs is split into one piece per paragraph; one inside
another is nested; one that overlaps another without being inside it is split where the other
ends, so the tags always nest.

Also ``merge_passages`` (for a search result's passage, made by ``articles.search_text``) and
``reading_minutes``.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from articles.seedfile import split_paragraphs

WORDS_PER_MINUTE = 200
# German news text has about 7.5 characters a word, spaces and punctuation included.
CHARS_PER_WORD = 7.5

OPEN, TEXT, CLOSE = "open", "text", "close"


@dataclass(frozen=True)
class Span:
    """A stretch of the body to mark; ``data`` is handed back in the tokens untouched."""

    start: int
    end: int
    data: Any = None


@dataclass(frozen=True)
class Token:
    kind: str  # OPEN, TEXT or CLOSE
    start: int
    end: int
    text: str = ""
    span: Span | None = None
    first: bool = False  # an OPEN token holding the span's first character (show its label)
    last: bool = False  # an OPEN token holding the span's last character


@dataclass
class Block:
    """A paragraph: ``body[start:end]`` as tokens."""

    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)


def blocks(body: str, spans: Iterable[Span]) -> list[Block]:
    """The body's paragraphs with ``spans`` marked in them (see the module's docstring)."""
    spans = [span for span in spans if 0 <= span.start < span.end <= len(body)]
    result = []
    for paragraph in split_paragraphs(body):
        inside = [
            span for span in spans if span.start < paragraph.end and paragraph.start < span.end
        ]
        result.append(
            Block(
                paragraph.start,
                paragraph.end,
                _tokens(body, paragraph.start, paragraph.end, inside),
            )
        )
    return result


def _tokens(body: str, start: int, end: int, spans: Sequence[Span]) -> list[Token]:
    # Pieces are (start, -end, order, span): longest first at the same start, so that the
    # outer quotation opens first; ``order`` keeps equal pieces in a stable order.
    pending = sorted(
        (max(span.start, start), -min(span.end, end), order, span)
        for order, span in enumerate(spans)
    )
    tokens: list[Token] = []
    stack: list[int] = []  # the ends of the open pieces, innermost last
    position = start

    def text_to(stop: int) -> None:
        nonlocal position
        if stop > position:
            tokens.append(Token(TEXT, position, stop, body[position:stop]))
            position = stop

    def close_to(stop: int) -> None:
        while stack and stack[-1] <= stop:
            text_to(stack[-1])
            tokens.append(Token(CLOSE, position, position))
            stack.pop()

    while pending:
        piece_start, negative_end, order, span = pending.pop(0)
        piece_end = -negative_end
        close_to(piece_start)
        if stack and piece_end > stack[-1]:
            # Overlaps the open piece without being inside it: mark the rest after it closes.
            bisect.insort(pending, (stack[-1], -piece_end, order, span))
            piece_end = stack[-1]
        if piece_end <= piece_start:
            continue
        text_to(piece_start)
        tokens.append(
            Token(
                OPEN,
                piece_start,
                piece_end,
                span=span,
                first=piece_start == span.start,
                last=piece_end == span.end,
            )
        )
        stack.append(piece_end)
    close_to(end)
    text_to(end)
    return tokens


def to_html(blocks: Iterable[Block], open_tag: Callable[[Token], str]) -> str:
    """The paragraphs as ``<p class="paragraph" data-start data-end>`` elements, one a line, with
    the body's text escaped and each OPEN token rendered by ``open_tag`` (which must escape what
    it puts in) and closed with ``</span>``."""
    escape = html.escape
    out: list[str] = []
    for block in blocks:
        out.append(f'<p class="paragraph" data-start="{block.start}" data-end="{block.end}">')
        for token in block.tokens:
            if token.kind == TEXT:
                out.append(escape(token.text))
            elif token.kind == OPEN:
                out.append(open_tag(token))
            else:
                out.append("</span>")
        out.append("</p>\n")
    return "".join(out)


def reading_minutes(characters: int) -> int:
    """Minutes to read a text of this many characters, at least one."""
    return max(1, round(characters / CHARS_PER_WORD / WORDS_PER_MINUTE))


# --- Search ------------------------------------------------------------------------------------


def merge_passages(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """The pieces of a passage with the empty ones left out and neighbours of the same kind
    (marked or not) joined."""
    merged: list[tuple[str, bool]] = []
    for text, marked in parts:
        if not text:
            continue
        if merged and merged[-1][1] == marked:
            merged[-1] = (merged[-1][0] + text, marked)
        else:
            merged.append((text, marked))
    return merged
