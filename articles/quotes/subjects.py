"""The speaker phrase of a reporting cue: before it, after it, across a passive, a relative
clause or a shared subject ("… und meldete sich mit den Worten").
"""

from __future__ import annotations

import copy
import re

from articles.quotes.clauses import (
    AGENT,
    AND_BEFORE,
    AUX_SECOND,
    ELIDED_AFTER,
    PAIR_SUBJECT,
    PARTICIPLE,
    PASSIVE,
    VERB_FINAL_LEAD,
    bare,
    next_verb,
    np_after,
    np_apposition,
    np_before,
    pp_ends,
)
from articles.quotes.context import Context
from articles.quotes.lexicon import AUXILIARIES
from articles.quotes.marks import OPEN_NAME
from articles.quotes.nouns import has_article, personlike, plural_phrase, singular_phrase
from articles.quotes.openings import (
    CLAUSE_INVERTED,
    REL_SUBJECT,
    inverted_pronoun,
    inverted_subject,
    sentence_subject,
)
from articles.quotes.phrases import DEMONSTRATIVES, NP_AT, NP_BOUNDED, Phrase, analyse_phrase
from articles.quotes.sentences import CLAUSE_BREAK


def verb_final_subject(
    ctx: Context, s_start: int, q_start: int, c_end: int, s_end: int
) -> Phrase | None:
    """The subject of a clause whose reporting verb follows the quotation: 'weil die Regierung
    X als „…“ bezeichnet hat', 'der Führer, der den Sieg als „…“ bezeichnete', 'wird von
    Kennern als „…“ bezeichnet'."""
    masked = ctx.masked
    clause_start = s_start
    for b in re.finditer(r"[,;:–—]|[ \t]-[ \t]", masked[s_start:q_start]):
        clause_start = s_start + b.end()
    tail_end = re.search(r"[,;:.!?]", masked[c_end:s_end])
    tail = masked[c_end : c_end + tail_end.start() if tail_end else s_end]
    clause = masked[clause_start:q_start]
    if PASSIVE.search(clause) or PASSIVE.search(tail):
        agents = list(AGENT.finditer(masked, clause_start, q_start))
        if agents:
            phrase = bare(agents[-1])
            return phrase if personlike(phrase) else None
        return None
    lead = VERB_FINAL_LEAD.match(masked, clause_start, q_start)
    if lead is None:
        # "…, habe sie es als „…“ bezeichnet", "Zuvor hatte sie die Lage als „…“ beschrieben":
        # the subject right after the auxiliary of a verb-second clause
        aux = AUX_SECOND.match(masked, clause_start, q_start)
        if aux is not None:
            phrase = np_after(masked, aux.end(), q_start)
            if phrase is not None and (phrase.pronoun or (phrase.name or phrase.role)):
                return phrase if phrase.pronoun or personlike(phrase) else None
        if clause_start != s_start:
            return None
        phrase = sentence_subject(ctx, s_start, q_start)
        return phrase
    if lead.group("sub"):
        sub = NP_AT.match(masked, lead.end(), q_start)
        if sub is None:
            return None
        phrase = analyse_phrase(sub)
        if phrase.pronoun:
            return phrase
        ok = (phrase.name or phrase.role) and personlike(phrase)
        return phrase if ok and ctx.proper(phrase, lead.end()) else None
    return _rel_antecedent(masked, s_start, clause_start, lead)


def _rel_antecedent(masked: str, s_start: int, clause_start: int, lead: re.Match) -> Phrase | None:
    """In a relative clause the pronoun is the mention and its antecedent names the speaker:
    'der Führer, der den Sieg als „…“ bezeichnete', 'Demonstranten, die skandierten: „…“'."""
    comma = clause_start - 1
    while comma > s_start and masked[comma] != ",":
        comma -= 1
    antecedent = None
    for m in NP_BOUNDED.finditer(masked, max(s_start, comma - 150), comma):
        if m.end() == comma:
            antecedent = analyse_phrase(m)
            break
    if antecedent is None or antecedent.pronoun or not personlike(antecedent):
        return None
    if not (antecedent.name or antecedent.role):
        return None
    antecedent.start, antecedent.end = lead.start("rel"), lead.end("rel")
    return antecedent


