"""Candidate speakers around a quotation, and what tells the speaker among them.

Every noun phrase, pronoun and run of capitalised words in the sentences around a quotation
(two before it, one after) is a candidate; so is the mention the rules chose. A linear model
scores each candidate from ``speaker_features`` (side, distance in characters and sentences,
a reporting verb beside it, a colon or ``so``/``laut`` between, a preposition before it, whether
it looks like a person); the best one is the speaker's mention.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from articles.quotes.context import Context
from articles.quotes.features import DISTANCE_EDGES, Features, starting_with
from articles.quotes.learned import LinearModel
from articles.quotes.lexicon import (
    NOT_NAMES,
    PREPOSITIONS,
    REPORTING_VERBS,
    SOURCE_CUES,
    SUBJUNCTIVE,
)
from articles.quotes.model import Quotation
from articles.quotes.nouns import personlike
from articles.quotes.phrases import NP_BOUNDED, Phrase, analyse_phrase, is_first_name, is_role

_PRONOUN = starting_with(
    "[EeSsIiWwMm]", r"(?<![\w\-])(?:[Ee]r|[Ss]ie|[Ii]ch|[Ww]ir|[Mm]an)(?![\w\-])"
)
_CAPITAL_RUN = starting_with(
    "[A-ZÄÖÜ]",
    r"(?<![\w\-])[A-ZÄÖÜ][\w\-]+"
    r"(?:[ \t]+(?:(?:von|van|de|zu)[ \t]+(?:der[ \t]+)?)?[A-ZÄÖÜ][\w\-]+)*",
)
SENTENCES_BEFORE = 2
SENTENCES_AFTER = 1
# and never further than this many characters, so that a sentence without end costs no more
REACH_BEFORE = 600
REACH_AFTER = 400


@dataclass
class Candidate:
    """A mention that may be a quotation's speaker."""

    start: int
    end: int
    text: str
    kind: str  # "pronoun", "name", "role", "phrase", "capitals" or "rule"
    phrase: Phrase | None = None


def rule_mention(rule: Quotation | None) -> tuple[int, int] | None:
    """The mention the rules chose for a quotation, if they chose one."""
    if rule is None or rule.speaker is None or rule.speaker_start is None:
        return None
    return rule.speaker_start, rule.speaker_end


def speaker_candidates(
    ctx: Context, span: tuple[int, int], rule: Quotation | None
) -> list[Candidate]:
    """The candidates outside the quotation ``span``, in the sentences around it."""
    sentences = ctx.sentences
    first = ctx.sentence_index(span[0])
    last = ctx.sentence_index(max(span[0], span[1] - 1))
    lo = max(sentences[max(0, first - SENTENCES_BEFORE)][0], span[0] - REACH_BEFORE)
    hi = min(sentences[min(len(sentences) - 1, last + SENTENCES_AFTER)][1], span[1] + REACH_AFTER)
    masked = ctx.masked
    found: dict[tuple[int, int], Candidate] = {}
    for m in NP_BOUNDED.finditer(masked, lo, hi):
        if m.end() <= m.start():
            continue
        phrase = analyse_phrase(m)
        if phrase.end - phrase.start < 2 and not phrase.pronoun:
            continue
        if phrase.pronoun:
            kind = "pronoun"
        else:
            kind = "name" if phrase.name else ("role" if phrase.role else "phrase")
        found[(phrase.start, phrase.end)] = Candidate(
            phrase.start, phrase.end, phrase.text, kind, phrase
        )
    for m in _PRONOUN.finditer(masked, lo, hi):
        found.setdefault((m.start(), m.end()), Candidate(m.start(), m.end(), m.group(), "pronoun"))
    for m in _CAPITAL_RUN.finditer(masked, lo, hi):
        found.setdefault((m.start(), m.end()), Candidate(m.start(), m.end(), m.group(), "capitals"))
    mention = rule_mention(rule)
    if mention is not None:
        s, e = mention
        found.setdefault((s, e), Candidate(s, e, ctx.body[s:e], "rule"))
    return [c for c in found.values() if c.end <= span[0] or c.start >= span[1]]


def speaker_features(
    ctx: Context,
    span: tuple[int, int],
    candidates: list[Candidate],
    rule: Quotation | None,
) -> list[Features]:
    """The features of each candidate, in the order given."""
    return _each(_features, ctx, span, candidates, rule)


