"""What a noun phrase stands for: someone who can speak, a thing, one or many."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from articles.quotes.lexicon import (
    MUTE_SUFFIXES,
    NAME_PARTICLES,
    ORG_SUFFIXES,
    ORG_WORDS,
    SPEAKING_UNG,
)
from articles.quotes.marks import LINKED
from articles.quotes.phrases import PERSON_ENDINGS, TITLE_TOKEN, Phrase, is_first_name, is_role
from articles.speakernames import ORG, PEOPLE, category, outlet

if TYPE_CHECKING:
    from articles.quotes.entities import Entities


THING_SUFFIXES = (
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

# Words with a person's ending that name things: "der Faktor", "die Frist", "das Moment".
_NOT_PERSON_WORDS = frozenset(
    """motor faktor sektor reaktor indikator generator tumor terror humor labor korridor tresor
    frist prozent moment element argument talent zement kontinent akzent patent
    dokument parlament instrument regiment abonnement experiment fundament testament ornament
    urteil horror""".split()
)
_NOT_PERSON_ENDINGS = tuple(_NOT_PERSON_WORDS)  # for str.endswith, built once
_ABSTRACT_ENDINGS = THING_SUFFIXES[:9] + ("end",)


_AGED = re.compile(r"\d-[Jj]ährigen?\b")


def has_article(phrase: Phrase) -> bool:
    """Does something other than the name open the phrase ('die Lopez', not 'Dr. Anna Roth')?"""
    words = [w for w in phrase.text.split() if not TITLE_TOKEN.fullmatch(w)]
    name = (phrase.name or "").split()
    return bool(words and name) and words[0].lower() != name[0].lower()


_POSSESSIVES = frozenset("sein seine seines seinem seinen ihr ihre ihres ihrem ihren".split())


def is_document(word: str) -> bool:
    """Does the word name a document ("Pressemitteilung", "Positionspapier", "Bericht")?"""
    return word.lower().endswith(_DOCUMENT_HEADS)


def personlike(phrase: Phrase | None) -> bool:
    """Could this phrase be someone who speaks (a person, a group, an organisation)?"""
    if phrase is None:
        return False
    opener = phrase.text.split()[0].lower() if phrase.text.split() else ""
    if opener in _POSSESSIVES and (phrase.name or "").lower() in ("werk", "werke"):
        return False  # "Sein erstes großes Werk entstand …": a work, no plant
    if phrase.pronoun or phrase.role or phrase.kind == "organisation":
        return True
    if not phrase.name:
        return False
    words = phrase.name.split()
    genitive = ("des", "der", "von", "vom", "eines", "einer")
    head = words[0] if len(words) > 1 and words[1] in genitive else words[-1]
    low = head.lower()
    article = has_article(phrase)
    if article and _AGED.search(phrase.text):
        return True  # "der 84-jährige Küng"
    if article and low.endswith(_DOCUMENT_HEADS):
        return True  # "Der Text lautete", "führt der Bericht aus": documents speak too
    if article and phrase.participle and not low.endswith(THING_SUFFIXES):
        return True  # "die in New York City geborene Lopez"
    if article and len(words) >= 2 and is_first_name(words[0]):
        return True  # "ein sichtlich zufriedener Karl Roth"
    if article and len(words) > 1 and words[-1].endswith("s") and words[0][:1].isupper():
        # "die Anhänger Saddam Husseins": the noun before a genitive name is the head
        low = words[0].lower()
    if article:
        # "die Entwicklung" is no speaker; "die Demonstranten", "der Verfasser" may be, and
        # so may any word the speaker lists know for people or organisations ("der Soldat",
        # "der Verlag")
        listed = category(low[:1].upper() + low[1:])
        return (
            (low.endswith(PERSON_ENDINGS) or listed in (PEOPLE, ORG))
            and (not low.endswith(THING_SUFFIXES) or listed == ORG)
            and not low.endswith(_NOT_PERSON_ENDINGS)
        )
    # a lone abstract noun ("Relativierend", "Zustimmung") is no speaker either
    return not (len(words) == 1 and len(low) >= 5 and low.endswith(_ABSTRACT_ENDINGS))


def unknown_thing(phrase: Phrase) -> bool:
    """A subject described by an article and one noun that no word list knows as a person or
    an organisation, and that is no acronym or outlet ("Die Zweige", "Das Objekt", "Der
    Showcase"): it may act in its sentence, but nothing says it can speak. "Die Experten",
    "die Polizei", "die WHO" and "der 84-jährige Küng" are no such things."""
    if phrase.pronoun or phrase.role or phrase.kind == "organisation" or not phrase.name:
        return False
    words = phrase.name.split()
    if len(words) != 1 or not has_article(phrase) or phrase.participle:
        return False
    word = words[0]
    if word.isupper() or _AGED.search(phrase.text) or is_first_name(word) or outlet(word):
        return False
    return category(word) not in (PEOPLE, ORG)


_AGE_LOWER = re.compile(r"^(\d+-)j")


def proper_case(name: str) -> str:
    """A speaker's name opens with a capital ('amerikanischer Präsident' → 'Amerikanischer
    Präsident', '81-jährige' → '81-Jährige'), unless with a particle ('von der Leyen')."""
    if name.split()[0] in NAME_PARTICLES:
        return name
    name = _AGE_LOWER.sub(r"\1J", name)
    return name[:1].upper() + name[1:]


MUTE_SOURCE = re.compile(
    r"^\S+ (?P<link>vo[nm]|des|der|eines|einer) "
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*(?: [A-ZÄÖÜ][\w\-]*){0,3})$"
)


