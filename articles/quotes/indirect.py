"""Indirect speech: a reporting verb, then a dass-clause or a subjunctive clause; sentences that
open with their source ("Nach Angaben der Polizei …").
"""

from __future__ import annotations

import re

from articles.quotes.clauses import bare
from articles.quotes.context import Context
from articles.quotes.lexicon import SUBJUNCTIVE
from articles.quotes.marks import OPEN_Q, WORDS_IN
from articles.quotes.model import Quotation
from articles.quotes.nouns import mute, personlike
from articles.quotes.phrases import Phrase
from articles.quotes.resolve import Resolver, first_named
from articles.quotes.sources import HEISST_BEFORE, LAUT, SO_ANY, ZUFOLGE, source_phrase
from articles.quotes.subjects import cue_subject

# (a full stop inside a sentence ends no clause: "am Samstag, dem 21. Mai, …", "Dr. Roth")
_CLAUSE_END = re.compile(
    r"[;!?](?=\s|$)|\.[ \t]*$|$"
    r"|,[ \t]*(?=(?:während|weil|obwohl|aber|doch|sondern|wobei|nachdem|bevor|als|wenn|und|so)\b)"
    r"|⟪(?=[^⟫]*$)"
)
_ACCUSING = frozenset(
    "beschuldigt beschuldigte beschuldigten vorgeworfen warf warfen aufgefordert forderte "
    "forderten angekündigt kündigte versprochen versprach gedroht drohte schlug schlugen "
    "vorgeschlagen bat baten gebeten angeboten bot boten beschlossen beschloss appellierte "
    "appellierten mahnte mahnten ermahnte riet rieten empfahl empfahlen".split()
)
_NOT_CLAUSE_START = frozenset(
    "der die das was wie wo weil um nachdem während wenn als bevor so sowie sondern aber und "
    "in im am an auf bei mit nach von vor zu zum zur für über unter gegen ohne seit den dem des "
    "ein eine einen einem einer".split()
)


_SECOND_POSITION = re.compile(
    r"(?:(?:er|sie|es|man)|(?:der|die|das|ein|eine)[ \t]+(?:[a-zäöüß][\w\-]*(?:e|en|er|es)[ \t]+)?"
    r"[A-ZÄÖÜ][\w\-]*)[ \t]+(?P<verb>[a-zäöüß]{2,}e)(?![\w\-])"
)
_ARTICLE_NOUN = re.compile(
    r"(?:der|die|das|ein|eine)[ \t]+(?:[a-zäöüß][\w\-]*(?:e|en|er|es)[ \t]+)?[A-ZÄÖÜ]"
)


