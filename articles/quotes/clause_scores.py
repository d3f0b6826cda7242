"""The clause model's log-odds of a clause without its features (``ClauseScorer``): what
``model.score(reported.clause_features(…))`` gives, to the last bit. ``choose._reported``
weighs every clause of an article this way; training reads the features.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from articles.quotes.context import Context
from articles.quotes.learned import LinearModel
from articles.quotes.reported import (
    LENGTH,
    LENGTH_EDGES,
    OPENS,
    OVERLAP,
    PIECES,
    Clause,
    SentenceWords,
    SpanIndex,
    rule_overlap,
    sentence_words,
)


class ClauseScorer:
    """The log-odds of the clauses of one article: for each, the terms ``LinearModel.score``
    adds for ``clause_features`` (weight × value for a feature whose value is not zero and
    that the model weighs), in the features' order, added by the same ``sum()``. Every value
    but ``masked_share`` is 0 or 1, so such a term is the weight itself; a feature the model
    does not weigh is None here and adds nothing. What a clause's first piece decides (its
    opening word, the word before it) is found once for all the clauses that open there, and
    so is what its last piece decides. Keep it in step with ``clause_features``: a test
    compares the two."""

    def __init__(self, ctx: Context, rules: SpanIndex, model: LinearModel):
        self.ctx, self.rules = ctx, rules
        self.bias = model.bias
        self.weight = get = model.weights.get
        self.w = {name: get(name) for name in _FIXED}
        self.pieces = {k: get(name) for k, name in PIECES.items()}
        self.length = [get(name) for name in LENGTH]
        self.opens = {word: get(name) for word, name in OPENS.items()}
        self.opens_other = get("opens=other")
        self.overlap = {k: get(name) for k, name in OVERLAP.items()}
        self.openings: dict[tuple[int, int, int, bool], tuple] = {}
        self.closings: dict[tuple[int, int, int], tuple] = {}
        # a clause of a sentence's pieces then overlaps only the rules' spans filed under its
        # sentence (``SpanIndex._sentences`` of its bounds is that sentence alone)
        sentences = ctx.sentences
        self.disjoint = all(
            end <= start for (_s, end), (start, _e) in zip(sentences, sentences[1:], strict=False)
        )

    def score(self, clause: Clause) -> float:
        """``model.score(clause_features(ctx, clause, rules))``, to the last bit."""
        sw = sentence_words(self.ctx, clause.sentence)
        a, b = clause.start, clause.end
        i, j = bisect_left(sw.starts, a), bisect_left(sw.starts, b)
        key = (clause.sentence, clause.first, a, j > i)
        opening = self.openings.get(key)
        if opening is None:
            opening = self.openings[key] = self._opening(sw, clause, i, j > i)
        key = (clause.sentence, clause.last, b)
        closing = self.closings.get(key)
        if closing is None:
            closing = self.closings[key] = self._closing(sw, clause, j)
        (
            at_start,
            is_reporting_before,
            is_reporting_just_before,
            is_source_before,
            opens,
            opens_capitalised,
            reporting_before,
            reporting_just_before,
            source_before,
            dass_before,
            word_before,
            first_word,
            dass_after_reporting,
        ) = opening
        at_end, is_so_after, reporting_after, source_after, so_after, question = closing
        w, masked, words = self.w, self.ctx.masked, sw.words
        subjunctive, reporting, source = sw.subjunctive, sw.reporting, sw.source
        whole = at_start and at_end
        has_subjunctive = subjunctive[j] > subjunctive[i]
        subjunctive_first4 = subjunctive[min(j, i + 4)] > subjunctive[i]
        zu_infinitive = j - i >= 2 and words[j - 2] == "zu"
        source_inside = source[j] > source[i] or sw.source_nouns[j] > sw.source_nouns[i]
        share = round(masked.count("·", a, b) / max(1, b - a), 1)
        w_share = w["masked_share"]
        terms = [
            w["rule_span"] if clause.from_rules else None,
            w["whole_sentence"] if whole else None,
            w["at_start"] if at_start else None,
            w["at_end"] if at_end else None,
            self.pieces[min(clause.last - clause.first + 1, 5)],
            self.length[max(bisect_right(LENGTH_EDGES, j - i) - 1, 0)],
            opens,
            opens_capitalised,
            w["subjunctive"] if has_subjunctive else None,
            w["subjunctive_first4"] if subjunctive_first4 else None,
            w["subjunctive_last3"] if subjunctive[j] > subjunctive[max(i, j - 3)] else None,
            w["reporting_inside"] if reporting[j] > reporting[i] else None,
            reporting_before,
            reporting_just_before,
            reporting_after,
            source_before,
            w["source_opens"] if source[min(j, i + 3)] > source[i] else None,
            source_after,
            so_after,
            w["zu_infinitive"] if zu_infinitive else None,
            dass_before,
            w["quotation_inside"]
            if masked.find("⟪", a, b) >= 0 or masked.find("⟫", a, b) >= 0
            else None,
            w_share * share if share and w_share is not None else None,
            question,
            w["previous_sentence_reported"] if clause.sentence - 1 in self.rules.starts else None,
            self.overlap[int(self._rule_overlap(clause) * 4)],
            w["opens_paragraph"] if sw.opens_paragraph else None,
            w["source_inside"] if source_inside else None,
            word_before,
            first_word,
            dass_after_reporting,
            w["subjunctive_after_reporting"]
            if subjunctive_first4 and is_reporting_just_before
            else None,
            w["subjunctive_before_so"] if has_subjunctive and is_so_after else None,
            w["subjunctive_whole"] if has_subjunctive and whole else None,
            w["source_whole"] if source_inside and whole else None,
            w["zu_after_reporting"] if zu_infinitive and is_reporting_before else None,
            w["subjunctive_after_source"] if has_subjunctive and is_source_before else None,
        ]
        return self.bias + sum([t for t in terms if t is not None])

    def _rule_overlap(self, clause: Clause) -> float:
        if self.disjoint and clause.sentence not in self.rules.by_sentence:
            return 0.0
        return rule_overlap(self.rules, clause.start, clause.end)

    def _opening(self, sw: SentenceWords, clause: Clause, i: int, has_words: bool) -> tuple:
        """The terms a clause's first piece decides (its words start at ``i``)."""
        w, words, reporting, source = self.w, sw.words, sw.reporting, sw.source
        first = words[i] if has_words else ""
        last_before = words[i - 1] if i > 0 else ""
        reporting_before = reporting[i] > reporting[0]
        reporting_just_before = reporting[i] > reporting[max(i - 3, 0)]
        source_before = source[i] > source[0]
        return (
            not clause.from_rules and clause.first == 0,
            reporting_before,
            reporting_just_before,
            source_before,
            self.opens.get(first, self.opens_other),
            w["opens_capitalised"]
            if self.ctx.masked[clause.start : clause.start + 1].isupper()
            else None,
            w["reporting_before"] if reporting_before else None,
            w["reporting_just_before"] if reporting_just_before else None,
            w["source_before"] if source_before else None,
            w["dass_before"] if last_before == "dass" else None,
            self.weight("word_before=" + last_before),
            self.weight("first_word=" + first),
            w["dass_after_reporting"]
            if first in ("dass", "ob") and reporting_just_before
            else None,
        )

    def _closing(self, sw: SentenceWords, clause: Clause, j: int) -> tuple:
        """The terms a clause's last piece decides (its words end before ``j``)."""
        w, words, reporting, source = self.w, sw.words, sw.reporting, sw.source
        n = len(words)
        so_after = j < n and words[j] == "so"
        return (
            not clause.from_rules and clause.last == clause.pieces - 1,
            so_after,
            w["reporting_after"] if reporting[min(j + 4, n)] > reporting[j] else None,
            w["source_after"] if source[min(j + 3, n)] > source[j] else None,
            w["so_after"] if so_after else None,
            w["question"] if self.ctx.masked.find("?", clause.end, clause.end + 2) >= 0 else None,
        )


# the features of fixed name
_FIXED = (
    "rule_span", "whole_sentence", "at_start", "at_end", "opens_capitalised", "subjunctive",
    "subjunctive_first4", "subjunctive_last3", "reporting_inside", "reporting_before",
    "reporting_just_before", "reporting_after", "source_before", "source_opens", "source_after",
    "so_after", "zu_infinitive", "dass_before", "quotation_inside", "masked_share", "question",
    "previous_sentence_reported", "opens_paragraph", "source_inside", "dass_after_reporting",
    "subjunctive_after_reporting", "subjunctive_before_so", "subjunctive_whole", "source_whole",
    "zu_after_reporting", "subjunctive_after_source",
)  # fmt: skip