def _each(per_candidate, ctx, span, candidates, rule) -> list:
    """``per_candidate`` (``_features``, ``SpeakerScorer._score``) of each candidate, in the
    order given, with what they share."""
    rank, first, last = _shared(ctx, span, candidates)
    mention = rule_mention(rule)
    return [
        per_candidate(ctx, span, c, rule, mention, rank[(c.start, c.end)], first, last)
        for c in candidates
    ]


def _shared(
    ctx: Context, span: tuple[int, int], candidates: list[Candidate]
) -> tuple[dict[tuple[int, int], int], int, int]:
    """What the candidates of a quotation share: the rank of each mention on its side (the
    nearest 0), and the first and last sentence the quotation spans."""
    before = sorted((c.start, c.end) for c in candidates if c.end <= span[0])[::-1]
    after = sorted((c.start, c.end) for c in candidates if c.start >= span[1])
    rank = {key: i for i, key in enumerate(before)}
    rank.update({key: i for i, key in enumerate(after)})
    first = ctx.sentence_index(span[0])
    last = ctx.sentence_index(max(span[0], span[1] - 1))
    return rank, first, last


# feature names built once (the names are the model's: never change one)
_SIDE = ("side=after", "side=before")
_RANK = tuple(f"rank={k}" for k in range(5))
_TOKENS = tuple(f"tokens={k}" for k in range(7))
_DISTANCE = tuple(f"distance={k}" for k in range(len(DISTANCE_EDGES)))
_KIND = {k: "kind=" + k for k in ("pronoun", "name", "role", "phrase", "capitals", "rule")}
_SENTENCE = {k: f"sentence={k}" for k in range(-40, 41)}
_RULE_CONFIDENCE = {k: f"rule_exact_confidence={k}" for k in range(11)}


def _features(
    ctx: Context,
    span: tuple[int, int],
    c: Candidate,
    rule: Quotation | None,
    mention: tuple[int, int] | None,
    rank: int,
    first: int,
    last: int,
) -> Features:
    """One candidate's features (``mention``: ``rule_mention(rule)``). The names go in in a
    fixed order, which the model's sum follows: keep it."""
    masked = ctx.masked
    start, end = c.start, c.end
    is_before = end <= span[0]
    f: Features = {_SIDE[is_before]: 1, _RANK[min(rank, 4)]: 1}
    here = max(bisect_right(ctx.sentence_starts, start) - 1, 0)  # ctx.sentence_index
    offset = 0 if first <= here <= last else (here - first if here < first else here - last)
    f[_SENTENCE.get(offset) or f"sentence={offset}"] = 1
    distance = span[0] - end if is_before else start - span[1]
    f[_DISTANCE[max(bisect_right(DISTANCE_EDGES, max(distance, 0)) - 1, 0)]] = 1  # bucket
    kind = c.kind
    f[_KIND.get(kind) or "kind=" + kind] = 1
    tokens = c.text.split()
    f[_TOKENS[min(len(tokens), 6)]] = 1
    phrase = c.phrase
    if phrase is not None:
        f["role"] = int(bool(phrase.role))
        f["named"] = int(bool(phrase.name))
        f["organisation"] = int(phrase.kind == "organisation")
        f["personlike"] = int(personlike(phrase))
        if phrase.pronoun:
            f["pronoun=" + phrase.pronoun] = 1
    elif kind == "pronoun":
        f["pronoun=" + c.text.lower()] = 1
    opener = tokens[0].strip(",.;:") if tokens else ""
    opener_lower = opener.lower()
    f["opens_with_lower_word"] = int(opener_lower in ctx.lower_words and kind != "pronoun")
    f["opens_with_not_name"] = int(opener in NOT_NAMES)
    f["opens_with_preposition"] = int(opener_lower in PREPOSITIONS)
    f["first_name"] = int(any(is_first_name(t) for t in tokens[:2]))
    f["role_word"] = int(any(is_role(t) for t in tokens))
    if mention is not None:
        rs, re_ = mention
        exact = start == rs and end == re_
        f["rule_exact"] = int(exact)
        f["rule_overlap"] = int(min(end, re_) > max(start, rs))
        if exact:
            k = int(rule.confidence * 10)
            f[_RULE_CONFIDENCE.get(k) or f"rule_exact_confidence={k}"] = 1
            f["rule_exact_cue"] = int(bool(rule.cue))
    else:
        f["rule_none"] = 1
    left = ctx.words_in(max(0, start - 30), start)[1][-2:]
    right = ctx.words_in(end, end + 30)[1][:2]
    last_left = left[-1] if left else None
    first_right = right[0] if right else None
    f["reporting_before"] = int(not REPORTING_VERBS.isdisjoint(left))
    f["reporting_after"] = int(not REPORTING_VERBS.isdisjoint(right))
    f["reporting_next"] = int(first_right is not None and first_right in REPORTING_VERBS)
    f["reporting_previous"] = int(last_left is not None and last_left in REPORTING_VERBS)
    f["preposition_before"] = int(not PREPOSITIONS.isdisjoint(left))
    f["source_cue_before"] = int(last_left is not None and last_left in SOURCE_CUES)
    f["zufolge_after"] = int(first_right == "zufolge")
    f["so_before"] = int(last_left == "so")
    f["genitive_after"] = int(first_right == "des" or first_right == "der")
    s_start = ctx.sentence_starts[here]
    f["opens_sentence"] = int(not masked[s_start:start].strip(' \t\n"„“»«'))
    between = masked[end : span[0]] if is_before else masked[span[1] : start]
    f["colon_between"] = int(":" in between and len(between) < 200)
    f["colon_adjacent"] = int(is_before and between.strip().endswith(":"))
    words_between = (ctx.words_in(end, span[0]) if is_before else ctx.words_in(span[1], start))[1]
    f["reporting_between"] = int(not REPORTING_VERBS.isdisjoint(words_between))
    f["subjunctive_between"] = int(not SUBJUNCTIVE.isdisjoint(words_between))
    f["newline_between"] = int("\n" in between)
    f["quotation_between"] = int("⟫" in between or "⟪" in between)
    f["comma_after_quotation"] = int(
        not is_before and masked[span[1] : span[1] + 2].strip().startswith(",")
    )
    f["in_brackets"] = int(masked[max(0, start - 1) : start] == "(")
    return f


