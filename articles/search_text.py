"""German full-text search in plain Python: SQLite's FTS5 index, and the passages of the results
on either database. No Django imports.

PostgreSQL searches with its ``german`` configuration; SQLite's FTS5 knows no German, so the
index (``articles.sqlite_search``) holds what this module makes of a text, and a query is
turned into an FTS5 MATCH expression over the same forms:

- ``words(text)``: the words with their offsets: runs of letters and digits (a hyphen, an
  apostrophe or a dot separates words: "Ukraine-Krieg" is "Ukraine" and "Krieg").
- ``stem(word)``: the word lower-cased and stemmed by the Snowball ``german`` algorithm that
  PostgreSQL's ``german_stem`` dictionary runs ("Koalitionen" -> "koalition", "großen" ->
  "gross"); a stop word of PostgreSQL's ``german.stop`` list is None (not indexed, not
  searched); a word with a digit ("G7", "2022") is only lower-cased, as PostgreSQL's parser
  does.
- ``parse(query)``: PostgreSQL's ``websearch_to_tsquery`` syntax: words are all needed,
  ``OR`` between two words or phrases gives either (and binds loosest: ``a b OR c`` is ``(a
  AND b) OR c``), ``-word`` excludes, ``"a phrase"`` needs its words in a row (stop words in it
  are left out, so ``"Nato und EU"`` also finds "Nato, EU"). Other punctuation is ignored;
  nothing a person types makes it fail.
- ``passage(body, query)``: the parts of the body that match, with the matching words marked,
  for the article list on either database (on the lines of PostgreSQL's ``ts_headline`` with
  two fragments of at most 30 words, which cost 3 ms for a page of 20 results; this is ~1 ms).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from articles.markup import merge_passages as _merge

# PostgreSQL's tsearch_data/german.stop (the Snowball project's German stop words).
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer
    anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des
    dem die das daß derselbe derselben denselben desselben demselben dieselbe dieselben
    dasselbe dazu dein deine deinem deinen deiner deines denn derer dessen dich dir du dies
    diese diesem diesen dieser dieses doch dort durch ein eine einem einen einer eines einig
    einige einigem einigen einiger einiges einmal er ihn ihm es etwas euer eure eurem euren
    eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich mich mir
    ihr ihre ihrem ihren ihrer ihres euch im in indem ins ist jede jedem jeden jeder jedes jene
    jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte
    machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines
    mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen
    seiner seines selbst sich sie ihnen sind so solche solchem solchen solcher solches soll
    sollte sondern sonst über um und uns unse unsem unsen unser unses unter viel vom von vor
    während war waren warst was weg weil weiter welche welchem welchen welcher welches wenn
    werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar
    zwischen
    """.split()
)

# Letters and digits (not "_"): what FTS5's unicode61 tokenizer keeps together too, so a stem
# written to the index is one token there.
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_local = threading.local()  # a Snowball stemmer keeps state: one per thread


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