_MASCULINE_GENITIVE = frozenset(("des", "eines", "seines", "ihres"))


def nominative(noun: str, link: str) -> str:
    """A genitive owner in the nominative, as far as its ending shows ('des Berichts' →
    'Bericht', 'des Rates' → 'Rat'); plural and feminine genitives ('der Ermittler') stay."""
    if link not in _MASCULINE_GENITIVE or " " in noun or noun.lower().endswith(_SAME_GENITIVE):
        return noun
    if noun.endswith("es") and noun[-3:-2] in tuple("tdsßzg"):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


# nouns whose genitive is their nominative: "des Fonds", "des Investitionsfonds"
_SAME_GENITIVE = ("fonds",)


def nominative_name(name: str, link: str) -> str:
    """A name after a masculine or neuter genitive link in the nominative, as written after
    the definite article ('des Roten Kreuzes' → 'Rote Kreuz', 'des ZDFs' → 'ZDF'): the
    adjectives' -en becomes -e (the one ending both genders share there), the last word as in
    ``nominative``; a genitive attribute after it stays as it is ('des Hauptsponsors der
    Halbzeitshow' → 'Hauptsponsor der Halbzeitshow'). Anything else ('des Karl Roth', a
    lower-case word) stays."""
    words = name.split()
    if link not in _MASCULINE_GENITIVE or not words:
        return name
    attribute = next(
        (i for i, w in enumerate(words) if i and (w in _ATTRIBUTE_LINKS or w[:1] == LINKED)),
        None,
    )
    if attribute is not None:
        head = nominative_name(" ".join(words[:attribute]), link)
        return " ".join([head, *words[attribute:]])
    adjectives, noun = words[:-1], words[-1]
    if not all(w[:1].isupper() and w.endswith(("en", "er")) and len(w) > 3 for w in adjectives):
        return name
    # ("Schweizer", "Berliner": adjectives of places do not change)
    adjectives = [w[:-1] if w.endswith("en") else w for w in adjectives]
    return " ".join([*adjectives, nominative(noun, link)])


_ATTRIBUTE_LINKS = frozenset(("der", "des", "eines", "einer", "von", "vom", "für"))


def nominative_role(word: str) -> str:
    """A role noun after "des" in the nominative: 'Ministers' → 'Minister', 'Präsidenten' →
    'Präsident', 'SPD-Vorsitzenden' → 'SPD-Vorsitzender' (a noun made of an adjective takes
    the masculine -er); a form it cannot tell stays."""
    for ending in ("es", "s", "en", "n"):
        stem = word.removesuffix(ending)
        if stem == word or len(stem) < 3:
            continue
        if stem.endswith("e") and is_role(stem + "r"):
            return stem + "r"
        if is_role(stem):
            return stem
    return word


