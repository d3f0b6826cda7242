"""Noun phrases, names and roles: the regular expressions and their analysis.

``NP`` matches a speaker phrase (a pronoun, an article phrase with adjectives and a role, or a
name, each with up to three genitives); ``analyse_phrase`` splits a match into article,
adjectives, role and name and says whether it is a person or an organisation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from articles.quotes.features import starting_with
from articles.quotes.lexicon import (
    FEMALE_KIN,
    FEMALE_NAMES,
    KIN,
    MALE_A_NAMES,
    MALE_FIRST_NAMES,
    NAME_PARTICLES,
    NOT_NAMES,
    ORG_SUFFIXES,
    ORG_WORDS,
    ROLE_SUFFIXES,
)
from articles.quotes.marks import CLOSE_NAME, LINKED, OPEN_NAME
from articles.speakernames import PEOPLE, category


def word_alternation(words: Iterable[str]) -> str:
    """An alternation of words grouped by their first letter, ``A(?:ber|bend)|B(?:ei|is)``: it
    matches what ``Aber|Abend|Bei|Bis`` matches, preferring the words in the same order (for a
    pattern without IGNORECASE), but where a word starts the engine tries one branch per first
    letter, not every word: 2-3x faster scans of names and roles."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


CAP = r"(?:[A-ZÄÖÜ](?:[\w\-'’&]|\.(?=[A-ZÄÖÜ]\.))*[\w&]|[A-ZÄÖÜ])"
_PARTICLE = "(?:" + "|".join(NAME_PARTICLES) + ")"  # "von", "bin", "y": a name goes on
NOT_NAME_RE = word_alternation(sorted(NOT_NAMES, key=len, reverse=True))
# a capitalised word that is no sentence opener ("Aber"): the look-ahead for a capital first
# passes over lower-case words without trying the list
# (a name may open with an Arabic article: "el-Baradei", "al-Dschasira")
NAMEW = (
    rf"(?:(?=[A-ZÄÖÜ])|(?<![\w\-])(?=[aeu][lsrd]-[A-ZÄÖÜ])(?:al|el|as|ar|ad|ul)-)"
    rf"(?!(?:{NOT_NAME_RE})\b){CAP}"
)
_TITLES = r"(?:(?:Prof|Dr|Dres|Dipl\.-Ing|Ing|Mag)\.[ \t]+){0,3}"  # "Prof. Dr. Karl Huber"
# "zu Guttenberg" is a name, "zu Protokoll", "zu Wort" are idioms
_ZU_IDIOMS = r"(?!zu[ \t]+(?:Protokoll|Wort|Worte|Hause|Beginn|Gast|Ende|Fuß|Recht|Rate|Boden)\b)"
_NAME_LINK = (
    rf"(?:(?:von|van)[ \t]+(?:der|den)[ \t]+|{_ZU_IDIOMS}{_PARTICLE}[ \t]+"
    rf"|(?:{LINKED}[\w\-]*[ \t]+){{1,2}}"  # "Bundesagentur für Arbeit" (orgnames)
    rf"|&[ \t]+)"  # "Procter & Gamble", "Wiener Linien GmbH & Co KG"
)
# A middle initial between two names: "George W. Bush", "Jürgen R. Thumann".
INITIAL = r"[A-ZÄÖÜ]\.(?=[ \t]+[A-ZÄÖÜ][a-zäöüß])"
NAME = (
    # (a quoted name ends at its closing mark: "die „El Mundo“ Rajoy den Sieg zu")
    rf"(?:〈?{_TITLES}{NAMEW}(?:(?<!〉)[ \t]+{_NAME_LINK}?〈?(?:{INITIAL}|{NAMEW})〉?){{0,4}}〉?"
    rf"|〈[a-zäöüß][^〈〉\n]{{0,38}}〉)"  # a lower-case name in quotation marks: die „taz“
)
ART = (
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
ADJ = (
    rf"(?!(?:{_DETERMINERS})\b)(?:[a-zäöüß][\w\-]*(?:e|en|er|es|em)"
    rf"|[A-ZÄÖÜ][\w\-]*(?:ische|ischen|ischer)|\d+-\w+e[nr]?|\d+)"
)
GEN = (
    rf"(?:[ \t]+(?:des|der|von|vom|eines|einer|in|aus|im|beim|bei)[ \t]+"
    rf"(?:(?:der|dem|den)[ \t]+)?(?:{ADJ}[ \t]+){{0,2}}{NAME})"
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
DEMONSTRATIVES = {
    "letzterer": "er", "letztere": "sie", "dieser": "er", "diese": "sie", "jener": "er",
    "jene": "sie",
}  # fmt: skip
NP = (
    rf"(?:(?P<pron>{_PRON})(?![\w\-])"
    rf"|(?P<art>{ART})[ \t]+(?P<part>{_PARTICIPLE_PHRASE})?(?:{_ADV}{ADJ}[ \t]+){{0,3}}"
    rf"(?:{NAME}|\d+-[Jj]ährigen?(?![\w\-]))"
    rf"{GEN}{{0,3}}"
    rf"|{NAME}{GEN}{{0,3}})"
)
NP_AT = re.compile(rf"{NP}(?![\w\-])")
APPOSITION_NAME = re.compile(
    rf",[ \t]+(?P<name>{NAME})(?:[ \t]*\([^()]{{1,30}}\))?[ \t]*(?=[,⟪⟫:.]|[ \t]+[a-zäöüß])"
)
# A role is a word of letters and hyphens ending in a role suffix and perhaps an inflection
# ("Bundesaußenministerin"): ``(?:[\w\-]*-)?\w*(?:<suffixes>)(?:in|innen|en|n|s|e|es)?``. The
# expression reads the word backwards, so that the suffixes are tried once, at its end, and not
# again at each letter the ``\w*`` gives back: 20x faster.
_ROLE_REVERSED = re.compile(
    r"(?:ni|nenni|ne|n|s|e|se)?(?:"
    + word_alternation(s[::-1] for s in sorted(ROLE_SUFFIXES, key=len, reverse=True))
    + r")[\w\-]*",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"[A-ZÄÖÜ0-9&\-.]{2,}")
_ADJ_END = re.compile(r"(e|en|em|er|es)$")


@functools.lru_cache(maxsize=20000)
def is_role(token: str) -> bool:
    return bool(_ROLE_REVERSED.fullmatch(token[::-1]))


def _is_org(tokens: list[str], article: str | None) -> bool:
    for tok in tokens:
        low = tok.lower()
        if low in ORG_WORDS or low.endswith(ORG_SUFFIXES) or tok[:1] == LINKED or tok == "&":
            return True  # (a linked name is an organisation's: see orgnames; so is "X & Y")
    if tokens and all(_ACRONYM.fullmatch(t) for t in tokens):
        return True
    return bool(article and article.lower() in ("das", "dieses") and tokens)


def normalise_role(adjectives: list[str], role: list[str], article: str | None) -> str:
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
class Phrase:
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


_INITIAL_TOKEN = re.compile(r"[A-ZÄÖÜ]\.")


def after_stray_initial(words: list[str]) -> list[str]:
    """The words of a name without what stands before an initial that follows no first name:
    "George W. Bush" stays, "Raum A. Peter Müller" (a sentence that ends in "Raum A.") is
    "Peter Müller", and an initial that opens the name goes too ("B. Schröder")."""
    for i in range(len(words) - 1, -1, -1):
        if _INITIAL_TOKEN.fullmatch(words[i]) and (i == 0 or not is_first_name(words[i - 1])):
            return words[i + 1 :]
    return words


def analyse_phrase(match: re.Match, text_start: int = 0) -> Phrase:
    """Split a noun phrase into article, adjectives, role and name."""
    start = match.start() + text_start
    if match.group("pron"):
        text = match.group(0).replace(OPEN_NAME, " ").replace(CLOSE_NAME, " ")
        pronoun = DEMONSTRATIVES.get(text.lower(), text.lower())
        return Phrase(start, start + len(text), text, pronoun=pronoun)
    part = match.group("part")
    a = b = 0
    if part:
        a, b = match.start("part") - match.start(), match.end("part") - match.start()
    # the analysis is a pure function of the phrase's words, the same wherever it stands: it
    # is kept for all articles, at offset 0, and each caller gets a fresh copy at its place
    # (of every field: tests/articles/quotes/test_speed_equivalence.py checks the list)
    found = _analyse_words(match.group(0), match.group("art"), part, a, b)
    return Phrase(
        found.start + start,
        found.end + start,
        found.text,
        pronoun=found.pronoun,
        name=found.name,
        name_start=None if found.name_start is None else found.name_start + start,
        role=found.role,
        kind=found.kind,
        female=found.female,
        participle=found.participle,
    )


_TOKEN = re.compile(r"[^\s]+")
NAME_PREFIX = re.compile(r"(?:al|el|as|ar|ad|ul)-[A-ZÄÖÜ]")


@functools.lru_cache(maxsize=8192)
def _analyse_words(group: str, article: str | None, part: str | None, a: int, b: int) -> Phrase:
    """``analyse_phrase`` of a phrase that is no pronoun, at offset 0: ``group`` is the whole
    match, ``article`` and ``part`` its groups, ``a``..``b`` where ``part`` stands in it."""
    text = group.replace(OPEN_NAME, " ").replace(CLOSE_NAME, " ")
    start = 0
    if part:
        # blank the participle phrase out; offsets stay valid
        text = text[:a] + " " * (b - a) + text[b:]
    tokens = [(m.group(0), m.start()) for m in _TOKEN.finditer(text)]
    if article:
        tokens = tokens[1:]
    kept = after_stray_initial([t for t, _ in tokens])
    if len(kept) < len(tokens):
        tokens, article = tokens[len(tokens) - len(kept) :], None  # "Gruppe B. Schröder"
    adjectives: list[str] = []
    while tokens and (tokens[0][0][:1].islower() or tokens[0][0][:1].isdigit()):
        if NAME_PREFIX.match(tokens[0][0]):
            break  # "el-Baradei", "al-Dschasira": a name
        if len(tokens) == 1 and re.fullmatch(r"\d+-[Jj]ährigen?", tokens[0][0]):
            break  # "der 58-Jährige": the noun
        if tokens[0][1] > 0 and group[tokens[0][1] - 1] == OPEN_NAME:
            break  # "die „taz“": a quoted name, not an adjective
        adjectives.append(tokens.pop(0)[0])
    while len(tokens) > 1 and TITLE_TOKEN.fullmatch(tokens[0][0]):
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
        if is_role(tok) and not (i + 1 < len(main) and main[i + 1][0].startswith(LINKED)):
            role_idx = i  # (not "Reporter ohne Grenzen": the head of an organisation's name)
    if (
        role_idx < 0
        and article
        and article.lower() in ("der", "die", "ein", "eine")
        and len(main) >= 3
        and not _is_org([t for t, _ in main], None)
    ):
        role_idx = 0  # "der Meteorologe Karl Sommer": an unlisted role before a full name
    if role_idx < 0 and not article and _noun_before_full_name([t for t, _ in main]):
        # "laut Hauptmann Abraham Sipe", "im Landtag Gudrun Pieper": a noun before a first
        # name and a surname is the person's role, or no part of the name
        if main[0][0].lower().endswith(PERSON_ENDINGS):
            role_idx = 0
        else:
            main = main[1:]
    words = [t for t, _ in main]
    gen_text = " ".join(t for t, _ in genitive)
    phrase = Phrase(start, start + len(text), text)
    phrase.participle = bool(part)
    quoted = group.find(OPEN_NAME, 1)
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
        role = normalise_role(adjectives, role_words, article)
        if not name_part and _name_at_end(genitive):
            # "Premierminister des Kosovos Hashim Thaçi", "Vorsitzende der Linken Gesine
            # Lötzsch": the person after the role's genitive
            name_part, genitive = genitive[-2:], genitive[:-2]
            gen_text = " ".join(t for t, _ in genitive)
        if gen_text:
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
        personal = len(main) >= 2 and is_first_name(words[0])
        capitalised = all(w[:1].isupper() for w in words) and not _is_org(words, article)
        after = genitive[1:2] if genitive and genitive[0][0] in ("von", "vom") else []
        if after and after[0][0] in ("der", "den", "dem"):
            after = genitive[2:3]  # "von der IG Metall"
        organisation = bool(after) and after[0][0][:1].isupper()
        if (personal or (capitalised and organisation)) and (
            personal
            or len(main) >= 2
            or (genitive[0][0] == "vom" and words[0].lower().endswith(PERSON_ENDINGS))
        ):
            # "Petra Klein vom Sozialverband", "Tomas Berger von Human Rights Watch": the name
            # ends before "von"; the organisation is no part of it
            if genitive and genitive[0][0] in ("von", "vom"):
                gen_text = ""
        elif genitive and not article and OPEN_NAME in group[genitive[0][1] :]:
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


# businesses that often bear their founder's name
NAMED_AFTER_PEOPLE = ("büro", "kanzlei", "stiftung", "verlag", "haus", "galerie", "klinik")


def _name_at_end(genitive: list[tuple[str, int]]) -> bool:
    """Does a role's genitive end with a first name and a surname, after a noun of its own?"""
    return (
        len(genitive) >= 4
        and is_first_name(genitive[-2][0])
        and genitive[-1][0][:1].isupper()
        and genitive[-3][0][:1].isupper()
        and not is_first_name(genitive[-3][0])
        and not _person_in_genitive(genitive[-3][0])  # "des Angeklagten Karl Roth": his name
    )


def _person_in_genitive(word: str) -> bool:
    """Is a noun in the genitive a word for a person ("Angeklagten", "Ministers")?"""
    if is_role(word) or category(word) == PEOPLE:
        return True
    for ending in ("es", "s", "en", "n"):
        stem = word.removesuffix(ending)
        if stem != word and len(stem) > 2 and (is_role(stem) or is_role(stem + "r")):
            return True
    return False


_ROMAN = re.compile(r"[IVX]+\.?")


def _noun_before_full_name(words: list[str]) -> bool:
    """A capitalised word that is no first name before a first name and a surname ("Punklady
    Nina Hagen", "im Landtag Gudrun Pieper"); not before a ruler's number ("Papst Benedikt
    XVI."), nor a word for a business that a person's name may name ("Konzert-Büro Richard
    Weber")."""
    return (
        len(words) >= 3
        and words[0][:1].isupper()
        and not words[0].lower().endswith(NAMED_AFTER_PEOPLE)
        and not words[0].isupper()
        and is_first_name(words[1])
        and not is_first_name(words[0])
        and words[2][:1].isupper()
        and not _ROMAN.fullmatch(words[-1])
    )


TITLE_TOKEN = re.compile(r"(?:Prof|Dr|Dres|Dipl\.-Ing|Ing|Mag)\.")


def kin(role: str) -> bool:
    """A role that says how a person is addressed or related ('Frau', 'Bruder'), no office."""
    return role.split()[-1].lower() in KIN


def is_first_name(word: str) -> bool:
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
        return is_first_name(first) and bool(following) and following[0][:1].isupper()
    return (
        tok in ("der", "den")
        and i > 0
        and tokens[i - 1][0] == "von"
        and bool(main)
        and (main[-1][0] == "von")
    )


# The first letters of an NP: a capital (a name, a title, "Einer der", "Hunderte"), "〈" (a name
# in quotation marks) or the lower-case first letter of a word of ``_PRON`` or ``ART`` (keep in
# step with them: a test checks each word).
NP_FIRST = "[A-ZÄÖÜ〈abdeijlmsuvwz]"  # (a, e, u: "al-", "el-", "ul-" open a name)
NP_BOUNDED = starting_with(NP_FIRST, rf"(?<![\w\-]){NP}(?![\w\-])")

PERSON_ENDINGS = (
    "er", "ier", "ner", "ler", "ten", "isten", "anten", "enten", "innen", "in", "e",
    "ent", "ant", "ist", "or", "eur", "mann", "leute", "mensch", "menschen", "grünen", "linken",
)  # fmt: skip

NP_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", NP)  # the same phrase without named groups
