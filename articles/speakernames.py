"""Whether a name the quotation extractor found can be a speaker, and the speaker as it is
stored: its name, kind and role normalised, and its surname.

Plain Python with no Django imports (see STYLE.md). The word lists are data files in
``speakernames_data/`` (its README says what each holds); the rules here are general:

- Adverbs, conjunctions and pronouns that open a sentence ("Zugleich", "Demgegenüber"), phrases
  that start with a preposition ("Aufgrund der Bombendrohung"), documents and other things
  ("Studie", "Stellungnahme"), events ("Zugunglück Neuseelands") and places are never speakers;
  nor is a lone capitalised word that is a common noun by its ending (-ung, -heit, -keit,
  -ismus, -tät, -nis, -tum, -schaft) unless it names an organisation ("Regierung").
- People, roles ("Staatsanwalt", "Sprecher des Fernsehsenders ProSieben"), organisations
  ("Polizei", "SPD") and outlets ("Reuters") are speakers. A name is judged by its head, the
  first noun after any article and adjective: "Autoren der Studie" are people, "Bericht der
  Menschenrechtsorganisation" is a document.
- ``surname("Ursula von der Leyen")`` is "von der Leyen", as German writes her name alone;
  ``surname_key`` leaves the particles out ("leyen"), so that "Leyen", "von der Leyen" and
  "Von der Leyen" at the start of a sentence all find her.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("speakernames_data")

PERSON = "person"
ORGANISATION = "organisation"
MALE, FEMALE = "m", "f"

# Categories of a noun, found in the word lists.
THING, EVENT, ORG, PEOPLE = "thing", "event", "organisation", "person"

# What may follow a list's word at the end of a compound: plural and genitive, and for words
# for people the feminine forms and the weak nouns' -en ("Präsidenten").
_ENDINGS = ("", "s", "es", "e", "n", "en")
_PERSON_ENDINGS = (*_ENDINGS, "in", "innen", "ern")
# "Vorsitzende", "Vorsitzender", "Vorsitzenden", "Vorsitzendem", "Vorsitzendes".
_ADJECTIVAL_ENDINGS = ("", "r", "n", "m", "s")

# A lone word with one of these endings is a common noun, when at least so many letters come
# before the ending (so that "Jung" and "Dennis" are names); one that names an organisation
# ("Regierung", "Kommission") is found in the lists first.
_ABSTRACT = (
    ("ungen", 3),
    ("ung", 3),
    ("heiten", 2),
    ("heit", 2),
    ("keiten", 3),
    ("keit", 3),
    ("ismus", 2),
    ("täten", 3),
    ("tät", 3),
    ("nissen", 4),
    ("nisse", 4),
    ("nis", 4),
    ("tum", 3),
    ("schaften", 3),
    ("schaft", 3),
    ("ionen", 4),
    ("ion", 4),
)

_DETERMINERS = frozenset(
    "der die das des dem den ein eine einer eines einem einen "
    "mein meine meiner meinen meinem sein seine seiner seinen seinem "
    "ihr ihre ihrer ihren ihrem unser unsere unserer unseren unserem "
    "dessen deren eigenen".split()
)
# Name particles: "Ursula von der Leyen", "Karl-Theodor zu Guttenberg", "Thomas de Maizière".
PARTICLES = frozenset(
    "von van de der den del della di da du dos zu ten ter le la al el bin ibn abu".split()
)
_TITLES = frozenset("sir dr dr. prof prof. professor lord lady".split())
_SUFFIXES = frozenset("ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi jr jr. sr sr.".split())
# Words that begin the part of a phrase after its head ("Sprecher des Senders").
_LINKS = frozenset(
    "der des dem den die das von vom für im am in bei aus zu zur zum und sowie auf über an "
    "mit gegen nach unter of for the and".split()
)

_QUOTES = "„“”\"'‚‘’»«›‹"
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9&.-]*[A-ZÄÖÜ0-9]\.?")
# "NDRInfo": an acronym glued to a word.
_ACRONYM_PREFIX = re.compile(r"[A-ZÄÖÜ]{2,}[A-ZÄÖÜ][a-zäöüß]")
_DOMAIN = re.compile(r"[\w.-]+\.(de|com|net|org|at|ch|eu|info|tv|uk)", re.IGNORECASE)
# A sentence end the extractor took into a name: "Bundesanzeiger.Mats Schönauer".
_GLUED_SENTENCE = re.compile(r"^.*?[a-zäöüß]{3,}\.(?=[A-ZÄÖÜ][a-zäöüß])")
_ADJECTIVE = re.compile(
    r"(isch|al|ell|iv|ig|lich|end|ert|ene|st|neu|erst|vereinigt|vereint|grün|link|deutsch"
    r"|frei|groß|hoh|gut|alt|ander|früher)(e|er|en|es|em)"
)
_ADJECTIVE_END = re.compile(r"(e|er|en|es|em)$")
# Nouns that decline weakly: "den Präsidenten", "des Theologen".
_WEAK = ("ent", "ant", "ist", "yst", "at", "ot", "naut", "krat", "graf", "soph", "arch", "nom", "e")
# The ending of a word for a person, for a role not in the lists ("Amtsinhaber").
_PERSON_ENDS = (
    "er", "in", "ent", "ant", "ist", "yst", "or", "eur", "är", "at", "e", "ling", "ier",
    "naut", "ot", "chef", "haupt", "vorstand", "rat", "mitglied", "papst", "arzt", "walt",
)  # fmt: skip


# --- Word lists ------------------------------------------------------------------------------


@cache
def words(list_name: str) -> frozenset[str]:
    """A word list from ``speakernames_data/``, lower-cased (``str.casefold``)."""
    text = (DATA / f"{list_name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


@dataclass(frozen=True)
class _Compounds:
    """A word list whose entries also match the end of a compound; "=word" only whole."""

    whole: frozenset[str]
    ends: frozenset[str]
    endings: tuple[str, ...]

    def match(self, word: str) -> int:
        """The length of the longest match at the end of ``word``, 0 for none."""
        low = word.casefold()
        best = 0
        for ending in self.endings:
            if ending and not low.endswith(ending):
                continue
            stem = low[: len(low) - len(ending)] if ending else low
            if stem in self.whole or stem.rsplit("-", 1)[-1] in self.whole:
                best = max(best, len(low))
                continue
            for i in range(len(stem)):
                # A short word ends a compound only after a few letters: "Ismail" is no "Mail".
                if stem[i:] in self.ends and (i == 0 or i >= 3 or len(stem) - i > 4):
                    best = max(best, len(stem) - i + len(ending))
                    break
        return best

    def stem(self, word: str) -> str | None:
        """``word`` without an ending, when the rest is exactly a list word's compound."""
        low = word.casefold()
        for ending in sorted(self.endings, key=len):
            if ending and not low.endswith(ending):
                continue
            stem = low[: len(low) - len(ending)] if ending else low
            if stem in self.whole or any(stem.endswith(entry) for entry in self.ends):
                return word[: len(word) - len(ending)] if ending else word
        return None


