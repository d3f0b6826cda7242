"""Quotations and their speakers in German news text. No Django imports.

``extract(body)`` finds direct quotations (in „…“, »…«, «…», "…", with ‚…‘ nested), tells speech
from quotation marks around names and titles (``not_speech``), attributes each quotation to a
speaker through the reporting frame around it (``sagte er``, ``so Merkel``, ``laut …``, a colon
before a block quotation), resolves pronouns and short names to the fullest name in the article,
and marks simple indirect speech (a ``dass`` clause or a subjunctive clause after a reporting verb).

The approach is rules over a *masked* copy of the text, in which every quotation is replaced by
``⟪···⟫`` of the same length: frames are then found with plain regular expressions that cannot
see words inside quotations, and every offset stays valid for the original body.
See docs/quotes.md for the design and the measured figures.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from articles.quotes_lexicon import (
    AUXILIARIES,
    FEMALE_KIN,
    FEMALE_NAMES,
    KIN,
    MALE_A_NAMES,
    MALE_FIRST_NAMES,
    MUTE_SUFFIXES,
    NAMING_VERBS,
    NOT_NAMES,
    ORG_SUFFIXES,
    ORG_WORDS,
    REPORTING_VERBS,
    ROLE_SUFFIXES,
    SEPARABLE,
    SPEAKING_UNG,
    SUBJUNCTIVE,
    SUBORDINATORS,
    TITLE_CUES,
)

__all__ = ["Extraction", "Quotation", "SpeakerEntity", "extract"]


@dataclass(frozen=True)
class SpeakerEntity:
    """One entity within one article."""

    name: str  # canonical: the fullest name used in the article
    kind: str  # "person" | "organisation"
    role: str | None  # e.g. "NATO-Generalsekretär", nominative, as a label
    aliases: tuple[str, ...]  # other forms used in the article


@dataclass(frozen=True)
class Quotation:
    start: int  # offsets into body; a direct quote's span includes its quotation marks
    end: int
    kind: str  # "direct" | "indirect" | "not_speech"
    speaker: str | None  # SpeakerEntity.name, or None when not found
    speaker_start: int | None  # the mention the attribution rests on
    speaker_end: int | None
    cue: str | None  # the reporting verb or cue, e.g. "sagte", "laut"
    confidence: float  # 0..1


@dataclass(frozen=True)
class Extraction:
    quotes: list[Quotation]  # sorted by start
    speakers: list[SpeakerEntity]  # every entity that some quote names


# --------------------------------------------------------------------------------------------
# 1. Quotation marks: pair them per line, deciding straight marks from context.

OPEN_Q = "⟪"
CLOSE_Q = "⟫"
# A quoted name ("die „Computerwoche“") keeps its words in the masked text between these marks,
# so that it can be a speaker: „…“, schreibt die „Computerwoche“.
OPEN_NAME = "〈"
CLOSE_NAME = "〉"
MASK = "·"

_DOUBLE = '„“”"»«'
_SINGLE = "‚‘’'›‹"
_ALL_MARKS = _DOUBLE + _SINGLE
_OPEN_CONTEXT = set(" \t\n([{/:–—-") | set(_ALL_MARKS)
_CLOSE_FOLLOW = set(" \t\n.,;:!?)]}/–—-…") | set(_ALL_MARKS)


_MAX_OPEN = 16


@dataclass
class _Mark:
    start: int
    end: int  # exclusive; for a closed quote it includes the closing mark
    closed: bool
    depth: int
    single: bool


def _pair_marks(body: str, line_start: int, line_end: int) -> list[_Mark]:
    """Pair the quotation marks of one line (a paragraph); unclosed doubles end at line end."""
    found: list[_Mark] = []
    stack: list[tuple[int, str, bool]] = []  # (position, expected closers, single)

    def close(kind_single: bool, closers: str, pos: int) -> bool:
        for k in range(len(stack) - 1, -1, -1):
            start, expected, single = stack[k]
            if single == kind_single and body[pos] in expected:
                # unclosed single quotes above it were apostrophes or strays: drop them
                del stack[k:]
                found.append(_Mark(start, pos + 1, True, k, single))
                return True
            if not kind_single and single:
                continue
            if kind_single and not single:
                return False
        return False

    for pos in range(line_start, line_end):
        ch = body[pos]
        if ch not in _ALL_MARKS:
            continue
        if len(stack) > _MAX_OPEN:
            # stray marks pile up in broken text: forget the oldest apostrophe-like opener
            # (or the second oldest mark, keeping a block quotation at the bottom)
            singles = [k for k, entry in enumerate(stack) if entry[2]]
            del stack[singles[0] if singles else 1]
        before = body[pos - 1] if pos > line_start else " "
        after = body[pos + 1] if pos + 1 < line_end else " "
        can_open = before in _OPEN_CONTEXT and not after.isspace()
        can_close = not before.isspace() and before not in "([{" and after in _CLOSE_FOLLOW
        if ch == "„":
            stack.append((pos, '“”"', False))
        elif ch == "‚":
            if can_open:
                stack.append((pos, "‘’'", True))
        elif ch in "“”":
            if any(not s for _, _, s in stack) and (can_close or not can_open):
                close(False, '“”"', pos)
            elif ch == "“" and can_open:
                stack.append((pos, '”"', False))
        elif ch == '"':
            open_double = any(not s for _, _, s in stack)
            if can_close and (open_double or not can_open):
                if open_double:
                    close(False, '"“”', pos)
            elif can_open:
                stack.append((pos, '"“”', False))
        elif ch in "»«":
            other = "«" if ch == "»" else "»"
            waiting = any(body[p] == other and not s for p, _, s in stack)
            if waiting and can_close:
                close(False, ch, pos)
            elif can_open:
                stack.append((pos, other, False))
        elif ch in "›‹":
            other = "‹" if ch == "›" else "›"
            waiting = any(body[p] == other and s for p, _, s in stack)
            if waiting and can_close:
                close(True, ch, pos)
            elif can_open:
                stack.append((pos, other, True))
        elif ch == "‘":
            if any(s for _, _, s in stack) and can_close:
                close(True, "‘’'", pos)
            elif can_open and not can_close:
                stack.append((pos, "’'", True))
        elif ch == "'" and (before == "'" or after == "'"):
            continue  # ''wiki markup''
        elif ch in "’'":
            if can_close and any(s for _, _, s in stack):
                close(True, ch, pos)
            elif ch == "'" and can_open and not can_close:
                stack.append((pos, "'’", True))
    # Unclosed double quotes run to the end of their line; unclosed singles are dropped.
    end = line_end
    while end > line_start and body[end - 1].isspace():
        end -= 1
    for depth, (start, _, single) in enumerate(stack):
        if not single and end - start >= 2:
            found.append(_Mark(start, end, False, depth, False))
            break  # one open quote per line is enough; nested unclosed ones are noise
    found.sort(key=lambda m: (m.start, -m.end))
    # Recompute depth from containment (closers may have popped out of order).
    result: list[_Mark] = []
    outer: list[_Mark] = []
    for m in found:
        while outer and outer[-1].end <= m.start:
            outer.pop()
        if outer and m.end > outer[-1].end:
            continue  # crossing spans: keep the first
        m.depth = len(outer)
        result.append(m)
        outer.append(m)
    return result


# --------------------------------------------------------------------------------------------
# 2. Noun phrases, names and roles.

_CAP = r"(?:[A-ZÄÖÜ](?:[\w\-'’&]|\.(?=[A-ZÄÖÜ]\.))*[\w&]|[A-ZÄÖÜ])"
_PARTICLE = r"(?:von|van|de|di|da|del|della|dos|du|la|le|ten|ter|zu|bin|ibn|al|el|y|und)"
_NOT_NAME_RE = "|".join(sorted(NOT_NAMES, key=len, reverse=True))
_NAMEW = rf"(?!(?:{_NOT_NAME_RE})\b){_CAP}"
_TITLES = r"(?:(?:Prof|Dr|Dres|Dipl\.-Ing|Ing|Mag)\.[ \t]+){0,3}"  # "Prof. Dr. Karl Huber"
# "zu Guttenberg" is a name, "zu Protokoll", "zu Wort" are idioms
_ZU_IDIOMS = r"(?!zu[ \t]+(?:Protokoll|Wort|Worte|Hause|Beginn|Gast|Ende|Fuß|Recht|Rate|Boden)\b)"
_NAME_LINK = rf"(?:(?:von|van)[ \t]+(?:der|den)[ \t]+|{_ZU_IDIOMS}{_PARTICLE}[ \t]+)"
_NAME = (
    rf"(?:〈?{_TITLES}{_NAMEW}(?:[ \t]+{_NAME_LINK}?〈?{_NAMEW}〉?){{0,4}}〉?"
    rf"|〈[a-zäöüß][^〈〉\n]{{0,38}}〉)"  # a lower-case name in quotation marks: die „taz“
)
_ART = (
    r"(?:[Dd]er|[Dd]ie|[Dd]as|[Ee]in|[Ee]ine|[Dd]ieser|[Dd]iese|[Dd]ieses"
    r"|[Ss]ein|[Ss]eine|[Ii]hr|[Ii]hre|[Dd]essen|[Dd]eren"
    r"|(?:Einer|Eine|Einige|Viele|Mehrere|Zwei|Drei|Beide|Alle)[ \t]+(?:der|von|des)"
    # "Einige Anhänger", "mehrere Abgeordnete", "Tausende Demonstranten": a plural quantifier
    r"|(?:[Ee]inige|[Vv]iele|[Mm]ehrere|[Zz]ahlreiche|Hunderte|Tausende|Dutzende|[Zz]wei|[Dd]rei"
    r"|[Bb]eide|[Mm]anche|[Ww]eitere)(?=[ \t]+[A-ZÄÖÜ]))"
)
_DETERMINERS = (
    "der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen|dieser|diese|dieses|seine|seiner|"
    "seinem|seinen|ihre|ihrer|ihrem|ihren|unsere|keine|sich|jede|jeder|alle|andere|sowie|sagte|"
    "erklärte|meinte|betonte|warnte|forderte|ergänzte|sagten|erklärten"
)
_ADJ = (
    rf"(?!(?:{_DETERMINERS})\b)(?:[a-zäöüß][\w\-]*(?:e|en|er|es|em)"
    rf"|[A-ZÄÖÜ][\w\-]*(?:ische|ischen|ischer)|\d+-\w+e[nr]?|\d+)"
)
_GEN = (
    rf"(?:[ \t]+(?:des|der|von|vom|eines|einer|in|aus|im|beim|bei)[ \t]+"
    rf"(?:(?:der|dem|den)[ \t]+)?(?:{_ADJ}[ \t]+){{0,2}}{_NAME})"
)
# "die in New York City geborene Lopez", "der sich selbst als Gegner X inszenierende
# Unternehmer Y": a participle phrase between the article and the noun, opening with a lower-case
# word (a preposition, "sich", an article) and ending with the participle.
# Adverbs inside an adjective phrase: "ein nicht namentlich genannter Sprecher"
_ADVERBS = (
    "nicht", "namentlich", "bislang", "bisher", "noch", "sehr", "besonders", "ebenfalls",
    "sichtlich", "sichtbar", "merklich", "spürbar", "äußerst", "tief", "leicht", "hörbar",
)  # fmt: skip
_ADV = r"(?:(?:" + "|".join(_ADVERBS) + r")[ \t]+){0,2}"
_PARTICIPLE_PHRASE = (
    r"(?:in|im|aus|an|am|auf|bei|mit|nach|seit|von|vom|vor|zu|zum|zur|für|über|unter|sich|das"
    r"|die|den|dem|der|ein|eine|einen|seit|selbst|schon|bereits)[ \t]+(?:[^\s,.;:!?⟪⟫()]+[ \t]+)"
    r"{0,6}?(?:[a-zäöüß]+end(?:e|en|er)|ge[a-zäöüß]+(?:te|ten|ter|ene|enen|ener)"
    r"|[a-zäöüß]+ierte[nr]?)[ \t]+"
)
_PLACE_PREPOSITIONS = ("in", "aus", "im", "beim", "bei")
# "er", "sie", and demonstratives standing for a person: "so letztere", "sagte dieser, dass"
_PRON = (
    r"(?:[Ee]r|[Ss]ie|[Ll]etztere[r]?|(?:[Dd]ieser|[Dd]iese|[Jj]ener|[Jj]ene)(?=[ \t]*[,.;:!?]))"
)
_DEMONSTRATIVES = {
    "letzterer": "er", "letztere": "sie", "dieser": "er", "diese": "sie", "jener": "er",
    "jene": "sie",
}  # fmt: skip
_NP = (
    rf"(?:(?P<pron>{_PRON})(?![\w\-])"
    rf"|(?P<art>{_ART})[ \t]+(?P<part>{_PARTICIPLE_PHRASE})?(?:{_ADV}{_ADJ}[ \t]+){{0,3}}"
    rf"(?:{_NAME}|\d+-[Jj]ährigen?(?![\w\-]))"
    rf"{_GEN}{{0,3}}"
    rf"|{_NAME}{_GEN}{{0,3}})"
)
_NP_AT = re.compile(rf"{_NP}(?![\w\-])")
_APPOSITION_NAME = re.compile(
    rf",[ \t]+(?P<name>{_NAME})(?:[ \t]*\([^()]{{1,30}}\))?[ \t]*(?=[,⟪⟫:.]|[ \t]+[a-zäöüß])"
)
_ROLE_RE = re.compile(
    r"(?:[\w\-]*-)?[\w]*(?:" + "|".join(sorted(ROLE_SUFFIXES, key=len, reverse=True)) + r")"
    r"(?:in|innen|en|n|s|e|es)?",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-ZÄÖÜ0-9&\-.]{2,}")
_ADJ_END = re.compile(r"(e|en|em|er|es)$")


@functools.lru_cache(maxsize=20000)
def _is_role(token: str) -> bool:
    return bool(_ROLE_RE.fullmatch(token))


def _is_org(tokens: list[str], article: str | None) -> bool:
    for tok in tokens:
        low = tok.lower()
        if low in ORG_WORDS or low.endswith(ORG_SUFFIXES):
            return True
    if tokens and all(_ACRONYM.fullmatch(t) for t in tokens):
        return True
    return bool(article and article.lower() in ("das", "dieses") and tokens)


def _normalise_role(adjectives: list[str], role: list[str], article: str | None) -> str:
    art = (article or "").lower()
    words = []
    for adj in adjectives:
        if adj in _ADVERBS:
            words.append(adj)
            continue
        stem = _ADJ_END.sub("", adj)
        if art in ("der", "ein", "dieser"):
            adj = stem + "er"
        elif art in ("die", "eine", "diese"):
            adj = stem + "e"
        elif art in ("das", "dieses"):
            adj = stem + "es"
        words.append(adj)
    return " ".join(words + role)


@dataclass
class _Phrase:
    start: int
    end: int
    text: str
    pronoun: str | None = None
    name: str | None = None  # name tokens joined, when there are any
    name_start: int | None = None
    role: str | None = None
    kind: str = "person"
    female: bool | None = None
    participle: bool = False  # a participle phrase stands before the noun


def _analyse(match: re.Match, text_start: int = 0) -> _Phrase:
    """Split a noun phrase into article, adjectives, role and name."""
    text = match.group(0).replace(OPEN_NAME, " ").replace(CLOSE_NAME, " ")
    start = match.start() + text_start
    if match.group("pron"):
        pronoun = _DEMONSTRATIVES.get(text.lower(), text.lower())
        return _Phrase(start, start + len(text), text, pronoun=pronoun)
    article = match.group("art")
    if match.group("part"):
        # blank the participle phrase out; offsets stay valid
        a, b = match.start("part") - match.start(), match.end("part") - match.start()
        text = text[:a] + " " * (b - a) + text[b:]
    tokens = [(m.group(0), m.start()) for m in re.finditer(r"[^\s]+", text)]
    if article:
        tokens = tokens[1:]
    adjectives: list[str] = []
    while tokens and (tokens[0][0][:1].islower() or tokens[0][0][:1].isdigit()):
        if len(tokens) == 1 and re.fullmatch(r"\d+-[Jj]ährigen?", tokens[0][0]):
            break  # "der 58-Jährige": the noun
        if tokens[0][1] > 0 and match.group(0)[tokens[0][1] - 1] == OPEN_NAME:
            break  # "die „taz“": a quoted name, not an adjective
        adjectives.append(tokens.pop(0)[0])
    while len(tokens) > 1 and _TITLE_TOKEN.fullmatch(tokens[0][0]):
        tokens.pop(0)  # an academic title is no part of the name
    main, genitive = [], []
    for i, (tok, off) in enumerate(tokens):
        if tok in _PLACE_PREPOSITIONS and main:
            break  # "der Einsatzleiter der Polizei in Dortmund": the place is not the name
        if not genitive and _name_particle(tokens, i, main):
            main.append((tok, off))  # "Richard von Weizsäcker", "Ursula von der Leyen"
            continue
        if genitive or (tok in ("des", "der", "von", "vom", "eines", "einer") and main):
            genitive.append((tok, off))
        else:
            main.append((tok, off))
    role_idx = -1
    for i, (tok, _) in enumerate(main):
        if _is_role(tok):
            role_idx = i
    if (
        role_idx < 0
        and article
        and article.lower() in ("der", "die", "ein", "eine")
        and len(main) >= 3
        and not _is_org([t for t, _ in main], None)
    ):
        role_idx = 0  # "der Meteorologe Karl Sommer": an unlisted role before a full name
    words = [t for t, _ in main]
    gen_text = " ".join(t for t, _ in genitive)
    phrase = _Phrase(start, start + len(text), text)
    phrase.participle = bool(match.group("part"))
    quoted = match.group(0).find(OPEN_NAME, 1)
    if role_idx < 0 and len(main) >= 2 and main[0][1] < quoted and not genitive:
        # "die Wochenzeitschrift „Jungle World“": the quoted title names the outlet
        title = [(t, off) for t, off in main if off > quoted]
        if title:
            phrase.name = " ".join(t for t, _ in title)
            phrase.name_start = start + title[0][1]
            phrase.role = " ".join(t for t, off in main if off < quoted)
            phrase.kind = "organisation"
            return phrase
    if article:
        phrase.female = article.lower() in ("die", "eine", "diese")
    if role_idx >= 0:
        role_words = words[: role_idx + 1]
        name_part = main[role_idx + 1 :]
        if name_part and name_part[0][0][:1].islower():
            # "der Doktorvater zu Guttenbergs": a particle opens no name after a role
            role_words, name_part = words, []
        role = _normalise_role(adjectives, role_words, article)
        if gen_text and not name_part:
            role = f"{role} {gen_text}"
        phrase.role = role
        head = words[role_idx].lower()
        if head.endswith(("in", "innen")) and not head.endswith("chein"):
            phrase.female = True
        elif head in KIN:
            phrase.female = head in FEMALE_KIN
        if name_part:
            phrase.name = " ".join(t for t, _ in name_part)
            phrase.name_start = start + name_part[0][1]
        else:
            phrase.name = None
        if _is_org(role_words, None) and not name_part:
            phrase.kind = "organisation"
    else:
        personal = len(main) >= 2 and _is_first_name(words[0])
        capitalised = all(w[:1].isupper() for w in words) and not _is_org(words, article)
        after = genitive[1:2] if genitive and genitive[0][0] in ("von", "vom") else []
        if after and after[0][0] in ("der", "den", "dem"):
            after = genitive[2:3]  # "von der IG Metall"
        organisation = bool(after) and after[0][0][:1].isupper()
        if (personal or (capitalised and organisation)) and (
            personal
            or len(main) >= 2
            or (genitive[0][0] == "vom" and words[0].lower().endswith(_PERSON_ENDINGS))
        ):
            # "Petra Klein vom Sozialverband", "Tomas Berger von Human Rights Watch": the name
            # ends before "von"; the organisation is no part of it
            if genitive and genitive[0][0] in ("von", "vom"):
                gen_text = ""
        elif genitive and not article and OPEN_NAME in match.group(0)[genitive[0][1] :]:
            gen_text = ""  # "sagte Vogel der „Rheinischen Post“": a dative, not a genitive
        name_words = words + ([gen_text] if gen_text else [])
        phrase.name = " ".join(name_words)
        phrase.name_start = start + main[0][1] if main else start
        if _is_org(words, article):
            phrase.kind = "organisation"
        elif article or adjectives:
            # "die Polizei", "ein Sprecher": a common noun, not a name
            phrase.role = None
            if not _is_org(words, article) and not any(w[:1].isupper() for w in words[1:]):
                phrase.kind = "person"
    return phrase


_TITLE_TOKEN = re.compile(r"(?:Prof|Dr|Dres|Dipl\.-Ing|Ing|Mag)\.")


def _kin(role: str) -> bool:
    """A role that says how a person is addressed or related ('Frau', 'Bruder'), no office."""
    return role.split()[-1].lower() in KIN


def _is_first_name(word: str) -> bool:
    if word in FEMALE_NAMES or word in MALE_FIRST_NAMES:
        return True
    low = word.lower()
    return low.endswith("a") and word not in MALE_A_NAMES and low not in ORG_WORDS and len(low) > 3


def _name_particle(tokens: list[tuple[str, int]], i: int, main: list) -> bool:
    """Is tokens[i] the particle of a name ('von' after a known first name, or 'der'/'den'
    right after such a 'von') rather than the start of a genitive?"""
    tok = tokens[i][0]
    if tok == "von":
        first = main[-1][0] if main else ""
        following = [t for t, _ in tokens[i + 1 : i + 3]]
        if following and following[0] in ("der", "den"):
            following = following[1:]
        return _is_first_name(first) and bool(following) and following[0][:1].isupper()
    return (
        tok in ("der", "den")
        and i > 0
        and tokens[i - 1][0] == "von"
        and bool(main)
        and (main[-1][0] == "von")
    )


# --------------------------------------------------------------------------------------------
# 3. Sentences, clauses and frames on the masked text.

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
_WORD = re.compile(r"[\wäöüß\-]+")
_CLAUSE_BREAK = re.compile(r"[,;:–—]|⟫|⟪| - ")


def _sentences(masked: str, body: str) -> list[tuple[int, int]]:
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
        for m in re.finditer(r"⟫(?=[ \t]+[A-ZÄÖÜ⟪])", masked[s:e]):
            pos = s + m.start()
            if body[pos - 1] in ".!?" or (pos >= 2 and body[pos - 2] in ".!?"):
                result.append((cut, pos + 1))
                cut = pos + 1
        result.append((cut, e))
    return [(s, e) for s, e in result if e > s]


@dataclass
class _Frame:
    cue: str
    cue_start: int
    phrase: _Phrase | None
    confidence: float


_PRONOUN_CUES = frozenset(("sage", "glaube", "hoffe", "klage"))
_PRONOUN_BEFORE = re.compile(r"(?<![\w\-])(?:[Ee]r|[Ss]ie)[ \t]+$")
_PRONOUN_NEXT = re.compile(r"[ \t]+(?:er|sie)(?![\w\-])")


def _cue_tokens(masked: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Reporting cues (start, end, word) between start and end of the masked text."""
    cues = []
    for m in _WORD.finditer(masked, start, end):
        word = m.group(0)
        low = word.lower()
        if low in REPORTING_VERBS and (word[0].islower() or m.start() == start):
            cues.append((m.start(), m.end(), word))
        elif (
            low in _PRONOUN_CUES
            and word[0].islower()
            and (
                _PRONOUN_BEFORE.search(masked, max(0, m.start() - 5), m.start())
                or _PRONOUN_NEXT.match(masked, m.end())
            )
        ):
            # "glaube er", "sie hoffe": a subjunctive next to a pronoun is no first person
            cues.append((m.start(), m.end(), word))
        elif low in SEPARABLE and word[0].islower():
            clause_end = _CLAUSE_BREAK.search(masked, m.end(), end)
            stop = clause_end.start() if clause_end else end
            particles = SEPARABLE[low]
            tail = masked[m.end() : stop]
            if any(re.search(rf"\b{p}\b\W*$", tail) for p in particles) or any(
                re.search(rf"\b{p}\b", tail) for p in particles if p in ("hinzu", "bekannt")
            ):
                cues.append((m.start(), m.end(), word))
    return cues


