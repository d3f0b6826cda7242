"""The learned stage: the models decide again what the rules proposed.

The rules' quotations are candidates and features, not the answer:

1. every pair of quotation marks is speech or not by the ``speech`` model;
2. the speaker of each direct quotation is the best of its candidate mentions by the
   ``speaker`` model; the rules' mention is one candidate and a feature. A chosen mention is
   resolved to a name as the rules resolve theirs (pronouns to the person they stand for,
   short names to the fullest form in the article); when it resolves to no one, the rules'
   speaker stays;
3. indirect speech is the best clauses by the ``clause`` model, with the speaker the rules
   found for an overlapping span, else the subject of a reporting clause of the same sentence
   or a "laut X" / "nach Angaben des X" inside the span.
"""

from __future__ import annotations

import bisect
import re

from articles.quotes.candidates import (
    Candidate,
    SpeakerScorer,
    rule_mention,
    speaker_candidates,
)
from articles.quotes.clause_scores import ClauseScorer
from articles.quotes.context import Context
from articles.quotes.learned import QuoteModel, logistic
from articles.quotes.lexicon import REPORTING_VERBS
from articles.quotes.model import Quotation
from articles.quotes.nouns import AGE_NOUN, personlike
from articles.quotes.phrases import NP_BOUNDED, Phrase, analyse_phrase
from articles.quotes.reported import SpanIndex, clause_candidates
from articles.quotes.resolve import Resolver
from articles.quotes.sentences import WORD
from articles.quotes.speech_marks import SpeechScorer
from articles.speakernames import is_speaker

# Where a source named inside reported speech begins: "laut X", "laut dem früheren Minister
# X", "nach Angaben des X" (``sources.LAUT`` found it, and put a genitive name in the
# nominative; its event is at the cue)
_SOURCE_CUE = re.compile(r"(?:[Ll]aut|[Nn]ach)(?![\w\-])")
_LAST_WORD = re.compile(r"([\w\-]+)[ \t]+$")
_PERSONAL = frozenset(("er", "sie"))  # the pronouns that stand for someone named elsewhere


def redecide(
    ctx: Context, resolver: Resolver, rules: list[Quotation], model: QuoteModel
) -> list[Quotation]:
    """The article's quotations as the model decides them, from the rules' ``rules``."""
    by_span = {(q.start, q.end): q for q in rules if q.kind != "indirect"}
    # each model's score of the features (speech_features, speaker_features), without them
    speech, speakers = SpeechScorer(model.speech), SpeakerScorer(model.speaker)
    quotes = []
    for m in ctx.marks:
        rule = by_span.get((m.start, m.end))
        p = logistic(speech.score(ctx, m, rule))
        if _framed(rule):
            # a reporting verb and its speaker around the marks make them speech: where the
            # model doubts such a quotation it is right as often as wrong (cross-validated)
            p = max(p, model.speech.threshold)
        if p < model.speech.threshold:
            quotes.append(
                Quotation(m.start, m.end, "not_speech", None, None, None, None, round(1 - p, 2))
            )
            continue
        if m.depth > 0:
            # a quotation inside a quotation: the speaker quotes someone the text may not name
            quotes.append(Quotation(m.start, m.end, "direct", None, None, None, None, round(p, 2)))
            continue
        quotes.append(
            _attributed(ctx, resolver, model, speakers, (m.start, m.end), "direct", rule, p)
        )
    quotes.extend(_reported(ctx, resolver, model, [q for q in rules if q.kind == "indirect"]))
    return quotes


def _framed(rule: Quotation | None) -> bool:
    """Did the rules find the quotation's reporting verb and speaker?"""
    return rule is not None and rule.kind == "direct" and bool(rule.cue) and bool(rule.speaker)


def _attributed(
    ctx: Context,
    resolver: Resolver,
    model: QuoteModel,
    speakers: SpeakerScorer,
    span: tuple[int, int],
    kind: str,
    rule: Quotation | None,
    p_kind: float,
) -> Quotation:
    """A quotation of ``kind`` over ``span`` with the speaker the model chooses
    (``speakers``: the model's speaker scores)."""
    mention = rule_mention(rule)
    best, p = _best_candidate(ctx, speakers, span, rule)
    fallback = (rule.speaker, rule.speaker_start, rule.speaker_end, rule.cue) if rule else None
    if best is None or p < model.speaker.threshold:
        return Quotation(
            *span, kind, None, None, None, rule.cue if rule else None, round(p_kind * 0.5, 2)
        )
    confidence = round(min(p_kind, p), 2)
    if mention is not None and min(best.end, mention[1]) > max(best.start, mention[0]):
        # the rules' mention, or a part of it ("der Sprecher …, Karl Roth"): their name holds;
        # where model and rules agree they are right 96% of the time (cross-validated)
        agreed = round(min(p_kind, max(p, rule.confidence)), 2)
        return Quotation(*span, kind, *fallback, agreed)
    name = _resolve(ctx, resolver, best)
    if name is None:
        if fallback is not None and fallback[0] is not None:
            return Quotation(*span, kind, *fallback, round(confidence * 0.8, 2))
        return Quotation(*span, kind, None, None, None, None, round(p_kind * 0.5, 2))
    return Quotation(*span, kind, name, best.start, best.end, _cue(ctx, best, span), confidence)


def _best_candidate(
    ctx: Context, speakers: SpeakerScorer, span: tuple[int, int], rule: Quotation | None
) -> tuple[Candidate | None, float]:
    candidates = speaker_candidates(ctx, span, rule)
    if not candidates:
        return None, 0.0
    # what model.speaker.score(f) gives for each of speaker_features(ctx, span, candidates, rule)
    scores = speakers.scores(ctx, span, candidates, rule)
    i = max(range(len(candidates)), key=scores.__getitem__)
    return candidates[i], logistic(scores[i])


