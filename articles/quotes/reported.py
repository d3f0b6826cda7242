"""Indirect speech as a learned decision over the clauses of each sentence.

Each sentence is cut at its commas, colons, semicolons and dashes; every run of consecutive
pieces (up to ten) is a candidate span. ``clause_features`` says what marks reported speech: a
subjunctive verb, ``dass``/``ob`` at its start, a reporting verb or a source cue (``laut``,
``so``, ``zufolge``, ``demnach``) before or after it, a zu-infinitive, and what the rules of
``indirect`` found there. The best span of a sentence above the model's threshold is the
reported speech; a second one is kept when it does not overlap.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from articles.quotes.context import Context
from articles.quotes.features import Features, bucket
from articles.quotes.lexicon import CLAUSE_OPENERS, REPORTING_VERBS, SOURCE_CUES, SUBJUNCTIVE

_CUT = re.compile(r"[,;:][ \t\n]+|[ \t][–—-][ \t]")
_MAX_PIECES = 10
_MAX_RUN = 6  # pieces in one candidate
_MIN_LENGTH = 8
_LENGTH_EDGES = (0, 3, 5, 8, 12, 18, 25, 35, 50)
_SOURCE_NOUNS = ("angaben", "berichten", "informationen", "aussagen", "einschätzung")


@dataclass(frozen=True)
class Clause:
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
        for i, start in enumerate(starts):
            for j in range(i, min(len(ends), i + _MAX_RUN)):
                a, b = start, ends[j]
                while b > a and masked[b - 1] in " .!?\n\t":
                    b -= 1
                while a < b and masked[a] in " \n\t":
                    a += 1
                if b - a >= _MIN_LENGTH:
                    found.append(Clause(index, i, j, len(starts), a, b))
    return found


class _SentenceWords:
    """The words of one sentence in lower case, with running counts of the words that mark
    reported speech, so that any span's counts are two subtractions."""

    def __init__(self, ctx: Context, start: int, end: int):
        self.starts, self.words = ctx.words_in(start, end)
        words = self.words
        self.counts = {
            name: list(accumulate((w in vocabulary for w in words), initial=0))
            for name, vocabulary in (
                ("subjunctive", SUBJUNCTIVE),
                ("reporting", REPORTING_VERBS),
                ("source", SOURCE_CUES),
            )
        }
        # words like "Angaben" or "Informationen" that name a source inside a span
        self.source_nouns = list(accumulate((w.endswith(_SOURCE_NOUNS) for w in words), initial=0))

    def index(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position)


def _sentence_words(ctx: Context, index: int) -> _SentenceWords:
    key = ("sentence_words", index)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _SentenceWords(ctx, *ctx.sentences[index])
    return found


def clause_features(ctx: Context, clause: Clause, rules: SpanIndex) -> Features:
    """What marks reported speech in one candidate span; ``rules``: the spans the rules of
    ``indirect`` found."""
    masked = ctx.masked
    s_start = ctx.sentences[clause.sentence][0]
    a, b = clause.start, clause.end
    sw = _sentence_words(ctx, clause.sentence)
    words = sw.words
    n = len(words)
    i, j = sw.index(a), sw.index(b)  # 0 <= i <= j <= n
    size = j - i  # the words inside the span
    first = words[i] if size > 0 else ""
    last_before = words[i - 1] if i > 0 else ""
    next_after = words[j] if j < n else ""
    # the running counts never fall, so "a word of the kind among words lo to hi" is
    # counts[hi] > counts[lo] (``_SentenceWords.has`` with the bounds already in range)
    subjunctive = sw.counts["subjunctive"]
    reporting = sw.counts["reporting"]
    source = sw.counts["source"]
    positional = not clause.from_rules
    at_start = positional and clause.first == 0
    at_end = positional and clause.last == clause.pieces - 1
    f: Features = {
        "rule_span": int(clause.from_rules),
        # where in the sentence the pieces stand (a span of the rules has no pieces)
        "whole_sentence": int(at_start and at_end),
        "at_start": int(at_start),
        "at_end": int(at_end),
        _PIECES[min(clause.last - clause.first + 1, 5)]: 1,
        _LENGTH[bucket(size, _LENGTH_EDGES)]: 1,
    }
    f[_OPENS.get(first, "opens=other")] = 1
    f["opens_capitalised"] = int(masked[a : a + 1].isupper())
    f["subjunctive"] = int(subjunctive[j] > subjunctive[i])
    f["subjunctive_first4"] = int(subjunctive[min(j, i + 4)] > subjunctive[i])
    f["subjunctive_last3"] = int(subjunctive[j] > subjunctive[max(i, j - 3)])
    f["reporting_inside"] = int(reporting[j] > reporting[i])
    f["reporting_before"] = int(reporting[i] > 0)
    f["reporting_just_before"] = int(reporting[i] > reporting[max(i - 3, 0)])
    f["reporting_after"] = int(reporting[min(j + 4, n)] > reporting[j])
    f["source_before"] = int(source[i] > 0)
    f["source_opens"] = int(source[min(j, i + 3)] > source[i])
    f["source_after"] = int(source[min(j + 3, n)] > source[j])
    f["so_after"] = int(next_after == "so")
    f["zu_infinitive"] = int(size >= 2 and words[j - 2] == "zu")
    f["dass_before"] = int(last_before == "dass")
    f["quotation_inside"] = int(masked.find("⟪", a, b) >= 0 or masked.find("⟫", a, b) >= 0)
    f["masked_share"] = round(masked.count("·", a, b) / max(1, b - a), 1)
    f["question"] = int(masked.find("?", b, b + 2) >= 0)
    f["previous_sentence_reported"] = int(clause.sentence - 1 in rules.starts)
    overlap = 0.0
    for s, e in rules.overlapping(a, b):
        overlap = max(overlap, (min(b, e) - max(a, s)) / max(b - a, e - s))
    f[_OVERLAP[int(overlap * 4)]] = 1
    f["opens_paragraph"] = int(s_start == 0 or ctx.body[s_start - 1 : s_start] == "\n")
    f["source_inside"] = int(source[j] > source[i] or sw.source_nouns[j] > sw.source_nouns[i])
    f["word_before=" + last_before] = 1
    f["first_word=" + first] = 1
    # pairs that a linear model cannot weigh from their parts alone
    dass = int(first in ("dass", "ob"))
    f["dass_after_reporting"] = dass * f["reporting_just_before"]
    f["subjunctive_after_reporting"] = f["subjunctive_first4"] * f["reporting_just_before"]
    f["subjunctive_before_so"] = f["subjunctive"] * f["so_after"]
    f["subjunctive_whole"] = f["subjunctive"] * f["whole_sentence"]
    f["source_whole"] = f["source_inside"] * f["whole_sentence"]
    f["zu_after_reporting"] = f["zu_infinitive"] * f["reporting_before"]
    f["subjunctive_after_source"] = f["subjunctive"] * f["source_before"]
    return f


# feature names built once
_PIECES = {k: f"pieces={k}" for k in range(-_MAX_RUN, _MAX_RUN + 6)}
_LENGTH = [f"length={k}" for k in range(len(_LENGTH_EDGES))]
_OPENS = {w: "opens=" + w for w in CLAUSE_OPENERS}
_OVERLAP = {k: f"rule_overlap={k}" for k in range(5)}