@cache
def _compounds(list_name: str) -> _Compounds:
    entries = words(list_name)
    endings = {
        "person_nouns": _PERSON_ENDINGS,
        "adjectival_nouns": _ADJECTIVAL_ENDINGS,
    }.get(list_name, _ENDINGS)
    return _Compounds(
        whole=frozenset(entry[1:] for entry in entries if entry.startswith("=")),
        ends=frozenset(entry for entry in entries if not entry.startswith("=")),
        endings=endings,
    )


_CATEGORY_LISTS = (
    (PEOPLE, "person_nouns"),
    (PEOPLE, "adjectival_nouns"),
    (ORG, "organisations"),
    (THING, "things"),
    (EVENT, "events"),
)


@lru_cache(maxsize=16384)  # pure, and asked for the same words again and again
def category(word: str) -> str | None:
    """What a noun names by the word lists (the longest match at its end wins): PEOPLE, ORG,
    THING, EVENT, or None. A first name or a listed surname is none of them; a compound
    that opens with a first name ("Robert-Koch-Institut") is judged by its end."""
    parts = word.casefold().split("-")
    if all(part in _first_names() for part in parts) or word.casefold() in words("surnames"):
        return None
    best, found = 0, None
    for name, list_name in _CATEGORY_LISTS:
        length = _compounds(list_name).match(word)
        if length > best:
            best, found = length, name
    return found


def common_noun(word: str) -> bool:
    """A word that is a common noun by its ending ("Stellung", "Freiheit", "Ergebnis")."""
    low = word.casefold()
    if low in words("surnames") or low in _first_names():
        return False
    return any(
        low.endswith(ending) and len(low) - len(ending) >= before for ending, before in _ABSTRACT
    )


@cache
def _first_names() -> frozenset[str]:
    return words("first_names_male") | words("first_names_female")


def first_name(token: str) -> bool:
    """A known first name ("Angela", "Frank-Walter"; "Hans-Jörg" by its first part)."""
    low = token.casefold()
    return low in _first_names() or low.split("-", 1)[0] in _first_names()