_LEAD = re.compile(
    r"(?:^|(?<=[,;:(⟫])|(?<=\s-)|(?<=–)|(?<=—))[ \t]*"
    r"(?:(?:" + "|".join(sorted(SUBORDINATORS - {"als"})) + r"|Und|Aber|Doch|Auch|Dann|Nun"
    r"|Zudem|Jedoch|Wie|Während|Nachdem|Dass|Weil|Wobei|Denn|So|Hier|Dort|Dazu|Damals|Selbst|Sogar"
    r"|Daraufhin|Später|Zuvor|Zuletzt|Außerdem|Allerdings|Trotzdem|Dennoch|Deshalb)[ \t]+"
    r"|(?:als|Als)[ \t]+(?=[Ee]r\b|[Ss]ie\b|[Dd]er\b|[Dd]ie\b|[Dd]as\b|[Ee]in))?$"
)
_SKIP_AFTER = re.compile(
    r"[ \t]+(?:(?:auch|jedoch|dann|zudem|nun|außerdem|weiter|gestern|heute|bereits|ebenfalls|"
    r"hingegen|dagegen|allerdings|indes|wiederum|daher|deshalb|ebenso|lediglich|nur|"
    r"dazu|damals|daraufhin|später|zuvor|zuletzt|sich|es|noch|schon|wiederholt|einmal|"
    r"am\s+\w+|im\s+\w+)[ \t]+)*"
)
_ADVERBIALS = re.compile(
    r"(?:[ \t]*\([^()]{1,60}\))?"
    r"(?:[ \t]+(?:auch|jedoch|dann|zudem|nun|bereits|ebenfalls|gestern|heute|damals|später|"
    r"hingegen|dagegen|allerdings|indes|wiederum|daher|deshalb|ebenso|lediglich|nur|selbst|"
    r"wiederholt|zuvor|zuletzt|einmal|noch|schon|mehrfach|mehrmals|immer|wieder|erneut|am\s+\w+|"
    r"im\s+\w+|vor\s+\w+|in\s+\w+\s+\w+|bei\s+\w+\s+\w+|gegenüber\s+\w+(?:\s+\w+)?))*[ \t]*$"
)


def _np_before(masked: str, clause_start: int, verb_start: int) -> _Phrase | None:
    """A subject standing right before the verb, at the start of its clause."""
    window_start = max(clause_start, verb_start - 160)
    pre = masked[window_start:verb_start]
    adv = _ADVERBIALS.search(pre)
    core_end = window_start + (adv.start() if adv else len(pre))
    for m in _NP_BEFORE_CACHE.finditer(masked, window_start, core_end):
        if m.end() != core_end:
            continue
        lead = masked[window_start : m.start()]
        if not _LEAD.search(lead) and m.start() != window_start:
            continue
        if (
            m.start() == window_start
            and window_start != clause_start
            and not _LEAD.search(masked[clause_start : m.start()])
        ):
            continue
        phrase = _analyse(m)
        return phrase
    return None


_VERB_FINAL_LEAD = re.compile(
    r"[ \t]*(?:(?P<sub>(?i:weil|dass|da|wie|nachdem|als|ob|wenn|obwohl|während|wobei|indem"
    r"|bevor|zumal))|(?P<rel>der|die|welche|welcher))[ \t]+"
)
_PASSIVE_NEXT = re.compile(
    r"[ \t]+(?:wird|werden|wurde|wurden)(?:[ \t]+[^\s.,;:!?⟪]+){0,5}?[ \t]+[a-zäöüß]+(?:t|en)"
    r"[ \t]*(?:[.,;:!?]|$)"
)
_PASSIVE = re.compile(r"(?<![\w\-])(?:wird|werden|wurde|wurden|worden)(?![\w\-])")
_AGENT = re.compile(
    rf"(?<![\w\-])(?:von|vom)[ \t]+(?:(?:der|dem|den)[ \t]+)?(?:{_ADJ}[ \t]+){{0,2}}"
    rf"(?P<np>{_NAME}{_GEN}?)(?![\w\-])"
)


_AUX_SECOND = re.compile(
    r"[ \t]*(?:[A-ZÄÖÜ][\w\-]*[ \t]+)?(?:" + "|".join(sorted(AUXILIARIES)) + r")(?![\w\-])"
)


def _verb_final_subject(
    masked: str, s_start: int, q_start: int, c_end: int, s_end: int
) -> _Phrase | None:
    """The subject of a clause whose reporting verb follows the quotation: 'weil die Regierung
    X als „…“ bezeichnet hat', 'der Führer, der den Sieg als „…“ bezeichnete', 'wird von
    Kennern als „…“ bezeichnet'."""
    clause_start = s_start
    for b in re.finditer(r"[,;:–—]|[ \t]-[ \t]", masked[s_start:q_start]):
        clause_start = s_start + b.end()
    tail_end = re.search(r"[,;:.!?]", masked[c_end:s_end])
    tail = masked[c_end : c_end + tail_end.start() if tail_end else s_end]
    clause = masked[clause_start:q_start]
    if _PASSIVE.search(clause) or _PASSIVE.search(tail):
        agents = list(_AGENT.finditer(masked, clause_start, q_start))
        if agents:
            phrase = _bare(agents[-1])
            return phrase if _personlike(phrase) else None
        return None
    lead = _VERB_FINAL_LEAD.match(masked, clause_start, q_start)
    if lead is None:
        # "…, habe sie es als „…“ bezeichnet", "Zuvor hatte sie die Lage als „…“ beschrieben":
        # the subject right after the auxiliary of a verb-second clause
        aux = _AUX_SECOND.match(masked, clause_start, q_start)
        if aux is not None:
            phrase = _np_after(masked, aux.end(), q_start)
            if phrase is not None and (phrase.pronoun or (phrase.name or phrase.role)):
                return phrase if phrase.pronoun or _personlike(phrase) else None
        if clause_start != s_start:
            return None
        phrase = _sentence_subject(masked, s_start, q_start)
        return phrase
    if lead.group("sub"):
        sub = _NP_AT.match(masked, lead.end(), q_start)
        if sub is None:
            return None
        phrase = _analyse(sub)
        if phrase.pronoun:
            return phrase
        ok = (phrase.name or phrase.role) and _personlike(phrase)
        return phrase if ok and _proper(masked, phrase, lead.end()) else None
    return _rel_antecedent(masked, s_start, clause_start, lead)


def _rel_antecedent(masked: str, s_start: int, clause_start: int, lead: re.Match) -> _Phrase | None:
    """In a relative clause the pronoun is the mention and its antecedent names the speaker:
    'der Führer, der den Sieg als „…“ bezeichnete', 'Demonstranten, die skandierten: „…“'."""
    comma = clause_start - 1
    while comma > s_start and masked[comma] != ",":
        comma -= 1
    antecedent = None
    for m in _NP_BEFORE_CACHE.finditer(masked, max(s_start, comma - 150), comma):
        if m.end() == comma:
            antecedent = _analyse(m)
            break
    if antecedent is None or antecedent.pronoun or not _personlike(antecedent):
        return None
    if not (antecedent.name or antecedent.role):
        return None
    antecedent.start, antecedent.end = lead.start("rel"), lead.end("rel")
    return antecedent


def _np_apposition(masked: str, sent_start: int, verb_start: int) -> _Phrase | None:
    """'Jens Stoltenberg, NATO-Generalsekretär, sagte' / 'Der Chef der WHO, Klaus Stöhr, sagte'."""
    pre = masked[sent_start:verb_start]
    if not re.search(r",[ \t]*$", pre) or "⟪" in pre:
        return None
    chunks = pre.rstrip().rstrip(",").split(",")
    if len(chunks) < 2:
        return None
    if len(chunks) > 2:
        # "…, die bildungspolitische Sprecherin der Fraktion, Sandra Boser (GRÜNE), erklärte"
        sent_start += sum(len(c) + 1 for c in chunks[:-2])
        chunks = chunks[-2:]
    head = chunks[0]
    lead = re.match(
        r"[ \t]*(?:(?:Auch|Und|Aber|Doch|Nun|Dann|So|Zudem|Wie|wie|Als|als|Nachdem|Während)"
        r"[ \t]+)?",
        head,
    )
    head_start = sent_start + lead.end()
    m = _NP_AT.match(masked, head_start, sent_start + len(head))
    if m is None or m.end() != sent_start + len(head.rstrip()):
        return None
    phrase = _analyse(m)
    if phrase.pronoun:
        return None
    second = re.sub(r"[ \t]*\([^()]*\)$", "", chunks[1].strip())
    offset = sent_start + len(head) + 1 + (len(chunks[1]) - len(chunks[1].lstrip()))
    n = re.fullmatch(_NAME, second)
    if phrase.name is None and n and not any(_is_role(w) for w in second.split()):
        phrase.name, phrase.name_start = second, offset
        phrase.end = offset + len(second)
    return phrase


_NP_BEFORE_CACHE = re.compile(rf"(?<![\w\-]){_NP}(?![\w\-])")


def _np_after(masked: str, pos: int, limit: int) -> _Phrase | None:
    skip = _SKIP_AFTER.match(masked, pos, limit)
    start = skip.end() if skip else pos
    if skip is None:
        return None
    m = _NP_AT.match(masked, start, limit)
    if not m or (masked[start : start + 1] == OPEN_NAME and masked[m.end() - 1] != CLOSE_NAME):
        quoted = re.compile(rf"{OPEN_NAME}([^{CLOSE_NAME}\n]{{1,60}}){CLOSE_NAME}").match(
            masked, start, limit
        )
        if quoted is None:
            return None
        # "„…“, schrieb „Die Zeit“": a quoted title that speaks is an outlet
        name = quoted.group(1)
        return _Phrase(
            quoted.start(1), quoted.end(1), name, name=name, name_start=quoted.start(1),
            kind="organisation",
        )  # fmt: skip
    phrase = _analyse(m)
    if phrase.pronoun is None and phrase.role and phrase.name is None:
        # "der Generalsekretär der Militärallianz, Jens Stoltenberg,"
        app = _APPOSITION_NAME.match(masked, m.end(), limit)
        if app and not any(_is_role(w) for w in app.group("name").split()):
            phrase.name = app.group("name")
            phrase.name_start = app.start("name")
            phrase.end = app.end("name")
    return phrase


_THING_SUFFIXES = (
    "ung",
    "ungen",
    "heit",
    "keit",
    "schaft",
    "tion",
    "tät",
    "ismus",
    "ment",
    "nis",
    "tum",
    "end",
    "ik",
    "ie",
    "frage",
    "sorte",
    "kunft",
    "motiv",
    "kampf",
    "wort",
    "worte",
    "plan",
    "pläne",
    "lage",
    "haltung",
    "bild",
    "ziel",
    "ergebnis",
    "zahl",
    "zahlen",
)
# Documents that are reported as speaking: "Der Text lautete: …", "führt der Bericht aus".
_DOCUMENT_HEADS = (
    "bericht", "berichts", "erklärung", "mitteilung", "schreiben", "brief", "studie", "entwurf",
    "text", "kommentar", "stellungnahme", "resolution", "papier", "antrag", "petition",
    "botschaft", "aufruf", "beschluss", "gutachten", "protokoll", "passus", "zettel", "plakat",
    "transparent", "aufschrift", "parole", "anordnung", "ankündigung", "verfügung", "urteil",
    "artikel", "eintrag", "tweet", "website", "homepage", "webseite", "internetseite",
    "gesetz", "gesetzbuch",
)  # fmt: skip
_PERSON_ENDINGS = (
    "er", "ier", "ner", "ler", "ten", "isten", "anten", "enten", "innen", "in", "e",
    "ent", "ant", "ist", "or", "eur", "mann", "leute", "mensch", "menschen", "grünen", "linken",
)  # fmt: skip
# Words with a person's ending that name things: "der Faktor", "die Frist", "das Moment".
_NOT_PERSON_WORDS = frozenset(
    """motor faktor sektor reaktor indikator generator tumor terror humor labor korridor tresor
    frist prozent moment element argument talent zement kontinent akzent patent
    dokument parlament instrument regiment abonnement experiment fundament testament ornament
    urteil horror""".split()
)


def _has_article(phrase: _Phrase) -> bool:
    """Does something other than the name open the phrase ('die Lopez', not 'Dr. Anna Roth')?"""
    words = [w for w in phrase.text.split() if not _TITLE_TOKEN.fullmatch(w)]
    name = (phrase.name or "").split()
    return bool(words and name) and words[0].lower() != name[0].lower()


