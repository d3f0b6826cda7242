"""Indirect speech as a learned decision over the clauses of each sentence.

Each sentence is cut at its commas, colons, semicolons and dashes; every run of consecutive
pieces (up to ten) is a candidate span. ``clause_features`` says what marks reported speech: a
subjunctive verb, ``dass``/``ob`` at its start, a reporting verb or a source cue (``laut``,
``so``, ``zufolge``, ``demnach``) before or after it, a zu-infinitive, and what the rules of
``indirect`` found there. The best span of a sentence above the model's threshold is the
reported speech; a second one is kept when it does not overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import NamedTuple

from articles.quotes.context import Context
from articles.quotes.features import Features
from articles.quotes.lexicon import CLAUSE_OPENERS, REPORTING_VERBS, SOURCE_CUES, SUBJUNCTIVE

_CUT = re.compile(r"[,;:][ \t\n]+|[ \t][–—-][ \t]")
_MAX_PIECES = 10
_MAX_RUN = 6  # pieces in one candidate
_MIN_LENGTH = 8
LENGTH_EDGES = (0, 3, 5, 8, 12, 18, 25, 35, 50)
_SOURCE_NOUNS = ("angaben", "berichten", "informationen", "aussagen", "einschätzung")


class Clause(NamedTuple):
    """A candidate span of reported speech within one sentence."""

    sentence: int  # index into ctx.sentences
    first: int  # index of its first piece
    last: int  # index of its last piece
    pieces: int  # how many pieces the sentence has
    start: int
    end: int
    from_rules: bool = False  # the span the rules of ``indirect`` found


class SpanIndex:
    """Spans filed under every sentence they touch, so that the spans overlapping a clause
    are found among its sentence's few, not among all of a long article's."""

    def __init__(self, ctx: Context, spans: list[tuple[int, int]] = ()):
        self.ctx = ctx
        self.by_sentence: dict[int, list[tuple[int, int]]] = {}
        self.starts: set[int] = set()  # the sentences in which a span starts
        for start, end in spans:
            self.add(start, end)

    def _sentences(self, start: int, end: int) -> range:
        ctx = self.ctx
        return range(ctx.sentence_index(start), ctx.sentence_index(max(start, end - 1)) + 1)

    def add(self, start: int, end: int) -> None:
        self.starts.add(self.ctx.sentence_index(start))
        for i in self._sentences(start, end):
            self.by_sentence.setdefault(i, []).append((start, end))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        found = set()
        for i in self._sentences(start, end):
            for s, e in self.by_sentence.get(i, ()):
                if min(end, e) > max(start, s):
                    found.add((s, e))
        return sorted(found)


def clause_candidates(ctx: Context, rule_spans: list[tuple[int, int]]) -> list[Clause]:
    """Every run of consecutive pieces of every sentence, trimmed of space and end marks, and
    the spans the rules found."""
    masked = ctx.masked
    found = [
        Clause(ctx.sentence_index(start), -1, -1, 0, start, end, from_rules=True)
        for start, end in rule_spans
    ]
    for index, (s_start, s_end) in enumerate(ctx.sentences):
        cuts = list(_CUT.finditer(masked, s_start, s_end))[: _MAX_PIECES - 1]
        starts = [s_start] + [m.end() for m in cuts]
        ends = [m.start() for m in cuts] + [s_end]
        # each piece's start past its spaces, each end before its spaces and end marks; a span
        # trimmed at both ends (the end first, not past the start) is these, met where they cross
        texts = [_skip(masked, a, s_end) for a in starts]
        text_ends = [_skip_back(masked, b, s_start) for b in ends]
        n = len(starts)
        for i, start in enumerate(starts):
            text_start = texts[i]
            for j in range(i, min(n, i + _MAX_RUN)):
                b = max(start, text_ends[j])
                a = min(b, text_start)
                if b - a >= _MIN_LENGTH:
                    found.append(Clause(index, i, j, n, a, b))
    return found


def _skip(masked: str, a: int, end: int) -> int:
    """The first place from ``a`` on (before ``end``) that is no space."""
    while a < end and masked[a] in " \n\t":
        a += 1
    return a


def _skip_back(masked: str, b: int, start: int) -> int:
    """The end of the text before ``b`` (after ``start``) without its spaces and end marks."""
    while b > start and masked[b - 1] in " .!?\n\t":
        b -= 1
    return b


def _running_counts(words: list[str]) -> tuple[list[int], ...]:
    """For the words in order, how many of the first k are subjunctive, reporting verbs,
    source cues, and words like "Angaben" or "Informationen" that name a source in a span."""
    return tuple(
        list(accumulate(found, initial=0))
        for found in (
            map(SUBJUNCTIVE.__contains__, words),
            map(REPORTING_VERBS.__contains__, words),
            map(SOURCE_CUES.__contains__, words),
            (w.endswith(_SOURCE_NOUNS) for w in words),
        )
    )


class SentenceWords:
    """The words of one sentence in lower case, with running counts of the words that mark
    reported speech, so that any span's counts are two subtractions; and what every clause of
    the sentence shares. The counts run from the article's start (a part of the article's
    counts): the sentence's first count need not be 0."""

    def __init__(self, ctx: Context, index: int):
        start, end = ctx.sentences[index]
        starts, ends, lowered = ctx.words
        i = bisect_right(ends, start)  # the sentence's words, as ``Context.words_in``
        j = max(i, bisect_left(starts, end))
        if i < j and (starts[i] < start or ends[j - 1] > end):
            # a word the bounds cut: the sentence's own words and counts
            self.starts, self.words = ctx.words_in(start, end)
            counts = _running_counts(self.words)
        else:
            self.starts, self.words = starts[i:j], lowered[i:j]
            article = [ctx.counts(v) for v in (SUBJUNCTIVE, REPORTING_VERBS, SOURCE_CUES)]
            nouns = ctx.memo.get("source_noun_counts")
            if nouns is None:
                found = (word.endswith(_SOURCE_NOUNS) for word in lowered)
                nouns = ctx.memo["source_noun_counts"] = list(accumulate(found, initial=0))
            counts = [running[i : j + 1] for running in (*article, nouns)]
        self.subjunctive, self.reporting, self.source, self.source_nouns = counts
        self.opens_paragraph = int(start == 0 or ctx.body[start - 1 : start] == "\n")