def find_indirect(ctx: Context, resolver: Resolver) -> list[Quotation]:
    """Indirect speech: a reporting clause, then a dass-clause, a subjunctive clause, or (after
    verbs of accusing and demanding) a zu-infinitive clause. Its speaker is resolved as a
    direct quotation's is (a pronoun to the person or described subject it stands for, else to
    the latest speaker who agrees); speakers found are added to ``resolver.used``."""
    masked, entities, used = ctx.masked, ctx.entities, resolver.used
    out = []
    for s_start, s_end in ctx.sentences:
        last_end = s_start
        for cue in ctx.cue_tokens(s_start, s_end):
            if cue[0] < last_end:
                continue
            comma = _TO_COMMA.match(masked, cue[1], s_end)
            if comma is None:
                continue
            start = comma.end()
            end_m = _CLAUSE_END.search(masked, start + 1, s_end)
            end = end_m.start() if end_m else s_end
            while end > start and masked[end - 1] in " \t,":
                end -= 1
            clause = masked[start:end]
            words = [w.lower() for w in WORDS_IN.findall(clause)]
            if len(words) < 3:
                continue
            dass = words[0] in ("dass", "ob")
            zu_infinitive = cue[2].lower() in _ACCUSING and (
                words[-1].startswith("zu") or words[-2] == "zu"
            )
            # "der Pilot trage …": an article before a noun opens a clause; "der …" before a
            # lower-case word is a relative pronoun
            opener = words[0] not in _NOT_CLAUSE_START or bool(_ARTICLE_NOUN.match(clause))
            subjunctive = opener and any(w in SUBJUNCTIVE for w in words[:7])
            if opener and not subjunctive:
                # "die Union benötige …": a verb in -e right after the first phrase
                second = _SECOND_POSITION.match(clause)
                subjunctive = bool(second) and second.group("verb") not in _NOT_CLAUSE_START
            if not (dass or zu_infinitive or subjunctive):
                continue
            phrase = cue_subject(ctx, s_start, cue, s_end)
            if phrase is None and cue[2] in ("heißt", "hieß"):
                phrase = _document_source(masked, s_start, cue[1] + 4)
            speaker = None
            if phrase is not None:
                # (the cue does not tell the number: "hatte er … versprochen", "er angegeben",
                # "musste er betonen" all end in -en; see docs/quotes.md)
                speaker = resolver.resolve(phrase, None) or resolver.earlier_speaker(phrase, None)
            if speaker is None:
                # reported speech whose speaker is not found is kept, with no speaker
                out.append(Quotation(start, end, "indirect", None, None, None, cue[2], 0.3))
                last_end = end
                continue
            if speaker not in entities.entities:
                entities.register(phrase, speaker)
            used[speaker] = entities.entities[speaker]
            out.append(
                Quotation(start, end, "indirect", speaker, phrase.start, phrase.end, cue[2], 0.5)
            )
            last_end = end
        if last_end == s_start:
            found = _sourced_sentence(ctx, s_start, s_end)
            if found is not None:
                start, end, phrase, cue_word = found
                if phrase is None and cue_word == "Demnach":
                    quote = _after_source(ctx, resolver, out, s_start, start, end)
                    if quote is not None:
                        out.append(quote)
                        continue
                if phrase is None:
                    out.append(_unnamed(ctx, resolver, s_start, start, end, cue_word))
                    continue
                speaker = resolver.resolve(phrase, None) or resolver.earlier_speaker(phrase, None)
                if speaker is None and mute(phrase):
                    # "Laut Behördenangaben …": a source whose word may name its holder
                    out.append(_unnamed(ctx, resolver, s_start, start, end, cue_word))
                    continue
                if speaker is None:
                    continue
                if speaker not in entities.entities:
                    entities.register(phrase, speaker)
                used[speaker] = entities.entities[speaker]
                out.append(
                    Quotation(
                        start, end, "indirect", speaker, phrase.start, phrase.end, cue_word, 0.5
                    )
                )
    return out


def _document_source(masked: str, start: int, end: int) -> Phrase | None:
    """The document or place "heißt es" reports from ("In der Pressemitteilung des WWF heißt
    es, dass …", "Aus Paris hieß es, …"), as an organisation's phrase (``frames.heisst_es``)."""
    found = HEISST_BEFORE.search(masked, start, end)
    if found is None:
        return None
    phrase = bare(found)
    phrase.kind = "organisation"
    return phrase


def _unnamed(
    ctx: Context, resolver: Resolver, s_start: int, start: int, end: int, cue_word: str
) -> Quotation:
    """The quotation of a sentence whose source names no one by name: the holder its word
    names ("Nach Polizeiangaben …": the police, "Laut Behördenangaben …": the authorities),
    or for "Nach eigenen Angaben" the subject of the sentence; no speaker for "Nach ersten
    Informationen"."""
    found = resolver.source_word(s_start, end)
    if found is None:
        return Quotation(start, end, "indirect", None, None, None, cue_word, 0.3)
    return Quotation(start, end, "indirect", *found, cue_word, 0.4)


def _after_source(
    ctx: Context, resolver: Resolver, found: list[Quotation], s_start: int, start: int, end: int
) -> Quotation | None:
    """A sentence opening with "Demnach" reports what the source of the sentence before it
    said: the speaker of a quotation that ends there ("…, so der Mitarbeiter gegenüber X.
    Demnach seien …"), else the source it names ("laut dem Nachrichtenmagazin Focus"). The
    mention is "Demnach", as "er" is a pronoun's; None when the sentence before names none."""
    index = ctx.sentence_index(s_start) - 1
    while index >= 0 and not ctx.masked[slice(*ctx.sentences[index])].strip():
        index -= 1  # (a paragraph's break between them)
    if index < 0:
        return None
    p_start = ctx.sentences[index][0]
    speaker = None
    if not (OPEN_Q in ctx.masked[p_start:s_start] or ctx.cue_tokens(p_start, s_start)):
        return _quotation(
            ctx, resolver, _named_source(ctx, resolver, p_start, s_start), start, end, s_start
        )
    # a quotation attributed in the sentence before (its speaker named there)
    for q in found:
        if q.speaker and q.speaker_start is not None and p_start <= q.speaker_start < s_start:
            speaker = q.speaker
    for _pos, name, mention, _e in resolver.events:
        if mention is not None and p_start <= mention < s_start:
            speaker = name
    if speaker is None:
        speaker = _named_source(ctx, resolver, p_start, s_start)
    return _quotation(ctx, resolver, speaker, start, end, s_start)