def place(text: str) -> bool:
    """A place by the list, or its genitive ("Frankreichs")."""
    low = " ".join(text.split()).casefold()
    return low in words("places") or (low.endswith("s") and low[:-1] in words("places"))


def outlet(text: str) -> bool:
    """A news agency, paper, broadcaster or site, by its whole name or web address."""
    low = " ".join(text.split()).casefold()
    return low in words("outlets") or bool(_DOMAIN.fullmatch(low))


# --- Reading a name --------------------------------------------------------------------------


def _capitalised(token: str) -> bool:
    """A noun or a name: a capital letter, or a compound whose last part has one
    ("documenta-Homepage"), or a camel-cased brand ("eBay")."""
    if not token or not token[0].isalpha():
        return bool(token[:1].isdigit() and "-" in token and token.rsplit("-", 1)[-1][:1].isupper())
    if token[0].isupper():
        return "-" not in token or token.rsplit("-", 1)[-1][:1].isupper() or token.isupper()
    return token.rsplit("-", 1)[-1][:1].isupper() or (len(token) > 1 and token[1].isupper())


def _adjective(tokens: list[str], i: int) -> bool:
    """Is ``tokens[i]`` an adjective before a noun ("Politische Beobachter",
    "Berliner Polizei", "deutsche Außenminister")?"""
    token = tokens[i]
    if i + 1 >= len(tokens) or not _capitalised(tokens[i + 1]):
        return False
    low = token.casefold()
    if not token[0].isupper():
        return not _capitalised(token)
    if category(token) is not None or first_name(token) or low in words("surnames"):
        # "Vorsitzender Richter", "Stellvertretender Chef"; not "Beamte Filep Karma"
        return bool(_compounds("adjectival_nouns").match(token)) and (
            category(tokens[i + 1]) in (PEOPLE, ORG)  # "Deutsche Schutzvereinigung"
        )
    if _ADJECTIVE.search(low) and _ADJECTIVE_END.search(low):
        return True
    return low.endswith("er") and low[:-2] in words("places")  # "Berliner", "Schweizer"


def _clean(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name)
    name = _GLUED_SENTENCE.sub("", name)
    name = " ".join(name.replace(_QUOTES[0], " ").split())
    return name.strip(_QUOTES + " ,;:.!?-–—").strip()


def _particle_name(tokens: list[str]) -> bool:
    """ "Von der Leyen", "Zu Guttenberg": particles, then one or two names."""
    i = 0
    while i < len(tokens) and tokens[i].casefold() in PARTICLES:
        i += 1
    rest = tokens[i:]
    return (
        0 < i <= 3
        and tokens[0].casefold() != "der"
        and 1 <= len(rest) <= 2
        and all(_plain_name(token) for token in rest)
    )


def _plain_name(token: str) -> bool:
    """A capitalised word that is no noun of the lists, no acronym and no place."""
    return (
        token[:1].isupper()
        and category(token) is None
        and not common_noun(token)
        and not _ACRONYM.fullmatch(token)
        and not place(token)
        and not outlet(token)
    )


# "nicht namentlich genannter", "ungenannte", "bislang nicht genannten": no part of who it is
_UNNAMED = re.compile(r"nicht|namentlich|bislang|bisher|(?:un)?genannte[rnms]?")


def _strip_front(tokens: list[str]) -> list[str]:
    """Without leading articles, possessives, sentence openers ("Obwohl Steinbrück") and
    words saying that the source is not named ("[Ein nicht namentlich genannter] Sprecher")."""
    tokens = list(tokens)
    while len(tokens) > 1:
        low = tokens[0].casefold()
        if _UNNAMED.fullmatch(low):
            tokens.pop(0)
            continue
        if low in _DETERMINERS or (low in words("openers") and not _particle_name(tokens)):
            tokens.pop(0)
            if low in _DETERMINERS and tokens[0].casefold() in words("prepositions"):
                return _after_attribute(tokens)
            continue
        break
    return tokens


def _after_attribute(tokens: list[str]) -> list[str]:
    """After an article, a phrase that ends in a participle describes the noun that follows
    ("die [in New York City geborene] Lopez"): the noun and what follows it."""
    for i in range(1, len(tokens) - 1):
        low = tokens[i].casefold()
        word = low not in _DETERMINERS and low not in _LINKS
        participle = word and not _capitalised(tokens[i]) and _ADJECTIVE_END.search(tokens[i])
        if participle and _capitalised(tokens[i + 1]):
            return tokens[i + 1 :]
    return tokens


