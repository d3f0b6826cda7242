"""People the article names or describes before any quotation is attributed: named with a role
or by first and last name, and described by a role alone ("der Bürgermeister").
"""

from __future__ import annotations

import re
from collections import Counter

from articles.quotes.entities import Entities
from articles.quotes.features import starting_with
from articles.quotes.lexicon import FEMALE_KIN, ORG_WORDS
from articles.quotes.nouns import personlike, plural_phrase
from articles.quotes.phrases import (
    ADJ,
    CAP,
    INITIAL,
    NAMEW,
    NOT_NAME_RE,
    Phrase,
    after_stray_initial,
    is_first_name,
    is_role,
)

_DESCRIBED = re.compile(
    rf"(?<![\w\-])(?P<art>der|die|den|dem|des|ein|eine|einen|einem|eines|einer)[ \t]+"
    rf"(?P<adj>(?:{ADJ}[ \t]+){{0,2}})(?P<noun>[A-ZÄÖÜ][\w\-]*)(?![\w\-])(?![ \t]+[A-ZÄÖÜ])"
)
_NOMINATIVE = {"den": "der", "dem": "der", "des": "der", "einen": "ein", "einem": "ein"}
_NOMINATIVE.update({"eines": "ein", "einer": "eine"})


def described_people(masked: str) -> list[tuple[int, Phrase]]:
    """People described by a role in any case, with no name ('gegen den Bürgermeister', 'einen
    45-jährigen Mann'): antecedents, put in the nominative, for a pronoun no named person fits."""
    found = []
    for m in _DESCRIBED.finditer(masked):
        noun = m.group("noun")
        person = is_role(noun) or noun.lower() in ("mann", "jugendliche", "jugendlicher")
        person = person or bool(re.fullmatch(r"\d+-[Jj]ährige[r]?", noun))
        if m.group("art") == "die" and not person:
            # "die Brandstifter": a group of people, for "sie" with a plural verb
            group = Phrase(m.start(), m.end(), m.group(0), name=noun)
            if plural_phrase(group) and personlike(group):
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
        phrase = Phrase(m.start(), m.end(), text, role=noun, female=female)
        found.append((m.start(), phrase))
    return found


# (a capital after the word's spaces looked for first, as for _FULL_NAME below)
_ROLE_WORD = starting_with(
    "[A-ZÄÖÜ]", rf"(?<![\w\-])(?=[^ \t]*[ \t]+[A-ZÄÖÜ]){CAP}(?=[ \t]+[A-ZÄÖÜ])"
)
_NAME_AFTER_ROLE = re.compile(
    rf"[ \t]+(?P<name>{NAMEW}(?:[ \t]+(?:{INITIAL}[ \t]+)?{NAMEW}){{0,2}})"
)


_NOT_NAME_AFTER_ROLE = re.compile(rf"[ \t]+(?P<name>(?:{NOT_NAME_RE}))(?=[ \t]+[a-zäöüß]|[,.])")
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
    if is_first_name(first):
        return True  # "Jürgen", "Peter": listed first names, whatever their ending
    if re.search(
        r"(?<![\w\-])[a-zäöüß]+(?:e|en|er|es|em)[ \t]+$", masked[max(0, m.start() - 30) : m.start()]
    ):
        return False  # "in dem kleinen Ort Wapakoneta": a noun after an adjective
    return not low.endswith(("en", "er", "es", "em", "ische", "isch", "sche", "e", "s"))


# "Jürgen Thumann", "Jürgen R. Thumann": a middle initial is part of the name. A name word
# holds no space, so "a capital after the word's spaces (and an initial)" is looked for first:
# the many capitalised words before a lower-case one are passed over at once.
_FULL_NAME = starting_with(
    "[A-ZÄÖÜ]",
    # (the look-ahead: a capital, or "el-" before one, after the first word: "Mohammed el-Baradei")
    r"(?<![\w\-])(?=[^ \t]*[ \t]+(?:[A-ZÄÖÜ]\.[ \t]+)?(?:[A-ZÄÖÜ]|[aeu][lsrd]-[A-ZÄÖÜ]))"
    rf"(?P<first>(?=[A-ZÄÖÜ]){NAMEW})[ \t]+(?:{INITIAL}[ \t]+)?(?P<last>{NAMEW})(?![\w\-])",
)


_THIRD_NAME = re.compile(rf"[ \t]+(?P<last>{NAMEW})(?![\w\-])")


def register_named_people(entities: Entities) -> None:
    """People named with a role ('Außenminister Sergei Lawrow'), or by first and last name when
    the last name also stands alone ('Neil Armstrong … Armstrong'), are antecedents for
    pronouns."""
    masked = entities.masked
    word_counts = Counter(entities.ctx.word_forms[2])  # WORD.findall(masked), found once
    pairs = list(_FULL_NAME.finditer(masked))
    pair_counts: dict[tuple[str, str], int] = {}
    for m in pairs:
        key = (m.group("first"), m.group("last"))
        pair_counts[key] = pair_counts.get(key, 0) + 1
    for m in pairs:
        first, last = m.group("first"), m.group("last")
        if after_stray_initial(m.group(0).split())[0] != first:
            continue  # "Raum A. Peter": an initial after no first name
        if any(is_role(w) or w.lower() in ORG_WORDS for w in (first, last)):
            continue
        if not personlike(Phrase(m.start(), m.end(), m.group(0), name=m.group(0))):
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
        phrase = Phrase(m.start(), end, name, name=name, name_start=m.start())
        canonical = entities.canonical(phrase)
        if canonical and canonical not in entities.entities:
            entities.register(phrase, canonical)
    for r in _ROLE_WORD.finditer(entities.masked):
        if not is_role(r.group(0)):
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
        if any(is_role(w) or w.lower() in ORG_WORDS for w in words):
            continue
        if entities.genitive_owner(name):
            continue  # "Arzt Lahms" is Lahm's doctor, not a person named "Lahms"
        phrase = Phrase(r.start(), m.end("name"), name, name=name, name_start=m.start("name"))
        phrase.role = r.group(0)
        if r.group(0).lower().endswith("in"):
            phrase.female = True
        canonical = entities.canonical(phrase)
        if canonical:
            entities.register(phrase, canonical)