def _quotation(
    ctx: Context, resolver: Resolver, speaker: str | None, start: int, end: int, s_start: int
) -> Quotation | None:
    """The quotation of a "Demnach" sentence, its speaker's mention the word."""
    if speaker is None or speaker not in ctx.entities.entities:
        return None
    resolver.used[speaker] = ctx.entities.entities[speaker]
    mention = s_start + ctx.masked[s_start:start].index("Demnach")
    return Quotation(start, end, "indirect", speaker, mention, mention + 7, "Demnach", 0.4)


# what a source does that a sentence opening with "Demnach" reports
_ANNOUNCED = re.compile(
    r"(?<![\w\-])(?:bekannt[ \t]*(?:gegeben|gab|gaben|geben)|mitgeteilt|veröffentlicht|vorgelegt"
    r"|vorgestellt|Kommentar|Ergebnis|Urteil|Bericht)(?![\w\-])"
)


def _named_source(ctx: Context, resolver: Resolver, start: int, end: int) -> str | None:
    """The source a sentence names: "laut X", "X zufolge", or the subject of its reporting
    verb ("Heute hat die Staatsanwaltschaft … bekannt gegeben")."""
    masked = ctx.masked
    source = LAUT.search(masked, start, end) or ZUFOLGE.search(masked, start, end)
    phrase = source_phrase(source) if source is not None else None
    if phrase is None:
        for cue in ctx.cue_tokens(start, end):
            phrase = cue_subject(ctx, start, cue, end)
            if phrase is not None:
                break
    if phrase is None and _ANNOUNCED.search(masked, start, end):
        # "Heute hat die Staatsanwaltschaft … ein Ergebnis bekannt gegeben. Demnach …"
        phrase = first_named(masked, start, end)
    if phrase is None or phrase.pronoun or not (phrase.name or phrase.role):
        return None
    if not personlike(phrase) or mute(phrase):
        return None
    speaker = resolver.resolve(phrase, None)
    if speaker is not None and speaker not in ctx.entities.entities:
        ctx.entities.register(phrase, speaker)
    return speaker


_VERB_AFTER_COMMA = re.compile(r"[ \t]*(?P<verb>[a-zäöüß]+)")


def _framed_after(ctx: Context, pos: int, s_end: int) -> tuple[int, int, Phrase, str] | None:
    """'Die Lage sei ernst, sagte der Minister.', 'Man habe alles versucht, so die Polizei.': a
    subjunctive clause with its frame after it."""
    masked = ctx.masked
    comma = masked.rfind(",", pos, s_end)
    if comma < 0 or OPEN_Q in masked[pos:s_end]:
        return None
    words = [w.lower() for w in WORDS_IN.findall(masked[pos:comma])]
    if len(words) < 3 or not any(w in SUBJUNCTIVE for w in words[:7]):
        return None
    if words[0] in _NOT_CLAUSE_START and words[0] not in ("der", "die", "das"):
        return None
    so = SO_ANY.match(masked, comma, s_end)
    if so is not None:
        phrase, cue_word = bare(so), "so"
    else:
        verb = _VERB_AFTER_COMMA.match(masked, comma + 1, s_end)
        cues = ctx.cue_tokens(comma + 1, s_end)
        if verb is None or not cues or cues[0][0] != verb.start("verb"):
            return None  # the frame must open with its verb: ", sagte der Minister"
        phrase = cue_subject(ctx, comma + 1, cues[0], s_end)
        cue_word = cues[0][2]
    if phrase is None or not (phrase.pronoun or phrase.name or phrase.role):
        return None
    end = comma
    while end > pos and masked[end - 1] in " \t":
        end -= 1
    return pos, end, phrase, cue_word