def mute(phrase: Phrase) -> bool:
    """A thing that cannot speak ('das Buch', 'die Krise', 'Daten', 'die Arbeitshypothese');
    organisations ('die Regierung', 'die Staatsanwaltschaft') and documents ('die Erklärung')
    are no things here."""
    if phrase.pronoun or not phrase.name or phrase.role:
        return False
    words = phrase.name.split()
    genitive_name = len(words) == 2 and words[1].endswith("s")  # "Geschichte Neuseelands"
    named = is_first_name(words[0]) or all(w[:1].isupper() for w in words)
    if len(words) >= 2 and named and not genitive_name:
        return False  # "Aufbau Invest", "Jens Stoltenberg"
    low = words[0].lower()
    if low in ORG_WORDS or low.endswith(ORG_SUFFIXES) or low.endswith(_DOCUMENT_HEADS):
        return False
    if low.endswith(("ung", "ungen")) and low.removesuffix("en").endswith(SPEAKING_UNG):
        return False
    return low.endswith(MUTE_SUFFIXES)


_SOURCE_TAILS = ("angaben", "berichten", "informationen", "aussagen", "meldungen")


def source_holder(word: str) -> tuple[str, str] | None:
    """Who gives a source a compound names, with its kind: "Polizeiangaben" ("Polizei",
    organisation), "Behördenangaben", "Unternehmensangaben" ("Unternehmen"), "Zeugenaussagen"
    ("Zeugen", person). None for a word that names no one ("Angaben", "Pressekonferenz",
    "Schätzungen")."""
    low = word.lower()
    tail = next((t for t in _SOURCE_TAILS if low.endswith(t)), None)
    if tail is None or len(word) < len(tail) + 3:
        return None
    head = word[: -len(tail)].rstrip("-")
    # (the linking -s first: "Unternehmensangaben" is the company's, "Zeitungsberichten")
    for holder in (head[:-1] if head.endswith("s") else None, head):
        kind = category(holder) if holder else None
        if kind in (ORG, PEOPLE):
            return holder, "organisation" if kind == ORG else "person"
        if holder and "-" in word and (outlet(holder) or holder.isupper()):
            return holder, "organisation"  # "Reuters-Angaben", "UNO-Angaben"
    return None


AGE_NOUN = re.compile(r"\d+-[Jj]ährige[rn]?")


def thing_subject(phrase: Phrase) -> bool:
    """A sentence subject that names a thing ('Ziel der Delegation', 'Die Studie'), which a
    continued speaker beats when the sentence has no reporting verb."""
    if phrase.pronoun or phrase.role or phrase.kind == "organisation" or not phrase.name:
        return False
    words = phrase.name.split()
    head = words[0].lower()
    return head.endswith(THING_SUFFIXES) or head.endswith(_DOCUMENT_HEADS)


def plural_phrase(phrase: Phrase) -> bool:
    """Is this a plural noun phrase ('die tibetischen Mönche', 'einige Anhänger')?"""
    if phrase.pronoun or not phrase.text.split():
        return False
    art = phrase.text.split()[0].lower()
    if art not in ("die", *_PLURAL_QUANTIFIERS):
        return False
    return agrees(phrase, "sie", True, None)  # type: ignore[arg-type]


def singular_phrase(phrase: Phrase) -> bool:
    """A noun phrase that is singular by its article ('der Sprecher', 'die Stadt')."""
    words = phrase.text.split()
    art = words[0].lower() if words else ""
    if art in ("der", "das", "ein", "eine", "dieser", "dieses"):
        return True
    return art == "die" and not plural_phrase(phrase)


_PLURAL_QUANTIFIERS = (
    "einige", "viele", "mehrere", "zahlreiche", "hunderte", "tausende", "dutzende", "zwei",
    "drei", "beide", "alle", "manche", "weitere",
)  # fmt: skip


def agrees(phrase: Phrase, pronoun: str, plural: bool, entities: Entities) -> bool:
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