def _personlike(phrase: _Phrase | None) -> bool:
    """Could this phrase be someone who speaks (a person, a group, an organisation)?"""
    if phrase is None:
        return False
    if phrase.pronoun or phrase.role or phrase.kind == "organisation":
        return True
    if not phrase.name:
        return False
    words = phrase.name.split()
    genitive = ("des", "der", "von", "vom", "eines", "einer")
    head = words[0] if len(words) > 1 and words[1] in genitive else words[-1]
    low = head.lower()
    article = _has_article(phrase)
    if article and re.search(r"\d-[Jj]ährigen?\b", phrase.text):
        return True  # "der 84-jährige Küng"
    if article and low.endswith(_DOCUMENT_HEADS):
        return True  # "Der Text lautete", "führt der Bericht aus": documents speak too
    if article and phrase.participle and not low.endswith(_THING_SUFFIXES):
        return True  # "die in New York City geborene Lopez"
    if article and len(words) >= 2 and _is_first_name(words[0]):
        return True  # "ein sichtlich zufriedener Karl Roth"
    if article and len(words) > 1 and words[-1].endswith("s") and words[0][:1].isupper():
        # "die Anhänger Saddam Husseins": the noun before a genitive name is the head
        low = words[0].lower()
    if article:
        # "die Entwicklung" is no speaker; "die Demonstranten", "der Verfasser" may be
        return (
            low.endswith(_PERSON_ENDINGS)
            and not low.endswith(_THING_SUFFIXES)
            and not low.endswith(tuple(_NOT_PERSON_WORDS))
        )
    # a lone abstract noun ("Relativierend", "Zustimmung") is no speaker either
    return not (len(words) == 1 and len(low) >= 5 and low.endswith(_THING_SUFFIXES[:9] + ("end",)))


_PARTICLES = frozenset(("von", "van", "de", "zu", "al", "bin", "ibn", "el", "da", "di", "du"))


def _proper_case(name: str) -> str:
    """A speaker's name opens with a capital ('amerikanischer Präsident' → 'Amerikanischer
    Präsident', '81-jährige' → '81-Jährige'), unless with a particle ('von der Leyen')."""
    if name.split()[0] in _PARTICLES:
        return name
    name = re.sub(r"^(\d+-)j", r"\1J", name)
    return name[:1].upper() + name[1:]


_MUTE_SOURCE = re.compile(
    r"^\S+ (?P<link>vo[nm]|des|der|eines|einer) "
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*(?: [A-ZÄÖÜ][\w\-]*){0,3})$"
)


def _nominative(noun: str, link: str) -> str:
    """A genitive owner in the nominative, as far as its ending shows ('des Berichts' →
    'Bericht', 'des Rates' → 'Rat'); plural and feminine genitives ('der Ermittler') stay."""
    if link not in ("des", "eines") or " " in noun:
        return noun
    if noun.endswith("es") and noun[-3:-2] in tuple("tdsßzg"):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _mute(phrase: _Phrase) -> bool:
    """A thing that cannot speak ('das Buch', 'die Krise', 'Daten', 'die Arbeitshypothese');
    organisations ('die Regierung', 'die Staatsanwaltschaft') and documents ('die Erklärung')
    are no things here."""
    if phrase.pronoun or not phrase.name or phrase.role:
        return False
    words = phrase.name.split()
    genitive_name = len(words) == 2 and words[1].endswith("s")  # "Geschichte Neuseelands"
    named = _is_first_name(words[0]) or all(w[:1].isupper() for w in words)
    if len(words) >= 2 and named and not genitive_name:
        return False  # "Aufbau Invest", "Jens Stoltenberg"
    low = words[0].lower()
    if low in ORG_WORDS or low.endswith(ORG_SUFFIXES) or low.endswith(_DOCUMENT_HEADS):
        return False
    if low.endswith(("ung", "ungen")) and low.removesuffix("en").endswith(SPEAKING_UNG):
        return False
    return low.endswith(MUTE_SUFFIXES)


_ZITIERT_SKIP = re.compile(
    r"[ \t]+(?:man|einen|den|[a-zäöü][\w\-]*\.(?:de|com|at|ch|net|org))(?=[ \t])"
)


_FEMININE = ("ung", "ion", "tät", "heit", "keit", "schaft", "ei", "agentur", "zeitschrift")
_OPENING_PARTICIPLE = re.compile(r"(?:ge|be|ver|er|ent|über|zer)[a-zäöüß]+t")


def _not_nominative(masked: str, phrase: _Phrase, sent_start: int) -> bool:
    """A phrase before the verb that cannot be its subject: 'Der englischen Zeitung' (dative),
    or a lone capitalised sentence opener that is no name ('Ähnlich')."""
    words = phrase.text.split()
    if len(words) >= 3 and words[0] == "Der" and words[1][:1].islower():
        return words[1].endswith("en")
    if len(words) >= 2 and words[0] == "Der" and words[1].lower().endswith(_FEMININE):
        return True  # "Der Zeitung sagte ein Sprecher": "der" before a feminine noun is dative
    if phrase.pronoun or phrase.role or len(words) != 1:
        return False
    low = words[0].lower()
    adverb = low.endswith(("lich", "ig", "isch", "weise", "bar", "sam", "haft")) or bool(
        _OPENING_PARTICIPLE.fullmatch(low)  # "Besorgt äußerte sich …", "Enttäuscht zeigte sich"
    )
    return adverb and phrase.start <= sent_start + 1 and not _proper(masked, phrase, sent_start)


def _subject(masked: str, sent_start: int, cue: tuple[int, int, str], sent_end: int):
    """The speaker phrase of a reporting cue: before it or after it in its clause."""
    c_start, c_end, word = cue
    low = word.lower()
    clause_start = sent_start
    for m in _CLAUSE_BREAK.finditer(masked, sent_start, c_start):
        clause_start = m.end()
    agent = _passive_agent(masked, clause_start, c_start, low)
    if agent is not None:
        return agent  # "wird von der „Netzeitung“ mit den Worten zitiert"
    conj = _AND_BEFORE.search(masked, clause_start, c_start)
    if conj is not None:
        # "… lenkte er die Fähre und meldete sich mit den Worten", "… biss der Randalierer den
        # Fluggast und rief", "… war er hochgeschreckt und hatte gefragt": the subject is shared
        return (
            _sentence_subject(masked, sent_start, c_start)
            or _inverted_pronoun(masked, sent_start, c_start)
            or _clause_inverted(masked, clause_start, conj.start())
            or _sentence_subject(masked, clause_start, conj.start())
            or _inverted_subject(masked, sent_start, conj.start())
        )
    before = _np_apposition(masked, sent_start, c_start) or _np_before(
        masked, clause_start, c_start
    )
    if before is None and clause_start > sent_start:
        # "Der 84-jährige Küng, der als Kritiker des Papstes gilt, hofft": a relative clause
        # between the subject and its verb
        before = _relative_subject(masked, sent_start, c_start)
    if before is None and low.endswith("en"):
        # "Er sowie Giesel befürchten": of two people as one subject, the first is the mention
        pair = _PAIR_SUBJECT.match(masked, clause_start, c_start)
        if pair is not None and pair.end() == c_start:
            first = _NP_AT.match(masked, pair.start("np"), pair.end("np"))
            if first is not None and first.end() == pair.end("np"):
                phrase = _analyse(first)
                if phrase.pronoun or (_personlike(phrase) and (phrase.name or phrase.role)):
                    return phrase
    if before is not None and before.pronoun == "sie" and low.endswith("en"):
        return before  # "sie sagten": a plural; the caller leaves it unresolved
    if before is not None and _not_nominative(masked, before, sent_start):
        before = None  # "Der englischen Zeitung sagte X", "Ähnlich äußerte sich X"
    stop = _CLAUSE_BREAK.search(masked, c_end, sent_end)
    limit = stop.start() if stop else sent_end
    # allow an apposition ", Jens Stoltenberg," right after the clause break
    after = _np_after(masked, c_end, min(sent_end, limit + 60 if stop else limit))
    if after is None and before is None:
        # "erklärte am Montag auf einer Pressekonferenz in Berlin der Sprecher X", "sagte
        # gegenüber der Zeitung „Die Welt“ der Minister": adverbial phrases before the subject
        for pp_end in reversed(_pp_ends(masked, c_end, limit)):
            cand = _np_after(masked, pp_end, min(sent_end, limit + 60 if stop else limit))
            if (
                cand is not None
                and cand.pronoun is None
                and _has_article(cand)
                and (cand.role or cand.name)
                and _personlike(cand)
            ):
                after = cand
                break
    if (
        after is not None
        and after.pronoun
        and masked[c_end : after.start].strip() == ""
        and not (_personlike(before) and before.start <= clause_start + 1)
    ):
        return after  # "Deren Haltung bezeichnete er als …": the pronoun is the subject
    if (
        after is None
        and before is None
        and clause_start > sent_start
        and masked[clause_start - 1] == ","
        and not masked[clause_start:c_start].strip()
        and _ELIDED_AFTER.match(masked, c_end)
    ):
        # "X wollte sich nicht festlegen, sagte aber, …": a verb-first clause after a comma with
        # no subject of its own shares the subject of the sentence
        shared = _sentence_subject(masked, sent_start, clause_start) or _np_apposition(
            masked, sent_start, _next_verb(masked, sent_start, clause_start)
        )
        if shared is not None:
            return shared
    if low in ("zitiert", "zitierte") and after is None:
        # "zitiert ndr.de Polizeisprecher X", "zitierte man X", "zitiert einen Augenzeugen"
        skip = _ZITIERT_SKIP.match(masked, c_end, limit)
        if skip is not None:
            after = _np_after(masked, skip.end(), limit)
    if low in ("zitiert", "zitierte") and before is not None and _personlike(after):
        return after  # "Ein Fernsehsender zitierte Papandreou mit den Worten"
    if (
        _personlike(before)
        and _personlike(after)
        and after.pronoun is None
        and not low.endswith("en")
        and _plural_phrase(before)
        and not _plural_phrase(after)
    ):
        # "Die Mönche, die …, beschrieb die Nachrichtenagentur als …": a plural phrase before
        # a singular verb is its object; the subject follows the verb
        return after
    if _personlike(before):
        return before
    # participle at the end: "hat Stoltenberg wiederholt behauptet", "hatte Lawrow gesagt"
    pre = masked[clause_start:c_start]
    aux = None
    for m in re.finditer(r"(?<![\w\-])(\w+)(?![\w\-])", pre):
        if m.group(1) in AUXILIARIES:
            aux = m
    if aux is not None:
        phrase = _np_before(masked, clause_start, clause_start + aux.start())
        if _personlike(phrase):
            return phrase
        after_aux = clause_start + aux.end()
        phrase = _np_after(masked, after_aux, c_start)
        if _personlike(phrase):
            return phrase
    if _personlike(after) and not (low.endswith("en") and _singular_phrase(after)):
        return after  # not "… kritisierten das Urteil": a plural verb wants a plural subject
    # a verb-final clause: "dass Mindermann das Mädchen gefragt habe", "die Gerhard Schröder
    # … zum Kriterium erklärt hatte"
    lead = _VERB_FINAL_LEAD.match(masked, clause_start, c_start)
    tail = masked[c_end : c_end + 12]
    if lead is not None and not _PASSIVE.search(masked[clause_start:c_start] + tail):
        sub = _NP_AT.match(masked, lead.end(), c_start)
        if sub is not None:
            phrase = _analyse(sub)
            if phrase.pronoun or (
                (phrase.name or phrase.role)
                and _personlike(phrase)
                and _proper(masked, phrase, lead.end())
            ):
                return phrase
        elif lead.group("rel") and clause_start > sent_start:
            # "…, die unter anderem skandierten: „…“": the relative pronoun is the subject, and
            # agrees with the verb in number ("die Stadt, die … riefen" is no antecedent)
            phrase = _rel_antecedent(masked, sent_start, clause_start, lead)
            if phrase is not None and _singular_phrase(phrase) != (not low.endswith("en")):
                return None
            return phrase
    return None


_ELIDED_AFTER = re.compile(
    r"[ \t]*(?:[,:]|(?:aber|jedoch|zugleich|gleichzeitig|außerdem|zudem|dann|später|auch)"
    r"(?![\w\-]))"
)


def _next_verb(masked: str, start: int, end: int) -> int:
    """Where the finite verb after a subject with an apposition stands ('X, ein …, wollte')."""
    m = re.search(r",[ \t]+(?=[a-zäöüß]+[ \t])", masked[start:end])
    return start + m.end() if m else start


_NP_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", _NP)  # the same phrase without named groups
_PAIR_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|Dann|Nun|Zudem)[ \t]+)?(?P<np>{_NP_PLAIN})(?![\w\-])[ \t]+"
    rf"(?:und|sowie)[ \t]+{_NP_PLAIN}(?![\w\-])[ \t]+"
)
_PP_ONE = re.compile(
    r"[ \t]+(?:(?:am|im|in|auf|bei|beim|gegenüber|vor|nach|während|zu|zum|zur|mit|an|über|aus"
    r"|unter|vom|des|eines|einer)[ \t]+(?:(?:der|die|das|den|dem|des|einer|einem|einen|eines"
    r"|seiner|ihrer|seinem|ihrem)[ \t]+)?(?:[a-zäöüß][\w\-]*[ \t]+){0,2}(?:〈[^〈〉\n]*〉"
    r"|[A-ZÄÖÜ0-9][\w\-.]*)(?:[ \t]+〈[^〈〉\n]*〉)?|(?:der)[ \t]+[A-ZÄÖÜ][\w\-]*"
    r"|(?:gestern|heute|morgen|bereits|auch|dazu|jedoch|zudem|nun|damals|später|zuvor|erneut"
    r"|weiter)(?![\w\-]))"
)


def _pp_ends(masked: str, pos: int, limit: int) -> list[int]:
    """Where each of up to six adverbial phrases after pos ends ('am Montag in Berlin')."""
    ends = []
    while len(ends) < 6:
        m = _PP_ONE.match(masked, pos, limit)
        if m is None:
            break
        pos = m.end()
        ends.append(pos)
    return ends


_AND_BEFORE = re.compile(
    r"(?<![\w\-])(?:und|sowie)[ \t]+(?:(?:"
    + "|".join(sorted(AUXILIARIES))
    + r")[ \t]+(?:(?:sich|dabei|dann|auch|noch|mit[ \t]+den[ \t]+Worten)[ \t]+)*)?$"
)
_PARTICIPLE = re.compile(r"(?:ge|be|ver|er)[a-zäöüß]+t|[a-zäöüß]+iert")


def _passive_agent(masked: str, clause_start: int, c_start: int, low: str) -> _Phrase | None:
    """The agent of a passive reporting clause: 'X wird von der „Netzeitung“ zitiert'."""
    if not _PARTICIPLE.fullmatch(low):
        return None
    pre = masked[clause_start:c_start]
    if not _PASSIVE.search(pre):
        return None
    agents = list(_AGENT.finditer(masked, clause_start, c_start))
    if not agents:
        return None
    words = masked[clause_start : agents[-1].start()].split()
    if len(words) >= 2 and words[-1][:1].isupper() and words[-2] not in AUXILIARIES:
        return None  # "auf der Internetseite von Borussia Dortmund zitiert": no agent
    phrase = _bare(agents[-1])
    if agents[-1].group("np").startswith(OPEN_NAME):
        phrase.kind = "organisation"  # "von der „Lokalpost“": a quoted outlet
    return phrase if _personlike(phrase) and (phrase.name or phrase.role) else None


def _clause_inverted(masked: str, clause_start: int, limit: int) -> _Phrase | None:
    """'…, biss der Randalierer den Fluggast': a clause opening with its verb, then the subject."""
    m = _CLAUSE_INVERTED.match(masked, clause_start, limit)
    if m is None:
        return None
    sub = _NP_AT.match(masked, m.start("np"), limit)
    if sub is None:
        return None
    phrase = _analyse(sub)
    return phrase if (phrase.name or phrase.role) and _personlike(phrase) else None


def _relative_subject(masked: str, sent_start: int, c_start: int) -> _Phrase | None:
    m = _REL_SUBJECT.match(masked, sent_start, c_start)
    if m is None or m.end() != c_start:
        return None
    sub = _NP_AT.match(masked, m.start("np"))
    if sub is None:
        return None
    phrase = _analyse(sub)
    if phrase.pronoun or not (phrase.name or phrase.role) or not _personlike(phrase):
        return None
    return phrase if _proper(masked, phrase, sent_start) else None


