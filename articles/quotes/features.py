"""Features shared by the learned decisions: small word tests and buckets, and where words
stand in a text (``whole_words``).

A feature set is a ``dict`` from a feature's name to its value (1 for a present indicator);
``learned.LinearModel`` scores it. Names carry their value where a value is a category
(``"len=3"``), so that a linear model can weigh each category on its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

Features = dict[str, float]

WORD = re.compile(r"[\wäöüß\-]+")

DISTANCE_EDGES = (0, 2, 5, 10, 20, 40, 80, 160, 320)
COUNT_EDGES = (0, 1, 2, 3, 4, 6, 9, 15, 25, 50)


def starting_with(first: str, pattern: str) -> re.Pattern:
    r"""``re.compile(pattern)`` for a pattern that opens with a look-behind (``(?<![\w\-])``)
    and whose matches all start with a character of the class ``first``: that class is
    tested first, as a look-ahead, so the look-behind is tried only where it may succeed.
    The same matches (two tests of the same place, in the other order), found faster."""
    return re.compile(f"(?={first})" + pattern)


def bucket(n: int, edges: tuple[int, ...] = COUNT_EDGES) -> int:
    """The index of the last edge that ``n`` reaches (0 below the first): a coarse, monotone
    scale. ``edges`` ascend."""
    return max(bisect.bisect_right(edges, n) - 1, 0)


def words_lower(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]``, in lower case."""
    return [w.lower() for w in WORD.findall(text, start, end)]


# The leftmost match of a pattern that opens with ``([\w\-]+)`` never follows a character of
# the class (a match there would extend one further left), so the look-behind changes no result
# of a search: it only skips the places inside a word.
_WORD_BEFORE = re.compile(r"(?<![\w\-])([\w\-]+)[^\w\n]{0,3}$")
_WORD_AFTER = re.compile(r"[^\w\n]{0,3}([\w\-]+)")


def word_before(text: str, pos: int) -> str:
    """The word that ends at most three non-word characters before ``pos`` ('' if none)."""
    m = _WORD_BEFORE.search(text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def word_after(text: str, pos: int) -> str:
    """The word that starts at most three non-word characters after ``pos`` ('' if none)."""
    m = _WORD_AFTER.match(text[pos : pos + 40])
    return m.group(1) if m else ""


def any_in(words: list[str], vocabulary: frozenset[str]) -> int:
    """1 when one of the words is in the vocabulary."""
    return int(not vocabulary.isdisjoint(words))


_WORD_CHAR = re.compile(r"[\w\-]")


def whole_words(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    r"""Where the forms stand in ``text`` as whole words: leftmost first, the longest form at
    each place, none overlapping; ``(start, end, form)``. What ``finditer`` of
    ``(?<![\w\-])(?:longest|…|shortest)(?![\w\-])`` finds, without compiling a pattern
    for each article's names (half a millisecond for an article with many)."""
    best: dict[int, str] = {}
    for form in forms:
        if not form:
            raise ValueError("an empty form")
        n = len(form)
        i = text.find(form)
        while i >= 0:
            if (
                (i == 0 or not _WORD_CHAR.match(text, i - 1))
                and not _WORD_CHAR.match(text, i + n)
                and len(best.get(i, "")) < n
            ):
                best[i] = form
            i = text.find(form, i + 1)
    found = []
    end = 0
    for start in sorted(best):
        if start >= end:
            form = best[start]
            end = start + len(form)
            found.append((start, end, form))
    return found