def _head(tokens: list[str]) -> int | None:
    """The index of a phrase's head: its first noun after any adjective, or, in a run of
    names after a genitive ("Obamas Wahlkampfteam"), its last word."""
    if not tokens:
        return None
    apposition = category(tokens[0]) is not None  # "Organisation Human Rights Watch"
    if len(tokens) > 1 and not apposition and all(_capitalised(token) for token in tokens):
        genitive = any(
            token.endswith("s")
            and not first_name(token)
            and category(token) is None
            and not outlet(token)
            and not _ACRONYM.fullmatch(token)
            for token in tokens[:-1]
        )
        if genitive and (category(tokens[-1]) or common_noun(tokens[-1])):
            return len(tokens) - 1
    for i, token in enumerate(tokens):
        if _adjective(tokens, i):
            continue
        if _capitalised(token):
            return i
        if token.casefold() in _LINKS and token.casefold() not in ("und", "sowie"):
            return None
    return None


# --- Names -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerName:
    """A speaker as it is stored: the normalised name, its kind and role ("" for none)."""

    name: str
    kind: str
    role: str


# Pure, and asked again for every speaker of every article an import writes: kept.
@lru_cache(maxsize=16384)
def speaker_clean(name: str, *, kind: str = PERSON, role: str | None = None) -> SpeakerName | None:
    """The speaker for a name, kind and role the extractor found; None when the name cannot be
    a speaker. A role written into the name ("Formel-1-Fahrer Christian Klien") is used when
    the extractor found none."""
    normalised, name_role = name_normalise(name)
    if rejection(normalised) is not None:
        return None
    kind = speaker_kind(normalised, kind)
    label = role_normalise(role, name=normalised, kind=kind)
    return SpeakerName(
        normalised, kind, label or role_normalise(name_role, name=normalised, kind=kind)
    )


def is_speaker(name: str) -> bool:
    """Whether ``name`` can be a speaker at all (see ``rejection``)."""
    return rejection(name) is None


@lru_cache(maxsize=16384)
def rejection(name: str) -> str | None:
    """Why a name cannot be a speaker: "empty", "opener", "preposition", "place", "thing" or
    "event"; None when it can be one. The name is normalised first (``name_normalise``)."""
    text, _role = name_normalise(name)
    tokens = text.split()
    if not tokens or not any(char.isalpha() for char in text):
        return "empty"
    if outlet(text):
        return None
    if all(token.casefold() in _TITLES for token in tokens):
        return "empty"  # "Dr", "Prof.": a title without the name
    first = tokens[0].casefold()
    if first in words("openers") or (len(tokens) == 1 and first in _DETERMINERS):
        return "opener"
    if len(tokens) == 1 and first.endswith("weise") and len(first) > 6:
        return "opener"  # "Glücklicherweise", "Beispielsweise": an adverb; "Weise" is a name
    if text.casefold() == "art und weise":
        return "thing"  # "kritisierte die Art und Weise, wie …": the object of the verb
    if _genitive_phrase(tokens) or _genitive_pair(tokens):
        return "thing"
    if first in words("prepositions") and not _particle_name(tokens):
        return "preposition"
    if place(text) or all(place(token) or token.casefold() in _LINKS for token in tokens):
        return "place"
    head = _head(tokens)
    if head is None:
        return "thing"
    kind = category(tokens[head])
    if kind in (THING, EVENT):
        return kind
    if kind is None and common_noun(tokens[head]):
        return "thing"
    return None


def _genitive_pair(tokens: list[str]) -> bool:
    """Names in the genitive joined by "und", what is left of "(die Äußerungen) Hassemers und
    Papiers": whose words these are, not who says them."""
    if len(tokens) != 3 or tokens[1] not in ("und", "sowie"):
        return False
    return all(
        token[:1].isupper()
        and token.endswith("s")
        and not token.endswith("ss")
        and not token.isupper()
        and not first_name(token)
        and token.casefold() not in words("surnames")
        and not place(token)
        and not outlet(token)
        for token in (tokens[0], tokens[2])
    )


def _genitive_phrase(tokens: list[str]) -> bool:
    """A noun in the genitive with its own genitive attribute, "(anlässlich) des Entzugs des
    Doktortitels": what a preposition governs, not who speaks. A noun of the lists, a name
    and an acronym before "des" are left ("Sprecher des Ministeriums")."""
    if len(tokens) < 3 or tokens[1] != "des":
        return False
    head = tokens[0]
    return (
        head[:1].isupper()
        and head.endswith("s")
        and not head.isupper()
        and category(head) is None
        and not first_name(head)
        and head.casefold() not in words("surnames")
        and not place(head)
        and not outlet(head)
    )