_LAUT = re.compile(
    rf"(?<![\w\-])(?P<cue>(?:[Ll]aut|[Nn]ach)[ \t]+(?:den[ \t]+|eigenen[ \t]+)?(?:Angaben|Worten"
    rf"|Ansicht|Auffassung|Einschätzung|Darstellungen?|Aussagen?|Informationen|Berichten|Meinung"
    rf"|Bewertung|Angabe"
    rf"|Überzeugung|Schätzungen|Erkenntnissen)"
    rf"[ \t]+(?:von|des|der|eines|einer)|[Ll]aut|[Gg]emäß)"
    rf"[ \t]+(?:(?:dem|der|den|einem|einer|des|eines)[ \t]+)?"
    rf"(?:(?:{_ADJ})[ \t]+){{0,2}}(?P<np>{_NAME}{_GEN}?)"
)
_POSSESSIVE_VIEW = re.compile(
    r"(?<![\w\-])(?P<np>(?P<pron>[Ss]einer|[Ii]hrer)[ \t]+(?:Meinung|Ansicht|Auffassung"
    r"|Einschätzung|Überzeugung|Darstellung))[ \t]+(?P<cue>nach)(?![\w\-])"
)
_ZUFOLGE = re.compile(
    rf"(?<![\w\-])(?:(?:dem|der|den|einem|einer)[ \t]+)?(?:(?:{_ADJ})[ \t]+){{0,2}}"
    rf"(?P<np>{_NAME}{_GEN}?)[ \t]+(?P<cue>zufolge)"
)
_SO_AFTER = re.compile(rf"[⟫〉][ \t]*[,–—-][ \t]*(?P<cue>so)[ \t]+(?P<np>{_NP})(?![\w\-])")
_SO_ANY = re.compile(
    rf"[,–—][ \t]*(?P<cue>so)[ \t]+(?P<np>{_NP})(?![\w\-])[ \t]*(?:weiter[ \t]*)?(?=[,.;]|$)"
)
_SO_MID = re.compile(rf"[,–—][ \t]*(?P<cue>so)[ \t]+(?P<np>{_NP})(?![\w\-])")
_DOC = (
    rf"(?:[Ii]n|[Aa]uf|[Ii]m|[Aa]us|[Vv]on|[Vv]om)[ \t]+"
    rf"(?:(?:der|dem|den|einer|einem|seiner|ihrer|seinem|ihrem)[ \t]+)?"
    rf"(?:(?:{_ADJ}|gestern|heute|kürzlich|zuvor)[ \t]+){{0,3}}"
    rf"(?P<np>(?:{_NAME}|[a-zäöüß][\w]*-[A-ZÄÖÜ][\w\-]*)(?:{_GEN}){{0,2}})"
)
_HEISST_BEFORE = re.compile(
    rf"{_DOC}(?:[ \t]*\([^()]{{1,40}}\))?(?:[ \t]*,[^⟪⟫,]{{2,150}},)?"
    rf"(?:[ \t]+[^\s⟪⟫,.;:]+){{0,3}}?[ \t]+(?:hatte[ \t]+)?(?P<cue>heißt|hieß|hatte)[ \t]+es\b"
)
_HEISST_AFTER = re.compile(
    rf"(?P<cue>heißt|hieß|geheißen)[ \t]+es(?:[ \t]+[a-zäöüß]+){{0,2}}[ \t]+{_DOC}"
)
# "In dem Brief steht: …", "steht in dem Gesetzentwurf der Passus: …", "In einem Schreiben war
# von einem „…“ die Rede", "Auf dem Transparent war „…“ zu lesen"
_DOC_OPENING = re.compile(
    rf"[ \t]*(?:(?:Derzeit|Dort|Nun|Auch|Zudem|Außerdem|Weiter)[ \t]+)?"
    rf"(?:(?P<verb>steht|stand|stehen|standen|heißt|hieß)[ \t]+(?:(?:deshalb|auch|nun|zudem|"
    rf"jedoch|aber|dort|etwa|weiter)[ \t]+)*)?{_DOC}(?![\w\-])"
)
_DOC_VERBS = re.compile(
    r"(?<![\w\-])(?:steht|stand|stehen|standen)(?![\w\-])|(?<![\w\-])die[ \t]+Rede(?![\w\-])"
    r"|(?<![\w\-])zu[ \t]+(?:lesen|sehen)(?![\w\-])"
)
_FUER = re.compile(
    rf"[ \t]*(?:(?:Auch|Doch|Aber|Und|Nur|Gerade|Vor[ \t]+allem)[ \t]+)?(?:(?P<was>Was)[ \t]+)?"
    rf"(?P<cue>[Ff]ür)[ \t]+(?:(?:den|die|das|dem)[ \t]+)?(?:{_ADJ}[ \t]+){{0,2}}"
    rf"(?P<np>{_NAME}{_GEN}?)(?![\w\-])(?:[ \t]*\([^()]{{1,30}}\))?"
    rf"(?(was)|[ \t]+(?:ist|sei|war|wäre|sind|seien|waren|hält|hielt|bleibt|bleibe|gilt|gelte"
    rf"|steht|stehe|stellt|stelle|stellen|kommt|komme)(?![\w\-]))"
)


def _fuer_holder(masked: str, s_start: int, limit: int) -> _Phrase | None:
    """The person an opinion is held by: 'Für den Theologen Hans Küng ist der Rücktritt …'."""
    mids = list(_FUER_MID.finditer(masked, s_start, limit))
    fuer = mids[-1] if mids else _FUER.match(masked, s_start, limit)
    if not fuer:
        return None
    phrase = _bare(fuer)
    article = re.search(r"(?:den|die|das|dem)[ \t]+$", masked[fuer.start() : fuer.start("np")])
    check = phrase
    if article and phrase.name:
        check = _Phrase(phrase.start, phrase.end, f"{article.group(0)}{phrase.text}")
        check.name, check.role, check.kind = phrase.name, phrase.role, phrase.kind
    if (
        (phrase.name or phrase.role)
        and _personlike(check)
        and (article or _proper(masked, phrase, 0))
    ):
        return phrase
    return None


_FUER_MID = re.compile(
    rf"(?<=[,;])[ \t]*(?:ist|sei|war|wäre|sind|seien|waren)[ \t]+(?:es[ \t]+)?(?P<cue>für)[ \t]+"
    rf"(?:(?:den|die|das|dem)[ \t]+)?(?:{_ADJ}[ \t]+){{0,2}}(?P<np>{_NAME}{_GEN}?)(?![\w\-])"
)
_LISTED = re.compile(
    rf"(?:,|(?<![\w\-])und)[ \t]+(?P<np>{_NP})(?![\w\-])[ \t]*(?P<colon>:)?[ \t]*\(?$"
)
_BRACKET_SOURCE = re.compile(rf"⟫[ \t]*\((?P<np>{_NAME})(?![\w\-])[ \t]*(?:,[^()⟪⟫]{{1,80}})?\)")
_WIRD_ZITIERT = re.compile(
    rf"[⟫〉][ \t]*,?[ \t]*(?P<cue>wird|wurde)[ \t]+(?P<np>{_NP})(?![\w\-])[^.⟪]{{0,80}}?zitiert"
)


_AFTER_SICH = re.compile(
    rf"[⟫〉][ \t]*[,–—-][ \t]*(?:(?P<cue>(?:zeigte|zeigten|zeigt|gab|gaben|gibt|freute|freuten"
    rf"|freut|ärgerte|ärgerten|empörte|empörten|wunderte|wunderten|beschwerte|beschwerten"
    rf"|ist|war|sind|waren)[ \t]+sich)"
    rf"|(?P<cue2>will|wollen|wollte|wollten)(?=[^.!?⟪]{{3,120}}?[ \t]wissen\b))"
    rf"[ \t]+(?:(?:auch|jedoch|dann|nun|damals|später|bereits|ebenfalls)[ \t]+)?"
    rf"(?P<np>{_NP})(?![\w\-])"
)


def _bare(m: re.Match, group: str = "np") -> _Phrase:
    text = m.group(group)
    sub = _NP_AT.match(text)
    if sub is None or sub.end() != len(text):
        return _Phrase(m.start(group), m.end(group), text, name=text, name_start=m.start(group))
    return _analyse(sub, m.start(group))


def _laut_frame(masked: str, start: int, end: int, quote: int | None = None) -> _Frame | None:
    """A 'laut X' / 'nach Angaben von X' / 'X zufolge' source; with a quotation position, the
    nearest one before it."""
    text = masked[start:end]
    if not any(w in text for w in ("aut ", "ach ", "emäß", "zufolge")):
        return None
    view = _POSSESSIVE_VIEW.search(masked, start, end)
    if view:
        # "Seiner Ansicht nach …": the possessive stands for the person, like a pronoun
        pronoun = "er" if view.group("pron").lower() == "seiner" else "sie"
        phrase = _Phrase(view.start("np"), view.end("np"), view.group("np"), pronoun=pronoun)
        return _Frame("nach", view.start("cue"), phrase, 0.7)
    best = None
    for rx in (_LAUT, _ZUFOLGE):
        if rx is _ZUFOLGE and "zufolge" not in text:
            continue
        for m in rx.finditer(masked, start, end):
            phrase = _bare(m)
            if phrase.name is None and phrase.role is None:
                continue
            app = _APPOSITION_NAME.match(masked, m.end(), end)
            if app and not any(_is_role(w) for w in app.group("name").split()):
                if phrase.role is None and phrase.name:
                    phrase.role = phrase.name
                phrase.name, phrase.name_start = app.group("name"), app.start("name")
                phrase.end = app.end("name")
            frame = _Frame(m.group("cue"), m.start("cue"), phrase, 0.8)
            if best is None or (quote is not None and best.cue_start < frame.cue_start < quote):
                best = frame
    return best


# --------------------------------------------------------------------------------------------
# 4. Entities: canonical names, roles, pronouns.


_CAP_RUN = re.compile(
    r"[A-ZÄÖÜ](?:[\w\-'’]|\.(?=\w))*(?:[ \t]+(?:(?:von|van|de|da|di|del|al|bin|ibn|zu|ten|ter|le"
    r"|la)[ \t]+)?[A-ZÄÖÜ](?:[\w\-'’]|\.(?=\w))*)+"
)
_ROLE_BEFORE = re.compile(
    rf"(?:(?P<art>{_ART}|den|dem|des)[ \t]+(?P<adj>(?:{_ADJ}[ \t]+){{0,2}}))?"
    rf"(?P<role>(?:{_CAP}[ \t]+)??{_CAP})[ \t]+(?P<first>(?:{_CAP}[ \t]+){{0,2}}?)$"
)
_ROLE_APPOS_BEFORE = re.compile(
    rf"(?:(?P<art>{_ART})[ \t]+(?P<adj>(?:{_ADJ}[ \t]+){{0,2}}))?(?P<role>{_CAP}"
    rf"(?:[ \t]+(?:des|der)[ \t]+{_CAP}(?:[ \t]+{_CAP})?)?),[ \t]+$"
)
_ROLE_APPOS_AFTER = re.compile(
    rf",[ \t]+(?:(?P<art>{_ART})[ \t]+(?P<adj>(?:{_ADJ}[ \t]+){{0,2}}))?"
    rf"(?P<role>{_CAP}(?:[ \t]+(?:des|der)[ \t]+(?:{_ADJ}[ \t]+)?{_CAP}"
    rf"(?:[ \t]+{_CAP})?)?)[ \t]*,"
)


_OPENING_PRONOUN = re.compile(
    r"[ \t\n]*(?:(?:Auch|Doch|Aber|Dann|Nun|Zudem|Damals|Später)[ \t]+)?(?P<pron>Er|Sie)"
    r"[ \t]+[a-zäöüß]+[ \t]"
)
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-ZÄÖÜ][a-zäöüß]")
_AFTER_PREPOSITION = re.compile(
    r"(?<![\w\-])(?:mit|von|vom|für|gegen|bei|beim|an|am|über|zu|zum|zur|gegenüber|nach|auf|aus"
    r"|um|ohne|unter|neben|zwischen|wie|als|und|sowie|oder|den|dem|des|ihren|seinen|ihrem|seinem)"
    r"(?:[ \t]+(?:der|die|das|den|dem|des|einer|einem|einen|seinem|seiner|ihrem|ihrer)"
    r"|[ \t]+[a-zäöüß][\w\-]*|[ \t]+[A-ZÄÖÜ][\w\-]*){0,3}[ \t]+$"
)


_NAME_RUN = re.compile(r"[ \t]+([A-ZÄÖÜ][\w\-]*(?:[ \t]+[A-ZÄÖÜ][\w\-]*){0,2})(?![\w\-])")
_NEXT_CAP = re.compile(r"[ \t]+([A-ZÄÖÜ][\w\-]*)(?![\w\-])")
_WORD_EDGE = re.compile(r"(?![\w\-])")
_WORD_EDGE_BEFORE = re.compile(r"[\w\-]")


class _Entities:
    def __init__(self, body: str, masked: str):
        self.body = body
        # names inside quotations still name people ("[der russische Präsident Wladimir] Putin")
        self.names_text = body.translate(str.maketrans({"[": " ", "]": " "}))
        self.masked = masked
        self.entities: dict[str, dict] = {}
        self.mentions: list[tuple[int, int, str]] = []  # person mentions outside quotations
        self._sequences: dict[str, list[tuple[str, ...]]] | None = None
        self._canonical: dict[str, str] = {}
        self.sentence_starts: list[int] = []

    def canonical(self, phrase: _Phrase) -> str | None:
        if phrase.name is None:
            return None
        name = phrase.name
        if _mute(phrase):
            # "Nach Angaben von Petra Lindner": the person after "von"; "die Arbeitshypothese
            # der Ermittler": the owner in the genitive; "die Krise": no one
            source = _MUTE_SOURCE.search(name)
            if source is None:
                return None
            owner = _nominative(source.group("noun"), source.group("link"))
            inner = _Phrase(phrase.start, phrase.end, owner, name=owner)
            if _mute(inner) or not _personlike(inner) and inner.kind != "organisation":
                return None
            return self.canonical(inner)
        if phrase.kind == "organisation":
            return name
        tokens = name.split()
        if any(
            t[:1].islower() and t not in ("von", "van", "de", "zu", "al", "bin") for t in tokens
        ):
            return name
        if name in self._canonical:
            return self._canonical[name]
        best = name
        common = _common_words(self.masked)[0]
        for seq in self.sequences().get(tokens[-1], ()):
            prefix = list(seq[:-1])[-3:]
            # drop leading role words ("Außenminister Sergei Lawrow")
            while prefix and (
                _is_role(prefix[0])
                or prefix[0] in NOT_NAMES
                or (len(prefix) > 1 and prefix[0].endswith("s") and _is_role(prefix[1]))
                or (
                    # "Der Astronaut Karl Roth": a noun after an article is no name
                    prefix[0] in _article_nouns(self.masked)
                    and (
                        prefix[0].lower().endswith(_PERSON_ENDINGS)
                        or (len(prefix) > 1 and _is_first_name(prefix[1]))
                    )
                )
            ):
                prefix.pop(0)  # "Außenminister", "Dortmunds" before "Trainer" are no name
                while prefix and prefix[0] in ("von", "van", "de", "zu"):
                    prefix.pop(0)  # "Kritik von Gisela Piltz" without its noun
            for i in range(len(prefix) - 1, 0, -1):
                # "Kritik von Gisela Piltz": a noun before "von" is no part of the name
                if prefix[i] in ("von", "van", "de", "zu") and (
                    prefix[i - 1] in common
                    or prefix[i - 1] in _article_nouns(self.masked)  # "Ein Satz von X"
                    or prefix[i - 1].lower().endswith(_THING_SUFFIXES + MUTE_SUFFIXES)
                ):
                    prefix = prefix[i + 1 :]
                    break
            if not prefix or any(
                _is_role(p) or p.lower() in ORG_WORDS or p in NOT_NAMES for p in prefix
            ):
                continue
            candidate = " ".join([*prefix, tokens[-1]])
            if candidate.endswith(name) and len(candidate) > len(best):
                best = candidate
        if " " in best:
            # "Adolfo Pérez" that the article only ever writes as "Adolfo Pérez Esquivel"
            after = set()
            text = self.names_text
            i = text.find(best)
            while i >= 0 and len(after) < 2:
                end = i + len(best)
                if _WORD_EDGE.match(text, end) and (
                    i == 0 or not _WORD_EDGE_BEFORE.match(text, i - 1)
                ):
                    nxt = _NEXT_CAP.match(text, end)
                    after.add(nxt.group(1) if nxt else None)
                i = text.find(best, end)
            (last,) = after if len(after) == 1 else (None,)
            if last and not (last in NOT_NAMES or _is_role(last) or last.lower() in ORG_WORDS):
                best = f"{best} {last}"
        self._canonical[name] = best
        return best

    def name_for(self, phrase: _Phrase) -> str | None:
        """The speaker a (non-pronoun) phrase names: its canonical name; for a role alone the
        one person the article names with that role ('der Nachfolger' → 'Karl Roth'), else the
        role written as a name ('Amerikanischer Präsident'); None for a thing ('die Krise')."""
        if phrase.name and _AGE_NOUN.fullmatch(phrase.name) and _has_article(phrase):
            # "sagte die 54-Jährige": the person last named who agrees, as for a pronoun; when
            # there is none, the description is no one's name
            pronoun = "sie" if phrase.text.split()[0].lower() in ("die", "eine") else "er"
            return self.resolve_pronoun(pronoun, phrase.start, False, personal=False)
        if phrase.kind == "person" and not phrase.role and _has_article(phrase):
            words = (phrase.name or "").split()
            if len(words) == 1 and words[0].lower().endswith(_PERSON_ENDINGS):
                # "der Nachfolger", "der Niederländer": a person noun the article may also put
                # before the person's name
                named = self.named_with_role(phrase, words[0])
                if named is not None:
                    return named
        speaker = self.canonical(phrase)
        if speaker is None and phrase.role:
            speaker = self.named_with_role(phrase) or _proper_case(phrase.role)
        return speaker

    def named_with_role(self, phrase: _Phrase, role: str | None = None) -> str | None:
        """The one person the article names with this role before the phrase ('Nachfolger
        Karl Roth' … 'der Nachfolger sagte'), or None when there is none or more than one."""
        role = role or phrase.role
        if phrase.kind != "person" or not role or _kin(role):
            return None
        words = role.split()
        for i, word in enumerate(words):
            if word in ("des", "der", "von", "vom", "eines", "einer"):
                words = words[:i]  # "Sportchef von Bayer": the role noun is "Sportchef"
                break
        noun = words[-1] if words else ""
        if not noun[:1].isupper():
            return None
        found = set()
        text = self.names_text
        i = text.find(noun, 0, phrase.start)
        while i >= 0:
            m = _NAME_RUN.match(text, i + len(noun))
            i, before = text.find(noun, i + len(noun), phrase.start), i
            if m is None or (before > 0 and _WORD_EDGE_BEFORE.match(text, before - 1)):
                continue
            words = m.group(1).split()
            if any(w in NOT_NAMES or _is_role(w) or w.lower() in ORG_WORDS for w in words):
                continue
            named = _Phrase(m.start(1), m.end(1), m.group(1), name=m.group(1))
            if _personlike(named) and not _mute(named):
                found.add(self.canonical(named))
        for canonical, ent in self.entities.items():
            role = ent["role"]
            if ent["kind"] == "person" and " " in canonical and role and role.split()[-1] == noun:
                found.add(canonical)
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def sequences(self) -> dict[str, list[tuple[str, ...]]]:
        """Runs of capitalised words, by each word: the prefixes that end with it."""
        if self._sequences is None:
            index: dict[str, list[tuple[str, ...]]] = {}
            seen: set[tuple[str, ...]] = set()
            for m in _CAP_RUN.finditer(self.names_text):
                words = m.group(0).split()
                for i in range(1, len(words)):
                    run = tuple(words[max(0, i - 4) : i + 1])
                    if words[i][:1].isupper() and run not in seen:
                        seen.add(run)
                        index.setdefault(words[i], []).append(run)
            self._sequences = index
        return self._sequences

    def register(self, phrase: _Phrase, canonical: str) -> None:
        if phrase.female is None and phrase.kind == "person" and " " in canonical:
            first = canonical.split()[0]
            if first in FEMALE_NAMES or (first.endswith("a") and first not in MALE_A_NAMES):
                phrase.female = True
            elif first in MALE_FIRST_NAMES:
                phrase.female = False
        ent = self.entities.setdefault(
            canonical,
            {"kind": phrase.kind, "role": None, "aliases": set(), "female": None},
        )
        if phrase.name and phrase.name != canonical:
            ent["aliases"].add(phrase.name)
        if phrase.role and ent["role"] is None and phrase.name and not _kin(phrase.role):
            ent["role"] = phrase.role  # not "Frau" in "Frau Merkel"
        if phrase.female is not None and ent["female"] is None:
            ent["female"] = phrase.female

    def role_of(self, canonical: str) -> str | None:
        """The role the article gives the person: '<Role> <Name>' first, then appositions."""
        text = self.names_text
        tokens = canonical.split()
        last = tokens[-1]
        firsts = set(tokens[:-1])
        hits = [m.start() for m in re.finditer(rf"(?<![\w\-]){re.escape(last)}(?![\w\-])", text)]
        for i in hits:
            window = text[max(0, i - 150) : i]
            m = _ROLE_BEFORE.search(window)
            if m is None:
                continue
            if any(w not in firsts for w in (m.group("first") or "").split()):
                continue
            words = m.group("role").split()
            if not _is_role(words[-1]) or _kin(words[-1]):
                continue
            if len(words) == 2 and not words[0].endswith("s"):
                words = words[1:]  # "Italiens Ministerpräsident" keeps the genitive
            art = m.group("art")
            if art and art.lower() in ("den", "dem", "des"):
                art = "der"
            return _normalise_role((m.group("adj") or "").split(), words, art)
        for i in hits:
            if text[i - len(canonical) + len(last) : i + len(last)] != canonical:
                continue
            start = i - len(canonical) + len(last)
            m = _ROLE_APPOS_BEFORE.search(text[max(0, start - 150) : start])
            if m is None:
                m = _ROLE_APPOS_AFTER.match(text, i + len(last))
            if m is None:
                continue
            role = m.group("role")
            if not _is_role(role.split()[0]):
                continue
            return _normalise_role((m.group("adj") or "").split(), role.split(), m.group("art"))
        return None

    def person_mentions(self) -> None:
        """Where known persons are named outside quotations, for pronoun resolution."""
        forms: dict[str, str] = {}
        for canonical, ent in self.entities.items():
            if ent["kind"] != "person":
                continue
            forms[canonical] = canonical
            last = canonical.split()[-1]
            if last[:1].isupper():
                forms.setdefault(last, canonical)
            for alias in ent["aliases"]:
                forms.setdefault(alias, canonical)
        if not forms:
            self.mentions = []
            return
        rx = re.compile(
            r"(?<![\w\-])(?:"
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?![\w\-])"
        )
        # a short form inside a longer name ("Tibet" in "Tibet Initiative") is no mention
        self.mentions = [
            (m.start(), m.end(), forms[m.group(0)])
            for m in rx.finditer(self.masked)
            if m.group(0) == forms[m.group(0)] or not _CAPITAL_NEXT.match(self.masked, m.end())
        ]

    def _subject_first(self, i: int, want_female: bool, depth: int) -> str:
        """Of the compatible people named in the sentence of mention i, the first one that
        follows no preposition: the subject ('Scholz kritisierte Biden. Er sagte' is Scholz)."""
        start = self.mentions[i][0]
        k = bisect.bisect_right(self.sentence_starts, start) - 1
        s_start = self.sentence_starts[k] if k >= 0 else 0
        for m_start, _end, canonical in self.mentions:
            if m_start < s_start:
                continue
            if m_start >= start:
                break
            female = self.entities[canonical]["female"]
            if not ((want_female and female) or (not want_female and not female)):
                continue
            if not _AFTER_PREPOSITION.search(self.masked, max(0, m_start - 60), m_start):
                return canonical
        if depth < 3 and _AFTER_PREPOSITION.search(self.masked, max(0, start - 60), start):
            # "Er war es, der das von Präsident Kennedy formulierte Ziel …": the sentence's
            # subject is the same pronoun, so the person it stands for is the one meant
            opening = _OPENING_PRONOUN.match(self.masked, s_start, start)
            if opening and (opening.group("pron").lower() == "sie") == want_female:
                earlier = self.resolve_pronoun(
                    opening.group("pron").lower(), opening.start("pron"), False, depth=depth + 1
                )
                if earlier is not None:
                    return earlier
        return self.mentions[i][2]

    def resolve_pronoun(
        self, pronoun: str, position: int, plural: bool, personal: bool = True, depth: int = 0
    ) -> str | None:
        """The person 'er'/'sie' stands for; a demonstrative ('letztere', 'dieser') is the
        most recent one, a personal pronoun the subject of the sentence that names it."""
        if plural:
            return None
        want_female = pronoun == "sie"
        window = position - 1500
        for i in range(len(self.mentions) - 1, -1, -1):
            start, _end, canonical = self.mentions[i]
            if start >= position:
                continue
            if start < window:
                break
            female = self.entities[canonical]["female"]
            if (want_female and female) or (not want_female and not female):
                return self._subject_first(i, want_female, depth) if personal else canonical
        if want_female:
            # "sie sagte" with no woman named before: only when one person is in view
            recent = {c for s, _e, c in self.mentions if window <= s < position}
            recent = {c for c in recent if self.entities[c]["female"] is None}
            if len(recent) == 1:
                return recent.pop()
        return None


