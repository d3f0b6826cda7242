"""Sentences of the masked text, and the reporting cues in them (``sagte``, ``fügte … hinzu``).

A full stop after an abbreviation or an ordinal ("5. August") ends no sentence; a quotation
that ends with its own full stop does. ``quote_window`` cuts a long sentence to a few hundred
characters around a quotation.
"""

from __future__ import annotations

import re

from articles.quotes.features import WORD
from articles.quotes.lexicon import REPORTING_VERBS, SEPARABLE
from articles.quotes.marks import Mark

_ABBREV = frozenset(
    "bzw ca dr etc evtl ggf jh jr mio mrd nr prof sog st str usw vgl abs bd gen inc ltd co "
    "corp mr mrs ms sen rep bzw hl u a z b d h o ä s vs mag ing dipl".split()
)
_SENT_END = re.compile(
    r"[.!?…](?=[ \t]+[A-ZÄÖÜ0-9⟪])|\n"
    # a missing space after a full stop: "sagte Merkel.Als …", not "z.B." or "ndr.de"
    r"|(?<=[a-zäöüß]{3})\.(?=[A-ZÄÖÜ][a-zäöüß]{2})"
)
# After a number a full stop is an ordinal ("5. August") unless a new sentence plainly starts.
_SENT_OPENERS = re.compile(
    r"[ \t]+(?:Der|Die|Das|Ein|Eine|Er|Sie|Es|Wir|Ich|Dies|Diese|Dieser|Auch|Am|Im|In|Nach|Laut"
    r"|Zudem|Außerdem|Dabei|Damit|Doch|Aber|So)[ \t]"
)
# a closing mark before the next sentence's opening (the look-ahead stops at the bounds given)
_QUOTE_CLOSE = re.compile(r"⟫(?=[ \t]+[A-ZÄÖÜ⟪])")
CLAUSE_BREAK = re.compile(r"[,;:–—]|⟫|⟪| - ")


def split_sentences(masked: str, body: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for m in _SENT_END.finditer(masked):
        if m.group(0) != "\n":
            word = masked[max(0, m.start() - 12) : m.start()].rsplit(" ", 1)[-1].lower()
            word = word.strip("(")
            ordinal = word.isdigit() and len(word) <= 2  # "5. August", but "vor 1933. Dann"
            ordinal = ordinal and not _SENT_OPENERS.match(masked, m.end())
            if ordinal or word.rstrip(".") in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(masked)))
    # A quotation that ends a sentence inside its marks ("… gewinnt.“ Dann …) ends it too.
    result = []
    for s, e in bounds:
        cut = s
        for m in _QUOTE_CLOSE.finditer(masked, s, e):
            pos = m.start()
            if body[pos - 1] in ".!?" or (pos >= 2 and body[pos - 2] in ".!?"):
                result.append((cut, pos + 1))
                cut = pos + 1
        result.append((cut, e))
    return [(s, e) for s, e in result if e > s]


_PRONOUN_CUES = frozenset(("sage", "glaube", "hoffe", "klage"))
_PRONOUN_BEFORE = re.compile(r"(?<![\w\-])(?:[Ee]r|[Ss]ie)[ \t]+$")
_PRONOUN_NEXT = re.compile(r"[ \t]+(?:er|sie)(?![\w\-])")


def cue_tokens(masked: str, start: int, end: int) -> tuple[tuple[int, int, str], ...]:
    """Reporting cues (start, end, word) between start and end of the masked text. The stages
    ask for the same sentence again and again: ``Context.cue_tokens`` keeps them per article."""
    return tuple(
        (m.start(), m.end(), m.group(0))
        for m in WORD.finditer(masked, start, end)
        if is_cue(masked, m.start(), m.end(), m.group(0), start, end)
    )


# participles that report with the word before them: "hat … bekannt gegeben" (written apart
# before 2006 and often since)
_PARTICLE_BEFORE = {"gegeben": re.compile(r"(?<![\w\-])bekannt[ \t]+$")}

# the lower-case forms that ``is_cue`` may accept
CUE_WORDS = REPORTING_VERBS | _PRONOUN_CUES | frozenset(SEPARABLE) | frozenset(_PARTICLE_BEFORE)


def is_cue(masked: str, w_start: int, w_end: int, word: str, start: int, end: int) -> bool:
    """Is the word at ``w_start``..``w_end`` a reporting cue of the text between start and end?"""
    low = word.lower()
    if low in REPORTING_VERBS and (word[0].islower() or w_start == start):
        return True
    if (
        low in _PRONOUN_CUES
        and word[0].islower()
        and (
            _PRONOUN_BEFORE.search(masked, max(0, w_start - 5), w_start)
            or _PRONOUN_NEXT.match(masked, w_end)
        )
    ):
        # "glaube er", "sie hoffe": a subjunctive next to a pronoun is no first person
        return True
    if low in _PARTICLE_BEFORE:
        return bool(_PARTICLE_BEFORE[low].search(masked, max(start, w_start - 9), w_start))
    if low in SEPARABLE and word[0].islower():
        clause_end = CLAUSE_BREAK.search(masked, w_end, end)
        stop = clause_end.start() if clause_end else end
        particles = SEPARABLE[low]
        tail = masked[w_end:stop]
        return any(re.search(rf"\b{p}\b\W*$", tail) for p in particles) or any(
            re.search(rf"\b{p}\b", tail) for p in particles if p in ("hinzu", "bekannt")
        )
    return False


def quote_window(sentence: tuple[int, int], m: Mark) -> tuple[int, int]:
    """The sentence around a quotation, cut to a few hundred characters on either side, so that
    text without sentence ends (lists, broken markup) cannot make the work quadratic."""
    return max(sentence[0], m.start - _REACH), max(m.end, min(sentence[1], m.end + _REACH))


_REACH = 600