def sentence_words(ctx: Context, index: int) -> SentenceWords:
    found = ctx.memo.setdefault("sentence_words", {})
    sw = found.get(index)
    if sw is None:
        sw = found[index] = SentenceWords(ctx, index)
    return sw


def clause_features(ctx: Context, clause: Clause, rules: SpanIndex) -> Features:
    """What marks reported speech in one candidate span; ``rules``: the spans the rules of
    ``indirect`` found. The names go in in a fixed order, which the model's sum follows."""
    masked = ctx.masked
    a, b = clause.start, clause.end
    sw = sentence_words(ctx, clause.sentence)
    words = sw.words
    n = len(words)
    i, j = bisect_left(sw.starts, a), bisect_left(sw.starts, b)  # 0 <= i <= j <= n
    size = j - i  # the words inside the span
    first = words[i] if size > 0 else ""
    last_before = words[i - 1] if i > 0 else ""
    next_after = words[j] if j < n else ""
    # the running counts never fall, so "a word of the kind among words lo to hi" is
    # counts[hi] > counts[lo] (lo = 0: the sentence's first word)
    subjunctive, reporting, source = sw.subjunctive, sw.reporting, sw.source
    positional = not clause.from_rules
    at_start = int(positional and clause.first == 0)
    at_end = int(positional and clause.last == clause.pieces - 1)
    whole = at_start & at_end
    has_subjunctive = int(subjunctive[j] > subjunctive[i])
    subjunctive_first4 = int(subjunctive[min(j, i + 4)] > subjunctive[i])
    reporting_before = int(reporting[i] > reporting[0])
    reporting_just_before = int(reporting[i] > reporting[max(i - 3, 0)])
    source_before = int(source[i] > source[0])
    so_after = int(next_after == "so")
    zu_infinitive = int(size >= 2 and words[j - 2] == "zu")
    source_inside = int(source[j] > source[i] or sw.source_nouns[j] > sw.source_nouns[i])
    overlap = rule_overlap(rules, a, b)
    return {
        "rule_span": int(clause.from_rules),
        # where in the sentence the pieces stand (a span of the rules has no pieces)
        "whole_sentence": whole,
        "at_start": at_start,
        "at_end": at_end,
        PIECES[min(clause.last - clause.first + 1, 5)]: 1,
        LENGTH[max(bisect_right(LENGTH_EDGES, size) - 1, 0)]: 1,  # bucket(size, …)
        OPENS.get(first, "opens=other"): 1,
        "opens_capitalised": int(masked[a : a + 1].isupper()),
        "subjunctive": has_subjunctive,
        "subjunctive_first4": subjunctive_first4,
        "subjunctive_last3": int(subjunctive[j] > subjunctive[max(i, j - 3)]),
        "reporting_inside": int(reporting[j] > reporting[i]),
        "reporting_before": reporting_before,
        "reporting_just_before": reporting_just_before,
        "reporting_after": int(reporting[min(j + 4, n)] > reporting[j]),
        "source_before": source_before,
        "source_opens": int(source[min(j, i + 3)] > source[i]),
        "source_after": int(source[min(j + 3, n)] > source[j]),
        "so_after": so_after,
        "zu_infinitive": zu_infinitive,
        "dass_before": int(last_before == "dass"),
        "quotation_inside": int(masked.find("⟪", a, b) >= 0 or masked.find("⟫", a, b) >= 0),
        "masked_share": round(masked.count("·", a, b) / max(1, b - a), 1),
        "question": int(masked.find("?", b, b + 2) >= 0),
        "previous_sentence_reported": int(clause.sentence - 1 in rules.starts),
        OVERLAP[int(overlap * 4)]: 1,
        "opens_paragraph": sw.opens_paragraph,
        "source_inside": source_inside,
        "word_before=" + last_before: 1,
        "first_word=" + first: 1,
        # pairs that a linear model cannot weigh from their parts alone
        "dass_after_reporting": int(first in ("dass", "ob")) * reporting_just_before,
        "subjunctive_after_reporting": subjunctive_first4 * reporting_just_before,
        "subjunctive_before_so": has_subjunctive * so_after,
        "subjunctive_whole": has_subjunctive * whole,
        "source_whole": source_inside * whole,
        "zu_after_reporting": zu_infinitive * reporting_before,
        "subjunctive_after_source": has_subjunctive * source_before,
    }


def rule_overlap(rules: SpanIndex, a: int, b: int) -> float:
    """How much of the span ``a``..``b`` or of a span of the rules (whichever is longer) the
    two share, at most."""
    overlap = 0.0
    for s, e in rules.overlapping(a, b):
        overlap = max(overlap, (min(b, e) - max(a, s)) / max(b - a, e - s))
    return overlap


# feature names built once
PIECES = {k: f"pieces={k}" for k in range(-_MAX_RUN, _MAX_RUN + 6)}
LENGTH = [f"length={k}" for k in range(len(LENGTH_EDGES))]
OPENS = {w: "opens=" + w for w in CLAUSE_OPENERS}
OVERLAP = {k: f"rule_overlap={k}" for k in range(5)}