@lru_cache(maxsize=16384)
def name_normalise(name: str) -> tuple[str, str]:
    """A name as it is stored, and a role it carried: without quotation marks, brackets,
    leading articles and openers; a role before a person's name taken out
    ("Formel-1-Fahrer Christian Klien" is "Christian Klien" with the role "Formel-1-Fahrer");
    an affiliation after it left off ("Theo Kitz vom Bankhaus Merck Finck"); a genitive head
    made nominative ("Innenministeriums" is "Innenministerium")."""
    text = _clean(name)
    if "," in text:
        text, role = _apposition(text)
        if role:
            return name_normalise(text)[0], role_text(role)
    if outlet(text):
        return text, ""
    tokens = _strip_front(text.split())
    if outlet(" ".join(tokens)):
        return " ".join(tokens), ""
    tokens = _without_kind_word(tokens)
    tokens, role = _split_role(tokens)
    tokens = _without_affiliation(tokens)
    tokens = _without_object(tokens)
    tokens = _nominative_head(tokens)
    return " ".join(tokens), role


def _apposition(text: str) -> tuple[str, str]:
    """ "Tomson Phiri, ein Sprecher des Welternährungsprogramms" and the other way round:
    (name, role); the whole text and "" when neither part is a role."""
    first, _, second = (part.strip() for part in text.partition(","))
    second = second.split(",")[0].strip()
    for name, role in ((first, second), (second, first)):
        tokens = _strip_front(role.split())
        head = _head(tokens) if tokens else None
        if head is not None and category(tokens[head]) == PEOPLE and _names_a_person(name):
            return name, " ".join(tokens)
    return " ".join(text.replace(",", " ").split()), ""


def _names_a_person(text: str) -> bool:
    tokens = _strip_front(text.split())
    return bool(tokens) and (
        first_name(tokens[0]) or all(_plain_name(token) or token in PARTICLES for token in tokens)
    )


def _split_role(tokens: list[str]) -> tuple[list[str], str]:
    """A role, then a person's name: split where a first name follows the role directly
    ("Außenminister der Russischen Föderation Sergei Lawrow"), or where names follow a word
    for a person ("Diktator Gaddafi")."""
    head = _head(tokens)
    if head is not None and category(tokens[head]) == ORG and not _links(tokens[: head + 1]):
        return tokens, ""  # a firm's name: "Konzert-Büro Richard Weber"
    for i in range(1, len(tokens)):
        previous = tokens[i - 1]
        if previous.casefold() in _LINKS or not _capitalised(previous):
            continue
        token = tokens[i]
        titled = token.casefold() in _TITLES and i + 1 < len(tokens) and first_name(tokens[i + 1])
        if (first_name(token) or titled) and _role_before(tokens[:i]):
            return tokens[i:], role_text(" ".join(tokens[:i]))
    if head is not None and head + 1 < len(tokens) and category(tokens[head]) == PEOPLE:
        rest = tokens[head + 1 :]
        names = all(_plain_name(token) for token in rest) and len(rest) <= 3
        if names and not rest[-1].endswith("s"):  # not "Anhänger Saddam Husseins"
            return rest, role_text(" ".join(tokens[: head + 1]))
    return tokens, ""


def _without_kind_word(tokens: list[str]) -> list[str]:
    """An acronym, an outlet or a name with "für"/"ohne" without the word for its kind before
    it ("Nachrichtenagentur Reuters", "Zeitung Haaretz", "Weltverband FIFA", "Berliner
    Fahrgastverband IGEB", "Hilfsorganisation Ärzte ohne Grenzen"): the same organisation as
    "Reuters", "Haaretz", "FIFA" or "Ärzte ohne Grenzen" alone. A place or a person after such
    a word stays ("Staatsanwaltschaft Krefeld", "Regierung Bush")."""
    head = _head(tokens)
    if head is None or head + 1 >= len(tokens) or category(tokens[head]) != ORG:
        return tokens
    rest = tokens[head + 1 :]
    acronym = len(rest) == 1 and len(rest[0]) >= 2 and bool(_ACRONYM.fullmatch(rest[0]))
    # a name of its own with lower-case words: "Hilfsorganisation Ärzte ohne Grenzen"
    linked = len(rest) >= 3 and _capitalised(rest[0]) and rest[1] in ("für", "ohne")
    return rest if acronym or linked or outlet(" ".join(rest)) else tokens


def _links(tokens: list[str]) -> bool:
    return any(token.casefold() in _LINKS for token in tokens)


def _role_before(tokens: list[str]) -> bool:
    """Do these words, before a first name, say what the person is or where they are from
    ("Warlord", "Außenminister der Russischen Föderation", "San Francisco"), rather than
    begin the name ("Ayaan Hirsi Ali")?"""
    if place(" ".join(tokens)):
        return True
    return any(
        not first_name(token)
        and _capitalised(token)
        and (category(token) is not None or place(token) or _role_head(token))
        for token in tokens
    )


