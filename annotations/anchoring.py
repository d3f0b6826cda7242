"""Selectors and re-anchoring for highlights in an article's body. Plain Python, no Django.

An annotation points at ``body[start:end]`` through two W3C selectors kept side by side:

- a ``TextPositionSelector`` (``start``, ``end``: offsets in code points into the body), exact
  and cheap, but wrong as soon as the text before the passage changes;
- a ``TextQuoteSelector`` (``exact`` with about ``CONTEXT`` characters of ``prefix`` and
  ``suffix``), which survives edits elsewhere and lets us find the passage again.

``reanchor`` places an anchor in a changed text: first where the quote occurs exactly (the
occurrence whose context fits best, then the one nearest the old offset), then approximately,
where the passage itself changed a little. ``None`` means the passage is gone: the caller keeps
the annotation as orphaned, it never drops it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32  # characters of prefix and suffix kept around the quote

# Approximate matching: the share of the quote's characters that must still be there, how many
# candidate places are examined at most, and quotes shorter than this are only placed exactly.
MIN_SIMILARITY = 0.75
MAX_CANDIDATES = 200
MIN_FUZZY_LENGTH = 8


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def selectors(self) -> list[dict]:
        """The two W3C selectors for this anchor, position first."""
        return [
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
        ]


class OutOfBounds(ValueError):
    """The offsets do not name a non-empty passage of the text."""


def describe(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of ``text[start:end]``, with up to ``context`` characters either side."""
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        raise OutOfBounds(f"{start}–{end} is not a passage of a text of {len(text)} characters")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def reanchor(text: str, anchor: Anchor) -> Anchor | None:
    """``anchor`` placed in ``text`` (a changed version of the text it was made for), or None."""
    found = locate(text, anchor.exact, anchor.prefix, anchor.suffix, hint=anchor.start)
    if found is None:
        return None
    return describe(text, *found)


def locate(
    text: str, exact: str, prefix: str = "", suffix: str = "", hint: int | None = None
) -> tuple[int, int] | None:
    """(start, end) of the passage of ``text`` that the quote selector describes, or None."""
    if not exact or not text:
        return None
    hits = list(_occurrences(text, exact))
    fuzzy_allowed = len(exact) >= MIN_FUZZY_LENGTH or bool(prefix and suffix)
    if hits:
        best = max(
            hits,
            key=lambda at: (
                _context_score(text, at, at + len(exact), prefix, suffix),
                -abs(at - hint) if hint is not None else 0,
            ),
        )
        score = _context_score(text, best, best + len(exact), prefix, suffix)
        if fuzzy_allowed and 2 * score < len(prefix) + len(suffix):
            # The words recur elsewhere, in other surroundings (a phrase the text repeats),
            # while a letter of the passage itself changed: its own place, found approximately
            # with its context, is the better answer.
            near = _fuzzy(text, exact, prefix, suffix, hint)
            if near is not None and _context_score(text, *near, prefix, suffix) > score:
                return near
        return best, best + len(exact)
    if not fuzzy_allowed:
        return None
    return _fuzzy(text, exact, prefix, suffix, hint)


# --- exact search ---------------------------------------------------------------------------


