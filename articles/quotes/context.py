"""One article on its way through the extractor, and what the article knows about its words.

A ``Context`` holds the body, its masked copy, the quotation marks and the sentences, the
entities once they are built, and sets of words computed on first use: the words the article
writes in lower case, after an article, or capitalised inside a sentence. They tell names from
nouns and sentence openers ("Erstmals", "die Gewalttaten"). Functions that need such per-article
knowledge take the context; plain text scanners take the masked text alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING

from articles.quotes.features import WORD, starting_with
from articles.quotes.marks import Mark
from articles.quotes.nouns import has_article
from articles.quotes.phrases import Phrase
from articles.quotes.sentences import CUE_WORDS, cue_tokens, is_cue

if TYPE_CHECKING:
    from articles.quotes.entities import Entities

# what common_nouns holds (the scan for article_nouns finds it: see _nouns_after_articles)
_COMMON_NOUN = starting_with(
    "[de]",
    r"(?<![\w\-])(?:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)[ \t]+"
    r"([A-ZÄÖÜ][\w\-]*)",
)
_ARTICLE_NOUN = starting_with(
    "[DdEe]", r"(?<![\w\-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[rsmn]?)?)[ \t]+([A-ZÄÖÜ][\w\-]*)"
)
_LOWER_INITIALS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")
_MIDSENTENCE_CAPITAL = re.compile(r"[^\s.!?:⟫⟪][ \t]+([A-ZÄÖÜ][\w\-]*)")


@dataclass(eq=False)
class Context:
    """One article: built by the pipeline, passed to the stages that need what it knows."""

    body: str
    masked: str  # the body with quotations masked (see marks.mask), offsets unchanged
    marks: list[Mark]  # every paired quotation mark, nested ones too
    sentences: list[tuple[int, int]]  # (start, end) in order
    entities: Entities | None = None  # set by the pipeline once the masked text is known
    # the organisation names whose lower-case words the masked text capitalises: each
    # capitalised tail with the tail as written (see orgnames.link_names)
    linked: dict[str, str] = field(default_factory=dict)
    # values a later stage computes once per article (e.g. the words of each sentence)
    memo: dict = field(default_factory=dict)

    @cached_property
    def tops(self) -> list[Mark]:
        """The top-level quotations (not nested in another)."""
        return [m for m in self.marks if m.depth == 0]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s for s, _e in self.sentences]

    def cue_tokens(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The reporting cues (start, end, word) of the masked text between start and end
        (``sentences.cue_tokens``), found once per article and bounds."""
        cues = self.memo.setdefault("cue_tokens", {})
        found = cues.get((start, end))
        if found is None:
            found = cues[start, end] = self._cue_tokens(start, end)
        return list(found)

    def _cue_tokens(self, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
        """``sentences.cue_tokens`` from the words found once: only the words whose form may be
        a cue are tested. Where the bounds cut a word, the scanner itself reads the text."""
        starts, ends, forms = self.word_forms
        i = bisect.bisect_right(ends, start)  # the first word that ends after start
        j = bisect.bisect_left(starts, end)  # after the last word that starts before end
        if i < j and (starts[i] < start or ends[j - 1] > end):
            return cue_tokens(self.masked, start, end)
        hits = self.cue_words
        masked = self.masked
        return tuple(
            (starts[k], ends[k], forms[k])
            for k in hits[bisect.bisect_left(hits, i) : bisect.bisect_left(hits, j)]
            if is_cue(masked, starts[k], ends[k], forms[k], start, end)
        )

    @cached_property
    def cue_words(self) -> list[int]:
        """The indices of the words (``words``) whose form may be a reporting cue."""
        return [k for k, low in enumerate(self.words[2]) if low in CUE_WORDS]

    def sentence_index(self, position: int) -> int:
        """The index of the sentence that starts last at or before a position."""
        return max(bisect.bisect_right(self.sentence_starts, position) - 1, 0)

    def sentence_of(self, position: int) -> tuple[int, int]:
        """The sentence that contains a position (the last one for a position past the end)."""
        sentences = self.sentences
        lo, hi = 0, len(sentences) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if sentences[mid][1] <= position:
                lo = mid + 1
            else:
                hi = mid
        return sentences[lo]

    @cached_property
    def word_forms(self) -> tuple[list[int], list[int], list[str]]:
        """The words of the masked text (``features.WORD``), found once: their starts, their
        ends and their forms as written."""
        found = list(WORD.finditer(self.masked))
        return (
            [m.start() for m in found],
            [m.end() for m in found],
            [m.group() for m in found],
        )

    @cached_property
    def words(self) -> tuple[list[int], list[int], list[str]]:
        """``word_forms`` with the words in lower case."""
        starts, ends, forms = self.word_forms
        return starts, ends, [w.lower() for w in forms]

    def words_in(self, start: int, end: int) -> tuple[list[int], list[str]]:
        """The starts and lower-case forms of the words ``WORD.finditer(masked, start, end)``
        finds, from the words found once: each quotation's candidate speakers and each
        sentence's clauses ask for the words around them. A word the bounds cut is taken as
        cut, as the search between the bounds finds it."""
        starts, ends, _lowered = self.words
        i = bisect.bisect_right(ends, start)  # the first word that ends after start
        j = bisect.bisect_left(starts, end)  # after the last word that starts before end
        if end <= start or i >= j:
            return [], []
        found_starts = starts[i:j]
        if starts[i] < start:
            found_starts[0] = start
        return found_starts, self._cut(start, end, i, j)

    def first_words(self, start: int, end: int, n: int) -> list[str]:
        """``words_in(start, end)[1][:n]``, without the words after them."""
        starts, ends, _lowered = self.words
        i = bisect.bisect_right(ends, start)
        j = bisect.bisect_left(starts, end, i, min(i + n, len(starts)))
        return self._cut(start, end, i, j)

    def last_words(self, start: int, end: int, n: int) -> list[str]:
        """``words_in(start, end)[1][-n:]``, without the words before them."""
        starts, ends, _lowered = self.words
        j = bisect.bisect_left(starts, end)
        i = bisect.bisect_right(ends, start, max(0, j - n), j)
        return self._cut(start, end, i, j)

    def holds(self, start: int, end: int, vocabulary: frozenset[str]) -> bool:
        """``not vocabulary.isdisjoint(words_in(start, end)[1])``, from running counts of the
        article's words in the vocabulary (found once per article and vocabulary)."""
        starts, ends, lowered = self.words
        i = bisect.bisect_right(ends, start)
        j = bisect.bisect_left(starts, end)
        if end <= start or i >= j:
            return False
        if starts[i] < start:  # the first word, cut
            if self._cut_first(start, end, i) in vocabulary:
                return True
            i += 1
        if i < j and ends[j - 1] > end:  # the last word, cut
            if self._cut_last(start, end, j) in vocabulary:
                return True
            j -= 1
        counts = self.counts(vocabulary)
        return counts[j] > counts[i]

    def counts(self, vocabulary: frozenset[str]) -> list[int]:
        """For every k, how many of the article's first k words (``words``, lower case) are in
        ``vocabulary``: any run of words' count is two subtractions. Once per article and
        vocabulary (the speaker scorer's ``holds``, the clause stage's sentence counts)."""
        counts = self.memo.get(vocabulary)  # (a frozenset: its own key)
        if counts is None:
            found = map(vocabulary.__contains__, self.words[2])
            counts = self.memo[vocabulary] = list(accumulate(found, initial=0))
        return counts

    def _cut(self, start: int, end: int, i: int, j: int) -> list[str]:
        """Words i to j (lower case) between the bounds: the first or the last as the bounds
        cut it."""
        if end <= start or i >= j:
            return []
        starts, ends, lowered = self.words
        found = lowered[i:j]
        if starts[i] < start:  # (i is then the first word that ends after start)
            found[0] = self._cut_first(start, end, i)
        if ends[j - 1] > end:  # (j - 1 is then the last word that starts before end)
            found[-1] = self._cut_last(start, end, j)
        return found

    def _cut_first(self, start: int, end: int, i: int) -> str:
        return self.masked[start : min(self.words[1][i], end)].lower()

    def _cut_last(self, start: int, end: int, j: int) -> str:
        return self.masked[max(self.words[0][j - 1], start) : end].lower()

    def words_lower(self, start: int, end: int) -> list[str]:
        """``features.words_lower(masked, start, end)``: see ``words_in``."""
        return self.words_in(start, end)[1]

    @cached_property
    def common_nouns(self) -> frozenset[str]:
        """Capitalised words used after a lower-case article: nouns, not names."""
        return self._nouns_after_articles[0]

    @cached_property
    def article_nouns(self) -> frozenset[str]:
        """Capitalised words after an article, also one opening a sentence ("Der Astronaut")."""
        return self._nouns_after_articles[1]

    @cached_property
    def _nouns_after_articles(self) -> tuple[frozenset[str], frozenset[str]]:
        """(``common_nouns``, ``article_nouns``) from one scan: the matches of _ARTICLE_NOUN
        whose article is in lower case are those of _COMMON_NOUN (a match with a capital
        article holds no lower-case article at a word's start that _COMMON_NOUN could find)."""
        masked = self.masked
        lower, every = set(), set()
        for m in _ARTICLE_NOUN.finditer(masked):
            noun = m.group(1)
            every.add(noun)
            if masked[m.start()] in "de":
                lower.add(noun)
        return frozenset(lower), frozenset(every)

    @cached_property
    def lower_words(self) -> frozenset[str]:
        r"""Every word the article writes in lower case: what ``(?<![\w\-])[a-zäöüß]\w*`` finds,
        taken from the words found once (``word_forms``) that open with such a letter, each up
        to its first hyphen."""
        return frozenset(
            form.partition("-")[0] for form in self.word_forms[2] if form[0] in _LOWER_INITIALS
        )

    @cached_property
    def midsentence_capitals(self) -> frozenset[str]:
        """Capitalised words that also occur inside a sentence: names and nouns, not openers."""
        return frozenset(m.group(1) for m in _MIDSENTENCE_CAPITAL.finditer(self.masked))

    def proper(self, phrase: Phrase, s_start: int) -> bool:
        """Is a bare phrase (no article, no role) a name? Not when its word also stands after an
        article ("die Gewalttaten" … "Gewalttaten nahmen zu"), not when it opens a sentence and
        never appears capitalised inside one ("Erstmals"), and not when it begins with a word
        the article also writes in lower case ("Galt Josef Ratzinger als …")."""
        if phrase.pronoun or phrase.role:
            return True
        words = (phrase.name or "").split()
        if not words or has_article(phrase):
            return True  # it has an article
        if words[0].lower() in self.lower_words:
            return False
        if len(words) == 1 and words[0] in self.common_nouns:
            return False
        if len(words) == 1 and phrase.start <= s_start + 1:
            return words[0] in self.midsentence_capitals
        return True
