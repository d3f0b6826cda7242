"""Subjects found without a reporting verb: the phrase opening a sentence, a subject after an
inverted verb, the source of a reaction ("Kritik kam von …"), the subject of a clause "mit den
Worten", the speaker before a colon ("BKA-Präsident Ziercke: „…“").
"""

from __future__ import annotations

import re

from articles.quotes.clauses import apposed, bare
from articles.quotes.context import Context
from articles.quotes.nouns import has_article, personlike, thing_subject
from articles.quotes.phrases import (
    ADJ,
    APPOSITION_NAME,
    ART,
    GEN,
    NAME,
    NP,
    NP_AT,
    PERSON_ENDINGS,
    Phrase,
    analyse_phrase,
    is_first_name,
    is_role,
)

MIT_WORTEN = re.compile(r"(?<![\w\-])mit[ \t]+(?:den|folgenden|diesen)[ \t]+Worten(?![\w\-])")
_PRONOUN_AFTER_VERB = re.compile(r"(?<![\w\-])[a-zäöüß]{3,}[ \t]+(?P<pron>er|sie)(?![\w\-])")


def worten_subject(masked: str, s_start: int, limit: int) -> Phrase | None:
    """The subject of a clause with 'mit den Worten' and any verb ('Paolo hatte die Ausführung
    mit den Worten abgelehnt:', '… lenkte er die Fähre und meldete sich mit den Worten:')."""
    m = _SENT_SUBJECT.match(masked, s_start, limit)
    if m is not None:
        sub = NP_AT.match(masked, m.start("np"))
        if sub is not None:
            phrase = analyse_phrase(sub)
            if phrase.pronoun or (
                (phrase.name or phrase.role) and personlike(phrase) and not thing_subject(phrase)
            ):
                return phrase
    pronouns = list(_PRONOUN_AFTER_VERB.finditer(masked, s_start, limit))
    if pronouns:
        p = pronouns[-1]
        return Phrase(p.start("pron"), p.end("pron"), p.group("pron"), pronoun=p.group("pron"))
    return None


_COLON_NP = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun)[ \t]+)?(?P<np>{NP})(?![\w\-])"
    rf"(?:[ \t]*\([^()]{{1,40}}\))?(?P<rest>[^⟪]*)$"
)
_COLON_APPOSITION = re.compile(
    rf"[ \t]*(?P<np>{NAME})[ \t]*,[ \t]+(?P<app>[^,⟪⟫:;.!?]{{2,120}}):[ \t]*$"
)
_COLON_INVERTED = re.compile(
    rf"(?<![\w\-])[a-zäöüß]+(?:te|ten|t)[ \t]+(?:sich[ \t]+)?(?P<np>(?:{ART})[ \t]+[^⟪]*|{NAME}"
    rf"(?=[ \t]+[a-zäöüß]))"
)


_NOT_VERBS = (
    r"(?:noch|vor|nach|in|im|an|am|auf|aus|bei|mit|von|vom|zu|zum|zur|für|über|unter|um|wie|als|"
    r"und|oder|sowie|der|die|das|den|dem|des|ein|eine|einer|einem|einen|eines)"
)
_SENT_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun|Zudem|Außerdem|Dabei|Daraufhin|Selbst|Sogar"
    rf"|Nur|Gerade|Ausgerechnet|Insbesondere|Vor[ \t]+allem|auch|selbst|sogar)[ \t]+){{0,2}}"
    rf"(?P<np>{NP})(?![\w\-])(?:[ \t]*,(?P<app>[^,⟪⟫]{{2,120}}(?:,[^,⟪⟫]{{2,120}})?),)?"
    rf"(?:[ \t]*\([^()]{{1,40}}\))?"
    rf"[ \t]+(?:(?!{_NOT_VERBS}\b)[a-zäöüß]+[ \t]+)?(?!{_NOT_VERBS}\b)(?P<verb>[a-zäöüß]+)"
    rf"(?![\w\-])"
)


CLAUSE_INVERTED = re.compile(
    rf"[ \t]*(?!(?:{_NOT_VERBS})\b)[a-zäöüß]{{3,}}[ \t]+(?P<np>(?:{ART})[ \t]+[^⟪,]*)"
)