def _resolve(ctx: Context, resolver: Resolver, candidate: Candidate) -> str | None:
    """The name a candidate mention stands for, as the rules resolve their own mentions."""
    phrase = candidate.phrase
    if phrase is None:
        low = candidate.text.lower()
        if candidate.kind == "pronoun":
            if low not in _PERSONAL:
                return None  # "ich", "wir", "man": no one the article names
            phrase = Phrase(candidate.start, candidate.end, candidate.text, pronoun=low)
        else:
            m = NP_BOUNDED.match(ctx.masked, candidate.start)
            if m is None or m.end() <= m.start():
                return None
            phrase = analyse_phrase(m)
    if phrase.pronoun in ("ich", "wir", "man"):
        return None
    if not phrase.pronoun and not personlike(phrase):
        return None  # things do not speak: "die Niederlage", "das Wetter"
    cue = _finite_verb(ctx.masked, phrase) if phrase.pronoun else None
    name = resolver.resolve(phrase, cue) or resolver.earlier_speaker(phrase, cue)
    if name is not None and (AGE_NOUN.fullmatch(name) or not is_speaker(name)):
        # "die 58-Jährige" names no one unless the article names her; "Niederlage",
        # "Zugleich" or "Rennen" are no one at all (see articles/speakernames.py)
        return None
    return name


def _finite_verb(masked: str, phrase: Phrase) -> str | None:
    """The reporting verb right beside a pronoun ("sagten sie", "sie riefen"): its number is
    the pronoun's."""
    after = (
        WORD.match(masked, phrase.end + 1) if masked[phrase.end : phrase.end + 1] == " " else None
    )
    if after and after.group(0).lower() in REPORTING_VERBS:
        return after.group(0)
    before = _LAST_WORD.search(masked[max(0, phrase.start - 40) : phrase.start])
    if before and before.group(1).lower() in REPORTING_VERBS:
        return before.group(1)
    return None


def _cue(ctx: Context, candidate: Candidate, span: tuple[int, int]) -> str | None:
    """The reporting verb beside the chosen mention or between it and the quotation."""
    lo = max(0, min(candidate.start, span[1]) - 40)
    hi = min(len(ctx.masked), max(candidate.end, span[0]) + 40)
    for word in ctx.masked[lo:hi].split():
        token = word.strip(",.;:!?()⟪⟫·")
        if token.lower() in REPORTING_VERBS:
            return token
    return None


def _reported(
    ctx: Context, resolver: Resolver, model: QuoteModel, rules: list[Quotation]
) -> list[Quotation]:
    """Indirect speech: the best clauses, each attributed."""
    rule_spans = [(q.start, q.end) for q in rules]
    by_span = {(q.start, q.end): q for q in rules}
    index = SpanIndex(ctx, rule_spans)
    # model.clause.score(clause_features(ctx, clause, index)) for each clause
    scorer = ClauseScorer(ctx, index, model.clause)
    threshold = model.clause.threshold
    scored = []
    for clause in clause_candidates(ctx, rule_spans):
        p = logistic(scorer.score(clause))
        if p >= threshold:
            scored.append((p, clause))
    scored.sort(key=lambda t: (-t[0], t[1].start, t[1].end))
    chosen: list[tuple[float, int, int]] = []
    taken = SpanIndex(ctx)
    for p, clause in scored:
        if taken.overlapping(clause.start, clause.end):
            continue
        taken.add(clause.start, clause.end)
        chosen.append((p, clause.start, clause.end))
    events = sorted(resolver.events)
    quotes = []
    for p, start, end in chosen:
        overlapping = [by_span[span] for span in index.overlapping(start, end)]
        if not overlapping:
            quotes.append(_reported_by(ctx, resolver, events, start, end, round(p, 2)))
            continue
        rule = max(overlapping, key=lambda q: min(end, q.end) - max(start, q.start))
        who = (rule.speaker, rule.speaker_start, rule.speaker_end, rule.cue)
        quotes.append(Quotation(start, end, "indirect", *who, round(p, 2)))
    return quotes


def _reported_by(
    ctx: Context,
    resolver: Resolver,
    events: list[tuple[int, str, int, int]],
    start: int,
    end: int,
    p: float,
) -> Quotation:
    """Indirect speech the rules did not find: its speaker is the subject of a reporting
    clause the rules found in the same sentence ("Lang kündigte an, dass …"), or else a
    "laut X" / "nach Angaben des X" inside it, if any, or else a source's word that names its
    holder ("nach Polizeiangaben": ``Resolver.source_word``).
    ``events``: the resolver's speakers by position, sorted; none that starts in the
    resolver's ``things`` (subjects that nothing says can speak: "Die Zweige sind so stabil,
    dass …")."""
    things = resolver.things
    s_start, s_end = ctx.sentence_of(start)
    lo = bisect.bisect_left(events, (s_start,))
    hi = bisect.bisect_left(events, (s_end,))
    here = [e for e in events[lo:hi] if not start <= e[2] < end and e[2] not in things]
    if not here:
        # "Die Boote seien laut Karl Roth zudem recht klein": the source inside the clause
        here = [
            e
            for e in events[lo:hi]
            if start <= e[0] < e[2] < end and _SOURCE_CUE.match(ctx.masked, e[0], e[2])
        ]
    if not here:
        found = resolver.source_word(s_start, s_end)
        if found is not None:
            return Quotation(start, end, "indirect", *found, None, p)
        return Quotation(start, end, "indirect", None, None, None, None, p)
    _pos, name, m_start, m_end = min(here, key=lambda e: abs(e[0] - start))
    return Quotation(start, end, "indirect", name, m_start, m_end, None, p)
