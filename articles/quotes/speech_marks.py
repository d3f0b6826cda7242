"""The learned decision for each pair of quotation marks: speech or not.

Quotation marks hold speech, but also titles, names of works, slogans and scare quotes. The
rules of ``classify`` decide first; their decision, the frame they found and the words in and
around the marks are the features of a linear model that decides again (``speech_features``).
"""

from __future__ import annotations

import re

from articles.quotes.classify import is_title_cue
from articles.quotes.context import Context
from articles.quotes.features import (
    Features,
    any_in,
    bucket,
    word_after,
    word_before,
)
from articles.quotes.learned import LinearModel
from articles.quotes.lexicon import FIRST_PERSON, NAMING_VERBS, REPORTING_VERBS, SUBJUNCTIVE
from articles.quotes.marks import WORDS_IN, Mark, inner_text, looks_like_name, speechlike
from articles.quotes.model import Quotation
from articles.quotes.orgnames import quoted_organisation
from articles.quotes.sources import JUDGING_VERBS
from articles.speakernames import ORG, category

# Words that make a quoted passage a clause rather than a name.
_CLAUSE_VERBS = frozenset(
    """ist sind war waren hat haben hatte wird werden wurde kann können muss müssen soll sollen
    will wollen darf nicht sei seien habe hätte wäre würde gibt gab bin bist gewesen worden es
    man""".split()
)
_END_PUNCTUATION = ".!?,;:…"
_AFTER = ",.;:)( \n"
_REACH = 300  # how far the sentence around the marks is read
_NAMING_WORDS = frozenset("als einen eine ein einem einer von vor zu".split())


def speech_features(ctx: Context, m: Mark, rule: Quotation | None) -> Features:
    """What tells speech from a title or a name, for one pair of marks; ``rule`` is what the
    rules decided for it (None when they made no quotation of it)."""
    body, masked = ctx.body, ctx.masked
    inner = inner_text(body, m)
    words = WORDS_IN.findall(inner)
    lower = {w.lower() for w in words}
    f: Features = {f"words={bucket(len(words))}": 1, "rule=" + (rule.kind if rule else "none"): 1}
    if rule is not None and rule.kind == "direct":
        f["rule_cue"] = int(bool(rule.cue))
        f["rule_speaker"] = int(bool(rule.speaker))
        f[f"rule_confidence={int(rule.confidence * 10)}"] = 1
    f["depth"] = min(m.depth, 2)
    f["closed"] = int(m.closed)
    f["single"] = int(m.single)
    f["mark=" + body[m.start]] = 1
    last = inner[-1:]
    f["ends=" + (last if last and last in _END_PUNCTUATION else "word")] = 1
    if words:
        capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        f["all_capitalised"] = int(capitals == len(words))
        f["capitalised_share"] = capitals / len(words)
        f["opens_lower"] = int(words[0][:1].islower())
    f["first_person"] = any_in(list(lower), FIRST_PERSON)
    f["first_person_short"] = f["first_person"] * int(len(words) <= 6)
    f["clause_verb"] = any_in(list(lower), _CLAUSE_VERBS)
    f["subjunctive_inside"] = any_in(list(lower), SUBJUNCTIVE)
    f["comma_inside"] = int("," in inner)
    f["speechlike"] = int(bool(inner) and speechlike(inner))
    f["namelike"] = int(looks_like_name(inner))
    before, after = word_before(masked, m.start), word_after(masked, m.end)
    f["before=" + before.lower()] = 1
    f["before_title_cue"] = int(bool(before) and is_title_cue(before))
    f["before_capitalised"] = int(before[:1].isupper())
    f["before_reporting"] = int(before.lower() in REPORTING_VERBS)
    f["after=" + after.lower()] = 1
    f["after_reporting"] = int(after.lower() in REPORTING_VERBS)
    left = body[max(0, m.start - 3) : m.start]
    right = body[m.end : m.end + 2]
    f["colon_before"] = int(":" in left)
    f["opens_paragraph"] = int(m.start == 0 or not left.strip(" \t") or left.endswith("\n"))
    f["next=" + (right[:1] if right[:1] and right[:1] in _AFTER else "other")] = 1
    f["in_brackets"] = int(body[m.start - 1 : m.start] == "(")
    s_start, s_end = ctx.sentence_of(m.start)
    sentence = ctx.words_lower(max(s_start, m.start - _REACH), min(s_end, m.end + _REACH))
    f["sentence_reporting"] = any_in(sentence, REPORTING_VERBS)
    f["sentence_subjunctive"] = any_in(sentence, SUBJUNCTIVE)
    f["sentence_naming"] = any_in(sentence, NAMING_VERBS)
    f["whole_sentence"] = int(m.start - s_start < 3 and s_end - m.end < 3)
    # "nannte es einen „Militärputsch“", "sieht die Maßnahme als „Kapitulation“": a word a
    # speaker applies is quoted speech
    f["judged"] = int(
        before.lower() in _NAMING_WORDS and bool(set(sentence) & (JUDGING_VERBS | NAMING_VERBS))
    )
    for name in _names(masked, m, inner, words):
        f[name] = 1
    return f