# --------------------------------------------------------------------------------------------
# 5. The extractor.

_WORDS_IN = re.compile(r"[\wäöüß]+(?:[-'’][\wäöüß]+)*")
_TITLE_BEFORE = re.compile(r"([\wäöüß\-]+)[ \t]*(?:\([^)]*\)[ \t]*)?$")
_CLAUSE_WORDS = frozenset(
    """ich wir du ihr er es man uns mich mir dich dir ist sind war waren hat haben hatte wird
    werden wurde kann können konnte muss müssen soll sollen will wollen darf nicht sei seien
    habe hätte wäre würde gibt gab bin bist doch mal gewesen worden
    i we you is are was were have has had will would can could not""".split()
)
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


def _inner(body: str, m: _Mark) -> str:
    text = body[m.start : m.end]
    return text.strip(_ALL_MARKS + " \t\n")


def _speechlike(inner: str) -> bool:
    """Does the quoted text read like speech (a clause) rather than a name?"""
    words = _WORDS_IN.findall(inner)
    if inner[-1:] in ".!?…" and len(words) >= 2:
        return True
    if any(w in _CLAUSE_WORDS for w in words):
        return True
    if len(words) >= 6 and ("," in inner or {"dass", "zu", "weil", "wenn", "ob"} & set(words)):
        return True
    return len(words) >= 4 and words[0][:1].islower()


def _name_like(inner: str) -> bool:
    words = _WORDS_IN.findall(inner)
    if not words:
        return True
    caps = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(caps) == len(words) or (
        len(words) <= 6
        and words[0][:1].isupper()
        and inner[-1:] not in ".!?,"
        and sum(1 for w in words if w[:1].isupper()) * 2 >= len(words)
    )


def extract(body: str) -> Extraction:
    """Find the quotations in an article body and who said them. Never raises."""
    try:
        return _extract(body)
    except Exception:  # noqa: BLE001 - a bug must not break an import; report nothing instead
        return Extraction(quotes=[], speakers=[])


def _extract(body: str) -> Extraction:
    if not isinstance(body, str) or not body:
        return Extraction([], [])
    marks: list[_Mark] = []
    pos = 0
    for line in body.split("\n"):
        if any(c in line for c in _ALL_MARKS):
            marks.extend(_pair_marks(body, pos, pos + len(line)))
        pos += len(line) + 1
    tops = [m for m in marks if m.depth == 0]

    chars = list(body)
    for m in tops:
        inner = _inner(body, m)
        words = _WORDS_IN.findall(inner)
        if (
            m.closed
            and 0 < len(words) <= 5
            and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        ) or _lower_title(body, m, words):
            chars[m.start] = OPEN_NAME
            chars[m.end - 1] = CLOSE_NAME
            continue
        for i in range(m.start, m.end):
            chars[i] = MASK if chars[i] != "\n" else "\n"
        chars[m.start] = OPEN_Q
        chars[m.end - 1] = CLOSE_Q
    masked = "".join(chars)
    sentences = _sentences(masked, body)
    entities = _Entities(body, masked)
    entities.sentence_starts = [s for s, _e in sentences]

    def sentence_of(position: int) -> tuple[int, int]:
        lo, hi = 0, len(sentences) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if sentences[mid][1] <= position:
                lo = mid + 1
            else:
                hi = mid
        return sentences[lo]

    # First pass: frames for every top-level quotation.
    decisions: list[tuple[_Mark, str, _Frame | None]] = []
    for m in tops:
        s_start, s_end = _window(sentence_of(m.start), m)
        inner = _inner(body, m)
        frame = _find_frame(masked, body, m, s_start, s_end)
        kind = _classify(body, masked, m, inner, frame, s_start, s_end)
        decisions.append((m, kind, frame))

    # Every reporting clause outside quotations: its subject is a speaker candidate, and a
    # later quotation without a frame of its own may continue it.
    clause_subjects: list[tuple[int, _Phrase]] = []
    # sentences whose quotations are all names or titles are narrative like any other
    direct_starts = sorted(m.start for m, kind, _f in decisions if kind == "direct")
    for s_start, s_end in sentences:
        for cue in _cue_tokens(masked, s_start, s_end):
            phrase = _subject(masked, s_start, cue, s_end)
            if phrase is not None:
                clause_subjects.append((cue[0], phrase))
                break
        else:
            laut = _laut_frame(masked, s_start, s_end)
            so = _SO_MID.search(masked, s_start, s_end)
            so_phrase = _bare(so) if so else None
            if laut is not None and laut.phrase is not None:
                clause_subjects.append((laut.cue_start, laut.phrase))
            elif so_phrase is not None and (so_phrase.role or so_phrase.pronoun):
                # "Doch sei es, so der Schriftsteller X in einem Blog, …": a speaker that the
                # following sentences of reported speech continue
                clause_subjects.append((so.start("cue"), so_phrase))
            elif bisect.bisect_left(direct_starts, s_start) == bisect.bisect_left(
                direct_starts, s_end
            ):
                # a person acting in a sentence of its own may go on to be quoted
                subject = (
                    _reaction_source(masked, s_start, s_end)
                    or _sentence_subject(masked, s_start, s_end)
                    or _inverted_subject(masked, s_start, s_end)
                    or _fuer_holder(masked, s_start, s_end)
                )
                if subject is not None and not _PASSIVE_NEXT.match(masked, subject.end):
                    # (not the subject of a passive: "Drei Menschen wurden verletzt")
                    clause_subjects.append((subject.start, subject))
    # Register named speakers so that pronouns and short names can be resolved.
    named = [f.phrase for _m, k, f in decisions if k == "direct" and f and f.phrase]
    named += [p for _, p in clause_subjects]
    for phrase in named:
        if phrase.pronoun is None and phrase.name:
            canonical = entities.canonical(phrase)
            if canonical:
                entities.register(phrase, canonical)
    _register_named_people(entities)
    entities.person_mentions()

    # Subjects described without a name ("die Demonstranten", "der Student", "die SPD") are
    # antecedents for pronouns that no named person fits.
    antecedents_cache: list[list[tuple[int, _Phrase]]] = []

    def antecedents() -> list[tuple[int, _Phrase]]:
        # built on first use: most articles never need it
        if not antecedents_cache:
            found = [(p.start, p) for _, p in clause_subjects if p.pronoun is None]
            found += [
                (f.phrase.start, f.phrase)
                for _m, k, f in decisions
                if k == "direct" and f and f.phrase and f.phrase.pronoun is None
            ]
            antecedents_cache.append(sorted(found + _described_people(masked), key=lambda t: t[0]))
        return antecedents_cache[0]

    def resolve(phrase: _Phrase, cue: str | None) -> str | None:
        if phrase.pronoun:
            plural = bool(cue and cue.lower().endswith(("ten", "en")) and cue.lower() != "zufolge")
            personal = phrase.text.lower() in ("er", "sie")
            name = entities.resolve_pronoun(phrase.pronoun, phrase.start, plural, personal)
            if name is None and phrase.pronoun in ("er", "sie"):
                for start, ante in reversed(antecedents()):
                    if start >= phrase.start:
                        continue
                    if phrase.start - start > 700:
                        break
                    if _agrees(ante, phrase.pronoun, plural, entities):
                        return resolve(ante, None)
            return name
        speaker = entities.name_for(phrase)
        if speaker is not None and speaker not in entities.entities:
            entities.register(phrase, speaker)
        return speaker

    events: list[tuple[int, str, int, int]] = []  # (position, speaker, mention start, end)

    def earlier_speaker(phrase: _Phrase, cue: str | None) -> str | None:
        """'er'/'sie' that no named person or described subject fits: the latest speaker
        before it who agrees ('Der Minister sagte: … ¶ … Er fügte hinzu')."""
        if phrase.text.lower() not in ("er", "sie"):
            return None
        if cue and cue.lower().endswith("en") and cue.lower() != "zufolge":
            return None  # "sie sagten": a plural
        for pos_, name, _s, _e in reversed(events):
            if pos_ >= phrase.start:
                continue
            if phrase.start - pos_ > 1500:
                break
            ent = entities.entities.get(name)
            if ent is None or ent["kind"] != "person":
                continue
            if (phrase.pronoun == "sie") == bool(ent["female"]):
                return name
        return None

    for pos_, phrase in clause_subjects:
        name = resolve(phrase, None) or earlier_speaker(phrase, None)
        if name:
            events.append((pos_, name, phrase.start, phrase.end))

    quotes: list[Quotation] = []
    used: dict[str, dict] = {}
    for m, kind, frame in decisions:
        speaker = s_start_ = s_end_ = None
        cue = (frame.cue or None) if frame else None
        confidence = 0.5
        continued = None
        if kind == "direct" and (frame is None or (frame.cue == "" and frame.phrase)):
            # a quotation without a frame continues the reported speech just before it; so
            # does one whose only frame is the subject opening its sentence ("Ziel der
            # Delegation sei es gewesen, „…“")
            s_start, s_end = _window(sentence_of(m.start), m)
            if _is_continuation(body, masked, m, s_start, s_end):
                prior = [e for e in events if e[0] < m.start]
                if prior:
                    pos_, name, ps, pe = prior[-1]
                    gap = masked[pos_ : m.start]
                    if len(gap) < 800 and gap.count("\n") <= 4:
                        continued = (name, ps, pe)
        if continued is not None and (
            frame is None or _thing_subject(frame.phrase) or _reported_subject(masked, frame.phrase)
        ):
            speaker, s_start_, s_end_ = continued
            confidence = 0.55
        elif kind == "direct" and frame and frame.phrase:
            phrase = frame.phrase
            # the verb shows the number only when it is the finite verb next to the pronoun, not
            # a participle at the end ("hatte sie … beschrieben")
            cue_end = frame.cue_start + len(frame.cue or "")
            if phrase.start >= frame.cue_start:
                gap = masked[cue_end : phrase.start]  # "riefen sie"
            else:
                gap = masked[phrase.end : frame.cue_start]  # "sie riefen"
            number_cue = frame.cue if not gap.strip() else None
            speaker = resolve(phrase, number_cue) or earlier_speaker(phrase, number_cue)
            s_start_, s_end_ = phrase.start, phrase.end
            confidence = frame.confidence if speaker else 0.4
        if speaker is None:
            s_start_ = s_end_ = None
        else:
            events.append((m.end, speaker, s_start_, s_end_))
            events.sort()
            ent = entities.entities.get(speaker)
            used[speaker] = ent or {"kind": "person", "role": None, "aliases": set()}
        if kind == "not_speech":
            cue, confidence = None, 0.6
        quotes.append(
            Quotation(m.start, m.end, kind, speaker, s_start_, s_end_, cue, round(confidence, 2))
        )
    # Nested quotations: a quote inside a quote; its speaker is not known.
    for m in marks:
        if m.depth > 0:
            inner = _inner(body, m)
            kind = "direct" if _speechlike(inner) else "not_speech"
            quotes.append(Quotation(m.start, m.end, kind, None, None, None, None, 0.3))

    quotes.extend(_indirect(body, masked, sentences, tops, entities, used))
    quotes = [q for q in quotes if 0 <= q.start < q.end <= len(body)]
    quotes.sort(key=lambda q: (q.start, q.end))
    speakers = []
    for name, ent in used.items():
        role = ent.get("role") if ent.get("kind") == "person" else None
        if ent.get("kind") == "person" and name in entities.entities:
            role = entities.role_of(name) or role
        aliases = tuple(sorted(a for a in ent.get("aliases", ()) if a != name))
        speakers.append(SpeakerEntity(name, ent.get("kind", "person"), role, aliases))
    speakers.sort(key=lambda e: e.name)
    return Extraction(quotes, speakers)


_DESCRIBED = re.compile(
    rf"(?<![\w\-])(?P<art>der|die|den|dem|des|ein|eine|einen|einem|eines|einer)[ \t]+"
    rf"(?P<adj>(?:{_ADJ}[ \t]+){{0,2}})(?P<noun>[A-ZÄÖÜ][\w\-]*)(?![\w\-])(?![ \t]+[A-ZÄÖÜ])"
)
_NOMINATIVE = {"den": "der", "dem": "der", "des": "der", "einen": "ein", "einem": "ein"}
_NOMINATIVE.update({"eines": "ein", "einer": "eine"})


