"""Noun phrases next to a position in a clause: the subject right before a verb, the phrase
right after it, appositions and the adverbial phrases that may stand between.
"""

from __future__ import annotations

import re

from articles.quotes.lexicon import AUXILIARIES, SUBORDINATORS
from articles.quotes.marks import CLOSE_NAME, OPEN_NAME
from articles.quotes.phrases import (
    ADJ,
    APPOSITION_NAME,
    GEN,
    NAME,
    NP_AT,
    NP_BOUNDED,
    NP_PLAIN,
    Phrase,
    analyse_phrase,
    is_role,
)

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


def np_before(masked: str, clause_start: int, verb_start: int) -> Phrase | None:
    """A subject standing right before the verb, at the start of its clause."""
    window_start = max(clause_start, verb_start - 160)
    pre = masked[window_start:verb_start]
    adv = _ADVERBIALS.search(pre)
    core_end = window_start + (adv.start() if adv else len(pre))
    for m in NP_BOUNDED.finditer(masked, window_start, core_end):
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
        phrase = analyse_phrase(m)
        return phrase
    return None


VERB_FINAL_LEAD = re.compile(
    r"[ \t]*(?:(?P<sub>(?i:weil|dass|da|wie|nachdem|als|ob|wenn|obwohl|während|wobei|indem"
    r"|bevor|zumal))|(?P<rel>der|die|welche|welcher))[ \t]+"
)
PASSIVE_NEXT = re.compile(
    r"[ \t]+(?:wird|werden|wurde|wurden)(?:[ \t]+[^\s.,;:!?⟪]+){0,5}?[ \t]+[a-zäöüß]+(?:t|en)"
    r"[ \t]*(?:[.,;:!?]|$)"
)
PASSIVE = re.compile(r"(?<![\w\-])(?:wird|werden|wurde|wurden|worden)(?![\w\-])")
AGENT = re.compile(
    rf"(?<![\w\-])(?:von|vom)[ \t]+(?:(?:der|dem|den)[ \t]+)?(?:{ADJ}[ \t]+){{0,2}}"
    rf"(?P<np>{NAME}{GEN}?)(?![\w\-])"
)


AUX_SECOND = re.compile(
    r"[ \t]*(?:[A-ZÄÖÜ][\w\-]*[ \t]+)?(?:" + "|".join(sorted(AUXILIARIES)) + r")(?![\w\-])"
)


_COMMA_END = re.compile(r",[ \t]*$")


def np_apposition(masked: str, sent_start: int, verb_start: int) -> Phrase | None:
    """'Jens Stoltenberg, NATO-Generalsekretär, sagte' / 'Der Chef der WHO, Klaus Stöhr, sagte'."""
    pre = masked[sent_start:verb_start]
    if not _COMMA_END.search(pre) or "⟪" in pre:
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
    m = NP_AT.match(masked, head_start, sent_start + len(head))
    if m is None or m.end() != sent_start + len(head.rstrip()):
        return None
    phrase = analyse_phrase(m)
    if phrase.pronoun:
        return None
    second = re.sub(r"[ \t]*\([^()]*\)$", "", chunks[1].strip())
    offset = sent_start + len(head) + 1 + (len(chunks[1]) - len(chunks[1].lstrip()))
    n = re.fullmatch(NAME, second)
    if phrase.name is None and n and not any(is_role(w) for w in second.split()):
        phrase.name, phrase.name_start = second, offset
        phrase.end = offset + len(second)
    return phrase