_WEB_ADDRESS = re.compile(
    r"(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.(?:de|com|org|net|uk|ch|at|fr|eu|info)"
)
_COMPANY = re.compile(r"(?:\b(?:AG|ag|GmbH|gmbh|e\.[ ]?V\.?|KG|Inc\.?|Ltd\.?|SE|S\.A\.))$")
_ARTICLE_NOUN_BEFORE = re.compile(
    r"(?<![\w\-])(?:der|die|das|des|dem|den|im|am|vom|zum|zur|ein|eine|einer|eines|einem|einen)"
    r"[ \t]+[A-ZÄÖÜ][\w\-]+[ \t]+$"
)


def _names(masked: str, m: Mark, inner: str, words: list[str]) -> tuple[str, ...]:
    """Features of the marks holding a name: a web address („tagesschau.de“), a company or an
    organisation („con energy ag“, „Oberste Rat zur …“), a name right after the noun it
    names („im Flugzeug „Virgin Atlantic GlobalFlyer““, „die Modelle „Touareg““)."""
    out = []
    text = inner.strip(" .,")
    if _WEB_ADDRESS.fullmatch(text):
        out.append("web_address")
    if _COMPANY.search(text) or quoted_organisation(text) or _names_organisation(inner, words):
        out.append("organisation_name")
    if (
        words
        and looks_like_name(inner)
        and _ARTICLE_NOUN_BEFORE.search(masked, max(0, m.start - 40), m.start)
    ):
        out.append("name_after_noun")
    return tuple(out)


def _names_organisation(inner: str, words: list[str]) -> bool:
    """A short name with a word the lists know for an organisation („Oberste Rat …“)."""
    if not words or len(words) > 8 or not looks_like_name(inner):
        return False
    return any(category(w) == ORG for w in words if w[:1].isupper())


