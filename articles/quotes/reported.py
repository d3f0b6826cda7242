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
from dataclasses import dataclass

from articles.quotes.context import Context
from articles.quotes.features import Features, any_in, bucket, words_lower
from articles.quotes.lexicon import CLAUSE_OPENERS, REPORTING_VERBS, SOURCE_CUES, SUBJUNCTIVE

_CUT = re.compile(r"[,;:][ \t\n]+|[ \t][–—-][ \t]")
_MAX_PIECES = 10
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
            for j in range(i, len(ends)):
                a, b = start, ends[j]
                while b > a and masked[b - 1] in " .!?\n\t":
                    b -= 1
                while a < b and masked[a] in " \n\t":
                    a += 1
                if b - a >= _MIN_LENGTH:
                    found.append(Clause(index, i, j, len(starts), a, b))
    return found


def clause_features(
    ctx: Context, clause: Clause, rule_spans: list[tuple[int, int]], rule_sentences: set[int]
) -> Features:
    """What marks reported speech in one candidate span. ``rule_spans``: the spans the rules
    of ``indirect`` found; ``rule_sentences``: the sentences they found one in."""
    masked = ctx.masked
    s_start, s_end = ctx.sentences[clause.sentence]
    a, b = clause.start, clause.end
    inside = words_lower(masked, a, b)
    before = words_lower(masked, s_start, a)
    after = words_lower(masked, b, s_end)
    f: Features = {
        "rule_span": int(clause.from_rules),
        "whole_sentence": int(clause.first == 0 and clause.last == clause.pieces - 1),
        "at_start": int(clause.first == 0),
        "at_end": int(clause.last == clause.pieces - 1),
        f"pieces={min(clause.last - clause.first + 1, 5)}": 1,
        f"length={bucket(len(inside), _LENGTH_EDGES)}": 1,
    }
    opener = inside[0] if inside and inside[0] in CLAUSE_OPENERS else "other"
    f["opens=" + opener] = 1
    f["opens_capitalised"] = int(masked[a : a + 1].isupper())
    f["subjunctive"] = any_in(inside, SUBJUNCTIVE)
    f["subjunctive_first4"] = any_in(inside[:4], SUBJUNCTIVE)
    f["subjunctive_last3"] = any_in(inside[-3:], SUBJUNCTIVE)
    f["reporting_inside"] = any_in(inside, REPORTING_VERBS)
    f["reporting_before"] = any_in(before, REPORTING_VERBS)
    f["reporting_just_before"] = any_in(before[-3:], REPORTING_VERBS)
    f["reporting_after"] = any_in(after[:4], REPORTING_VERBS)
    f["source_before"] = any_in(before, SOURCE_CUES)
    f["source_opens"] = any_in(inside[:3], SOURCE_CUES)
    f["source_after"] = any_in(after[:3], SOURCE_CUES)
    f["so_after"] = int(bool(after) and after[0] == "so")
    f["zu_infinitive"] = int(len(inside) >= 2 and inside[-2] == "zu")
    f["dass_before"] = int(bool(before) and before[-1] == "dass")
    f["quotation_inside"] = int("⟪" in masked[a:b] or "⟫" in masked[a:b])
    f["masked_share"] = round(masked.count("·", a, b) / max(1, b - a), 1)
    f["question"] = int("?" in masked[b : b + 2])
    f["previous_sentence_reported"] = int(clause.sentence - 1 in rule_sentences)
    overlap = 0.0
    for s, e in rule_spans:
        if min(b, e) > max(a, s):
            overlap = max(overlap, (min(b, e) - max(a, s)) / max(b - a, e - s))
    f[f"rule_overlap={int(overlap * 4)}"] = 1
    f["opens_paragraph"] = int(s_start == 0 or ctx.body[s_start - 1 : s_start] == "\n")
    f["source_inside"] = int(any(w in SOURCE_CUES or w.endswith(_SOURCE_NOUNS) for w in inside))
    f["word_before=" + (before[-1] if before else "")] = 1
    f["first_word=" + (inside[0] if inside else "")] = 1
    # pairs that a linear model cannot weigh from their parts alone
    dass = int(bool(inside) and inside[0] in ("dass", "ob"))
    f["dass_after_reporting"] = dass * f["reporting_just_before"]
    f["subjunctive_after_reporting"] = f["subjunctive_first4"] * f["reporting_just_before"]
    f["subjunctive_before_so"] = f["subjunctive"] * f["so_after"]
    f["subjunctive_whole"] = f["subjunctive"] * f["whole_sentence"]
    f["source_whole"] = f["source_inside"] * f["whole_sentence"]
    f["zu_after_reporting"] = f["zu_infinitive"] * f["reporting_before"]
    f["subjunctive_after_source"] = f["subjunctive"] * f["source_before"]
    return f