def _described_people(masked: str) -> list[tuple[int, _Phrase]]:
    """People described by a role in any case, with no name ('gegen den Bürgermeister', 'einen
    45-jährigen Mann'): antecedents, put in the nominative, for a pronoun no named person fits."""
    found = []
    for m in _DESCRIBED.finditer(masked):
        noun = m.group("noun")
        person = _is_role(noun) or noun.lower() in ("mann", "jugendliche", "jugendlicher")
        person = person or bool(re.fullmatch(r"\d+-[Jj]ährige[r]?", noun))
        if m.group("art") == "die" and not person:
            # "die Brandstifter": a group of people, for "sie" with a plural verb
            group = _Phrase(m.start(), m.end(), m.group(0), name=noun)
            if _plural_phrase(group) and _personlike(group):
                found.append((m.start(), group))
            continue
        if not person or noun.lower().endswith(("innen", "en", "ern")):
            continue  # plurals in other cases ("den Demonstranten") are left out
        female = noun.lower().endswith("in") or noun.lower() in FEMALE_KIN
        art = m.group("art")
        if female:
            art = "eine" if art.startswith("ein") else "die"
        else:
            art = _NOMINATIVE.get(art, art)
            if art in ("die", "eine"):
                continue
        text = " ".join([art, *m.group("adj").split(), noun])
        phrase = _Phrase(m.start(), m.end(), text, role=noun, female=female)
        found.append((m.start(), phrase))
    return found


_AGE_NOUN = re.compile(r"\d+-[Jj]ährige[rn]?")


def _reported_subject(masked: str, phrase: _Phrase) -> bool:
    """A described subject followed by a subjunctive verb ('Sein Mandant habe „…“', 'Die Ziele
    seien „…“') is what reported speech talks about, not who speaks."""
    if phrase.pronoun or (phrase.name and not _has_article(phrase)):
        return False
    verb = (
        _WORD.match(masked, phrase.end + 1) if masked[phrase.end : phrase.end + 1] == " " else None
    )
    return verb is not None and verb.group(0) in SUBJUNCTIVE


def _thing_subject(phrase: _Phrase) -> bool:
    """A sentence subject that names a thing ('Ziel der Delegation', 'Die Studie'), which a
    continued speaker beats when the sentence has no reporting verb."""
    if phrase.pronoun or phrase.role or phrase.kind == "organisation" or not phrase.name:
        return False
    words = phrase.name.split()
    head = words[0].lower()
    return head.endswith(_THING_SUFFIXES) or head.endswith(_DOCUMENT_HEADS)


def _plural_phrase(phrase: _Phrase) -> bool:
    """Is this a plural noun phrase ('die tibetischen Mönche', 'einige Anhänger')?"""
    if phrase.pronoun or not phrase.text.split():
        return False
    art = phrase.text.split()[0].lower()
    if art not in ("die", *_PLURAL_QUANTIFIERS):
        return False
    return _agrees(phrase, "sie", True, None)  # type: ignore[arg-type]


def _singular_phrase(phrase: _Phrase) -> bool:
    """A noun phrase that is singular by its article ('der Sprecher', 'die Stadt')."""
    words = phrase.text.split()
    art = words[0].lower() if words else ""
    if art in ("der", "das", "ein", "eine", "dieser", "dieses"):
        return True
    return art == "die" and not _plural_phrase(phrase)


_PLURAL_QUANTIFIERS = (
    "einige", "viele", "mehrere", "zahlreiche", "hunderte", "tausende", "dutzende", "zwei",
    "drei", "beide", "alle", "manche", "weitere",
)  # fmt: skip


def _agrees(phrase: _Phrase, pronoun: str, plural: bool, entities: _Entities) -> bool:
    """Can 'er' / 'sie' (singular or plural) refer to this noun phrase?"""
    words = phrase.text.split()
    art = words[0].lower() if words else ""
    nouns = [w for w in words[1:] if w[:1].isupper()]
    head = (nouns[0] if nouns else (words[-1] if words else "")).lower()
    adjectives = []
    for w in words[1:]:
        if not w[:1].islower():
            break
        adjectives.append(w)
    if art in _PLURAL_QUANTIFIERS:
        number, gender = "pl", None
    elif art in ("der", "ein", "dieser"):
        number, gender = "sg", "m"
    elif art in ("das", "dieses"):
        number, gender = "sg", "n"
    elif art in ("die", "diese", "eine"):
        adjectives = [a for a in adjectives if a != "so"]
        if art == "eine":
            plural_np = False
        elif adjectives:
            plural_np = adjectives[-1].endswith("en")  # "die führenden Funktionäre"
        else:
            plural_np = head.endswith(("innen", "en", "er", "leute")) or (
                head.endswith("e") and any(c in head for c in "äöü")  # "die Funktionäre"
            )
        if art != "eine" and plural_np:
            number, gender = "pl", None
        else:
            number, gender = "sg", "f"
    elif phrase.kind == "person" and phrase.name:
        canonical = entities.canonical(phrase)
        ent = entities.entities.get(canonical or "")
        number, gender = "sg", ("f" if ent and ent.get("female") else "m")
    else:
        return False
    if plural:
        return pronoun == "sie" and number == "pl"
    if pronoun == "er":
        return number == "sg" and gender == "m"
    return number == "sg" and gender == "f"


def _window(sentence: tuple[int, int], m: _Mark) -> tuple[int, int]:
    """The sentence around a quotation, cut to a few hundred characters on either side, so that
    text without sentence ends (lists, broken markup) cannot make the work quadratic."""
    return max(sentence[0], m.start - _REACH), max(m.end, min(sentence[1], m.end + _REACH))


_REACH = 600


def _is_continuation(body: str, masked: str, m: _Mark, s_start: int, s_end: int) -> bool:
    """A whole-sentence quotation on its own, or one in a sentence of reported speech."""
    inner = _inner(body, m)
    sentence = masked[s_start:s_end]
    if _cue_tokens(masked, s_start, s_end):
        return False  # the sentence has a frame of its own that did not name a speaker
    if any(w.lower() in SUBJUNCTIVE for w in _WORDS_IN.findall(sentence)):
        return True
    if re.search(r":[ \t]*$", masked[s_start : m.start]):
        return True
    if not _speechlike(inner):
        return False
    line_start = masked.rfind("\n", 0, m.start) + 1
    before = masked[line_start : m.start].strip()
    return before == "" or bool(re.search(r"[.!?⟫][ \t]*$", before))


_ROLE_WORD = re.compile(rf"(?<![\w\-]){_CAP}(?=[ \t]+[A-ZÄÖÜ])")
_NAME_AFTER_ROLE = re.compile(rf"[ \t]+(?P<name>{_NAMEW}(?:[ \t]+{_NAMEW}){{0,2}})")


_NOT_NAME_AFTER_ROLE = re.compile(rf"[ \t]+(?P<name>(?:{_NOT_NAME_RE}))(?=[ \t]+[a-zäöüß]|[,.])")
_BEFORE_NAME_PAIR = re.compile(
    r"(?:^|[\s(])(?:der|die|das|den|dem|des|im|am|vom|zum|zur|beim|ins|ein|eine|einer|eines|"
    r"einem|einen|neue|neuen|kleine|große|großen)[ \t]+$|[.!?:⟫„\n][ \t]*$|^[ \t]*$"
)


def _looks_like_first_name(masked: str, m: re.Match) -> bool:
    """'… die Kritik von Gisela Piltz …': two capitalised words mid-sentence, not after an
    article, the first not an adjective, count as a person's first and last name."""
    first = m.group("first")
    if _BEFORE_NAME_PAIR.search(masked[max(0, m.start() - 12) : m.start()]):
        return False
    low = first.lower()
    if _is_first_name(first):
        return True  # "Jürgen", "Peter": listed first names, whatever their ending
    if re.search(
        r"(?<![\w\-])[a-zäöüß]+(?:e|en|er|es|em)[ \t]+$", masked[max(0, m.start() - 30) : m.start()]
    ):
        return False  # "in dem kleinen Ort Wapakoneta": a noun after an adjective
    return not low.endswith(("en", "er", "es", "em", "ische", "isch", "sche", "e", "s"))


_FULL_NAME = re.compile(rf"(?<![\w\-])(?P<first>{_NAMEW})[ \t]+(?P<last>{_NAMEW})(?![\w\-])")


_THIRD_NAME = re.compile(rf"[ \t]+(?P<last>{_NAMEW})(?![\w\-])")


def _register_named_people(entities: _Entities) -> None:
    """People named with a role ('Außenminister Sergei Lawrow'), or by first and last name when
    the last name also stands alone ('Neil Armstrong … Armstrong'), are antecedents for
    pronouns."""
    masked = entities.masked
    word_counts: dict[str, int] = {}
    for w in _WORD.findall(masked):
        word_counts[w] = word_counts.get(w, 0) + 1
    pairs = list(_FULL_NAME.finditer(masked))
    pair_counts: dict[tuple[str, str], int] = {}
    for m in pairs:
        key = (m.group("first"), m.group("last"))
        pair_counts[key] = pair_counts.get(key, 0) + 1
    for m in pairs:
        first, last = m.group("first"), m.group("last")
        if any(_is_role(w) or w.lower() in ORG_WORDS for w in (first, last)):
            continue
        if not _personlike(_Phrase(m.start(), m.end(), m.group(0), name=m.group(0))):
            continue
        if last.endswith(("s", "ung", "heit", "keit")) or not first.isalpha():
            continue
        name, end = m.group(0), m.end()
        pair = pair_counts[(first, last)]
        third = _THIRD_NAME.match(masked, end)
        if third and word_counts.get(third.group("last"), 0) > pair >= word_counts.get(last, 0):
            # "Neil Alden Armstrong … Armstrong": the pair opens a longer name whose last word
            # stands alone, and its own last word never does
            name, last, end = f"{name} {third.group('last')}", third.group("last"), third.end()
        alone = word_counts.get(last, 0) > pair
        if not alone and not _looks_like_first_name(masked, m):
            continue  # neither the last name stands alone nor does the first look like one
        phrase = _Phrase(m.start(), end, name, name=name, name_start=m.start())
        canonical = entities.canonical(phrase)
        if canonical and canonical not in entities.entities:
            entities.register(phrase, canonical)
    for r in _ROLE_WORD.finditer(entities.masked):
        if not _is_role(r.group(0)):
            continue
        m = _NAME_AFTER_ROLE.match(entities.masked, r.end())
        if m is None:
            # "dem Bundestagsabgeordneten Montag": a word that is never a name elsewhere is one
            # after a role when the article also gives it with a first name ("Jerzy Montag")
            m = _NOT_NAME_AFTER_ROLE.match(entities.masked, r.end())
            if m is None or not re.search(
                rf"(?<![\w\-])[A-ZÄÖÜ][a-zäöüß]+[ \t]+{re.escape(m.group('name'))}[ \t]*[(,]",
                entities.masked,
            ):
                continue
        name = m.group("name")
        words = name.split()
        if any(_is_role(w) or w.lower() in ORG_WORDS for w in words):
            continue
        phrase = _Phrase(r.start(), m.end("name"), name, name=name, name_start=m.start("name"))
        phrase.role = r.group(0)
        if r.group(0).lower().endswith("in"):
            phrase.female = True
        canonical = entities.canonical(phrase)
        if canonical:
            entities.register(phrase, canonical)


def _find_frame(masked: str, body: str, m: _Mark, s_start: int, s_end: int) -> _Frame | None:
    """The reporting frame of a quotation: after it, before it in its sentence, or a colon."""
    weak = None  # a cue right after the quotation whose speaker we could not find
    after = masked[m.end - 1 : s_end]
    # a list of speakers: "so der Präsident X, der Leiter Y („…“) und der Minister Z: „…“"
    listed = _LISTED.search(masked, max(s_start, m.start - 160), m.start)
    if listed and (
        (body[m.start - 1 : m.start] == "(" and body[m.end : m.end + 1] == ")")
        or (listed.group("colon") and _SO_ANY.search(masked, s_start, m.start))
    ):
        sub = _NP_AT.match(masked, listed.start("np"))
        if sub is not None and sub.end() == listed.end("np"):
            phrase = _analyse(sub)
            if (phrase.name or phrase.role) and _personlike(phrase):
                return _Frame("so", listed.start("np"), phrase, 0.7)
    # "„…“ (Karl Roth, Sprecher der Polizei)": the source in brackets after the quotation
    bracket = _BRACKET_SOURCE.match(masked, m.end - 1, s_end)
    if bracket and _speechlike(_inner(body, m)):  # not „Titel“ (Regie: …)
        phrase = _bare(bracket)
        if phrase.name and (len(phrase.name.split()) >= 2 or phrase.kind == "organisation"):
            return _Frame("(", bracket.start("np") - 1, phrase, 0.7)
    # "…“, so Merkel."
    so = _SO_AFTER.match(masked, m.end - 1, s_end)
    if so:
        return _Frame("so", so.start("cue"), _bare(so), 0.85)
    # "…“, sagte er." / "…“ sagte der Minister" / "…“, hat er gesagt"
    wz = _WIRD_ZITIERT.match(masked, m.end - 1, s_end)
    if wz:
        return _Frame("zitiert", wz.start("cue"), _bare(wz), 0.8)
    # "…“, zeigte sich der Trainer zufrieden" / "…“, wollen die Demonstranten wissen"
    zs = _AFTER_SICH.match(masked, m.end - 1, s_end)
    if zs:
        phrase = _bare(zs)
        if phrase.pronoun or ((phrase.name or phrase.role) and _personlike(phrase)):
            cue = zs.group("cue") or zs.group("cue2")
            return _Frame(cue, zs.start("np") - 1, phrase, 0.8)
    follow = re.match(r"[⟫〉][ \t]*(?P<comma>[,–—-]?)[ \t]*", after)
    if follow:
        pos = m.end - 1 + follow.end()
        stop = _CLAUSE_BREAK.search(masked, pos, s_end)
        limit = stop.start() if stop else s_end
        strict = not follow.group("comma")
        for cue in _cue_tokens(masked, pos, limit)[:1]:
            first = _WORD.match(masked, pos)
            reach = 100 if first and first.group(0) in AUXILIARIES else 40
            if cue[0] - pos > reach or (strict and cue[0] != pos):
                break
            if cue[0] != pos and masked[pos : pos + 1].isupper():
                break  # "„…“, Bundestrainer Löw bezeichnete …": a new clause, not a frame
            phrase = _subject(masked, pos, cue, s_end)
            if phrase is not None and cue[2].lower() in ("zitiert", "zitierte"):
                # „…“, zitiert die „Computerwoche“ Lynch: the quoted one is the speaker
                quoted = _np_after(masked, phrase.end, s_end)
                if quoted is not None:
                    phrase = quoted
            if phrase is not None:
                return _Frame(cue[2], cue[0], phrase, 0.9)
            if strict:
                phrase = _verb_final_subject(masked, s_start, m.start, cue[1], s_end)
                if phrase is not None:
                    return _Frame(cue[2], cue[0], phrase, 0.75)
            weak = _Frame(cue[2], cue[0], None, 0.5)
    # „…“, heißt es in der Erklärung / In dem Antrag heißt es: „…“
    heisst = _HEISST_BEFORE.search(masked, s_start, s_end) or _HEISST_AFTER.search(
        masked, s_start, s_end
    )
    if heisst:
        phrase = _bare(heisst)
        phrase.kind = "organisation"
        return _Frame(heisst.group("cue"), heisst.start("cue"), phrase, 0.7)
    doc = _DOC_OPENING.match(masked, s_start, m.start)
    if doc and _DOC_VERBS.search(masked, s_start, s_end):
        phrase = _bare(doc)
        if (phrase.name or phrase.role) and (phrase.kind == "organisation" or _personlike(phrase)):
            return _Frame(doc.group("verb") or "", doc.start("np"), phrase, 0.65)
    owner = _opinion_owner(masked, s_start, m.start)
    if owner is not None:
        return owner
    # A cue before the quotation in the same sentence: the nearest one.
    cues = _cue_tokens(masked, s_start, m.start)
    laut = _laut_frame(masked, s_start, s_end, m.start)
    for cue in reversed(cues[-3:]):
        # the nearest cue whose subject is found: "X kritisiert, die Aktion erinnere „…“"
        phrase = _subject(masked, s_start, cue, s_end)
        if phrase is not None:
            if (
                laut
                and laut.cue_start > cue[0]
                and laut.cue_start < m.start
                and _CLAUSE_BREAK.search(masked, cue[1], laut.cue_start)
            ):
                return laut  # "X erklärte, laut Polizei seien „…“", not "sagte X Y zufolge"
            return _Frame(cue[2], cue[0], phrase, 0.85)
    if laut:
        return laut
    fuer = _fuer_holder(masked, s_start, m.start)
    if fuer is not None:
        # "Für den Theologen Hans Küng sei der Rücktritt „…“", "Was für die Ministerin eine „…“ ist"
        return _Frame("für", fuer.start, fuer, 0.6)
    so = _SO_ANY.search(masked, s_start, s_end)
    if so:
        return _Frame("so", so.start("cue"), _bare(so), 0.75)
    if weak is None:
        # "Sie sei „…“ über das Geschehen, sagte die Königin": a verb-first frame opening the
        # next clause of the sentence, a few words after the quotation
        late = _LATE_FRAME.match(masked, m.end, min(s_end, m.end + 90))
        if late is not None:
            pos = late.end()
            cue = next(iter(_cue_tokens(masked, pos, s_end)), None)
            if cue is not None and cue[0] == pos:
                phrase = _subject(masked, pos, cue, s_end)
                if phrase is not None and (phrase.pronoun or _personlike(phrase)):
                    return _Frame(cue[2], cue[0], phrase, 0.7)
    worte = _MIT_WORTEN.search(masked, s_start, m.start)
    if worte is not None and weak is None:
        phrase = _worten_subject(masked, s_start, worte.start())
        if phrase is not None:
            return _Frame("mit den Worten", worte.start(), phrase, 0.7)
    if weak is not None:
        return weak
    if cues:
        return _Frame(cues[-1][2], cues[-1][0], None, 0.5)
    if re.search(r":[ \t]*$", masked[s_start : m.start]):
        phrase = _colon_subject(masked, s_start, m.start)
        if phrase is not None:
            return _Frame(":", m.start - 1, phrase, 0.65)
    # „Ja, es gibt Zumutungen“. Das musste Bundesfinanzminister Peer Steinbrück einräumen.
    nxt = _NEXT_FRAME.match(masked, m.end)
    if nxt is not None and not masked[s_start : m.start].strip():
        sub = _NP_AT.match(masked, nxt.start("np"))
        if sub is not None:
            phrase = _analyse(sub)
            if (phrase.role or phrase.name) and _personlike(phrase):
                return _Frame(nxt.group("verb"), nxt.start("verb"), phrase, 0.6)
    # No reporting verb, but the sentence opens with a person acting: "Auch der Außenminister
    # Donald Rumsfeld attackierte den Iran als den „führenden Förderer von Terrorismus“."
    phrase = _sentence_subject(masked, s_start, m.start) or _inverted_pronoun(
        masked, s_start, m.start
    )
    if phrase is not None:
        return _Frame("", phrase.start, phrase, 0.55)
    # "Als „…“ bezeichnete die Ministerin …", "von einem „…“ sprach der Minister"
    lead = masked[max(s_start, m.start - 25) : m.start]
    if re.search(
        r"(?:^|\s)(?:[Aa]ls|[Vv]on)(?:\s+(?:einem|einer|einen|der|dem|den|des))?[ \t]*$", lead
    ):
        stop = re.search(r"[,;:.!?]", masked[m.end : s_end])
        limit = m.end + stop.start() if stop else s_end
        cues = _cue_tokens(masked, m.end, limit)
        if not cues:
            # "Als „…“ beurteilte der Geschäftsführer …", "vom Wetterdienst als „…“ eingestuft"
            cues = [
                (w.start(), w.end(), w.group(0))
                for w in _WORD.finditer(masked, m.end, limit)
                if w.group(0) in _JUDGING_VERBS
            ]
        for cue in cues[:1]:
            phrase = _np_after(masked, cue[1], limit)
            agents = [
                a
                for a in _AGENT.finditer(masked, s_start, m.start)
                if re.fullmatch(r"[ \t]+als[ \t]*", masked[a.end() : m.start])
            ]
            if agents and (phrase is None or phrase.pronoun == "es"):
                phrase = _bare(agents[-1])  # "wird vom Wetterdienst als „sehr hoch“ eingestuft"
            if phrase is None:
                # "der Fahrgastverband, der die Maßnahme als „Kapitulation“ sieht"
                phrase = _verb_final_subject(masked, s_start, m.start, cue[1], s_end)
            return _Frame(cue[2], cue[0], phrase, 0.75)
    # a colon at the end of the previous paragraph introduces a block quotation
    line_start = masked.rfind("\n", 0, m.start) + 1
    if not masked[line_start : m.start].strip():
        prev = masked[:line_start].rstrip()
        if prev.endswith(":"):
            p_start = max(masked.rfind("\n", 0, len(prev)) + 1, 0)
            cand = list(_SENT_SPLIT.finditer(masked, p_start, len(prev)))
            sent_start = cand[-1].end() if cand else p_start
            pcues = _cue_tokens(masked, sent_start, len(prev))
            if pcues:
                phrase = _subject(masked, sent_start, pcues[-1], len(prev))
                return _Frame(pcues[-1][2], pcues[-1][0], phrase, 0.8)
    return None


