"""Sources named without a reporting verb, and the expressions the frame rules match.

``Frame`` is what a frame rule finds. ``laut_frame`` finds "laut X", "nach Angaben von X",
"X zufolge", "Seiner Ansicht nach"; ``fuer_holder`` "Für X ist …"; ``opinion_owner`` an opinion
with its owner ("Nach Schäubles Idee …"). The expressions for "so X", "heißt es in …", a list
of speakers, a source in brackets and the other constructions of ``frames`` are here too, as
are the verbs of judging ("bewertete", "stufte … ein") that ``classify`` shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.quotes.clauses import bare
from articles.quotes.context import Context
from articles.quotes.features import starting_with
from articles.quotes.lexicon import NAMING_VERBS
from articles.quotes.nouns import nominative_name, nominative_role, personlike
from articles.quotes.phrases import (
    ADJ,
    APPOSITION_NAME,
    GEN,
    NAME,
    NP,
    NP_AT,
    Phrase,
    analyse_phrase,
    is_role,
)


@dataclass
class Frame:
    """A reporting frame: its cue ("sagte", "laut", "so", ":" or "" for none), where the cue
    stands, the phrase naming the speaker (None when not found), and a confidence."""

    cue: str
    cue_start: int
    phrase: Phrase | None
    confidence: float


LAUT = starting_with(
    "[GgLlNn]",
    rf"(?<![\w\-])(?P<cue>(?:[Ll]aut|[Nn]ach)[ \t]+(?:den[ \t]+|eigenen[ \t]+)?(?:Angaben|Worten"
    rf"|Ansicht|Auffassung|Einschätzung|Darstellungen?|Aussagen?|Informationen|Berichten|Meinung"
    rf"|Bewertung|Angabe|Auskunft|Auskünften"
    rf"|Überzeugung|Schätzungen|Erkenntnissen)"
    rf"[ \t]+(?:von|des|der|eines|einer|seines|seiner|ihres|ihrer)|[Ll]aut|[Gg]emäß)"
    rf"[ \t]+(?:(?:dem|der|den|einem|einer|des|eines)[ \t]+)?"
    rf"(?:(?:{ADJ})[ \t]+){{0,2}}(?P<np>{NAME}{GEN}?)",
)
_POSSESSIVE_VIEW = starting_with(
    "[IiSs]",
    r"(?<![\w\-])(?P<np>(?P<pron>[Ss]einer|[Ii]hrer)[ \t]+(?:Meinung|Ansicht|Auffassung"
    r"|Einschätzung|Überzeugung|Darstellung))[ \t]+(?P<cue>nach)(?![\w\-])",
)
ZUFOLGE = re.compile(
    rf"(?<![\w\-])(?:(?:dem|der|den|einem|einer)[ \t]+)?(?:(?:{ADJ})[ \t]+){{0,2}}"
    rf"(?P<np>{NAME}{GEN}?)[ \t]+(?P<cue>zufolge)"
)
SO_AFTER = re.compile(rf"[⟫〉][ \t]*[,–—-][ \t]*(?P<cue>so)[ \t]+(?P<np>{NP})(?![\w\-])")
SO_ANY = re.compile(
    rf"[,–—][ \t]*(?P<cue>so)[ \t]+(?P<np>{NP})(?![\w\-])[ \t]*(?:weiter[ \t]*)?(?=[,.;]|$)"
)
SO_MID = re.compile(rf"[,–—][ \t]*(?P<cue>so)[ \t]+(?P<np>{NP})(?![\w\-])")
_DOC = (
    rf"(?:[Ii]n|[Aa]uf|[Ii]m|[Aa]us|[Vv]on|[Vv]om)[ \t]+"
    rf"(?:(?:der|dem|den|einer|einem|seiner|ihrer|seinem|ihrem)[ \t]+)?"
    rf"(?:(?:{ADJ}|gestern|heute|kürzlich|zuvor)[ \t]+){{0,3}}"
    rf"(?P<np>(?:{NAME}|[a-zäöüß][\w]*-[A-ZÄÖÜ][\w\-]*)(?:{GEN}){{0,2}})"
)
HEISST_BEFORE = starting_with(
    "[AaIiVv]",  # _DOC's first words
    rf"{_DOC}(?:[ \t]*\([^()]{{1,40}}\))?(?:[ \t]*,[^⟪⟫,]{{2,150}},)?"
    rf"(?:[ \t]+[^\s⟪⟫,.;:]+){{0,3}}?[ \t]+(?:hatte[ \t]+)?(?P<cue>heißt|hieß|hatte)[ \t]+es\b",
)
HEISST_AFTER = re.compile(
    rf"(?P<cue>heißt|hieß|geheißen)[ \t]+es(?:[ \t]+[a-zäöüß]+){{0,2}}[ \t]+{_DOC}"
)
# "In dem Brief steht: …", "steht in dem Gesetzentwurf der Passus: …", "In einem Schreiben war
# von einem „…“ die Rede", "Auf dem Transparent war „…“ zu lesen"
DOC_OPENING = re.compile(
    rf"[ \t]*(?:(?:Derzeit|Dort|Nun|Auch|Zudem|Außerdem|Weiter)[ \t]+)?"
    rf"(?:(?P<verb>steht|stand|stehen|standen|heißt|hieß)[ \t]+(?:(?:deshalb|auch|nun|zudem|"
    rf"jedoch|aber|dort|etwa|weiter)[ \t]+)*)?{_DOC}(?![\w\-])"
)
DOC_VERBS = re.compile(
    r"(?<![\w\-])(?:steht|stand|stehen|standen)(?![\w\-])|(?<![\w\-])die[ \t]+Rede(?![\w\-])"
    r"|(?<![\w\-])zu[ \t]+(?:lesen|sehen)(?![\w\-])"
)
_FUER = re.compile(
    rf"[ \t]*(?:(?:Auch|Doch|Aber|Und|Nur|Gerade|Vor[ \t]+allem)[ \t]+)?(?:(?P<was>Was)[ \t]+)?"
    rf"(?P<cue>[Ff]ür)[ \t]+(?:(?:den|die|das|dem)[ \t]+)?(?:{ADJ}[ \t]+){{0,2}}"
    rf"(?P<np>{NAME}{GEN}?)(?![\w\-])(?:[ \t]*\([^()]{{1,30}}\))?"
    rf"(?(was)|[ \t]+(?:ist|sei|war|wäre|sind|seien|waren|hält|hielt|bleibt|bleibe|gilt|gelte"
    rf"|steht|stehe|stellt|stelle|stellen|kommt|komme)(?![\w\-]))"
)


def fuer_holder(ctx: Context, s_start: int, limit: int) -> Phrase | None:
    """The person an opinion is held by: 'Für den Theologen Hans Küng ist der Rücktritt …'."""
    masked = ctx.masked
    mids = list(_FUER_MID.finditer(masked, s_start, limit))
    fuer = mids[-1] if mids else _FUER.match(masked, s_start, limit)
    if not fuer:
        return None
    phrase = bare(fuer)
    article = re.search(r"(?:den|die|das|dem)[ \t]+$", masked[fuer.start() : fuer.start("np")])
    check = phrase
    if article and phrase.name:
        check = Phrase(phrase.start, phrase.end, f"{article.group(0)}{phrase.text}")
        check.name, check.role, check.kind = phrase.name, phrase.role, phrase.kind
    if (phrase.name or phrase.role) and personlike(check) and (article or ctx.proper(phrase, 0)):
        return phrase
    return None


_FUER_MID = re.compile(
    rf"(?<=[,;])[ \t]*(?:ist|sei|war|wäre|sind|seien|waren)[ \t]+(?:es[ \t]+)?(?P<cue>für)[ \t]+"
    rf"(?:(?:den|die|das|dem)[ \t]+)?(?:{ADJ}[ \t]+){{0,2}}(?P<np>{NAME}{GEN}?)(?![\w\-])"
)
LISTED = starting_with(
    "[,u]", rf"(?:,|(?<![\w\-])und)[ \t]+(?P<np>{NP})(?![\w\-])[ \t]*(?P<colon>:)?[ \t]*\(?$"
)
BRACKET_SOURCE = re.compile(rf"⟫[ \t]*\((?P<np>{NAME})(?![\w\-])[ \t]*(?:,[^()⟪⟫]{{1,80}})?\)")
WIRD_ZITIERT = re.compile(
    rf"[⟫〉][ \t]*,?[ \t]*(?P<cue>wird|wurde)[ \t]+(?P<np>{NP})(?![\w\-])[^.⟪]{{0,80}}?zitiert"
)


AFTER_SICH = re.compile(
    rf"[⟫〉][ \t]*[,–—-][ \t]*(?:(?P<cue>(?:zeigte|zeigten|zeigt|gab|gaben|gibt|freute|freuten"
    rf"|freut|ärgerte|ärgerten|empörte|empörten|wunderte|wunderten|beschwerte|beschwerten"
    rf"|ist|war|sind|waren)[ \t]+sich)"
    rf"|(?P<cue2>will|wollen|wollte|wollten)(?=[^.!?⟪]{{3,120}}?[ \t]wissen\b))"
    rf"[ \t]+(?:(?:auch|jedoch|dann|nun|damals|später|bereits|ebenfalls)[ \t]+)?"
    rf"(?P<np>{NP})(?![\w\-])"
)


def source_phrase(m: re.Match) -> Phrase:
    """The source a ``LAUT`` or ``ZUFOLGE`` match names, with the capitalised adjectives of
    its name ("des Statistischen Bundesamtes"), a genitive name in the nominative ("nach
    Angaben des Roten Kreuzes": "Rote Kreuz")."""
    phrase = bare(m)
    lead = m.string[m.start() : m.start("np")]
    if phrase.role and not phrase.name and _GENITIVE_LINK.search(lead):
        # "nach Angaben des Sprechers", "seines Anwalts": the role in the nominative
        words = phrase.role.split()
        phrase.role = " ".join([*words[:-1], nominative_role(words[-1])])
    if not phrase.name or phrase.pronoun is not None:
        return phrase
    after_cue = m.end("cue") - m.start()  # (the cue's own nouns, "Angaben", are no adjectives)
    proper = _PROPER_ADJECTIVES.search(lead, after_cue)
    if proper is not None and phrase.name_start == m.start("np"):
        phrase.name = f"{proper.group(1)} {phrase.name}"
        phrase.start = phrase.name_start = m.start() + proper.start(1)
        phrase.text = m.string[phrase.start : phrase.end]
    link = _GENITIVE_LINK.search(lead)
    if link is not None:
        phrase.name = nominative_name(phrase.name, link.group(1))
    return phrase


# the capitalised adjectives that open a name, right before it ("Statistischen Bundesamtes")
_PROPER_ADJECTIVES = re.compile(
    r"(?<![\w\-])([A-ZÄÖÜ][\w\-]*en(?:[ \t]+[A-ZÄÖÜ][\w\-]*en)*)[ \t]+$"
)
# the masculine or neuter genitive before it: "nach Angaben des", "laut des früheren"
_GENITIVE_LINK = re.compile(r"(?<![\w\-])(des|eines|seines|ihres)[ \t]+(?:[\w\-]+[ \t]+){0,2}$")


def laut_frame(masked: str, start: int, end: int, quote: int | None = None) -> Frame | None:
    """A 'laut X' / 'nach Angaben von X' / 'X zufolge' source; with a quotation position, the
    nearest one before it."""
    text = masked[start:end]
    if not any(w in text for w in ("aut ", "ach ", "emäß", "zufolge")):
        return None
    view = _POSSESSIVE_VIEW.search(masked, start, end)
    if view:
        # "Seiner Ansicht nach …": the possessive stands for the person, like a pronoun
        pronoun = "er" if view.group("pron").lower() == "seiner" else "sie"
        phrase = Phrase(view.start("np"), view.end("np"), view.group("np"), pronoun=pronoun)
        return Frame("nach", view.start("cue"), phrase, 0.7)
    best = None
    for rx in (LAUT, ZUFOLGE):
        if rx is ZUFOLGE and "zufolge" not in text:
            continue
        for m in rx.finditer(masked, start, end):
            phrase = source_phrase(m)
            if phrase.name is None and phrase.role is None:
                continue
            app = APPOSITION_NAME.match(masked, m.end(), end)
            if app and not any(is_role(w) for w in app.group("name").split()):
                if phrase.role is None and phrase.name:
                    phrase.role = phrase.name
                phrase.name, phrase.name_start = app.group("name"), app.start("name")
                phrase.end = app.end("name")
            frame = Frame(m.group("cue"), m.start("cue"), phrase, 0.8)
            if best is None or (quote is not None and best.cue_start < frame.cue_start < quote):
                best = frame
    return best


_OPINIONS = (
    r"(?:Idee|Vorschlag|Vorwurf|Forderung|Auffassung|Einschätzung|Darstellung|Aussage|Äußerung"
    r"|Behauptung|Warnung|Appell|Argument|Sichtweise|Vorstellung|Wunsch|Plan|Plänen|Vorschlägen"
    r"|Vorwürfen|Forderungen|Aussagen|Äußerungen)"
)
# "Nach Schäubles Idee soll „…“": a possessive genitive owner of an opinion
_OPINION_POSSESSIVE = starting_with(
    "[GgIiLlNn]",
    rf"(?<![\w\-])(?:[Nn]ach|[Ll]aut|[Gg]emäß|[Ii]n)[ \t]+(?P<own>[A-ZÄÖÜ][\w\-]+)s[ \t]+"
    rf"(?:[a-zäöüß]+(?:e|en)[ \t]+)?{_OPINIONS}(?![\w\-])",
)
# "Auf den Vorwurf der CDU, es handele sich um einen „…“": the genitive owner
_OPINION_GENITIVE = starting_with(
    "[A-ZÄÖÜ]",  # _OPINIONS
    rf"(?<![\w\-]){_OPINIONS}[ \t]+(?P<np>(?:des|der)[ \t]+(?:{ADJ}[ \t]+){{0,2}}{NAME})"
    rf"(?![\w\-])[ \t]*(?:\([^()]{{1,30}}\)[ \t]*)?,[ \t]*(?:es|dass|man|sie|er|die|der|das)[ \t]",
)


def opinion_owner(ctx: Context, s_start: int, quote: int) -> Frame | None:
    """An opinion or a document named with its owner before the quotation, with no reporting
    verb between: 'Nach Schäubles Idee soll „…“', 'Vorwurf der CDU, es handele sich um „…“'."""
    masked = ctx.masked
    lo = max(s_start, quote - 200)
    found = None
    for m in _OPINION_POSSESSIVE.finditer(masked, lo, quote):
        stem = m.group("own")
        if re.search(rf"(?<![\w\-]){re.escape(stem)}(?![\w\-])", masked) and (
            stem not in ctx.common_nouns
        ):
            start = m.start("own")
            found = Phrase(start, start + len(stem), stem, name=stem, name_start=start)
    for m in _OPINION_GENITIVE.finditer(masked, lo, quote):
        sub = NP_AT.match(masked, m.start("np"))
        if sub is None:
            continue
        phrase = analyse_phrase(sub)
        owner = phrase.kind == "organisation" or phrase.role or personlike(phrase)
        if phrase.name and owner and (found is None or phrase.start > found.start):
            found = phrase
    if found is None or ctx.cue_tokens(found.end, quote):
        return None
    return Frame("", found.start, found, 0.6)


LATE_FRAME = re.compile(r"[^⟪⟫,.;:!?\n]{1,80},[ \t]*")

NEXT_FRAME = re.compile(
    rf"[.!?]?[ \t]+(?:[–—-][ \t]+)?(?:Das|Dies|So|Diese[rs]?(?:[ \t]+[\w\-]+){{0,3}}"
    rf"|[Mm]it[ \t]+(?:diesen|den|solchen)[ \t]+Worten)[ \t]+"
    rf"(?P<verb>[a-zäöüß]+)[ \t]+(?:(?:sich|auch|dann|damals)[ \t]+)?(?P<np>{NP})(?![\w\-])"
)
SENT_SPLIT = re.compile(r"[.!?][ \t]+(?=[A-ZÄÖÜ])")

JUDGING_VERBS = NAMING_VERBS | frozenset(
    """sieht sah sehen sahen betrachtet betrachtete wies zurückgewiesen kritisierte kritisiert
    verurteilte verurteilt lobte lobt würdigte würdigt feierte warnte warnt bewertete bewertet
    einstufte eingestuft stufte stuft beurteilte beurteilt kritisieren verurteilen bezeichnen
    sprechen werten wertete gewertet beurteilte beurteilten bewerteten befand befanden nannten
    eingeschätzt einschätzte eingestuft""".split()
)