REL_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|So|Dann|Nun|Zudem|Außerdem|Wie)[ \t]+)?(?P<np>{NP})"
    rf"(?![\w\-])[ \t]*,[ \t]+(?:der|die|das|welche[rs]?|dessen|deren)[ \t][^⟪⟫;:,]{{2,160}},"
    rf"(?:[ \t]+(?:auch|jedoch|nun|aber|dann|zudem|dagegen|hingegen|dazu|darauf|damals))*[ \t]*"
)


def sentence_subject(ctx: Context, s_start: int, quote_start: int) -> Phrase | None:
    """The subject opening the sentence, when it names a person or an organisation."""
    masked = ctx.masked
    m = _SENT_SUBJECT.match(masked, s_start, quote_start)
    if m is None:
        return None
    sub = NP_AT.match(masked, m.start("np"))
    if sub is None:
        return None
    phrase = analyse_phrase(sub)
    if phrase.pronoun:
        return phrase if phrase.pronoun == "er" or not m.group("verb").endswith("en") else None
    if m.group("verb") == "er":
        er = (m.start("verb"), m.end("verb"))
    else:
        after = _ER_AFTER.match(masked, m.end("verb"))
        er = (after.start() + 1, after.end()) if after else None
    if er is not None and not phrase.role:
        # "Das ägyptische Angebot, …, lehnt er jedoch ab": "er" is always nominative
        return Phrase(er[0], er[1], "er", pronoun="er")
    if not (phrase.name or phrase.role) or not personlike(phrase):
        return None
    if not ctx.proper(phrase, s_start):
        return None
    if phrase.name and not phrase.role and phrase.kind == "person":
        article = has_article(phrase)
        words = phrase.name.split()
        genitive = len(words) > 1 and words[1] in ("des", "der", "von", "vom", "eines", "einer")
        head = (words[0] if genitive else words[-1]).lower()
        if article and not head.endswith(PERSON_ENDINGS):
            return None
    app = m.group("app")
    first = phrase.text.split()[0] if phrase.text.split() else ""
    if app and phrase.pronoun is None and (phrase.name is None or first != phrase.name.split()[0]):
        # "Der ältere Bruder des Papstes, Georg Ratzinger, war …": the apposition names him
        second = app.split(",")[0].strip()
        if re.fullmatch(NAME, second) and not any(is_role(w) for w in second.split()):
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


# a copula and the noun phrase before it, which is then its subject
_COPULA = frozenset(
    "sei seien ist sind war waren wäre wären bleibt bleiben blieb blieben gilt gelten galt "
    "galten".split()
)
_LEAD_SUBJECT = re.compile(
    r"[ \t]*(?:Der|Die|Das|Ein|Eine|Dieser|Diese|Dieses)(?:[ \t]+[\w\-]+){1,3}[ \t]+"
)


def inverted_subject(masked: str, s_start: int, limit: int) -> Phrase | None:
    """'Am Rande der Sitzung nahm auch der Ministerpräsident …, Christian Wulff, Stellung.'"""
    m = _INVERTED_SUBJECT.match(masked, s_start, limit)
    if m is None or any(c in masked[s_start : m.start("np")] for c in ",⟪⟫:"):
        return None
    if m.group("verb") in _COPULA and _LEAD_SUBJECT.fullmatch(masked, s_start, m.start("verb")):
        return None  # "Die Bundeswehr sei eine Armee des Friedens": a predicate, not a subject
    first = m.group("first")
    if first and not is_first_name(first):
        return None
    sub = NP_AT.match(masked, m.start("first") if first else m.start("np"), limit)
    if sub is None:
        return None
    phrase = analyse_phrase(sub)
    named = first and phrase.name and phrase.kind == "person" and len(phrase.name.split()) >= 2
    if not (phrase.role or named or (phrase.name and phrase.kind == "organisation")):
        return None
    return apposed(masked, phrase, sub.end(), limit)


def inverted_pronoun(masked: str, s_start: int, limit: int) -> Phrase | None:
    """'Dabei griff sie …', 'Ursprünglich wollte er „…“': a pronoun right after the verb."""
    m = _INVERTED_PRONOUN.match(masked, s_start, limit)
    if m is None or any(c in m.group(0) for c in ",⟪⟫:"):
        return None
    if m.group("pron") == "sie" and m.group("verb").endswith("en"):
        return None
    return Phrase(m.start("pron"), m.end("pron"), m.group("pron"), pronoun=m.group("pron"))


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
    rf"[ \t]+(?:von|vom)[ \t]+(?:(?:der|dem|den)[ \t]+)?(?P<np>(?:{ADJ}[ \t]+){{0,2}}{NAME}"
    rf"{GEN}{{0,2}})(?![\w\-])"
)
_FROM_FRONT = re.compile(
    rf"[ \t]*(?:(?:Auch|Doch|Aber|Und)[ \t]+)?(?:[Vv]on|[Vv]om)[ \t]+(?:(?:der|dem|den)[ \t]+)?"
    rf"(?P<np>(?:{ADJ}[ \t]+){{0,2}}{NAME}{GEN}{{0,2}})(?![\w\-])[ \t]+(?:kam|kommt|kamen"
    rf"|kommen)[ \t]+(?:[a-zäöüß]+[ \t]+)?{_REACTIONS}(?![\w\-])"
)