class SpeakerScorer:
    """The speaker model's log-odds of each candidate without its features: for every
    candidate exactly ``model.score(_features(…))``, the same terms in the same order added
    by the same ``sum()``. A term is weight × value for a feature whose value is not zero
    and that the model weighs; every value is 0 or 1, so a term is the weight itself, and a
    feature the model does not weigh (None here) adds nothing. Keep it in step with
    ``_features``: a test compares the two."""

    def __init__(self, model: LinearModel):
        self.bias = model.bias
        self.weight = get = model.weights.get
        self.side = tuple(get(name) for name in _SIDE)
        self.rank = tuple(get(name) for name in _RANK)
        self.tokens = tuple(get(name) for name in _TOKENS)
        self.distance = tuple(get(name) for name in _DISTANCE)
        self.kind = {kind: get(name) for kind, name in _KIND.items()}
        self.sentence = {offset: get(name) for offset, name in _SENTENCE.items()}
        self.w = {name: get(name) for name in _FIXED}

    def scores(
        self,
        ctx: Context,
        span: tuple[int, int],
        candidates: list[Candidate],
        rule: Quotation | None,
    ) -> list[float]:
        """The log-odds of each candidate (``speaker_features``), in the order given."""
        return _each(self._score, ctx, span, candidates, rule)

    def _score(
        self,
        ctx: Context,
        span: tuple[int, int],
        c: Candidate,
        rule: Quotation | None,
        mention: tuple[int, int] | None,
        rank: int,
        first: int,
        last: int,
    ) -> float:
        """``_features`` line by line, each feature a weight or None."""
        w, weight, masked = self.w, self.weight, ctx.masked
        start, end = c.start, c.end
        is_before = end <= span[0]
        here = max(bisect_right(ctx.sentence_starts, start) - 1, 0)
        offset = 0 if first <= here <= last else (here - first if here < first else here - last)
        distance = span[0] - end if is_before else start - span[1]
        kind = c.kind
        tokens = c.text.split()
        sentence = self.sentence.get(offset, _UNSEEN)
        kind_weight = self.kind.get(kind, _UNSEEN)
        terms = [
            self.side[is_before],
            self.rank[min(rank, 4)],
            weight(f"sentence={offset}") if sentence is _UNSEEN else sentence,
            self.distance[max(bisect_right(DISTANCE_EDGES, max(distance, 0)) - 1, 0)],
            weight("kind=" + kind) if kind_weight is _UNSEEN else kind_weight,
            self.tokens[min(len(tokens), 6)],
        ]
        phrase = c.phrase
        if phrase is not None:
            terms += (
                w["role"] if phrase.role else None,
                w["named"] if phrase.name else None,
                w["organisation"] if phrase.kind == "organisation" else None,
                w["personlike"] if w["personlike"] is not None and personlike(phrase) else None,
            )
            if phrase.pronoun:
                terms.append(weight("pronoun=" + phrase.pronoun))
        elif kind == "pronoun":
            terms.append(weight("pronoun=" + c.text.lower()))
        opener = tokens[0].strip(",.;:") if tokens else ""
        opener_lower = opener.lower()
        terms += (
            w["opens_with_lower_word"]
            if opener_lower in ctx.lower_words and kind != "pronoun"
            else None,
            w["opens_with_not_name"] if opener in NOT_NAMES else None,
            w["opens_with_preposition"] if opener_lower in PREPOSITIONS else None,
            w["first_name"] if any(is_first_name(t) for t in tokens[:2]) else None,
            w["role_word"] if any(is_role(t) for t in tokens) else None,
        )
        if mention is not None:
            rs, re_ = mention
            exact = start == rs and end == re_
            terms += (
                w["rule_exact"] if exact else None,
                w["rule_overlap"] if min(end, re_) > max(start, rs) else None,
            )
            if exact:
                k = int(rule.confidence * 10)
                terms += (
                    weight(_RULE_CONFIDENCE.get(k) or f"rule_exact_confidence={k}"),
                    w["rule_exact_cue"] if rule.cue else None,
                )
        else:
            terms.append(w["rule_none"])
        left = ctx.last_words(max(0, start - 30), start, 2)
        right = ctx.first_words(end, end + 30, 2)
        last_left = left[-1] if left else None
        first_right = right[0] if right else None
        s_start = ctx.sentence_starts[here]
        between = masked[end : span[0]] if is_before else masked[span[1] : start]
        lo, hi = (end, span[0]) if is_before else (span[1], start)
        terms += (
            w["reporting_before"] if not REPORTING_VERBS.isdisjoint(left) else None,
            w["reporting_after"] if not REPORTING_VERBS.isdisjoint(right) else None,
            w["reporting_next"]
            if first_right is not None and first_right in REPORTING_VERBS
            else None,
            w["reporting_previous"]
            if last_left is not None and last_left in REPORTING_VERBS
            else None,
            w["preposition_before"] if not PREPOSITIONS.isdisjoint(left) else None,
            w["source_cue_before"] if last_left is not None and last_left in SOURCE_CUES else None,
            w["zufolge_after"] if first_right == "zufolge" else None,
            w["so_before"] if last_left == "so" else None,
            w["genitive_after"] if first_right == "des" or first_right == "der" else None,
            w["opens_sentence"] if not masked[s_start:start].strip(' \t\n"„“»«') else None,
            w["colon_between"] if ":" in between and len(between) < 200 else None,
            w["colon_adjacent"] if is_before and between.strip().endswith(":") else None,
            w["reporting_between"] if ctx.holds(lo, hi, REPORTING_VERBS) else None,
            w["subjunctive_between"] if ctx.holds(lo, hi, SUBJUNCTIVE) else None,
            w["newline_between"] if "\n" in between else None,
            w["quotation_between"] if "⟫" in between or "⟪" in between else None,
            w["comma_after_quotation"]
            if not is_before and masked[span[1] : span[1] + 2].strip().startswith(",")
            else None,
            w["in_brackets"] if masked[max(0, start - 1) : start] == "(" else None,
        )
        return self.bias + sum([t for t in terms if t is not None])


_UNSEEN = object()  # a category without a name built beforehand
# the features of fixed name, each 0 or 1
_FIXED = (
    "role", "named", "organisation", "personlike", "opens_with_lower_word",
    "opens_with_not_name", "opens_with_preposition", "first_name", "role_word", "rule_exact",
    "rule_overlap", "rule_exact_cue", "rule_none", "reporting_before", "reporting_after",
    "reporting_next", "reporting_previous", "preposition_before", "source_cue_before",
    "zufolge_after", "so_before", "genitive_after", "opens_sentence", "colon_between",
    "colon_adjacent", "reporting_between", "subjunctive_between", "newline_between",
    "quotation_between", "comma_after_quotation", "in_brackets",
)  # fmt: skip