_ZITIERT_SKIP = re.compile(
    r"[ \t]+(?:man|einen|den|[a-zäöü][\w\-]*\.(?:de|com|at|ch|net|org))(?=[ \t])"
)


_WHOLE_WORD = re.compile(r"(?<![\w\-])(\w+)(?![\w\-])")
_FEMININE = ("ung", "ion", "tät", "heit", "keit", "schaft", "ei", "agentur", "zeitschrift")
_OPENING_PARTICIPLE = re.compile(r"(?:ge|be|ver|er|ent|über|zer)[a-zäöüß]+t")


def _not_nominative(ctx: Context, phrase: Phrase, sent_start: int) -> bool:
    """A phrase before the verb that cannot be its subject: 'Der englischen Zeitung' (dative),
    or a lone capitalised sentence opener that is no name ('Ähnlich')."""
    words = phrase.text.split()
    if len(words) >= 3 and words[0] == "Der" and words[1][:1].islower():
        return words[1].endswith("en")
    if len(words) >= 2 and words[0] == "Der" and words[1].lower().endswith(_FEMININE):
        return True  # "Der Zeitung sagte ein Sprecher": "der" before a feminine noun is dative
    if phrase.pronoun or phrase.role or len(words) != 1:
        return False
    low = words[0].lower()
    adverb = low.endswith(("lich", "ig", "isch", "weise", "bar", "sam", "haft")) or bool(
        _OPENING_PARTICIPLE.fullmatch(low)  # "Besorgt äußerte sich …", "Enttäuscht zeigte sich"
    )
    return adverb and phrase.start <= sent_start + 1 and not ctx.proper(phrase, sent_start)


def cue_subject(ctx: Context, sent_start: int, cue: tuple[int, int, str], sent_end: int):
    """The speaker phrase of a reporting cue: before it or after it in its clause. Found once
    per article and arguments (the frames, the clauses of the pipeline and indirect speech ask
    for the same ones; the search reads only the masked text and what the context derives from
    it), and each caller gets a copy of its own, which it may change."""
    found = ctx.memo.setdefault("cue_subject", {})
    key = (sent_start, cue, sent_end)
    if key not in found:
        found[key] = _cue_subject(ctx, sent_start, cue, sent_end)
    phrase = found[key]
    return None if phrase is None else copy.copy(phrase)