def words(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str | None:
    """The indexed form of a word, or None for a stop word."""
    lower = word.lower()
    if _DIGIT.search(lower):
        return lower
    if lower in STOP_WORDS:
        return None
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("german")
    return stemmer.stemWord(lower)


def stems(text: str) -> list[str]:
    return [s for word in _WORD.findall(text) if (s := stem(word))]


def index_text(text: str | None) -> str:
    """What the index holds for a text: its stems, separated by spaces."""
    return " ".join(stems(text or ""))


# --- Queries -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word (one stem) or a phrase (several, in a row), wanted or excluded."""

    stems: tuple[str, ...]
    negated: bool = False

    def fts(self) -> str:
        return '"' + " ".join(self.stems) + '"'  # stems hold letters and digits only


@dataclass(frozen=True)
class Query:
    """``groups`` of terms, each group all needed, any group enough."""

    groups: tuple[tuple[Term, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def wanted(self) -> frozenset[str]:
        """The stems of the words the query looks for (the ones a passage marks)."""
        return frozenset(
            s for group in self.groups for t in group if not t.negated for s in t.stems
        )

    @property
    def match(self) -> str | None:
        """The FTS5 expression for the groups with a wanted term, or None if there are none."""
        parts = []
        for group in self.groups:
            wanted = [t.fts() for t in group if not t.negated]
            if wanted:
                parts.append(
                    "("
                    + "("
                    + " AND ".join(wanted)
                    + ")"
                    + "".join(f" NOT {t.fts()}" for t in group if t.negated)
                    + ")"
                )
        return " OR ".join(parts) or None

    @property
    def excluding(self) -> list[str]:
        """For each group with no wanted term (``-Lawrow``): the FTS5 expression of what it
        excludes. Such a group matches every article that expression does not."""
        return [
            " OR ".join(t.fts() for t in group)
            for group in self.groups
            if all(t.negated for t in group)
        ]


_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


def parse(text: str) -> Query:
    """A query in ``websearch_to_tsquery`` syntax (see the module's docstring)."""
    items: list[tuple[bool, bool, str]] = []  # (negated, quoted, text)
    for m in _PART.finditer(text or ""):
        if m[2] is not None:
            items.append((bool(m[1]), True, m[2]))
        else:
            items.append((bool(m[3]), False, m[4]))
    groups: list[list[Term]] = [[]]
    previous_was_or = True  # at the start, "or" is a word, as after another "or"
    for index, (negated, quoted, raw) in enumerate(items):
        is_or = not negated and not quoted and raw.lower() == "or"
        if is_or and not previous_was_or and index + 1 < len(items):
            groups.append([])
            previous_was_or = True
            continue
        previous_was_or = False
        found = tuple(stems(raw))
        if found:
            groups[-1].append(Term(found, negated))
    return Query(tuple(tuple(group) for group in groups if group))


# --- Passages ----------------------------------------------------------------------------------

MAX_WORDS, MIN_WORDS, MAX_FRAGMENTS, DELIMITER = 30, 12, 2, " … "


def passage(body: str, query: Query) -> list[tuple[str, bool]]:
    """The passages of ``body`` where the query's words are, as (text, marked) parts: at most
    MAX_FRAGMENTS of at most MAX_WORDS words, those with the most matching words, in the order
    of the text, joined by DELIMITER; the first MIN_WORDS words when none matches.
    Whitespace runs become one space."""
    found, hits = _words_and_hits(body, query.wanted)
    if not found:
        return []
    if not hits:
        return _parts(body, found, 0, min(MIN_WORDS, len(found)), set())
    fragments: list[tuple[int, int]] = []
    left = list(hits)
    while left and len(fragments) < MAX_FRAGMENTS:
        # The window of MAX_WORDS words from a hit that holds the most hits left.
        best_first, best_count, last = left[0], 0, 0
        for i, first in enumerate(left):
            last = max(last, i)
            while last + 1 < len(left) and left[last + 1] < first + MAX_WORDS:
                last += 1
            if last - i + 1 > best_count:
                best_first, best_count = first, last - i + 1
        covered = [hit for hit in left if best_first <= hit < best_first + MAX_WORDS]
        # Centred on the hits it holds, within the text and off the fragments chosen before.
        span = covered[-1] - covered[0] + 1
        start = max(0, covered[0] - (MAX_WORDS - span) // 2)
        end = min(len(found), start + MAX_WORDS)
        start = max(0, end - MAX_WORDS)
        for taken_start, taken_end in fragments:
            if start < taken_end and taken_start < end:
                if covered[0] >= taken_end:
                    start = taken_end
                else:
                    end = taken_start
        fragments.append((start, end))
        left = [hit for hit in left if not start <= hit < end]
    parts: list[tuple[str, bool]] = []
    previous_end = None
    for start, end in sorted(fragments):
        if previous_end == start:  # adjacent: one passage
            parts.append((_SPACES.sub(" ", body[found[start - 1][1] : found[start][0]]), False))
        elif previous_end is not None:
            parts.append((DELIMITER, False))
        parts += _parts(body, found, start, end, set(hits))
        previous_end = end
    return _merge(parts)


def _words_and_hits(body: str, wanted: frozenset[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """The (start, end) of the words of ``body`` as far as ``passage`` reads them, and the
    indexes of those whose stem is wanted. Only the words that ``_beginnings`` finds are
    stemmed, and the words are read up to MAX_WORDS and one after the last of them (further
    than a fragment reaches), or the first MIN_WORDS and one when none is wanted: a body's
    words were half the cost of a page's passages, most of them after the last match."""
    places = iter(_word_starts(body, _beginnings(wanted)) if wanted else ())
    place = next(places, None)  # where a wanted word may begin
    found: list[tuple[int, int]] = []
    hits: list[int] = []
    for m in _WORD.finditer(body):
        start, end = span = m.span()
        while place is not None and place <= start:  # the word at or after it
            if stem(body[start:end]) in wanted:
                hits.append(len(found))
            place = next(places, None)
        found.append(span)
        if place is None and len(found) > (hits[-1] + MAX_WORDS if hits else MIN_WORDS):
            break
    return found, hits


def _word_starts(body: str, beginnings: re.Pattern) -> Iterator[int]:
    """Where ``beginnings`` match at the start of a word of ``body`` (after a character that
    is none of a word's, ``_WORD``), as a look-behind for such a character would find them:
    checked here at each match rather than by the pattern, which tried the look-behind at
    every character (60 µs a body of 1,200 characters, 15 without). After a match that does
    not start a word the search goes on from the next character, not from the match's end,
    which may lie past a word's start (a lead can hold a combining mark: "İ" lower-cased)."""
    position = 0
    while (found := beginnings.search(body, position)) is not None:
        start = found.start()
        if not start or not body[start - 1].isalnum():  # ``[^\W_]`` is what ``isalnum`` is
            yield start
            position = max(found.end(), start + 1)
        else:
            position = start + 1


@lru_cache(maxsize=256)
def _beginnings(wanted: frozenset[str]) -> re.Pattern:
    """The beginnings of the words that may have one of these stems. Stemming only cuts
    endings, and drops umlauts and turns ß into ss, so a word with the stem "haus" begins
    with "haus" or "häus", in any case; a stem is matched up to its first "s" (which may
    be half an ß)."""
    beginnings = set()
    for s in wanted:
        lead = s.translate(_FOLD).split("s", 1)[0]
        beginnings.add("".join(_LETTER.get(c) or re.escape(c) for c in lead) if lead else "[sß]")
    return re.compile("|".join(sorted(beginnings)), re.IGNORECASE)


def _parts(body: str, found: list[tuple[int, int]], start: int, end: int, hits: set[int]):
    """Words ``start`` to ``end`` (excluded) as parts, with what lies between them (whitespace
    runs as one space), the ``hits`` marked: the text between two hits is one part, its
    spaces made one at once (a word holds none, so no run of them spans a word)."""
    parts: list[tuple[str, bool]] = []
    position = found[start][0]
    for i in sorted(hit for hit in hits if start <= hit < end):
        word_start, word_end = found[i]
        parts.append((_SPACES.sub(" ", body[position:word_start]), False))
        parts.append((body[word_start:word_end], True))
        position = word_end
    parts.append((_SPACES.sub(" ", body[position : found[end - 1][1]]), False))
    return _merge(parts)


_SPACES = re.compile(r"\s+")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_LETTER = {"a": "[aä]", "o": "[oö]", "u": "[uü]"}
