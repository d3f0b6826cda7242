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
    before = sorted((c.start, c.end) for c in candidates if c.end <= span[0])[::-1]
    after = sorted((c.start, c.end) for c in candidates if c.start >= span[1])
    rank = {key: i for i, key in enumerate(before)}
    rank.update({key: i for i, key in enumerate(after)})
    # the sentences the quotation spans, the same for every candidate
    first = ctx.sentence_index(span[0])
    last = ctx.sentence_index(max(span[0], span[1] - 1))
    mention = rule_mention(rule)
    return [
        _features(ctx, span, c, rule, mention, rank[(c.start, c.end)], first, last)
        for c in candidates
    ]


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