def _occurrences(text: str, needle: str, limit: int | None = None) -> Iterator[int]:
    at, found = text.find(needle), 0
    while at != -1:
        yield at
        found += 1
        if limit is not None and found >= limit:
            return
        at = text.find(needle, at + 1)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """How many characters of the stored context still sit right before and after the span."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


# --- approximate search ---------------------------------------------------------------------


def _fuzzy(
    text: str, exact: str, prefix: str, suffix: str, hint: int | None
) -> tuple[int, int] | None:
    """The best approximate match of ``exact`` in ``text``, if it is similar enough.

    Candidate places come from exact hits of pieces: of the context (the prefix's end and the
    suffix's start bracket the passage) and of the quote itself (if at most k-1 characters of
    the quote changed, one of k pieces is intact). Each candidate window is compared with
    difflib, so the cost is bounded by MAX_CANDIDATES windows of about the quote's length.
    """
    size = len(exact)
    slack = size // 4 + 8
    candidates: list[int] = []

    # The context around the passage: its end/start usually survives a change of the passage.
    tail, head = prefix[-16:], suffix[:16]
    if len(tail) >= 8:
        candidates.extend(at + len(tail) for at in _occurrences(text, tail, 20))
    if len(head) >= 8:
        candidates.extend(at - size for at in _occurrences(text, head, 20))

    # Pieces of the quote itself.
    pieces = max(2, min(8, size // 12))
    length = size // pieces
    if length >= 4:
        for i in range(pieces):
            offset = i * length
            piece = exact[offset : offset + length]
            candidates.extend(at - offset for at in _occurrences(text, piece, 25))

    seen: set[int] = set()
    best: tuple[float, int, int, int] | None = None  # (score, -distance, start, end)
    for guess in candidates[:MAX_CANDIDATES]:
        bucket = guess // max(1, slack // 2)
        if bucket in seen:
            continue
        seen.add(bucket)
        lo = max(0, guess - slack)
        hi = min(len(text), guess + size + slack)
        span = _align(exact, text, lo, hi)
        if span is None:
            continue
        start, end, similarity = span
        score = similarity + 0.25 * _context_score(text, start, end, prefix, suffix) / max(
            1, len(prefix) + len(suffix)
        )
        distance = -abs(start - hint) if hint is not None else 0
        key = (score, distance, start, end)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None:
        return None
    return best[2], best[3]


def _ends_alike(quoted: str, found: str) -> bool:
    """Whether the quote's unmatched end still stands, edited, in the text beside the match:
    a few characters always do; a longer end when the text there is mostly the same."""
    if len(quoted) <= 3:
        return True
    return len(found) == len(quoted) and SequenceMatcher(None, quoted, found).ratio() >= 0.5


def _detour(first, second) -> int:
    """How much more text than quote lies between two consecutive matching blocks."""
    return (second.b - first.b - first.size) - (second.a - first.a - first.size)


def _align(exact: str, text: str, lo: int, hi: int) -> tuple[int, int, float] | None:
    """Where ``exact`` best aligns within ``text[lo:hi]``: (start, end, similarity) or None."""
    window = text[lo:hi]
    matcher = SequenceMatcher(None, exact, window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    # Stray one- or two-letter matches in the slack must not stretch the span.
    while blocks and blocks[0].size < 3 and len(blocks) > 1:
        blocks.pop(0)
    while blocks and blocks[-1].size < 3 and len(blocks) > 1:
        blocks.pop()
    # So must an end match reached over more inserted text than it matches: " de" found twenty
    # characters on, after the passage's own " de" was edited.
    while len(blocks) > 1 and _detour(blocks[-2], blocks[-1]) > blocks[-1].size:
        blocks.pop()
    while len(blocks) > 1 and _detour(blocks[0], blocks[1]) > blocks[0].size:
        blocks.pop(0)
    if not blocks:
        return None
    matched = sum(b.size for b in blocks)
    # A few characters of the quote's ends that changed still belong to the passage.
    head_missing = blocks[0].a
    tail_missing = len(exact) - (blocks[-1].a + blocks[-1].size)
    start = lo + blocks[0].b
    end = lo + blocks[-1].b + blocks[-1].size
    if _ends_alike(exact[:head_missing], text[max(lo, start - head_missing) : start]):
        start -= head_missing
    if _ends_alike(exact[len(exact) - tail_missing :], text[end : end + tail_missing]):
        end += tail_missing
    start, end = max(lo, start), min(hi, end)
    length = end - start
    if length <= 0:
        return None
    similarity = 2 * matched / (len(exact) + length)
    if matched / len(exact) < MIN_SIMILARITY or similarity < MIN_SIMILARITY:
        return None
    return start, end, similarity
