"""Organisation names with lower-case words inside: "Reporter ohne Grenzen", "Bundesagentur
für Arbeit", "Gesellschaft für bedrohte Völker".

The stages read a name as a run of capitalised words, so such a name ended before its "für"
or "ohne": the speaker was "Bundesagentur", or "Völker". ``link_names`` marks the first letter
of each lower-case word of these names in the masked text (``marks.LINKED``, one character
for one, so every offset stays), over which a name goes on (``phrases.NAME``), and returns how
the article writes each marked tail; ``restore`` puts the speakers' names back as written.

A name is linked when an organisation's word (``speakernames.category``: "Bundesamt",
"Gesellschaft", "Institut") stands before "für", then an optional adjective and a
capitalised noun, with no article between ("Grund für die Notlandung" is no name); and
"ohne Grenzen" after any capitalised word ("Ärzte ohne Grenzen").
"""

from __future__ import annotations

import re

from articles.quotes.marks import LINKED
from articles.speakernames import ORG, category

_TAIL = re.compile(
    r"(?P<link>für|ohne)[ \t]+"
    r"(?:(?!(?:ein|sein|ihr|dies|jed|all|kein|unser|eur|mein|dein|ander|beid|mehrer|viel"
    r"|wenig|weiter|welch|manch)\w*[ \t])"  # a determiner or quantifier: "für eine Woche"
    r"(?P<adjective>[a-zäöü][\w\-]*(?:e|en|er|es))[ \t]+)?"
    r"(?P<noun>[A-ZÄÖÜ][\w\-]*)(?![\w\-])"
)
_HEAD = re.compile(r"(?<![\w\-])([A-ZÄÖÜ][\w\-]*)[ \t]+$")


def link_names(masked: str) -> tuple[str, dict[str, str]]:
    """``masked`` with the lower-case words of the organisation names it holds marked, and
    each marked tail (" \ue000ür Arbeit") with the tail as written (" für Arbeit")."""
    if LINKED in masked:
        masked = masked.replace(LINKED, " ")  # a text's own private-use mark links nothing
    found: list[re.Match] = []
    for link in ("für", "ohne"):
        i = masked.find(f" {link} ")
        while i >= 0:
            tail = _TAIL.match(masked, i + 1)
            head = _HEAD.search(masked, max(0, i - 60), i + 1) if tail else None
            if tail and head and _names_organisation(head.group(1), tail):
                found.append(tail)
            i = masked.find(f" {link} ", i + 1)
    if not found:
        return masked, {}
    chars = list(masked)
    written: dict[str, str] = {}
    for tail in found:
        starts = [tail.start("link")]
        if tail.group("adjective"):
            starts.append(tail.start("adjective"))
        for start in starts:
            chars[start] = LINKED
        marked = "".join(chars[tail.start() : tail.end()])
        written[f" {marked}"] = f" {tail.group(0)}"
    return "".join(chars), written


def quoted_organisation(inner: str) -> bool:
    """Is a quotation's text an organisation's name with lower-case words, as ``link_names``
    reads one („Reporter ohne Grenzen“, „Gesellschaft für bedrohte Völker“; not „Metasuche
    ohne Müll“)?"""
    words = inner.split()
    if not 3 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    tail = (
        _TAIL.fullmatch(inner, len(words[0]) + 1)
        if inner[len(words[0]) : len(words[0]) + 1] == " "
        else None
    )
    return tail is not None and _names_organisation(words[0], tail)


def _names_organisation(head: str, tail: re.Match) -> bool:
    if tail.group("link") == "ohne":
        return tail.group("noun") == "Grenzen" and tail.group("adjective") is None
    return category(head) == ORG


def restore(name: str | None, written: dict[str, str]) -> str | None:
    """A speaker's name or role with the linked names' lower-case words as written."""
    if not name or not written:
        return name
    for capitalised, original in written.items():
        if capitalised in name:
            name = name.replace(capitalised, original)
    return name
