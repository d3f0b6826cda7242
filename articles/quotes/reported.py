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

from articles.quotes.context import Context
from articles.quotes.features import WORD, Features, bucket
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

    def __init__(self, masked: str, start: int, end: int):
        found = [(m.start(), m.group(0).lower()) for m in WORD.finditer(masked, start, end)]
        self.starts = [s for s, _w in found]
        self.words = [w for _s, w in found]
        self.counts = {}
        for name, vocabulary in (
            ("subjunctive", SUBJUNCTIVE),
            ("reporting", REPORTING_VERBS),
            ("source", SOURCE_CUES),
        ):
            running = [0]
            for w in self.words:
                running.append(running[-1] + (w in vocabulary))
            self.counts[name] = running

    def index(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position)

    def has(self, name: str, i: int, j: int) -> int:
        """Does a word of the kind stand among the words ``i`` to ``j`` (exclusive)?"""
        i, j = max(i, 0), max(min(j, len(self.words)), 0)
        return int(j > i and self.counts[name][j] - self.counts[name][i] > 0)


def _sentence_words(ctx: Context, index: int) -> _SentenceWords:
    key = ("sentence_words", index)
    if key not in ctx.memo:
        ctx.memo[key] = _SentenceWords(ctx.masked, *ctx.sentences[index])
    return ctx.memo[key]


def clause_features(ctx: Context, clause: Clause, rules: SpanIndex) -> Features:
    """What marks reported speech in one candidate span; ``rules``: the spans the rules of
    ``indirect`` found."""
    masked = ctx.masked
    s_start, _s_end = ctx.sentences[clause.sentence]
    a, b = clause.start, clause.end
    sw = _sentence_words(ctx, clause.sentence)
    i, j = sw.index(a), sw.index(b)
    n = len(sw.words)
    inside = sw.words[i:j]
    first = inside[0] if inside else ""
    last_before = sw.words[i - 1] if i > 0 else ""
    next_after = sw.words[j] if j < n else ""
    positional = not clause.from_rules
    f: Features = {
        "rule_span": int(clause.from_rules),
        # where in the sentence the pieces stand (a span of the rules has no pieces)
        "whole_sentence": int(
            positional and clause.first == 0 and clause.last == clause.pieces - 1
        ),
        "at_start": int(positional and clause.first == 0),
        "at_end": int(positional and clause.last == clause.pieces - 1),
        f"pieces={min(clause.last - clause.first + 1, 5)}": 1,
        f"length={bucket(len(inside), _LENGTH_EDGES)}": 1,
    }
    f["opens=" + (first if first in CLAUSE_OPENERS else "other")] = 1
    f["opens_capitalised"] = int(masked[a : a + 1].isupper())
    f["subjunctive"] = sw.has("subjunctive", i, j)
    f["subjunctive_first4"] = sw.has("subjunctive", i, min(j, i + 4))
    f["subjunctive_last3"] = sw.has("subjunctive", max(i, j - 3), j)
    f["reporting_inside"] = sw.has("reporting", i, j)
    f["reporting_before"] = sw.has("reporting", 0, i)
    f["reporting_just_before"] = sw.has("reporting", i - 3, i)
    f["reporting_after"] = sw.has("reporting", j, j + 4)
    f["source_before"] = sw.has("source", 0, i)
    f["source_opens"] = sw.has("source", i, min(j, i + 3))
    f["source_after"] = sw.has("source", j, j + 3)
    f["so_after"] = int(next_after == "so")
    f["zu_infinitive"] = int(len(inside) >= 2 and inside[-2] == "zu")
    f["dass_before"] = int(last_before == "dass")
    f["quotation_inside"] = int("⟪" in masked[a:b] or "⟫" in masked[a:b])
    f["masked_share"] = round(masked.count("·", a, b) / max(1, b - a), 1)
    f["question"] = int("?" in masked[b : b + 2])
    f["previous_sentence_reported"] = int(clause.sentence - 1 in rules.starts)
    overlap = 0.0
    for s, e in rules.overlapping(a, b):
        overlap = max(overlap, (min(b, e) - max(a, s)) / max(b - a, e - s))
    f[f"rule_overlap={int(overlap * 4)}"] = 1
    f["opens_paragraph"] = int(s_start == 0 or ctx.body[s_start - 1 : s_start] == "\n")
    f["source_inside"] = int(
        sw.has("source", i, j) or any(w.endswith(_SOURCE_NOUNS) for w in inside)
    )
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