def _without_affiliation(tokens: list[str]) -> list[str]:
    """A person's name without the "vom …"/"von der …" that says where they work; a name
    particle stays ("Ursula von der Leyen", "Kurt von Figura"). Any name ends before a "vom"
    or "von" that a date or a lower-case word follows ("Stadtverwaltung [vom gestrigen
    Dienstagabend]", "Polizei [vom 3. Mai]")."""
    for i in range(1, len(tokens)):
        low = tokens[i].casefold()
        if low not in ("von", "vom"):
            continue
        before = tokens[:i]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if after[:1].isdigit() or (after[:1].islower() and after.casefold() not in PARTICLES):
            return before
        if not all(_plain_name(token) or first_name(token) for token in before):
            return tokens  # "Klimaexperte vom WWF" is a role, said whole
        if low == "von" and _particle_name(tokens[i:]):
            return tokens
        return before
    return tokens


def _without_object(tokens: list[str]) -> list[str]:
    """A name without the dative or genitive object that followed it in the sentence: "Da
    Mussawi [der Ethnie der Aserbaidschaner] angehöre", "wirft die OSZE [der georgischen
    Wahlkommission] vor". Only after a person's full name, a listed surname or an acronym: a
    particle name ("Ursula von der Leyen") and a noun with its attribute ("Ordnungsdezernent
    der Stadt Cottbus") stay whole."""
    for i in range(1, min(len(tokens) - 1, 4)):
        if tokens[i] not in ("der", "dem", "den"):
            continue
        before = tokens[:i]
        acronym = len(before) == 1 and _ACRONYM.fullmatch(before[0]) and not outlet(before[0])
        person = (first_name(before[0]) and len(before) > 1) or before[0].casefold() in words(
            "surnames"
        )
        if acronym or (person and all(_plain_name(token) for token in before[1:])):
            return before
        break
    return tokens


def _nominative_head(tokens: list[str]) -> list[str]:
    """A head in the genitive or dative plural made nominative ("Innenministeriums",
    "Kritikern"); only a word the lists know is changed."""
    head = _head(tokens)
    if head is not None and head > 0:
        # "Politischen Beobachtern": a plural without an article takes -e in the nominative,
        # whatever the gender; "Auswärtigen Amtes" is left, its adjective would need the gender
        plural = _dative_plural(tokens[head])
        adjectives = tokens[:head]
        if plural and all(
            token.casefold().endswith("en")
            and _ADJECTIVE.search(token.casefold())
            and token.casefold() not in words("prepositions")  # not "zwischen Beobachtern"
            for token in adjectives
        ):
            return [token[:-1] for token in adjectives] + [plural, *tokens[head + 1 :]]
        return tokens
    if head is None:
        return tokens
    word = tokens[head]
    low = word.casefold()
    for ending in ("es", "s", "ern"):
        if not low.endswith(ending) or len(low) - len(ending) < 3:
            continue
        stem = word[: -len(ending)] + ("er" if ending == "ern" else "")
        for list_name in ("person_nouns", "organisations"):
            compounds = _compounds(list_name)
            if compounds.stem(stem) == stem and _exact_entry(compounds, stem):
                return [*tokens[:head], stem, *tokens[head + 1 :]]
    return tokens


def _dative_plural(word: str) -> str | None:
    """The nominative plural of a listed word for people in the dative plural ("Beobachtern"
    is "Beobachter"); None for any other word."""
    if not word.casefold().endswith("ern") or len(word) < 6:
        return None
    stem = word[:-1]
    compounds = _compounds("person_nouns")
    return stem if compounds.stem(stem) == stem and _exact_entry(compounds, stem) else None


def _exact_entry(compounds: _Compounds, word: str) -> bool:
    """``word`` ends exactly with a list word (no ending of its own)."""
    low = word.casefold()
    if low in compounds.whole:
        return True
    return any(low.endswith(entry) for entry in compounds.ends)


