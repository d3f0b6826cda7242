"""The fullest form of a name in one article: "Merkel" is "Angela Merkel" where the article
writes her so, "Adolfo Pérez" is "Adolfo Pérez Esquivel" where it only ever writes him so.

The article's runs of capitalised words (``name_runs``) give each surname the forms it is
written in; ``fullest_form`` takes the fullest that is a name, without the nouns, roles and
organisation words written before it ("Außenminister Sergei Lawrow", "Kritik von Gisela Piltz",
"Punklady Nina Hagen").
"""

from __future__ import annotations

import re

from articles.quotes.lexicon import MUTE_SUFFIXES, NOT_NAMES, ORG_WORDS
from articles.quotes.nouns import THING_SUFFIXES
from articles.quotes.phrases import (
    INITIAL,
    NAME_PREFIX,
    NAMED_AFTER_PEOPLE,
    NP_AT,
    PERSON_ENDINGS,
    Phrase,
    after_stray_initial,
    analyse_phrase,
    is_first_name,
    is_role,
)
from articles.speakernames import ORG, category, outlet

# "Jürgen R. Thumann", "Mohammed el-Baradei" (the capital first: it is tried at every place)
_CAP_WORD = (
    rf"(?:{INITIAL}|(?:[A-ZÄÖÜ]|(?<![\w\-])(?:al|el|as|ar|ad|ul)-(?=[A-ZÄÖÜ]))"
    r"(?:[\w\-'’]|\.(?=\w))*)"
)
_CAP_RUN = re.compile(
    rf"(?=[A-ZÄÖÜaeu]){_CAP_WORD}(?:[ \t]+(?:(?:von|van)[ \t]+(?:der|den)[ \t]+"  # "von der Leyen"
    rf"|(?:von|van|de|da|di|del|al|bin|ibn|zu|ten|ter|le|la)[ \t]+)?{_CAP_WORD})+"
)
_NEXT_CAP = re.compile(r"[ \t]+([A-ZÄÖÜ][\w\-]*)(?![\w\-])")
WORD_EDGE = re.compile(r"(?![\w\-])")
WORD_EDGE_BEFORE = re.compile(r"[\w\-]")
_PARTICLES = ("von", "van", "de", "zu")

Runs = dict[str, list[tuple[str, ...]]]


def name_runs(text: str) -> Runs:
    """Runs of capitalised words, by each word: the runs (up to five words) that end with it."""
    index: Runs = {}
    seen: set[tuple[str, ...]] = set()
    for m in _CAP_RUN.finditer(text):
        words = m.group(0).split()
        for i in range(1, len(words)):
            run = tuple(words[max(0, i - 4) : i + 1])
            if (words[i][:1].isupper() or NAME_PREFIX.match(words[i])) and run not in seen:
                seen.add(run)
                index.setdefault(words[i], []).append(run)
    return index


def fullest_form(
    name: str,
    runs: Runs,
    text: str,
    common_nouns: frozenset[str],
    article_nouns: frozenset[str],
) -> str:
    """The fullest form of ``name`` among the article's ``runs`` of capitalised words, then
    with the one word that always follows it in ``text``, if any. ``common_nouns`` and
    ``article_nouns`` are the article's words after an article (``Context``)."""
    last = name.split()[-1]
    best = name
    for run in runs.get(last, ()):
        prefix = _name_before(list(run[:-1])[-3:], common_nouns, article_nouns)
        if not prefix or any(
            is_role(p) or p.lower() in ORG_WORDS or p in NOT_NAMES for p in prefix
        ):
            continue
        candidate = " ".join(after_stray_initial([*prefix, last]))
        if candidate.endswith(name) and _fuller(candidate, best):
            best = candidate
    if " " in best:
        best = _with_constant_next_word(best, text)
    return best


def _name_before(
    prefix: list[str], common_nouns: frozenset[str], article_nouns: frozenset[str]
) -> list[str]:
    """The words of a run before a surname that belong to the name."""
    # drop leading role words ("Außenminister Sergei Lawrow")
    while prefix and (
        is_role(prefix[0])
        or prefix[0] in NOT_NAMES
        or (len(prefix) > 1 and prefix[0].endswith("s") and is_role(prefix[1]))
        # "Hauptmann Abraham Sipe", "Punklady Nina Hagen": a word that is no first name
        # before a first name
        or (len(prefix) > 1 and _noun_before_first_name(prefix[0], prefix[1]))
        or (
            # "Der Astronaut Karl Roth": a noun after an article is no name
            prefix[0] in article_nouns
            and (
                prefix[0].lower().endswith(PERSON_ENDINGS)
                or (len(prefix) > 1 and is_first_name(prefix[1]))
            )
        )
    ):
        prefix.pop(0)  # "Außenminister", "Dortmunds" before "Trainer" are no name
        while prefix and prefix[0] in _PARTICLES:
            prefix.pop(0)  # "Kritik von Gisela Piltz" without its noun
    for i in range(len(prefix) - 1, 0, -1):
        # "Kritik von Gisela Piltz": a noun before "von" is no part of the name
        if prefix[i] in _PARTICLES and (
            prefix[i - 1] in common_nouns
            or prefix[i - 1] in article_nouns  # "Ein Satz von X"
            or prefix[i - 1].lower().endswith(THING_SUFFIXES + MUTE_SUFFIXES)
        ):
            prefix = prefix[i + 1 :]
            break
    while prefix and prefix[0] in ("der", "den"):
        prefix.pop(0)  # "Kritik von der Opposition": no name before it
    return prefix