class SpeechScorer:
    """The speech model's log-odds of a pair of marks without its features: exactly
    ``model.score(speech_features(…))``, the same terms in the same order added by the same
    ``sum()`` (a term is weight × value for a feature whose value is not zero and that the
    model weighs; a feature it does not weigh is None here and adds nothing). Keep it in step
    with ``speech_features``: a test compares the two."""

    def __init__(self, model: LinearModel):
        self.bias = model.bias
        self.weight = get = model.weights.get
        self.w = {name: get(name) for name in _FIXED}

    def score(self, ctx: Context, m: Mark, rule: Quotation | None) -> float:
        """``model.score(speech_features(ctx, m, rule))``, to the last bit."""
        w, weight = self.w, self.weight
        body, masked = ctx.body, ctx.masked
        inner = inner_text(body, m)
        words = WORDS_IN.findall(inner)
        lower = {word.lower() for word in words}
        terms = [
            weight(f"words={bucket(len(words))}"),
            weight("rule=" + (rule.kind if rule else "none")),
        ]
        if rule is not None and rule.kind == "direct":
            terms += (
                w["rule_cue"] if rule.cue else None,
                w["rule_speaker"] if rule.speaker else None,
                weight(f"rule_confidence={int(rule.confidence * 10)}"),
            )
        depth = min(m.depth, 2)
        w_depth = w["depth"]
        last = inner[-1:]
        terms += (
            w_depth * depth if depth and w_depth is not None else None,
            w["closed"] if m.closed else None,
            w["single"] if m.single else None,
            weight("mark=" + body[m.start]),
            weight("ends=" + (last if last and last in _END_PUNCTUATION else "word")),
        )
        if words:
            capitals = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
            share = capitals / len(words)
            w_share = w["capitalised_share"]
            terms += (
                w["all_capitalised"] if capitals == len(words) else None,
                w_share * share if share and w_share is not None else None,
                w["opens_lower"] if words[0][:1].islower() else None,
            )
        first_person = not FIRST_PERSON.isdisjoint(lower)
        before, after = word_before(masked, m.start), word_after(masked, m.end)
        before_lower, after_lower = before.lower(), after.lower()
        left = body[max(0, m.start - 3) : m.start]
        right = body[m.end : m.end + 2]
        s_start, s_end = ctx.sentence_of(m.start)
        sentence = ctx.words_lower(max(s_start, m.start - _REACH), min(s_end, m.end + _REACH))
        terms += (
            w["first_person"] if first_person else None,
            w["first_person_short"] if first_person and len(words) <= 6 else None,
            w["clause_verb"] if not _CLAUSE_VERBS.isdisjoint(lower) else None,
            w["subjunctive_inside"] if not SUBJUNCTIVE.isdisjoint(lower) else None,
            w["comma_inside"] if "," in inner else None,
            w["speechlike"] if inner and speechlike(inner) else None,
            w["namelike"] if looks_like_name(inner) else None,
            weight("before=" + before_lower),
            w["before_title_cue"] if before and is_title_cue(before) else None,
            w["before_capitalised"] if before[:1].isupper() else None,
            w["before_reporting"] if before_lower in REPORTING_VERBS else None,
            weight("after=" + after_lower),
            w["after_reporting"] if after_lower in REPORTING_VERBS else None,
            w["colon_before"] if ":" in left else None,
            w["opens_paragraph"]
            if m.start == 0 or not left.strip(" \t") or left.endswith("\n")
            else None,
            weight("next=" + (right[:1] if right[:1] and right[:1] in _AFTER else "other")),
            w["in_brackets"] if body[m.start - 1 : m.start] == "(" else None,
            w["sentence_reporting"] if not REPORTING_VERBS.isdisjoint(sentence) else None,
            w["sentence_subjunctive"] if not SUBJUNCTIVE.isdisjoint(sentence) else None,
            w["sentence_naming"] if not NAMING_VERBS.isdisjoint(sentence) else None,
            w["whole_sentence"] if m.start - s_start < 3 and s_end - m.end < 3 else None,
            w["judged"]
            if before_lower in _NAMING_WORDS
            and bool(set(sentence) & (JUDGING_VERBS | NAMING_VERBS))
            else None,
        )
        terms += tuple(weight(name) for name in _names(masked, m, inner, words))
        return self.bias + sum([t for t in terms if t is not None])


# the features of fixed name
_FIXED = (
    "rule_cue", "rule_speaker", "depth", "closed", "single", "all_capitalised",
    "capitalised_share", "opens_lower", "first_person", "first_person_short", "clause_verb",
    "subjunctive_inside", "comma_inside", "speechlike", "namelike", "before_title_cue",
    "before_capitalised", "before_reporting", "after_reporting", "colon_before", "opens_paragraph",
    "in_brackets", "sentence_reporting", "sentence_subjunctive", "sentence_naming",
    "whole_sentence", "judged",
)  # fmt: skip