def np_after(masked: str, pos: int, limit: int) -> Phrase | None:
    skip = _SKIP_AFTER.match(masked, pos, limit)
    start = skip.end() if skip else pos
    if skip is None:
        return None
    m = NP_AT.match(masked, start, limit)
    if not m or (masked[start : start + 1] == OPEN_NAME and masked[m.end() - 1] != CLOSE_NAME):
        quoted = re.compile(rf"{OPEN_NAME}([^{CLOSE_NAME}\n]{{1,60}}){CLOSE_NAME}").match(
            masked, start, limit
        )
        if quoted is None:
            return None
        # "„…“, schrieb „Die Zeit“": a quoted title that speaks is an outlet
        name = quoted.group(1)
        return Phrase(
            quoted.start(1), quoted.end(1), name, name=name, name_start=quoted.start(1),
            kind="organisation",
        )  # fmt: skip
    phrase = analyse_phrase(m)
    if phrase.pronoun is None and phrase.role and phrase.name is None:
        # "der Generalsekretär der Militärallianz, Jens Stoltenberg,"
        app = APPOSITION_NAME.match(masked, m.end(), limit)
        if app and not any(is_role(w) for w in app.group("name").split()):
            phrase.name = app.group("name")
            phrase.name_start = app.start("name")
            phrase.end = app.end("name")
    return phrase


ELIDED_AFTER = re.compile(
    r"[ \t]*(?:[,:]|(?:aber|jedoch|zugleich|gleichzeitig|außerdem|zudem|dann|später|auch)"
    r"(?![\w\-]))"
)


def next_verb(masked: str, start: int, end: int) -> int:
    """Where the finite verb after a subject with an apposition stands ('X, ein …, wollte')."""
    m = re.search(r",[ \t]+(?=[a-zäöüß]+[ \t])", masked[start:end])
    return start + m.end() if m else start


PAIR_SUBJECT = re.compile(
    rf"[ \t]*(?:(?:Auch|Und|Aber|Doch|Dann|Nun|Zudem)[ \t]+)?(?P<np>{NP_PLAIN})(?![\w\-])[ \t]+"
    rf"(?:und|sowie)[ \t]+{NP_PLAIN}(?![\w\-])[ \t]+"
)
_PP_ONE = re.compile(
    r"[ \t]+(?:(?:am|im|in|auf|bei|beim|gegenüber|vor|nach|während|zu|zum|zur|mit|an|über|aus"
    r"|unter|vom|des|eines|einer)[ \t]+(?:(?:der|die|das|den|dem|des|einer|einem|einen|eines"
    r"|seiner|ihrer|seinem|ihrem)[ \t]+)?(?:[a-zäöüß][\w\-]*[ \t]+){0,2}(?:〈[^〈〉\n]*〉"
    r"|[A-ZÄÖÜ0-9][\w\-.]*)(?:[ \t]+〈[^〈〉\n]*〉)?|(?:der)[ \t]+[A-ZÄÖÜ][\w\-]*"
    r"|(?:gestern|heute|morgen|bereits|auch|dazu|jedoch|zudem|nun|damals|später|zuvor|erneut"
    r"|weiter)(?![\w\-]))"
)


def pp_ends(masked: str, pos: int, limit: int) -> list[int]:
    """Where each of up to six adverbial phrases after pos ends ('am Montag in Berlin')."""
    ends = []
    while len(ends) < 6:
        m = _PP_ONE.match(masked, pos, limit)
        if m is None:
            break
        pos = m.end()
        ends.append(pos)
    return ends


AND_BEFORE = re.compile(
    r"(?<![\w\-])(?:und|sowie)[ \t]+(?:(?:"
    + "|".join(sorted(AUXILIARIES))
    + r")[ \t]+(?:(?:sich|dabei|dann|auch|noch|mit[ \t]+den[ \t]+Worten)[ \t]+)*)?$"
)
PARTICIPLE = re.compile(r"(?:ge|be|ver|er)[a-zäöüß]+t|[a-zäöüß]+iert")


def bare(m: re.Match, group: str = "np") -> Phrase:
    text = m.group(group)
    sub = NP_AT.match(text)
    if sub is None or sub.end() != len(text):
        return Phrase(m.start(group), m.end(group), text, name=text, name_start=m.start(group))
    return analyse_phrase(sub, m.start(group))


def apposed(masked: str, phrase: Phrase, pos: int, limit: int) -> Phrase:
    """A role phrase takes the name of an apposition after it ('der Chef, Karl Roth,')."""
    app = APPOSITION_NAME.match(masked, pos, limit)
    if app and phrase.name is None and not any(is_role(w) for w in app.group("name").split()):
        phrase.name, phrase.name_start = app.group("name"), app.start("name")
        phrase.end = app.end("name")
    return phrase