_MIT_WORTEN = re.compile(r"(?<![\w\-])mit[ \t]+(?:den|folgenden|diesen)[ \t]+Worten(?![\w\-])")
_PRONOUN_AFTER_VERB = re.compile(r"(?<![\w\-])[a-zäöüß]{3,}[ \t]+(?P<pron>er|sie)(?![\w\-])")


def _worten_subject(masked: str, s_start: int, limit: int) -> _Phrase | None:
    """The subject of a clause with 'mit den Worten' and any verb ('Paolo hatte die Ausführung
    mit den Worten abgelehnt:', '… lenkte er die Fähre und meldete sich mit den Worten:')."""
    m = _SENT_SUBJECT.match(masked, s_start, limit)
    if m is not None:
        sub = _NP_AT.match(masked, m.start("np"))
        if sub is not None:
            phrase = _analyse(sub)
            if phrase.pronoun or (
                (phrase.name or phrase.role) and _personlike(phrase) and not _thing_subject(phrase)
            ):
                return phrase
    pronouns = list(_PRONOUN_AFTER_VERB.finditer(masked, s_start, limit))
    if pronouns:
        p = pronouns[-1]
        return _Phrase(p.start("pron"), p.end("pron"), p.group("pron"), pronoun=p.group("pron"))
    return None


_OPINIONS = (
    r"(?:Idee|Vorschlag|Vorwurf|Forderung|Auffassung|Einschätzung|Darstellung|Aussage|Äußerung"
    r"|Behauptung|Warnung|Appell|Argument|Sichtweise|Vorstellung|Wunsch|Plan|Plänen|Vorschlägen"
    r"|Vorwürfen|Forderungen|Aussagen|Äußerungen)"
)
# "Nach Schäubles Idee soll „…“": a possessive genitive owner of an opinion
_OPINION_POSSESSIVE = re.compile(
    rf"(?<![\w\-])(?:[Nn]ach|[Ll]aut|[Gg]emäß|[Ii]n)[ \t]+(?P<own>[A-ZÄÖÜ][\w\-]+)s[ \t]+"
    rf"(?:[a-zäöüß]+(?:e|en)[ \t]+)?{_OPINIONS}(?![\w\-])"
)
# "Auf den Vorwurf der CDU, es handele sich um einen „…“": the genitive owner
_OPINION_GENITIVE = re.compile(
    rf"(?<![\w\-]){_OPINIONS}[ \t]+(?P<np>(?:des|der)[ \t]+(?:{_ADJ}[ \t]+){{0,2}}{_NAME})"
    rf"(?![\w\-])[ \t]*(?:\([^()]{{1,30}}\)[ \t]*)?,[ \t]*(?:es|dass|man|sie|er|die|der|das)[ \t]"
)


def _opinion_owner(masked: str, s_start: int, quote: int) -> _Frame | None:
    """An opinion or a document named with its owner before the quotation, with no reporting
    verb between: 'Nach Schäubles Idee soll „…“', 'Vorwurf der CDU, es handele sich um „…“'."""
    lo = max(s_start, quote - 200)
    found = None
    for m in _OPINION_POSSESSIVE.finditer(masked, lo, quote):
        stem = m.group("own")
        if re.search(rf"(?<![\w\-]){re.escape(stem)}(?![\w\-])", masked) and (
            stem not in _common_words(masked)[0]
        ):
            start = m.start("own")
            found = _Phrase(start, start + len(stem), stem, name=stem, name_start=start)
    for m in _OPINION_GENITIVE.finditer(masked, lo, quote):
        sub = _NP_AT.match(masked, m.start("np"))
        if sub is None:
            continue
        phrase = _analyse(sub)
        owner = phrase.kind == "organisation" or phrase.role or _personlike(phrase)
        if phrase.name and owner and (found is None or phrase.start > found.start):
            found = phrase
    if found is None or _cue_tokens(masked, found.end, quote):
        return None
    return _Frame("", found.start, found, 0.6)


_LATE_FRAME = re.compile(r"[^⟪⟫,.;:!?\n]{1,80},[ \t]*")
_COLON_NP = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun)[ \t]+)?(?P<np>{_NP})(?![\w\-])"
    rf"(?:[ \t]*\([^()]{{1,40}}\))?(?P<rest>[^⟪]*)$"
)
_COLON_APPOSITION = re.compile(
    rf"[ \t]*(?P<np>{_NAME})[ \t]*,[ \t]+(?P<app>[^,⟪⟫:;.!?]{{2,120}}):[ \t]*$"
)
_COLON_INVERTED = re.compile(
    rf"(?<![\w\-])[a-zäöüß]+(?:te|ten|t)[ \t]+(?:sich[ \t]+)?(?P<np>(?:{_ART})[ \t]+[^⟪]*|{_NAME}"
    rf"(?=[ \t]+[a-zäöüß]))"
)


_NOT_VERBS = (
    r"(?:noch|vor|nach|in|im|an|am|auf|aus|bei|mit|von|vom|zu|zum|zur|für|über|unter|um|wie|als|"
    r"und|oder|sowie|der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines)"
)
_SENT_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun|Zudem|Außerdem|Dabei|Daraufhin|Selbst|Sogar"
    rf"|Nur|Gerade|Ausgerechnet|Insbesondere|Vor[ \t]+allem|auch|selbst|sogar)[ \t]+){{0,2}}"
    rf"(?P<np>{_NP})(?![\w\-])(?:[ \t]*,(?P<app>[^,⟪⟫]{{2,120}}(?:,[^,⟪⟫]{{2,120}})?),)?"
    rf"(?:[ \t]*\([^()]{{1,40}}\))?"
    rf"[ \t]+(?:(?!{_NOT_VERBS}\b)[a-zäöüß]+[ \t]+)?(?!{_NOT_VERBS}\b)(?P<verb>[a-zäöüß]+)"
    rf"(?![\w\-])"
)


_CLAUSE_INVERTED = re.compile(
    rf"[ \t]*(?!(?:{_NOT_VERBS})\b)[a-zäöüß]{{3,}}[ \t]+(?P<np>(?:{_ART})[ \t]+[^⟪,]*)"
)


_REL_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun|Zudem|Außerdem|Wie)[ \t]+)?(?P<np>{_NP})"
    rf"(?![\w\-])[ \t]*,[ \t]+(?:der|die|das|welche[rs]?|dessen|deren)[ \t][^⟪⟫;:,]{{2,160}},"
    rf"(?:[ \t]+(?:auch|jedoch|nun|aber|dann|zudem|dagegen|hingegen|dazu|darauf|damals))*[ \t]*"
)


@functools.lru_cache(maxsize=8)
def _midsentence_capitals(masked: str) -> frozenset[str]:
    """Capitalised words that also occur inside a sentence: names and nouns, not openers."""
    pattern = r"[^\s.!?:⟫⟪][ \t]+([A-ZÄÖÜ][\w\-]*)"
    return frozenset(m.group(1) for m in re.finditer(pattern, masked))


def _proper(masked: str, phrase: _Phrase, s_start: int) -> bool:
    """Is a bare phrase (no article, no role) a name? Not when its word also stands after an
    article ("die Gewalttaten" … "Gewalttaten nahmen zu"), not when it opens a sentence and
    never appears capitalised inside one ("Erstmals"), and not when it begins with a word the
    article also writes in lower case ("Galt Josef Ratzinger als …")."""
    if phrase.pronoun or phrase.role:
        return True
    words = (phrase.name or "").split()
    if not words or _has_article(phrase):
        return True  # it has an article
    common, lower = _common_words(masked)
    if words[0].lower() in lower:
        return False
    if len(words) == 1 and words[0] in common:
        return False
    if len(words) == 1 and phrase.start <= s_start + 1:
        return words[0] in _midsentence_capitals(masked)
    return True


@functools.lru_cache(maxsize=8)
def _common_words(masked: str) -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised words used after an article (nouns), and all words written in lower case."""
    common = frozenset(
        m.group(1)
        for m in re.finditer(
            r"(?<![\w\-])(?:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen)[ \t]+"
            r"([A-ZÄÖÜ][\w\-]*)",
            masked,
        )
    )
    lower = frozenset(re.findall(r"(?<![\w\-])[a-zäöüß][\w]*", masked))
    return common, lower


@functools.lru_cache(maxsize=8)
def _article_nouns(masked: str) -> frozenset[str]:
    """Capitalised words after an article, also one opening a sentence ("Der Astronaut")."""
    return frozenset(
        m.group(1)
        for m in re.finditer(
            r"(?<![\w\-])(?:[Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e[rsmn]?)?)[ \t]+([A-ZÄÖÜ][\w\-]*)",
            masked,
        )
    )


def _sentence_subject(masked: str, s_start: int, quote_start: int) -> _Phrase | None:
    """The subject opening the sentence, when it names a person or an organisation."""
    m = _SENT_SUBJECT.match(masked, s_start, quote_start)
    if m is None:
        return None
    sub = _NP_AT.match(masked, m.start("np"))
    if sub is None:
        return None
    phrase = _analyse(sub)
    if phrase.pronoun:
        return phrase if phrase.pronoun == "er" or not m.group("verb").endswith("en") else None
    if m.group("verb") == "er":
        er = (m.start("verb"), m.end("verb"))
    else:
        after = _ER_AFTER.match(masked, m.end("verb"))
        er = (after.start() + 1, after.end()) if after else None
    if er is not None and not phrase.role:
        # "Das ägyptische Angebot, …, lehnt er jedoch ab": "er" is always nominative
        return _Phrase(er[0], er[1], "er", pronoun="er")
    if not (phrase.name or phrase.role) or not _personlike(phrase):
        return None
    if not _proper(masked, phrase, s_start):
        return None
    if phrase.name and not phrase.role and phrase.kind == "person":
        article = _has_article(phrase)
        words = phrase.name.split()
        genitive = len(words) > 1 and words[1] in ("des", "der", "von", "vom", "eines", "einer")
        head = (words[0] if genitive else words[-1]).lower()
        if article and not head.endswith(_PERSON_ENDINGS):
            return None
    app = m.group("app")
    first = phrase.text.split()[0] if phrase.text.split() else ""
    if app and phrase.pronoun is None and (phrase.name is None or first != phrase.name.split()[0]):
        # "Der ältere Bruder des Papstes, Georg Ratzinger, war …": the apposition names him
        second = app.split(",")[0].strip()
        if re.fullmatch(_NAME, second) and not any(_is_role(w) for w in second.split()):
            phrase.name = second
            phrase.name_start = m.start("app") + app.index(second)
            phrase.end = phrase.name_start + len(second)
    return phrase


_ER_AFTER = re.compile(r"[ \t]er(?![\w\-])")
_INVERTED_PRONOUN = re.compile(
    r"[ \t]*(?:[A-ZÄÖÜ][\w\-]*(?:[ \t]+[\w\-]+){0,8}?)[ \t]+(?P<verb>[a-zäöüß]+)[ \t]+"
    r"(?P<pron>er|sie)(?![\w\-])"
)


_INVERTED_SUBJECT = re.compile(
    r"[ \t]*(?:[A-ZÄÖÜ][\w\-]*(?:[ \t]+[\w\-]+){0,10}?)[ \t]+"
    r"(?!(?:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen|und|oder|mit|von|vom|für|"
    r"aus|auf|bei|nach|über|unter|vor|gegen|seit|zum|zur|im|am|in)\b)(?P<verb>[a-zäöüß]{3,})"
    r"(?:[ \t]+(?:jetzt|auch|dann|nun|bereits|ebenfalls|noch|erneut|zudem|jedoch|"
    r"gestern|heute|damals))*[ \t]+(?P<np>(?:[Dd]er|[Dd]ie|[Ee]in|[Ee]ine)[ \t]+[^⟪]*"
    # "Ganz anders sieht das Petra Klein": a person's full name after an object pronoun
    r"|(?:(?:das|dies|es)[ \t]+)?(?P<first>[A-ZÄÖÜ][a-zäöüéß]+)[ \t]+[A-ZÄÖÜ][^⟪]*)"
)


def _inverted_subject(masked: str, s_start: int, limit: int) -> _Phrase | None:
    """'Am Rande der Sitzung nahm auch der Ministerpräsident …, Christian Wulff, Stellung.'"""
    m = _INVERTED_SUBJECT.match(masked, s_start, limit)
    if m is None or any(c in masked[s_start : m.start("np")] for c in ",⟪⟫:"):
        return None
    first = m.group("first")
    if first and not _is_first_name(first):
        return None
    sub = _NP_AT.match(masked, m.start("first") if first else m.start("np"), limit)
    if sub is None:
        return None
    phrase = _analyse(sub)
    named = first and phrase.name and phrase.kind == "person" and len(phrase.name.split()) >= 2
    if not (phrase.role or named or (phrase.name and phrase.kind == "organisation")):
        return None
    return _apposed(masked, phrase, sub.end(), limit)


def _apposed(masked: str, phrase: _Phrase, pos: int, limit: int) -> _Phrase:
    """A role phrase takes the name of an apposition after it ('der Chef, Karl Roth,')."""
    app = _APPOSITION_NAME.match(masked, pos, limit)
    if app and phrase.name is None and not any(_is_role(w) for w in app.group("name").split()):
        phrase.name, phrase.name_start = app.group("name"), app.start("name")
        phrase.end = app.end("name")
    return phrase


def _inverted_pronoun(masked: str, s_start: int, limit: int) -> _Phrase | None:
    """'Dabei griff sie …', 'Ursprünglich wollte er „…“': a pronoun right after the verb."""
    m = _INVERTED_PRONOUN.match(masked, s_start, limit)
    if m is None or any(c in m.group(0) for c in ",⟪⟫:"):
        return None
    if m.group("pron") == "sie" and m.group("verb").endswith("en"):
        return None
    return _Phrase(m.start("pron"), m.end("pron"), m.group("pron"), pronoun=m.group("pron"))


_REACTIONS = (
    r"(?:Kritik|Widerspruch|Lob|Zustimmung|Unterstützung|Protest|Proteste|Ablehnung|Warnungen"
    r"|Applaus|Beifall|Rückendeckung|Gegenwind|Skepsis|Häme|Spott|Glückwünsche)"
)
_REACTION_CAME = re.compile(
    rf"[ \t]*(?:(?:Auch|Doch|Aber|Und)[ \t]+)?(?:[A-Za-zäöüßÄÖÜ]+[ \t]+)?{_REACTIONS}"
    rf"[ \t]+(?:kam|kommt|kamen|kommen|(?:erhielt|erhält|bekam|bekommt|erntete|erntet)"
    rf"(?:[ \t]+(?:er|sie|die[ \t]+[A-ZÄÖÜ][\w\-]*|der[ \t]+[A-ZÄÖÜ][\w\-]*))?)(?![\w\-])"
)
_FROM_NP = re.compile(
    rf"(?:[ \t]+(?:auch|jedoch|dagegen|hingegen|aber|prompt|sofort|umgehend|postwendend))*"
    rf"[ \t]+(?:von|vom)[ \t]+(?:(?:der|dem|den)[ \t]+)?(?P<np>(?:{_ADJ}[ \t]+){{0,2}}{_NAME}"
    rf"{_GEN}{{0,2}})(?![\w\-])"
)
_FROM_FRONT = re.compile(
    rf"[ \t]*(?:(?:Auch|Doch|Aber|Und)[ \t]+)?(?:[Vv]on|[Vv]om)[ \t]+(?:(?:der|dem|den)[ \t]+)?"
    rf"(?P<np>(?:{_ADJ}[ \t]+){{0,2}}{_NAME}{_GEN}{{0,2}})(?![\w\-])[ \t]+(?:kam|kommt|kamen"
    rf"|kommen)[ \t]+(?:[a-zäöüß]+[ \t]+)?{_REACTIONS}(?![\w\-])"
)


def _reaction_source(masked: str, s_start: int, limit: int) -> _Phrase | None:
    """'Kritik kam von der Opposition', 'Widerspruch kommt vom Verband X', 'Von der Opposition
    kam Kritik': the source of a reaction is someone who may go on to be quoted."""
    m = _FROM_FRONT.match(masked, s_start, limit)
    if m is None:
        m = _REACTION_CAME.match(masked, s_start, limit)
        if m is None:
            return None
        m = _FROM_NP.match(masked, m.end(), limit)
        if m is None:
            return None
    phrase = _bare(m)
    if not (phrase.name or phrase.role) or not _personlike(phrase):
        return None
    return _apposed(masked, phrase, m.end("np"), limit)