def speaker_kind(name: str, kind: str) -> str:
    """PERSON or ORGANISATION for a speaker's name, correcting the extractor's ``kind`` in
    the obvious cases: outlets, organisation words and name parts ("Polizei",
    "Bundesregierung", "Amnesty International", "Vattenfall Europe AG"), acronyms ("SPD",
    "NATO"); and a word for a person or a first name makes a person
    ("Sprecher des Finanzministeriums", "Viktor Oserow")."""
    tokens = _strip_front(_clean(name).split())
    text = " ".join(tokens)
    if not tokens:
        return kind
    if outlet(text) or outlet(_clean(name)):
        return ORGANISATION
    head = _head(tokens)
    after = tokens[head + 1 : head + 3] if head is not None else []
    if after == ["ohne", "Grenzen"] or after[:1] == ["&"]:
        return ORGANISATION  # "Ärzte ohne Grenzen", "Procter & Gamble"; not "Leiter von …"
    found = category(tokens[head]) if head is not None else None
    if found == ORG:
        return ORGANISATION
    if found == PEOPLE:
        return PERSON
    last = tokens[-1]
    last_part = last.rsplit("-", 1)[-1]
    org_token = any(
        token.casefold() in words("organisation_tokens")
        or token.rsplit("-", 1)[-1].casefold() in words("organisation_tokens")
        for token in tokens[1:] or tokens
    )
    if org_token or _ACRONYM_PREFIX.match(tokens[0]):
        return ORGANISATION
    if first_name(tokens[0]):
        return PERSON
    if category(last) == ORG:
        return ORGANISATION
    if head is not None and _ACRONYM.fullmatch(tokens[head]) and len(tokens[head]) >= 2:
        return ORGANISATION
    nominative_place = last_part.casefold() in words("places")
    if nominative_place and not place(text) and (len(tokens) > 1 or "-" in last):
        return ORGANISATION  # "Wikimedia Deutschland", "EBay-Deutschland"
    return kind


# --- Roles -----------------------------------------------------------------------------------


def role_text(text: str) -> str:
    """A role as written, without brackets, quotation marks and a leading article."""
    tokens = _clean(text).split()
    while tokens and tokens[0].casefold() in _DETERMINERS:
        tokens.pop(0)
    return " ".join(tokens)


def gender(name: str, role: str | None = None) -> str | None:
    """MALE, FEMALE or None for a person, by the role's article ("der Vorsitzende"), its
    feminine form ("Sprecherin"), the first name ("Angela Merkel") or a strong adjective
    ("ehemaliger Abgeordnete")."""
    tokens = _clean(role or "").split()
    if tokens and tokens[0].casefold() in ("der", "ein", "dieser"):
        return MALE
    if tokens and tokens[0].casefold() in ("die", "eine", "diese"):
        return FEMALE
    lead, head = _role_lead(tokens)
    if head is not None and _feminine(lead[head]):
        return FEMALE
    for token in _clean(name).split():
        if token.casefold() in _TITLES:
            continue
        low = token.casefold()
        if low in words("first_names_female") or low.split("-")[0] in words("first_names_female"):
            return FEMALE
        if low in words("first_names_male") or low.split("-")[0] in words("first_names_male"):
            return MALE
        break
    if head is not None and any(
        token.endswith("er") and not _capitalised(token) for token in lead[:head]
    ):
        return MALE
    return None


def _feminine(word: str) -> bool:
    low = word.casefold()
    if low.endswith("innen"):
        low = low[:-3]
    if not low.endswith("in"):
        return False
    return _compounds("person_nouns").match(word) > 0 or low.endswith(("erin", "orin", "istin"))


def _role_lead(tokens: list[str]) -> tuple[list[str], int | None]:
    """The words of a role before its complement ("Vorsitzender" of "Vorsitzender der
    Partei"), and the index of the head among them: the last noun."""
    tokens = list(tokens)
    while tokens and tokens[0].casefold() in _DETERMINERS:
        tokens.pop(0)
    lead: list[str] = []
    for token in tokens:
        if lead and any(_capitalised(t) for t in lead) and not _capitalised(token):
            break
        lead.append(token)
    head = None
    for i, token in enumerate(lead):
        if _capitalised(token) and not (
            i + 1 < len(lead) and _compounds("adjectival_nouns").match(token) == len(token)
        ):
            head = i
    return lead, head


def role_normalise(role: str | None, *, name: str = "", kind: str = PERSON) -> str:
    """A role as a label: nominative singular, its adjectives and adjectival nouns agreeing
    with the person ("SPD-Vorsitzender" for a man, "SPD-Vorsitzende" for a woman);
    "" for no role, for a non-person, and for a "role" that names no person
    ("Äußerungen", "Japan")."""
    if not role or kind != PERSON:
        return ""
    sex = gender(name, role)
    tokens = role_text(role).split()
    lead, head = _role_lead(tokens)
    if head is None or not _role_head(lead[head]):
        return ""
    rest = tokens[len(lead) :]
    words_ = [_agree(token, sex) if i < head else token for i, token in enumerate(lead)]
    words_[head] = _nominative_role(lead[head], sex)
    return " ".join([*words_, *rest])[:200]