def _cue_subject(ctx: Context, sent_start: int, cue: tuple[int, int, str], sent_end: int):
    masked = ctx.masked
    c_start, c_end, word = cue
    low = word.lower()
    clause_start = sent_start
    for m in CLAUSE_BREAK.finditer(masked, sent_start, c_start):
        clause_start = m.end()
    agent = _passive_agent(masked, clause_start, c_start, low)
    if agent is not None:
        return agent  # "wird von der „Netzeitung“ mit den Worten zitiert"
    conj = AND_BEFORE.search(masked, clause_start, c_start)
    if conj is not None:
        # "… lenkte er die Fähre und meldete sich mit den Worten", "… biss der Randalierer den
        # Fluggast und rief", "… war er hochgeschreckt und hatte gefragt": the subject is shared
        return (
            sentence_subject(ctx, sent_start, c_start)
            or inverted_pronoun(masked, sent_start, c_start)
            or _clause_inverted(masked, clause_start, conj.start())
            or sentence_subject(ctx, clause_start, conj.start())
            or inverted_subject(masked, sent_start, conj.start())
        )
    demonstrative = _DEMONSTRATIVE_SUBJECT.fullmatch(masked, clause_start, c_start)
    if demonstrative is not None:
        # "Dieser behauptete, …", "Diese bestätigte, dass …": the one just named
        word = demonstrative.group("word")
        start = demonstrative.start("word")
        return Phrase(start, start + len(word), word, pronoun=DEMONSTRATIVES[word.lower()])
    before = np_apposition(masked, sent_start, c_start) or np_before(masked, clause_start, c_start)
    auxiliary = _AUXILIARY_LEAD.match(masked, clause_start, c_start)
    if before is None and auxiliary is not None and not auxiliary.group("inverted"):
        # "Louis Gallois, der Nachfolger des Chefs, hat angekündigt, …": the apposition
        # closes before the auxiliary, not before the participle
        before = np_apposition(masked, sent_start, auxiliary.start("aux"))
    if before is None and clause_start > sent_start:
        # "Der 84-jährige Küng, der als Kritiker des Papstes gilt, hofft": a relative clause
        # between the subject and its verb
        before = _relative_subject(ctx, sent_start, c_start)
    if before is None and low.endswith("en"):
        # "Er sowie Giesel befürchten": of two people as one subject, the first is the mention
        pair = PAIR_SUBJECT.match(masked, clause_start, c_start)
        if pair is not None and pair.end() == c_start:
            first = NP_AT.match(masked, pair.start("np"), pair.end("np"))
            if first is not None and first.end() == pair.end("np"):
                phrase = analyse_phrase(first)
                if phrase.pronoun or (personlike(phrase) and (phrase.name or phrase.role)):
                    return phrase
    if before is not None and before.pronoun == "sie" and low.endswith("en"):
        return before  # "sie sagten": a plural; the caller leaves it unresolved
    if before is not None and _not_nominative(ctx, before, sent_start):
        before = None  # "Der englischen Zeitung sagte X", "Ähnlich äußerte sich X"
    stop = CLAUSE_BREAK.search(masked, c_end, sent_end)
    limit = stop.start() if stop else sent_end
    # allow an apposition ", Jens Stoltenberg," right after the clause break
    after = np_after(masked, c_end, min(sent_end, limit + 60 if stop else limit))
    if after is None and before is None:
        # "erklärte am Montag auf einer Pressekonferenz in Berlin der Sprecher X", "sagte
        # gegenüber der Zeitung „Die Welt“ der Minister": adverbial phrases before the subject
        for pp_end in reversed(pp_ends(masked, c_end, limit)):
            cand = np_after(masked, pp_end, min(sent_end, limit + 60 if stop else limit))
            if (
                cand is not None
                and cand.pronoun is None
                and has_article(cand)
                and (cand.role or cand.name)
                and personlike(cand)
            ):
                after = cand
                break
    if (
        after is not None
        and after.pronoun
        and masked[c_end : after.start].strip() == ""
        and not (
            personlike(before)
            and before.start <= clause_start + 1
            # "Die Bürgerinnen und Bürger forderte er auf": a plural before a singular verb is
            # its object
            and not (plural_phrase(before) and not low.endswith("en"))
        )
    ):
        return after  # "Deren Haltung bezeichnete er als …": the pronoun is the subject
    if (
        after is None
        and before is None
        and clause_start > sent_start
        and masked[clause_start - 1] == ","
        and not masked[clause_start:c_start].strip()
        and ELIDED_AFTER.match(masked, c_end)
    ):
        # "X wollte sich nicht festlegen, sagte aber, …": a verb-first clause after a comma with
        # no subject of its own shares the subject of the sentence
        shared = sentence_subject(ctx, sent_start, clause_start) or np_apposition(
            masked, sent_start, next_verb(masked, sent_start, clause_start)
        )
        if shared is not None:
            return shared
    if low in ("zitiert", "zitierte") and after is None:
        # "zitiert ndr.de Polizeisprecher X", "zitierte man X", "zitiert einen Augenzeugen"
        skip = _ZITIERT_SKIP.match(masked, c_end, limit)
        if skip is not None:
            after = np_after(masked, skip.end(), limit)
    if low in ("zitiert", "zitierte") and before is not None and personlike(after):
        return after  # "Ein Fernsehsender zitierte Papandreou mit den Worten"
    if (
        personlike(before)
        and personlike(after)
        and after.pronoun is None
        and not low.endswith("en")
        and plural_phrase(before)
        and not plural_phrase(after)
    ):
        # "Die Mönche, die …, beschrieb die Nachrichtenagentur als …": a plural phrase before
        # a singular verb is its object; the subject follows the verb
        return after
    if personlike(before):
        return before
    # participle at the end: "hat Stoltenberg wiederholt behauptet", "hatte Lawrow gesagt"
    pre = masked[clause_start:c_start]
    aux = None
    for m in _WHOLE_WORD.finditer(pre):
        if m.group(1) in AUXILIARIES:
            aux = m
    if aux is not None:
        phrase = np_before(masked, clause_start, clause_start + aux.start())
        if personlike(phrase):
            return phrase
        after_aux = clause_start + aux.end()
        phrase = np_after(masked, after_aux, c_start)
        if personlike(phrase):
            return phrase
    if personlike(after) and not (low.endswith("en") and singular_phrase(after)):
        return after  # not "… kritisierten das Urteil": a plural verb wants a plural subject
    # a verb-final clause: "dass Mindermann das Mädchen gefragt habe", "die Gerhard Schröder
    # … zum Kriterium erklärt hatte"
    lead = VERB_FINAL_LEAD.match(masked, clause_start, c_start)
    tail = masked[c_end : c_end + 12]
    if lead is not None and not PASSIVE.search(masked[clause_start:c_start] + tail):
        sub = NP_AT.match(masked, lead.end(), c_start)
        if sub is not None:
            phrase = analyse_phrase(sub)
            if phrase.pronoun or (
                (phrase.name or phrase.role)
                and personlike(phrase)
                and ctx.proper(phrase, lead.end())
            ):
                return phrase
        elif lead.group("rel") and clause_start > sent_start:
            # "…, die unter anderem skandierten: „…“": the relative pronoun is the subject, and
            # agrees with the verb in number ("die Stadt, die … riefen" is no antecedent)
            phrase = _rel_antecedent(masked, sent_start, clause_start, lead)
            if phrase is not None and singular_phrase(phrase) != (not low.endswith("en")):
                return None
            return phrase
    return None


