"""Quotation marks: pair them per paragraph, decide which quotes are names, mask the rest.

Straight marks are told from context (what stands before and after them); an unclosed double
quote runs to the end of its line. ``mask`` replaces every quotation that is speech by ``⟪···⟫``
of the same length and keeps a short quoted name („Computerwoche“) readable between ``〈…〉``, so
that the later stages can use plain regular expressions that cannot see words inside quotations,
and every offset stays valid for the original body.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

OPEN_Q = "⟪"
CLOSE_Q = "⟫"
# A quoted name ("die „Computerwoche“") keeps its words in the masked text between these marks,
# so that it can be a speaker: „…“, schreibt die „Computerwoche“.
OPEN_NAME = "〈"
CLOSE_NAME = "〉"
MASK = "·"
# The first letter of a lower-case word inside an organisation's name ("Reporter [o]hne
# Grenzen", "Gesellschaft [f]ür [b]edrohte Völker") in the masked text: the name goes on over
# it (see orgnames.link_names).
LINKED = "\ue000"

_DOUBLE = '„“”"»«'
_SINGLE = "‚‘’'›‹"
ALL_MARKS = _DOUBLE + _SINGLE
_OPEN_CONTEXT = set(" \t\n([{/:–—-") | set(ALL_MARKS)
_CLOSE_FOLLOW = set(" \t\n.,;:!?)]}/–—-…") | set(ALL_MARKS)


_MAX_OPEN = 16


@dataclass
class Mark:
    """A paired quotation (an unclosed double quote runs to the end of its line)."""

    start: int
    end: int  # exclusive; for a closed quote it includes the closing mark
    closed: bool
    depth: int
    single: bool


def pair_marks(body: str, line_start: int, line_end: int) -> list[Mark]:
    """Pair the quotation marks of one line (a paragraph); unclosed doubles end at line end."""
    found: list[Mark] = []
    stack: list[tuple[int, str, bool]] = []  # (position, expected closers, single)

    def close(kind_single: bool, closers: str, pos: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            start, expected, single = stack[k]
            if single == kind_single and body[pos] in expected:
                # unclosed single quotes above it were apostrophes or strays: drop them
                del stack[k:]
                found.append(Mark(start, pos + 1, True, k, single))
                return True
            if not kind_single and single:
                continue
            if kind_single and not single:
                return False
        return False

    for pos in range(line_start, line_end):
        ch = body[pos]
        if ch not in ALL_MARKS:
            continue
        if len(stack) > _MAX_OPEN:
            # stray marks pile up in broken text: forget the oldest apostrophe-like opener
            # (or the second oldest mark, keeping a block quotation at the bottom)
            singles = [k for k, entry in enumerate(stack) if entry[2]]
            del stack[singles[0] if singles else 1]
        before = body[pos - 1] if pos > line_start else " "
        after = body[pos + 1] if pos + 1 < line_end else " "
        can_open = before in _OPEN_CONTEXT and not after.isspace()
        can_close = not before.isspace() and before not in "([{" and after in _CLOSE_FOLLOW
        if ch == "„":
            stack.append((pos, '“”"', False))
        elif ch == "‚":
            if can_open:
                stack.append((pos, "‘’'", True))
        elif ch in "“”":
            if any(not s for _, _, s in stack) and (can_close or not can_open):
                close(False, '“”"', pos)
            elif ch == "“" and can_open:
                stack.append((pos, '”"', False))
        elif ch == '"':
            open_double = any(not s for _, _, s in stack)
            if can_close and (open_double or not can_open):
                if open_double:
                    close(False, '"“”', pos)
            elif can_open:
                stack.append((pos, '"“”', False))
        elif ch in "»«":
            other = "«" if ch == "»" else "»"
            waiting = any(body[p] == other and not s for p, _, s in stack)
            if waiting and can_close:
                close(False, ch, pos)
            elif can_open:
                stack.append((pos, other, False))
        elif ch in "›‹":
            other = "‹" if ch == "›" else "›"
            waiting = any(body[p] == other and s for p, _, s in stack)
            if waiting and can_close:
                close(True, ch, pos)
            elif can_open:
                stack.append((pos, other, True))
        elif ch == "‘":
            if any(s for _, _, s in stack) and can_close:
                close(True, "‘’'", pos)
            elif can_open and not can_close:
                stack.append((pos, "’'", True))
        elif ch == "'" and (before == "'" or after == "'"):
            continue  # ''wiki markup''
        elif ch in "’'":
            if can_close and any(s for _, _, s in stack):
                close(True, ch, pos)
            elif ch == "'" and can_open and not can_close:
                stack.append((pos, "'’", True))
    # Unclosed double quotes run to the end of their line; unclosed singles are dropped.
    end = line_end
    while end > line_start and body[end - 1].isspace():
        end -= 1
    for depth, (start, _, single) in enumerate(stack):
        if not single and end - start >= 2:
            found.append(Mark(start, end, False, depth, False))
            break  # one open quote per line is enough; nested unclosed ones are noise
    found.sort(key=lambda m: (m.start, -m.end))
    # Recompute depth from containment (closers may have popped out of order).
    result: list[Mark] = []
    outer: list[Mark] = []
    for m in found:
        while outer and outer[-1].end <= m.start:
            outer.pop()
        if outer and m.end > outer[-1].end:
            continue  # crossing spans: keep the first
        m.depth = len(outer)
        result.append(m)
        outer.append(m)
    return result


WORDS_IN = re.compile(r"[\wäöüß]+(?:[-'’][\wäöüß]+)*")

_CLAUSE_WORDS = frozenset(
    """ich wir du ihr er es man uns mich mir dich dir ist sind war waren hat haben hatte wird
    werden wurde kann können konnte muss müssen soll sollen will wollen darf nicht sei seien
    habe hätte wäre würde gibt gab bin bist doch mal gewesen worden
    i we you is are was were have has had will would can could not""".split()
)


def inner_text(body: str, m: Mark) -> str:
    text = body[m.start : m.end]
    return text.strip(ALL_MARKS + " \t\n")


def speechlike(inner: str) -> bool:
    """Does the quoted text read like speech (a clause) rather than a name?"""
    words = WORDS_IN.findall(inner)
    if inner[-1:] in ".!?…" and len(words) >= 2:
        return True
    if any(w in _CLAUSE_WORDS for w in words):
        return True
    if len(words) >= 6 and ("," in inner or {"dass", "zu", "weil", "wenn", "ob"} & set(words)):
        return True
    return len(words) >= 4 and words[0][:1].islower()


def looks_like_name(inner: str) -> bool:
    words = WORDS_IN.findall(inner)
    if not words:
        return True
    caps = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(caps) == len(words) or (
        len(words) <= 6
        and words[0][:1].isupper()
        and inner[-1:] not in ".!?,"
        and sum(1 for w in words if w[:1].isupper()) * 2 >= len(words)
    )


_DEFINITE_BEFORE = re.compile(r"(?<![\w\-])(?:der|die|das|des|dem|den|Der|Die|Das)[ \t]+$")
_NOUN_AFTER = re.compile(r"[ \t]*[A-ZÄÖÜ]")


def lower_title(body: str, m: Mark, words: list[str]) -> bool:
    """A short lower-case name right after a definite article, not followed by the noun it
    would describe: 'der „taz“', 'das Elektroauto „mindset“' is not; 'die „con energy ag“'."""
    if not m.closed or not 0 < len(words) <= 3 or any(w[:1].isupper() for w in words):
        return False
    if any(w in _CLAUSE_WORDS for w in words) or inner_text(body, m)[-1:] in ".!?,":
        return False
    return bool(_DEFINITE_BEFORE.search(body, max(0, m.start - 5), m.start)) and not (
        _NOUN_AFTER.match(body, m.end)
    )


def find_marks(body: str) -> list[Mark]:
    """Every quotation of the body, paired paragraph by paragraph, nested ones with depth > 0."""
    marks: list[Mark] = []
    pos = 0
    for line in body.split("\n"):
        if any(c in line for c in ALL_MARKS):
            marks.extend(pair_marks(body, pos, pos + len(line)))
        pos += len(line) + 1
    return marks


def mask(body: str, tops: list[Mark], quoted_name: Callable[[str], bool] | None = None) -> str:
    """The body with each top-level quotation masked as ``⟪···⟫``, line breaks kept; a short
    quoted name („Computerwoche“, die „taz“) keeps its words between ``〈…〉`` instead, and so
    does a quotation that ``quoted_name`` takes for a name („Reporter ohne Grenzen“)."""
    chars = list(body)
    for m in tops:
        inner = inner_text(body, m)
        words = WORDS_IN.findall(inner)
        if (
            (
                m.closed
                and 0 < len(words) <= 5
                and all(w[:1].isupper() or w[:1].isdigit() for w in words)
            )
            or lower_title(body, m, words)
            or (m.closed and quoted_name and quoted_name(inner))
        ):
            chars[m.start] = OPEN_NAME
            chars[m.end - 1] = CLOSE_NAME
            continue
        for i in range(m.start, m.end):
            chars[i] = MASK if chars[i] != "\n" else "\n"
        chars[m.start] = OPEN_Q
        chars[m.end - 1] = CLOSE_Q
    return "".join(chars)