def reaction_source(masked: str, s_start: int, limit: int) -> Phrase | None:
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
    phrase = bare(m)
    if not (phrase.name or phrase.role) or not personlike(phrase):
        return None
    return apposed(masked, phrase, m.end("np"), limit)


_ELLIPTIC_COLON = re.compile(
    rf"[ \t]*(?:Ganz[ \t]+|Etwas[ \t]+|Deutlich[ \t]+|Ganz[ \t]+ähnlich[ \t]+)?"
    rf"(?:[Aa]nders|Ähnlich|Ebenso|Genauso|Kritischer|Vorsichtiger|Zurückhaltender|Deutlicher"
    rf"|Optimistischer|Skeptischer|Gelassener|Schärfer)[ \t]+(?:(?:auch|dagegen|hingegen|sieht"
    rf"[ \t]+es|sah[ \t]+es)[ \t]+)*(?P<np>(?:{ART})[ \t]+[^⟪⟫:]*?|{NAME})"
    rf"[ \t]*(?:\([^()]{{1,30}}\)[ \t]*)?:[ \t]*$"
)


def colon_subject(ctx: Context, s_start: int, colon_end: int) -> Phrase | None:
    """'BKA-Präsident Ziercke: „…“', 'Die Firma empfindet das als ungerecht: „…“'."""
    masked = ctx.masked
    subject = (
        reaction_source(masked, s_start, colon_end)
        or sentence_subject(ctx, s_start, colon_end)
        or inverted_pronoun(masked, s_start, colon_end)
    )
    if subject is not None:
        return subject
    elliptic = _ELLIPTIC_COLON.match(masked, s_start, colon_end)
    if elliptic is not None:
        # "Anders die Opposition: „…“", "Ganz anders die Grünen-Chefin Anna Berg: „…“"
        sub = NP_AT.match(masked, elliptic.start("np"), colon_end)
        if sub is not None and sub.end() == elliptic.end("np"):
            phrase = analyse_phrase(sub)
            if (phrase.name or phrase.role) and personlike(phrase):
                return phrase
    prefix = masked[s_start:colon_end]
    m = _COLON_NP.match(prefix)
    if m:
        rest = m.group("rest").strip()
        first = rest.split(" ", 1)[0] if rest else ""
        if rest in (":", "wörtlich:") or (first[:1].islower() and first not in ("und", "oder")):
            sub = NP_AT.match(masked, s_start + m.start("np"))
            if sub is not None:
                phrase = analyse_phrase(sub)
                if phrase.pronoun or (
                    (phrase.name or phrase.role)
                    and personlike(phrase)
                    and ctx.proper(phrase, s_start)
                ):
                    return phrase
    app = _COLON_APPOSITION.match(masked, s_start, colon_end)
    if app and any(is_role(w) for w in app.group("app").split()[:4]):
        # "Erkki Tuomioja, Präsident des Rats der Europäischen Union: „…“"
        sub = NP_AT.match(masked, app.start("np"), app.end("np"))
        if sub is not None and sub.end() == app.end("np"):
            phrase = analyse_phrase(sub)
            if phrase.name and personlike(phrase):
                return phrase
    inv = _COLON_INVERTED.search(masked, s_start, colon_end)
    if inv:
        sub = NP_AT.match(masked, inv.start("np"), colon_end)
        if sub is not None:
            phrase = analyse_phrase(sub)
            if (
                personlike(phrase)
                and ctx.proper(phrase, s_start)
                and (phrase.role or phrase.pronoun or phrase.name)
            ):
                app = APPOSITION_NAME.match(masked, sub.end(), colon_end)
                if app and phrase.name is None:
                    phrase.name, phrase.name_start = app.group("name"), app.start("name")
                return phrase
    return None