# (a subject right after the auxiliary is its own: "Schutzklauseln, wie …, hat das Gericht …")
_AUXILIARY_LEAD = re.compile(
    r"[ \t]*(?P<aux>hat|hatte|haben|hatten|ist|war|sind|waren|wird|wurde|werden|wurden)"
    r"(?![\w\-])(?P<inverted>[ \t]+(?:der|die|das|ein|eine|er|sie|es|man)(?![\w\-]))?"
)
_DEMONSTRATIVE_SUBJECT = re.compile(r"[ \t]*(?P<word>[Dd]ieser|[Dd]iese|[Jj]ener|[Jj]ene)[ \t]+")


def _passive_agent(masked: str, clause_start: int, c_start: int, low: str) -> Phrase | None:
    """The agent of a passive reporting clause: 'X wird von der „Netzeitung“ zitiert'."""
    if not PARTICIPLE.fullmatch(low):
        return None
    pre = masked[clause_start:c_start]
    if not PASSIVE.search(pre):
        return None
    agents = list(AGENT.finditer(masked, clause_start, c_start))
    if not agents:
        return None
    words = masked[clause_start : agents[-1].start()].split()
    if len(words) >= 2 and words[-1][:1].isupper() and words[-2] not in AUXILIARIES:
        return None  # "auf der Internetseite von Borussia Dortmund zitiert": no agent
    phrase = bare(agents[-1])
    if agents[-1].group("np").startswith(OPEN_NAME):
        phrase.kind = "organisation"  # "von der „Lokalpost“": a quoted outlet
    return phrase if personlike(phrase) and (phrase.name or phrase.role) else None


def _clause_inverted(masked: str, clause_start: int, limit: int) -> Phrase | None:
    """'…, biss der Randalierer den Fluggast': a clause opening with its verb, then the subject."""
    m = CLAUSE_INVERTED.match(masked, clause_start, limit)
    if m is None:
        return None
    sub = NP_AT.match(masked, m.start("np"), limit)
    if sub is None:
        return None
    phrase = analyse_phrase(sub)
    return phrase if (phrase.name or phrase.role) and personlike(phrase) else None


def _relative_subject(ctx: Context, sent_start: int, c_start: int) -> Phrase | None:
    masked = ctx.masked
    m = REL_SUBJECT.match(masked, sent_start, c_start)
    if m is None or m.end() != c_start:
        return None
    sub = NP_AT.match(masked, m.start("np"))
    if sub is None:
        return None
    phrase = analyse_phrase(sub)
    if phrase.pronoun or not (phrase.name or phrase.role) or not personlike(phrase):
        return None
    return phrase if ctx.proper(phrase, sent_start) else None
