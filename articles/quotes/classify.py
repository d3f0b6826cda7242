"""Direct speech or not: a quotation that is a name, a title or a gloss is ``not_speech``."""

from __future__ import annotations

import functools
import re

from articles.quotes.context import Context
from articles.quotes.lexicon import NAMING_VERBS, REPORTING_VERBS, SUBJUNCTIVE, TITLE_CUES
from articles.quotes.marks import WORDS_IN, Mark, looks_like_name, lower_title, speechlike
from articles.quotes.sources import JUDGING_VERBS

# (the look-behind changes no search's result: see ``features._WORD_BEFORE``)
_TITLE_BEFORE = re.compile(r"(?<![\w\-])([\w\-]+)[ \t]*(?:\([^)]*\)[ \t]*)?$")

_NAMING_BEFORE = re.compile(
    r"(?<![\w\-])(?:[Aa]ls|[Vv]on|für|zu)(?:[ \t]+(?:einem|einer|einen|eine|ein|der|dem|den|des))?"
    r"[ \t]*$"
)
# "nannte es einen „Militärputsch“", "wies das als „Unverschämtheit“ zurück": a noun that a
# speaker applies, not the name of something.
_PREDICATIVE_BEFORE = re.compile(
    r"(?<![\w\-])(?:ein|eine|einen|einem|einer|als|kein|keine|keinen)[ \t]*$"
)
_NAME_BEFORE = re.compile(
    r"(?:(?<![\w\-])(?:der|die|das|des|dem|den|im|ins|beim|vom|zum|zur|am|einer|eines|einem|"
    r"ein|eine|neue|neuen|neuer|neues)|[A-ZÄÖÜ][\w\-]*(?:s|es))[ \t]*$"
)

_SOURCE_BEFORE = re.compile(r"(?<![\w\-])(?:[Ll]aut|[Ww]ie|[Gg]emäß|zufolge)[ \t]*$")
_NAMING_VERB_BEFORE = re.compile(
    r"(?<![\w\-])(?:" + "|".join(sorted(NAMING_VERBS)) + r")[ \t]+(?:[\w\-]+[ \t]+){0,3}"
    r"[\w\-]+[ \t]*$"
)

_NAME_LINKS = frozenset(
    "und ohne für zur zum der des die das von vom of the and for de la du e V".split()
)


@functools.lru_cache(maxsize=4096)
def is_title_cue(word: str) -> bool:
    """'Magazin', also compounds and genitives: 'Fachmagazin', 'Magazines', 'Nachrichtensendung'."""
    low = word.lower()
    if low in TITLE_CUES:
        return True
    for stem in (
        low,
        low[:-1] if low.endswith("s") else low,
        low[:-2] if low.endswith("es") else low,
    ):
        if any(stem.endswith(c) and len(c) >= 5 for c in _TITLE_COMPOUND_HEADS):
            return True
    return False


_TITLE_COMPOUND_HEADS = frozenset(
    """magazin zeitung zeitschrift sendung album enzyklika roman titel kampagne slogan motto
    schlagzeile kolumne""".split()
)


def classify(ctx: Context, m: Mark, inner: str, frame, s_start: int, s_end: int) -> str:
    """'direct' or 'not_speech' for a top-level quotation, given the frame found for it."""
    masked, body = ctx.masked, ctx.body
    words = WORDS_IN.findall(inner)
    if not words:
        return "not_speech"
    if lower_title(body, m, words):
        return "not_speech"  # "der „taz“"
    before = masked[max(0, m.start - 40) : m.start]
    t = _TITLE_BEFORE.search(before)
    if t and is_title_cue(t.group(1)):
        # "nannte den Plan „unausgegoren“": the noun is what is named, the quote is speech
        clause = masked[max(s_start, m.start - 60) : m.start]
        named = _NAMING_VERB_BEFORE.search(clause)
        if not (named and not looks_like_name(inner) and "," not in clause[named.start() :]):
            return "not_speech"
    if (
        len(words) >= 2
        and inner[-1:] not in ".!?"
        and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in words)
        and (_NAME_BEFORE.search(before) or re.search(r"(?<![\w\-])von[ \t]*$", before))
        and not _PREDICATIVE_BEFORE.search(before)
    ):
        return "not_speech"  # des „Wikimedia Deutschland – Gesellschaft zur Förderung …“
    if len(words) <= 4 and inner[-1:] not in ".!?" and _SOURCE_BEFORE.search(before):
        return "not_speech"  # the quotation names the source: wie „heise online“ berichtet
    name_like = looks_like_name(inner)
    in_brackets = body[m.start - 1 : m.start] == "(" and body[m.end : m.end + 1] == ")"
    if in_brackets and not (inner[-1:] in ".!?" and len(words) > 3):
        return "not_speech"  # a translation or gloss: „Cast Lead“ („gegossenes Blei“)
    if frame is not None and frame.cue == "":
        frame = None  # a sentence subject alone does not make a quotation speech
    if frame is not None and frame.phrase is not None:
        if (
            len(words) <= 4
            and name_like
            and not (inner[-1:] in ".!?" and frame.cue and frame.cue.lower() in REPORTING_VERBS)
            and (frame.cue or "").lower() not in NAMING_VERBS
            and not _PREDICATIVE_BEFORE.search(before)
            and (_NAME_BEFORE.search(before) or len(words) <= 2)
        ):
            return "not_speech"
        return "direct"
    if speechlike(inner):
        return "direct"
    if name_like and not _NAMING_BEFORE.search(before):
        return "not_speech"
    sentence_words = {w.lower() for w in WORDS_IN.findall(masked[s_start:s_end])}
    if _NAMING_BEFORE.search(before) and sentence_words & JUDGING_VERBS:
        return "direct"  # nannte es „Wortbruch“, wies das als „Unverschämtheit“ zurück
    if name_like:
        return "not_speech"
    if frame is not None or _NAMING_BEFORE.search(before):
        return "direct"
    if sentence_words & SUBJUNCTIVE:
        return "direct"
    return "not_speech"