_UNNAMED_SOURCE = re.compile(
    r"(?P<cue>(?:[Nn]ach|[Ll]aut)[ \t]+(?:(?:ersten|offiziellen|inoffiziellen|bisherigen|eigenen"
    r"|neuen|neuesten|jüngsten|vorläufigen|deren|dessen|seinen|ihren|unbestätigten)[ \t]+)?"
    r"(?:Angaben|Informationen|Erkenntnissen|Berichten|Schätzungen|Polizeiangaben"
    r"|Medienberichten|Presseberichten|Zeugenaussagen|Augenzeugenberichten)|Demnach)"
    r"(?![\w\-])(?![ \t]+(?:von|des|der|eines|einer|seines|seiner|ihres|ihrer)[ \t])"
    r"[ \t]+(?=[a-zäöüß])"
)
_APPOSITION_SKIP = re.compile(r"(?:[ \t]*\([^()]{1,60}\)|[ \t]*,[^,⟪⟫]{1,80},)?[ \t]*")
_TO_COMMA = re.compile(r"[ \t\w\-äöüÄÖÜß〈〉]{0,80}?,[ \t]*")
_SENTENCE_LEAD = re.compile(r"[ \t\n]*(?:(?:Auch|Doch|Aber|Und|Zudem|Außerdem)[ \t]+)?")
_WIE_LEAD = re.compile(r"[ \t\n]*(?:(?:Auch|Doch|Aber|Und|Zudem|Außerdem)[ \t]+)?[Ww]ie[ \t]")


def _sourced_sentence(
    ctx: Context, s_start: int, s_end: int
) -> tuple[int, int, Phrase | None, str] | None:
    """A sentence that opens with its source: 'Nach Angaben der Polizei sind …', 'Laut X
    habe …', 'Wie die Agentur berichtet, …'. The rest of the sentence is reported speech."""
    masked = ctx.masked
    lead = _SENTENCE_LEAD.match(masked, s_start, s_end)
    pos = lead.end()
    phrase = None
    cue_word = ""
    laut = LAUT.match(masked, pos, s_end)
    if laut is None and masked.find("zufolge", pos, s_end) >= 0:  # (every match holds it)
        laut = ZUFOLGE.match(masked, pos, s_end)
    unnamed = None if laut else _UNNAMED_SOURCE.match(masked, pos, s_end)
    if unnamed is not None:
        # "Nach Polizeiangaben …", "Nach ersten Informationen …", "Demnach …": a source that
        # names no one; the rest of the sentence is reported, with no speaker
        start = unnamed.end()
        end = s_end
        while end > start and masked[end - 1] in " \t\n.!?,;:":
            end -= 1
        if len(WORDS_IN.findall(masked[start:end])) < 3 or OPEN_Q in masked[start:end]:
            return None
        return start, end, None, unnamed.group("cue")
    if laut is not None:
        phrase = source_phrase(laut)
        cue_word = laut.group("cue")
        rest = laut.end()
        if not (phrase.name or phrase.role) or not personlike(phrase):
            return None
    elif _WIE_LEAD.match(masked, s_start, s_end):
        comma = masked.find(",", pos, min(s_end, pos + 200))
        if comma < 0:
            return None
        cues = ctx.cue_tokens(pos, comma)
        if not cues:
            return None
        phrase = cue_subject(ctx, s_start, cues[-1], s_end)
        if phrase is None:
            return None
        cue_word = cues[-1][2]
        rest = comma + 1
    else:
        return _framed_after(ctx, pos, s_end)
    # skip an apposition or a bracket after the source
    skip = _APPOSITION_SKIP.match(masked, rest, s_end)
    start = skip.end()
    end = s_end
    while end > start and masked[end - 1] in " \t\n.!?,;:":
        end -= 1
    words = WORDS_IN.findall(masked[start:end])
    if len(words) < 3 or not masked[start : start + 1].islower() and laut is not None:
        # after "Nach Angaben der Polizei" the verb comes next: "sind", "habe", "wurden"
        return None
    return start, end, phrase, cue_word