def _role_head(word: str) -> bool:
    """Can ``word`` name what a person is? Not a thing, an event or a place; an organisation
    only where it also names a member ("Osram-Vorstand", "Stadtrat")."""
    if place(word) or common_noun(word) or first_name(word):
        return False  # "Jorge" is no role of "Mario Bergoglio"
    found = category(word)
    low = word.casefold()
    if found == ORG:
        return low.endswith(("vorstand", "rat", "vorstands"))
    if found in (THING, EVENT):
        return False
    return found == PEOPLE or low.endswith(_PERSON_ENDS)


def _agree(token: str, sex: str | None) -> str:
    """An adjective before the head in its strong nominative form: "-er" for a man, "-e" for
    a woman; unchanged when the gender is unknown or the word is no adjective."""
    if _capitalised(token) and not _compounds("adjectival_nouns").match(token):
        return token
    if token.casefold() in words("openers"):
        return token  # "beide", "alle"
    match = _ADJECTIVE_END.search(token)
    if not match or sex is None or len(token) - len(match.group(1)) < 3:
        return token
    stem = token[: match.start()]
    if match.group(1) not in ("e", "er", "en"):
        return token
    return stem + ("er" if sex == MALE else "e")


def _nominative_role(word: str, sex: str | None) -> str:
    """The head of a role in the nominative singular."""
    adjectival = _compounds("adjectival_nouns")
    if adjectival.match(word) and not word.endswith("in"):
        match = _ADJECTIVE_END.search(word)
        if match:
            stem = word[: match.start()]
            if sex == MALE:
                return stem + "er"
            if sex == FEMALE or match.group(1) in ("en", "em", "es"):
                return stem + "e"
        return word
    people = _compounds("person_nouns")
    for ending in ("es", "s", "en", "n"):
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if not _exact_entry(people, stem) or stem.casefold().endswith(("in", "innen")):
            continue
        if ending in ("en", "n") and not stem.casefold().endswith(_WEAK):
            continue
        if ending == "n" and not stem.endswith("e"):
            continue
        return stem
    return word


# --- Surnames --------------------------------------------------------------------------------


def surname(name: str) -> str:
    """The surname a person is called by alone: "Merkel" for "Angela Merkel", "von der Leyen"
    for "Ursula von der Leyen", "Ban" for "Ban Ki-moon"; "" when there is none ("Elisabeth II",
    an initial)."""
    tokens = _clean(name).split()
    if tokens and tokens[-1].casefold() in _SUFFIXES:
        return ""
    while tokens and tokens[0].casefold() in _TITLES:
        tokens.pop(0)
    if not tokens:
        return ""
    if len(tokens) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[-1]):
        return tokens[-2]  # the family name first: "Ban Ki-moon"
    last = tokens[-1]
    if len(last.rstrip(".")) < 2 or not last[0].isupper():
        return ""
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1].casefold() in PARTICLES and tokens[i - 1][0].islower():
        i -= 1
    if i == 1 and tokens[0].casefold() in PARTICLES:
        i = 0  # the whole name is the surname: "Von der Leyen"
    return " ".join(tokens[i:])


# Pure, and asked for every speaker of every article an import writes (the order in which
# ``services.speakers_resolve`` takes them): kept.
@lru_cache(maxsize=16384)
def surname_key(name: str) -> str:
    """What two names must share to be the same person's: the surname without particles,
    lower-cased ("leyen" for "Ursula von der Leyen" and for "Von der Leyen")."""
    found = surname(name)
    return found.split()[-1].casefold() if found else ""


@lru_cache(maxsize=16384)
def is_surname_only(name: str) -> bool:
    """Is ``name`` a surname alone ("Merkel", "Von der Leyen", "Gabriel") rather than a full
    name, a role ("Richter", "Papst") or an organisation? A first name alone counts as a
    surname: German news calls Sigmar Gabriel "Gabriel"."""
    tokens = _clean(name).split()
    if not tokens or surname(name) != " ".join(tokens):
        return False
    last = tokens[-1]
    if len(tokens) > 1 and not all(token.casefold() in PARTICLES for token in tokens[:-1]):
        return False
    if _ACRONYM.fullmatch(last) or outlet(last) or place(last):
        return False
    if last.casefold() in words("surnames"):
        return True
    found = category(last)
    if found in (ORG, THING, EVENT) or common_noun(last):
        return False
    # A word for a person is no surname ("Richter"); short entries only whole ("Hartmann").
    people = _compounds("person_nouns")
    return not (found == PEOPLE and (people.match(last) >= 5 or last.casefold() in people.ends))