def _with_constant_next_word(best: str, text: str) -> str:
    """ "Adolfo Pérez" that the article only ever writes as "Adolfo Pérez Esquivel"."""
    after = set()
    i = text.find(best)
    while i >= 0 and len(after) < 2:
        end = i + len(best)
        if WORD_EDGE.match(text, end) and (i == 0 or not WORD_EDGE_BEFORE.match(text, i - 1)):
            nxt = _NEXT_CAP.match(text, end)
            after.add(nxt.group(1) if nxt else None)
        i = text.find(best, end)
    (last,) = after if len(after) == 1 else (None,)
    if last and not (last in NOT_NAMES or is_role(last) or last.lower() in ORG_WORDS):
        return f"{best} {last}"
    return best


def _noun_before_first_name(word: str, first: str) -> bool:
    """A noun before a first name, no part of the name: "Hauptmann Abraham", "Punklady Nina",
    "Formel-1-Fahrer Christian", "Kollege Xanana" (not "Jorge Mario", "Sayyid Ali")."""
    if not is_first_name(first) or is_first_name(word) or word.isupper():
        return False
    if word.lower().endswith(NAMED_AFTER_PEOPLE):
        return False  # "Konzert-Büro Richard Weber": a business named after a person
    return "-" in word or word.lower().endswith(_NOUN_BEFORE_NAME_ENDINGS)


_NOUN_BEFORE_NAME_ENDINGS = (
    "mann", "er", "ege", "lady", "tag", "ung", "ist", "ent", "lord",
)  # fmt: skip


def _fuller(candidate: str, best: str) -> bool:
    """Is a candidate for a name's full form fuller than the best so far: one that opens with a
    first name before one that does not ("Joseph Kony", not "Kurzfilm Kony"), then longer."""
    key = [(is_first_name(n.split()[0]) and " " in n, len(n)) for n in (candidate, best)]
    return key[0] > key[1]


def owner_phrase(owner: str, start: int, end: int) -> Phrase:
    """The phrase of a genitive owner in the nominative, at the place of the phrase it owns:
    "Präsident Barack Obama" is the role and the name."""
    m = NP_AT.match(owner)
    found = analyse_phrase(m) if m is not None and m.end() == len(owner) else None
    if found is not None and found.name:
        found.start, found.end = start, end
        if found.name_start is not None:
            found.name_start += start
        return found
    return Phrase(start, end, owner, name=owner)


def named_as(noun: str, text_lower: str, noun_phrases: list[re.Match]) -> str | None:
    """The one organisation an article names that a word for its kind stands for: "das
    Gericht" for the "Landgericht Mannheim", "die Zeitung" for the "Süddeutsche Zeitung",
    "das Ministerium" for the "Innenministerium"; None when it names none or several, or the
    word is a name itself ("Spiegel", "NATO"). ``text_lower`` is the article's masked text
    in lower case, ``noun_phrases`` its ``NP_BOUNDED`` matches."""
    tail = noun.lower()
    # (the word alone is in the text: another organisation's name holds it once more)
    if (
        text_lower.count(tail) < 2
        or noun.isupper()
        or category(noun) != ORG
        or outlet(noun)
        or noun in _MANY  # an article names several governments, one "Bundesregierung"
    ):
        return None
    names = set()
    for m in noun_phrases:
        if tail not in m.group(0).lower():
            continue
        np = analyse_phrase(m)
        words = (np.name or "").split()
        if np.kind != "organisation" or not words:
            continue
        compound = words[0] != noun and words[0].lower().endswith(tail)
        # "Süddeutsche Zeitung", "Nationale Übergangsrat": an adjective before it
        described = len(words) == 2 and words[1] == noun and words[0].endswith(_ENDINGS)
        if compound or described:
            names.add(np.name)
    return next(iter(names)) if len(names) == 1 else None


_ENDINGS = ("e", "er", "en", "es")  # of an adjective before a noun
_MANY = frozenset(("Regierung", "Partei", "Opposition"))