_ELLIPTIC_COLON = re.compile(
    rf"[ \t]*(?:Ganz[ \t]+|Etwas[ \t]+|Deutlich[ \t]+|Ganz[ \t]+ähnlich[ \t]+)?"
    rf"(?:[Aa]nders|Ähnlich|Ebenso|Genauso|Kritischer|Vorsichtiger|Zurückhaltender|Deutlicher"
    rf"|Optimistischer|Skeptischer|Gelassener|Schärfer)[ \t]+(?:(?:auch|dagegen|hingegen|sieht"
    rf"[ \t]+es|sah[ \t]+es)[ \t]+)*(?P<np>(?:{_ART})[ \t]+[^⟪⟫:]*?|{_NAME})"
    rf"[ \t]*(?:\([^()]{{1,30}}\)[ \t]*)?:[ \t]*$"
)


def _colon_subject(masked: str, s_start: int, colon_end: int) -> _Phrase | None:
    """'BKA-Präsident Ziercke: „…“', 'Die Firma empfindet das als ungerecht: „…“'."""
    subject = (
        _reaction_source(masked, s_start, colon_end)
        or _sentence_subject(masked, s_start, colon_end)
        or _inverted_pronoun(masked, s_start, colon_end)
    )
    if subject is not None:
        return subject
    elliptic = _ELLIPTIC_COLON.match(masked, s_start, colon_end)
    if elliptic is not None:
        # "Anders die Opposition: „…“", "Ganz anders die Grünen-Chefin Anna Berg: „…“"
        sub = _NP_AT.match(masked, elliptic.start("np"), colon_end)
        if sub is not None and sub.end() == elliptic.end("np"):
            phrase = _analyse(sub)
            if (phrase.name or phrase.role) and _personlike(phrase):
                return phrase
    prefix = masked[s_start:colon_end]
    m = _COLON_NP.match(prefix)
    if m:
        rest = m.group("rest").strip()
        first = rest.split(" ", 1)[0] if rest else ""
        if rest in (":", "wörtlich:") or (first[:1].islower() and first not in ("und", "oder")):
            sub = _NP_AT.match(masked, s_start + m.start("np"))
            if sub is not None:
                phrase = _analyse(sub)
                if phrase.pronoun or (
                    (phrase.name or phrase.role)
                    and _personlike(phrase)
                    and _proper(masked, phrase, s_start)
                ):
                    return phrase
    app = _COLON_APPOSITION.match(masked, s_start, colon_end)
    if app and any(_is_role(w) for w in app.group("app").split()[:4]):
        # "Erkki Tuomioja, Präsident des Rats der Europäischen Union: „…“"
        sub = _NP_AT.match(masked, app.start("np"), app.end("np"))
        if sub is not None and sub.end() == app.end("np"):
            phrase = _analyse(sub)
            if phrase.name and _personlike(phrase):
                return phrase
    inv = _COLON_INVERTED.search(masked, s_start, colon_end)
    if inv:
        sub = _NP_AT.match(masked, inv.start("np"), colon_end)
        if sub is not None:
            phrase = _analyse(sub)
            if (
                _personlike(phrase)
                and _proper(masked, phrase, s_start)
                and (phrase.role or phrase.pronoun or phrase.name)
            ):
                app = _APPOSITION_NAME.match(masked, sub.end(), colon_end)
                if app and phrase.name is None:
                    phrase.name, phrase.name_start = app.group("name"), app.start("name")
                return phrase
    return None


_NEXT_FRAME = re.compile(
    rf"[.!?]?[ \t]+(?:[–—-][ \t]+)?(?:Das|Dies|So|Diese[rs]?(?:[ \t]+[\w\-]+){{0,3}}"
    rf"|[Mm]it[ \t]+(?:diesen|den|solchen)[ \t]+Worten)[ \t]+"
    rf"(?P<verb>[a-zäöüß]+)[ \t]+(?:(?:sich|auch|dann|damals)[ \t]+)?(?P<np>{_NP})(?![\w\-])"
)
_SENT_SPLIT = re.compile(r"[.!?][ \t]+(?=[A-ZÄÖÜ])")


_SOURCE_BEFORE = re.compile(r"(?<![\w\-])(?:[Ll]aut|[Ww]ie|[Gg]emäß|zufolge)[ \t]*$")
_JUDGING_VERBS = NAMING_VERBS | frozenset(
    """sieht sah sehen sahen betrachtet betrachtete wies zurückgewiesen kritisierte kritisiert
    verurteilte verurteilt lobte lobt würdigte würdigt feierte warnte warnt bewertete bewertet
    einstufte eingestuft stufte stuft beurteilte beurteilt kritisieren verurteilen bezeichnen
    sprechen werten wertete gewertet beurteilte beurteilten bewerteten befand befanden nannten
    eingeschätzt einschätzte eingestuft""".split()
)


_NAME_LINKS = frozenset(
    "und ohne für zur zum der des die das von vom of the and for de la du e V".split()
)


@functools.lru_cache(maxsize=4096)
def _is_title_cue(word: str) -> bool:
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


_DEFINITE_BEFORE = re.compile(r"(?<![\w\-])(?:der|die|das|des|dem|den|Der|Die|Das)[ \t]+$")
_NOUN_AFTER = re.compile(r"[ \t]*[A-ZÄÖÜ]")


def _lower_title(body: str, m: _Mark, words: list[str]) -> bool:
    """A short lower-case name right after a definite article, not followed by the noun it
    would describe: 'der „taz“', 'das Elektroauto „mindset“' is not; 'die „con energy ag“'."""
    if not m.closed or not 0 < len(words) <= 3 or any(w[:1].isupper() for w in words):
        return False
    if any(w in _CLAUSE_WORDS for w in words) or _inner(body, m)[-1:] in ".!?,":
        return False
    return bool(_DEFINITE_BEFORE.search(body, max(0, m.start - 5), m.start)) and not (
        _NOUN_AFTER.match(body, m.end)
    )


def _classify(body, masked, m: _Mark, inner: str, frame, s_start: int, s_end: int) -> str:
    words = _WORDS_IN.findall(inner)
    if not words:
        return "not_speech"
    if _lower_title(body, m, words):
        return "not_speech"  # "der „taz“"
    before = masked[max(0, m.start - 40) : m.start]
    t = _TITLE_BEFORE.search(before)
    if t and _is_title_cue(t.group(1)):
        # "nannte den Plan „unausgegoren“": the noun is what is named, the quote is speech
        clause = masked[max(s_start, m.start - 60) : m.start]
        named = re.search(
            r"(?<![\w\-])(?:" + "|".join(sorted(NAMING_VERBS)) + r")[ \t]+(?:[\w\-]+[ \t]+){0,3}"
            r"[\w\-]+[ \t]*$",
            clause,
        )
        if not (named and not _name_like(inner) and "," not in clause[named.start() :]):
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
    name_like = _name_like(inner)
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
    if _speechlike(inner):
        return "direct"
    if name_like and not _NAMING_BEFORE.search(before):
        return "not_speech"
    sentence_words = {w.lower() for w in _WORDS_IN.findall(masked[s_start:s_end])}
    if _NAMING_BEFORE.search(before) and sentence_words & _JUDGING_VERBS:
        return "direct"  # nannte es „Wortbruch“, wies das als „Unverschämtheit“ zurück
    if name_like:
        return "not_speech"
    if frame is not None or _NAMING_BEFORE.search(before):
        return "direct"
    if sentence_words & SUBJUNCTIVE:
        return "direct"
    return "not_speech"


# --------------------------------------------------------------------------------------------
# 6. Indirect speech: a reporting verb, then a dass-clause or a subjunctive clause.

_CLAUSE_END = re.compile(
    r"[.;!?](?=\s|$)|$|,[ \t]*(?=(?:während|weil|obwohl|aber|doch|sondern|wobei|nachdem|bevor|"
    r"als|wenn|und|so)\b)|⟪(?=[^⟫]*$)"
)
_ACCUSING = frozenset(
    "beschuldigt beschuldigte beschuldigten vorgeworfen warf warfen aufgefordert forderte "
    "forderten angekündigt kündigte versprochen versprach gedroht drohte schlug schlugen "
    "vorgeschlagen bat baten gebeten angeboten bot boten beschlossen beschloss appellierte "
    "appellierten mahnte mahnten ermahnte riet rieten empfahl empfahlen".split()
)
_NOT_CLAUSE_START = frozenset(
    "der die das was wie wo weil um nachdem während wenn als bevor so sowie sondern aber und "
    "in im am an auf bei mit nach von vor zu zum zur für über unter gegen ohne seit den dem des "
    "ein eine einen einem einer".split()
)


_SECOND_POSITION = re.compile(
    r"(?:(?:er|sie|es|man)|(?:der|die|das|ein|eine)[ \t]+(?:[a-zäöüß][\w\-]*(?:e|en|er|es)[ \t]+)?"
    r"[A-ZÄÖÜ][\w\-]*)[ \t]+(?P<verb>[a-zäöüß]{2,}e)(?![\w\-])"
)
_ARTICLE_NOUN = re.compile(
    r"(?:der|die|das|ein|eine)[ \t]+(?:[a-zäöüß][\w\-]*(?:e|en|er|es)[ \t]+)?[A-ZÄÖÜ]"
)


def _indirect(body, masked, sentences, tops, entities: _Entities, used) -> list[Quotation]:
    """Indirect speech: a reporting clause, then a dass-clause, a subjunctive clause, or (after
    verbs of accusing and demanding) a zu-infinitive clause."""
    out = []
    for s_start, s_end in sentences:
        last_end = s_start
        for cue in _cue_tokens(masked, s_start, s_end):
            if cue[0] < last_end:
                continue
            comma = re.compile(r"[ \t\w\-äöüÄÖÜß〈〉]{0,80}?,[ \t]*").match(masked, cue[1], s_end)
            if comma is None:
                continue
            start = comma.end()
            end_m = _CLAUSE_END.search(masked, start + 1, s_end)
            end = end_m.start() if end_m else s_end
            while end > start and masked[end - 1] in " \t,":
                end -= 1
            clause = masked[start:end]
            words = [w.lower() for w in _WORDS_IN.findall(clause)]
            if len(words) < 3:
                continue
            dass = words[0] in ("dass", "ob")
            zu_infinitive = cue[2].lower() in _ACCUSING and (
                words[-1].startswith("zu") or words[-2] == "zu"
            )
            # "der Pilot trage …": an article before a noun opens a clause; "der …" before a
            # lower-case word is a relative pronoun
            opener = words[0] not in _NOT_CLAUSE_START or bool(_ARTICLE_NOUN.match(clause))
            subjunctive = opener and any(w in SUBJUNCTIVE for w in words[:7])
            if opener and not subjunctive:
                # "die Union benötige …": a verb in -e right after the first phrase
                second = _SECOND_POSITION.match(clause)
                subjunctive = bool(second) and second.group("verb") not in _NOT_CLAUSE_START
            if not (dass or zu_infinitive or subjunctive):
                continue
            phrase = _subject(masked, s_start, cue, s_end)
            speaker = None
            if phrase is not None and phrase.pronoun:
                personal = phrase.text.lower() in ("er", "sie")
                speaker = entities.resolve_pronoun(phrase.pronoun, phrase.start, False, personal)
            elif phrase is not None:
                speaker = entities.name_for(phrase)
            if speaker is None:
                # reported speech whose speaker is not found is kept, with no speaker
                out.append(Quotation(start, end, "indirect", None, None, None, cue[2], 0.3))
                last_end = end
                continue
            if speaker not in entities.entities:
                entities.register(phrase, speaker)
            used[speaker] = entities.entities[speaker]
            out.append(
                Quotation(start, end, "indirect", speaker, phrase.start, phrase.end, cue[2], 0.5)
            )
            last_end = end
        if last_end == s_start:
            found = _sourced_sentence(masked, s_start, s_end)
            if found is not None:
                start, end, phrase, cue_word = found
                if phrase is None:
                    out.append(Quotation(start, end, "indirect", None, None, None, cue_word, 0.3))
                    continue
                if phrase.pronoun:
                    speaker = entities.resolve_pronoun(phrase.pronoun, phrase.start, False)
                else:
                    speaker = entities.name_for(phrase)
                if speaker is None and _mute(phrase):
                    # "Laut Behördenangaben …": a source that names no one
                    out.append(Quotation(start, end, "indirect", None, None, None, cue_word, 0.3))
                    continue
                if speaker is None:
                    continue
                if speaker not in entities.entities:
                    entities.register(phrase, speaker)
                used[speaker] = entities.entities[speaker]
                out.append(
                    Quotation(
                        start, end, "indirect", speaker, phrase.start, phrase.end, cue_word, 0.5
                    )
                )
    return out


_VERB_AFTER_COMMA = re.compile(r"[ \t]*(?P<verb>[a-zäöüß]+)")


def _framed_after(masked: str, pos: int, s_end: int) -> tuple[int, int, _Phrase, str] | None:
    """'Die Lage sei ernst, sagte der Minister.', 'Man habe alles versucht, so die Polizei.': a
    subjunctive clause with its frame after it."""
    comma = masked.rfind(",", pos, s_end)
    if comma < 0 or OPEN_Q in masked[pos:s_end]:
        return None
    words = [w.lower() for w in _WORDS_IN.findall(masked[pos:comma])]
    if len(words) < 3 or not any(w in SUBJUNCTIVE for w in words[:7]):
        return None
    if words[0] in _NOT_CLAUSE_START and words[0] not in ("der", "die", "das"):
        return None
    so = _SO_ANY.match(masked, comma, s_end)
    if so is not None:
        phrase, cue_word = _bare(so), "so"
    else:
        verb = _VERB_AFTER_COMMA.match(masked, comma + 1, s_end)
        cues = _cue_tokens(masked, comma + 1, s_end)
        if verb is None or not cues or cues[0][0] != verb.start("verb"):
            return None  # the frame must open with its verb: ", sagte der Minister"
        phrase = _subject(masked, comma + 1, cues[0], s_end)
        cue_word = cues[0][2]
    if phrase is None or not (phrase.pronoun or phrase.name or phrase.role):
        return None
    end = comma
    while end > pos and masked[end - 1] in " \t":
        end -= 1
    return pos, end, phrase, cue_word


_UNNAMED_SOURCE = re.compile(
    r"(?P<cue>(?:[Nn]ach|[Ll]aut)[ \t]+(?:(?:ersten|offiziellen|inoffiziellen|bisherigen|eigenen"
    r"|neuen|neuesten|jüngsten|vorläufigen|deren|dessen|seinen|ihren|unbestätigten)[ \t]+)?"
    r"(?:Angaben|Informationen|Erkenntnissen|Berichten|Schätzungen|Polizeiangaben"
    r"|Medienberichten|Presseberichten|Zeugenaussagen|Augenzeugenberichten)|Demnach)"
    r"(?![\w\-])(?![ \t]+(?:von|des|der|eines|einer)[ \t])[ \t]+(?=[a-zäöüß])"
)
_SENTENCE_LEAD = re.compile(r"[ \t\n]*(?:(?:Auch|Doch|Aber|Und|Zudem|Außerdem)[ \t]+)?")
_WIE_LEAD = re.compile(r"[ \t\n]*(?:(?:Auch|Doch|Aber|Und|Zudem|Außerdem)[ \t]+)?[Ww]ie[ \t]")


def _sourced_sentence(
    masked: str, s_start: int, s_end: int
) -> tuple[int, int, _Phrase | None, str] | None:
    """A sentence that opens with its source: 'Nach Angaben der Polizei sind …', 'Laut X
    habe …', 'Wie die Agentur berichtet, …'. The rest of the sentence is reported speech."""
    lead = _SENTENCE_LEAD.match(masked, s_start, s_end)
    pos = lead.end()
    phrase = None
    cue_word = ""
    laut = _LAUT.match(masked, pos, s_end) or _ZUFOLGE.match(masked, pos, s_end)
    unnamed = None if laut else _UNNAMED_SOURCE.match(masked, pos, s_end)
    if unnamed is not None:
        # "Nach Polizeiangaben …", "Nach ersten Informationen …", "Demnach …": a source that
        # names no one; the rest of the sentence is reported, with no speaker
        start = unnamed.end()
        end = s_end
        while end > start and masked[end - 1] in " \t\n.!?,;:":
            end -= 1
        if len(_WORDS_IN.findall(masked[start:end])) < 3 or OPEN_Q in masked[start:end]:
            return None
        return start, end, None, unnamed.group("cue")
    if laut is not None:
        phrase = _bare(laut)
        cue_word = laut.group("cue")
        rest = laut.end()
        if not (phrase.name or phrase.role) or not _personlike(phrase):
            return None
    elif _WIE_LEAD.match(masked, s_start, s_end):
        comma = masked.find(",", pos, min(s_end, pos + 200))
        if comma < 0:
            return None
        cues = _cue_tokens(masked, pos, comma)
        if not cues:
            return None
        phrase = _subject(masked, s_start, cues[-1], s_end)
        if phrase is None:
            return None
        cue_word = cues[-1][2]
        rest = comma + 1
    else:
        return _framed_after(masked, pos, s_end)
    # skip an apposition or a bracket after the source
    skip = re.compile(r"(?:[ \t]*\([^()]{1,60}\)|[ \t]*,[^,⟪⟫]{1,80},)?[ \t]*").match(
        masked, rest, s_end
    )
    start = skip.end()
    end = s_end
    while end > start and masked[end - 1] in " \t\n.!?,;:":
        end -= 1
    words = _WORDS_IN.findall(masked[start:end])
    if len(words) < 3 or not masked[start : start + 1].islower() and laut is not None:
        # after "Nach Angaben der Polizei" the verb comes next: "sind", "habe", "wurden"
        return None
    return start, end, phrase, cue_word
