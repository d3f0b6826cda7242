"""The role an article gives a named person: "Außenminister Sergei Lawrow", "Lawrow, der
russische Außenminister," (``role_in``), in the nominative (``phrases.normalise_role``).
"""

from __future__ import annotations

import re

from articles.quotes.features import starting_with, whole_words
from articles.quotes.lexicon import AUXILIARIES, REPORTING_VERBS, SUBJUNCTIVE
from articles.quotes.nouns import nominative_role
from articles.quotes.phrases import ADJ, ART, CAP, is_role, kin, normalise_role

# Its matches open with an article (``phrases.ART``, "den", "dem", "des") or a capital: their
# first letters are tested first, as a look-ahead (``starting_with``), so that the many places
# that cannot open a match are passed over quickly.
ROLE_FIRST = "[A-ZÄÖÜbdeimsvwz]"
_ROLE_BEFORE = starting_with(
    ROLE_FIRST,
    rf"(?:(?P<art>{ART}|den|dem|des)[ \t]+(?P<adj>(?:{ADJ}[ \t]+){{0,2}}))?"
    rf"(?P<role>(?:{CAP}[ \t]+)??{CAP})[ \t]+(?P<first>(?:{CAP}[ \t]+){{0,2}}?)$",
)
# The last character that no match of _ROLE_BEFORE contains (it holds words, spaces and tabs;
# a newline may only follow it, at the very end, where its "$" matches), in one match: the
# greedy ".*" runs to the window's end and backs off to the last such character.
_LAST_STOP = re.compile(r'.*(?:[,;:()⟪⟫·"„“»«]|\n(?=.))', re.S)


def _role_before(window: str) -> re.Match | None:
    """``_ROLE_BEFORE.search(window)``, started after the last character that no match can
    contain: the same match, without trying every one of 150 places. Its match ends in spaces
    or tabs at the window's end (or before a final newline), so another window has none."""
    if not window.endswith((" ", "\t", " \n", "\t\n")):
        return None
    stop = _LAST_STOP.match(window)
    return _ROLE_BEFORE.search(window, stop.end() if stop else 0)


_ROLE_APPOS_BEFORE = re.compile(
    rf"(?:(?P<art>{ART})[ \t]+(?P<adj>(?:{ADJ}[ \t]+){{0,2}}))?(?P<role>{CAP}"
    rf"(?:[ \t]+(?:des|der)[ \t]+{CAP}(?:[ \t]+{CAP})?)?),[ \t]+$"
)


def _role_appos_before(window: str) -> re.Match | None:
    """``_ROLE_APPOS_BEFORE.search(window)``: its match ends the window with a comma and
    spaces (before a final newline, where "$" also matches), so a window that ends otherwise
    needs no search through its 150 places."""
    end = window[:-1] if window.endswith("\n") else window
    if not end.endswith((" ", "\t")) or not end.rstrip(" \t").endswith(","):
        return None
    return _ROLE_APPOS_BEFORE.search(window)


_ROLE_APPOS_AFTER = re.compile(
    rf",[ \t]+(?:(?P<art>{ART})[ \t]+(?P<adj>(?:{ADJ}[ \t]+){{0,2}}))?"
    rf"(?P<role>{CAP}(?:[ \t]+(?:des|der)[ \t]+(?:{ADJ}[ \t]+)?{CAP}"
    rf"(?:[ \t]+{CAP})?)?)[ \t]*,"
)


def role_in(text: str, canonical: str) -> str | None:
    """The role ``text`` (an article) gives the person named ``canonical``: '<Role> <Name>'
    first ("Außenminister Sergei Lawrow"), then appositions ("Lawrow, der russische
    Außenminister,"); None when it gives none."""
    tokens = canonical.split()
    last = tokens[-1]
    firsts = set(tokens[:-1])
    hits = [start for start, _end, _form in whole_words(text, (last,))]
    for i in hits:
        window = text[max(0, i - 150) : i]
        m = _role_before(window)
        if m is None:
            continue
        if any(w not in firsts for w in (m.group("first") or "").split()):
            continue
        words = m.group("role").split()
        if not is_role(words[-1]) or kin(words[-1]):
            continue
        if len(words) == 2 and not words[0].endswith("s"):
            words = words[1:]  # "Italiens Ministerpräsident" keeps the genitive
        art = m.group("art")
        if art and art.lower() in ("des", "eines"):
            words[-1] = nominative_role(words[-1])  # "des früheren Ministers Karl Roth"
        if art and art.lower() in ("den", "dem", "des"):
            art = "der"
        return normalise_role(_adjectives(m.group("adj")), words, art)
    for i in hits:
        if text[i - len(canonical) + len(last) : i + len(last)] != canonical:
            continue
        start = i - len(canonical) + len(last)
        m = _role_appos_before(text[max(0, start - 150) : start])
        if m is None:
            m = _ROLE_APPOS_AFTER.match(text, i + len(last))
        if m is None:
            continue
        role = m.group("role")
        if not is_role(role.split()[0]):
            continue
        return normalise_role(_adjectives(m.group("adj")), role.split(), m.group("art"))
    return None


def _adjectives(found: str | None) -> list[str]:
    """The adjectives before a role, without a verb the pattern took for one ("Das musste
    Bundesfinanzminister Peer Steinbrück": 'musste' is no adjective)."""
    return [w for w in (found or "").split() if w.lower() not in _VERB_FORMS]


_VERB_FORMS = AUXILIARIES | REPORTING_VERBS | SUBJUNCTIVE
