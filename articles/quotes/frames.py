"""The reporting frame of a quotation: after it, before it in its sentence, or a colon."""

from __future__ import annotations

import re

from articles.quotes.clauses import AGENT, bare, np_after
from articles.quotes.context import Context
from articles.quotes.lexicon import AUXILIARIES
from articles.quotes.marks import Mark, inner_text, speechlike
from articles.quotes.nouns import personlike
from articles.quotes.openings import (
    MIT_WORTEN,
    colon_subject,
    inverted_pronoun,
    sentence_subject,
    worten_subject,
)
from articles.quotes.phrases import NP_AT, analyse_phrase
from articles.quotes.sentences import CLAUSE_BREAK, WORD, cue_tokens
from articles.quotes.sources import (
    AFTER_SICH,
    BRACKET_SOURCE,
    DOC_OPENING,
    DOC_VERBS,
    HEISST_AFTER,
    HEISST_BEFORE,
    JUDGING_VERBS,
    LATE_FRAME,
    LISTED,
    NEXT_FRAME,
    SENT_SPLIT,
    SO_AFTER,
    SO_ANY,
    WIRD_ZITIERT,
    Frame,
    fuer_holder,
    laut_frame,
    opinion_owner,
)
from articles.quotes.subjects import cue_subject, verb_final_subject


def find_frame(ctx: Context, m: Mark, s_start: int, s_end: int) -> Frame | None:
    """The reporting frame of a quotation: after it, before it in its sentence, or a colon."""
    masked, body = ctx.masked, ctx.body
    weak = None  # a cue right after the quotation whose speaker we could not find
    after = masked[m.end - 1 : s_end]
    # a list of speakers: "so der Präsident X, der Leiter Y („…“) und der Minister Z: „…“"
    listed = LISTED.search(masked, max(s_start, m.start - 160), m.start)
    if listed and (
        (body[m.start - 1 : m.start] == "(" and body[m.end : m.end + 1] == ")")
        or (listed.group("colon") and SO_ANY.search(masked, s_start, m.start))
    ):
        sub = NP_AT.match(masked, listed.start("np"))
        if sub is not None and sub.end() == listed.end("np"):
            phrase = analyse_phrase(sub)
            if (phrase.name or phrase.role) and personlike(phrase):
                return Frame("so", listed.start("np"), phrase, 0.7)
    # "„…“ (Karl Roth, Sprecher der Polizei)": the source in brackets after the quotation
    bracket = BRACKET_SOURCE.match(masked, m.end - 1, s_end)
    if bracket and speechlike(inner_text(body, m)):  # not „Titel“ (Regie: …)
        phrase = bare(bracket)
        if phrase.name and (len(phrase.name.split()) >= 2 or phrase.kind == "organisation"):
            return Frame("(", bracket.start("np") - 1, phrase, 0.7)
    # "…“, so Merkel."
    so = SO_AFTER.match(masked, m.end - 1, s_end)
    if so:
        return Frame("so", so.start("cue"), bare(so), 0.85)
    # "…“, sagte er." / "…“ sagte der Minister" / "…“, hat er gesagt"
    wz = WIRD_ZITIERT.match(masked, m.end - 1, s_end)
    if wz:
        return Frame("zitiert", wz.start("cue"), bare(wz), 0.8)
    # "…“, zeigte sich der Trainer zufrieden" / "…“, wollen die Demonstranten wissen"
    zs = AFTER_SICH.match(masked, m.end - 1, s_end)
    if zs:
        phrase = bare(zs)
        if phrase.pronoun or ((phrase.name or phrase.role) and personlike(phrase)):
            cue = zs.group("cue") or zs.group("cue2")
            return Frame(cue, zs.start("np") - 1, phrase, 0.8)
    follow = re.match(r"[⟫〉][ \t]*(?P<comma>[,–—-]?)[ \t]*", after)
    if follow:
        pos = m.end - 1 + follow.end()
        stop = CLAUSE_BREAK.search(masked, pos, s_end)
        limit = stop.start() if stop else s_end
        strict = not follow.group("comma")
        for cue in cue_tokens(masked, pos, limit)[:1]:
            first = WORD.match(masked, pos)
            reach = 100 if first and first.group(0) in AUXILIARIES else 40
            if cue[0] - pos > reach or (strict and cue[0] != pos):
                break
            if cue[0] != pos and masked[pos : pos + 1].isupper():
                break  # "„…“, Bundestrainer Löw bezeichnete …": a new clause, not a frame
            phrase = cue_subject(ctx, pos, cue, s_end)
            if phrase is not None and cue[2].lower() in ("zitiert", "zitierte"):
                # „…“, zitiert die „Computerwoche“ Lynch: the quoted one is the speaker
                quoted = np_after(masked, phrase.end, s_end)
                if quoted is not None:
                    phrase = quoted
            if phrase is not None:
                return Frame(cue[2], cue[0], phrase, 0.9)
            if strict:
                phrase = verb_final_subject(ctx, s_start, m.start, cue[1], s_end)
                if phrase is not None:
                    return Frame(cue[2], cue[0], phrase, 0.75)
            weak = Frame(cue[2], cue[0], None, 0.5)
    # „…“, heißt es in der Erklärung / In dem Antrag heißt es: „…“
    heisst = HEISST_BEFORE.search(masked, s_start, s_end) or HEISST_AFTER.search(
        masked, s_start, s_end
    )
    if heisst:
        phrase = bare(heisst)
        phrase.kind = "organisation"
        return Frame(heisst.group("cue"), heisst.start("cue"), phrase, 0.7)
    doc = DOC_OPENING.match(masked, s_start, m.start)
    if doc and DOC_VERBS.search(masked, s_start, s_end):
        phrase = bare(doc)
        if (phrase.name or phrase.role) and (phrase.kind == "organisation" or personlike(phrase)):
            return Frame(doc.group("verb") or "", doc.start("np"), phrase, 0.65)
    owner = opinion_owner(ctx, s_start, m.start)
    if owner is not None:
        return owner
    # A cue before the quotation in the same sentence: the nearest one.
    cues = cue_tokens(masked, s_start, m.start)
    laut = laut_frame(masked, s_start, s_end, m.start)
    for cue in reversed(cues[-3:]):
        # the nearest cue whose subject is found: "X kritisiert, die Aktion erinnere „…“"
        phrase = cue_subject(ctx, s_start, cue, s_end)
        if phrase is not None:
            if (
                laut
                and laut.cue_start > cue[0]
                and laut.cue_start < m.start
                and CLAUSE_BREAK.search(masked, cue[1], laut.cue_start)
            ):
                return laut  # "X erklärte, laut Polizei seien „…“", not "sagte X Y zufolge"
            return Frame(cue[2], cue[0], phrase, 0.85)
    if laut:
        return laut
    fuer = fuer_holder(ctx, s_start, m.start)
    if fuer is not None:
        # "Für den Theologen Hans Küng sei der Rücktritt „…“", "Was für die Ministerin eine „…“ ist"
        return Frame("für", fuer.start, fuer, 0.6)
    so = SO_ANY.search(masked, s_start, s_end)
    if so:
        return Frame("so", so.start("cue"), bare(so), 0.75)
    if weak is None:
        # "Sie sei „…“ über das Geschehen, sagte die Königin": a verb-first frame opening the
        # next clause of the sentence, a few words after the quotation
        late = LATE_FRAME.match(masked, m.end, min(s_end, m.end + 90))
        if late is not None:
            pos = late.end()
            cue = next(iter(cue_tokens(masked, pos, s_end)), None)
            if cue is not None and cue[0] == pos:
                phrase = cue_subject(ctx, pos, cue, s_end)
                if phrase is not None and (phrase.pronoun or personlike(phrase)):
                    return Frame(cue[2], cue[0], phrase, 0.7)
    worte = MIT_WORTEN.search(masked, s_start, m.start)
    if worte is not None and weak is None:
        phrase = worten_subject(masked, s_start, worte.start())
        if phrase is not None:
            return Frame("mit den Worten", worte.start(), phrase, 0.7)
    if weak is not None:
        return weak
    if cues:
        return Frame(cues[-1][2], cues[-1][0], None, 0.5)
    if re.search(r":[ \t]*$", masked[s_start : m.start]):
        phrase = colon_subject(ctx, s_start, m.start)
        if phrase is not None:
            return Frame(":", m.start - 1, phrase, 0.65)
    # „Ja, es gibt Zumutungen“. Das musste Bundesfinanzminister Peer Steinbrück einräumen.
    nxt = NEXT_FRAME.match(masked, m.end)
    if nxt is not None and not masked[s_start : m.start].strip():
        sub = NP_AT.match(masked, nxt.start("np"))
        if sub is not None:
            phrase = analyse_phrase(sub)
            if (phrase.role or phrase.name) and personlike(phrase):
                return Frame(nxt.group("verb"), nxt.start("verb"), phrase, 0.6)
    # No reporting verb, but the sentence opens with a person acting: "Auch der Außenminister
    # Donald Rumsfeld attackierte den Iran als den „führenden Förderer von Terrorismus“."
    phrase = sentence_subject(ctx, s_start, m.start) or inverted_pronoun(masked, s_start, m.start)
    if phrase is not None:
        return Frame("", phrase.start, phrase, 0.55)
    # "Als „…“ bezeichnete die Ministerin …", "von einem „…“ sprach der Minister"
    lead = masked[max(s_start, m.start - 25) : m.start]
    if re.search(
        r"(?:^|\s)(?:[Aa]ls|[Vv]on)(?:\s+(?:einem|einer|einen|der|dem|den|des))?[ \t]*$", lead
    ):
        stop = re.search(r"[,;:.!?]", masked[m.end : s_end])
        limit = m.end + stop.start() if stop else s_end
        cues = cue_tokens(masked, m.end, limit)
        if not cues:
            # "Als „…“ beurteilte der Geschäftsführer …", "vom Wetterdienst als „…“ eingestuft"
            cues = [
                (w.start(), w.end(), w.group(0))
                for w in WORD.finditer(masked, m.end, limit)
                if w.group(0) in JUDGING_VERBS
            ]
        for cue in cues[:1]:
            phrase = np_after(masked, cue[1], limit)
            agents = [
                a
                for a in AGENT.finditer(masked, s_start, m.start)
                if re.fullmatch(r"[ \t]+als[ \t]*", masked[a.end() : m.start])
            ]
            if agents and (phrase is None or phrase.pronoun == "es"):
                phrase = bare(agents[-1])  # "wird vom Wetterdienst als „sehr hoch“ eingestuft"
            if phrase is None:
                # "der Fahrgastverband, der die Maßnahme als „Kapitulation“ sieht"
                phrase = verb_final_subject(ctx, s_start, m.start, cue[1], s_end)
            return Frame(cue[2], cue[0], phrase, 0.75)
    # a colon at the end of the previous paragraph introduces a block quotation
    line_start = masked.rfind("\n", 0, m.start) + 1
    if not masked[line_start : m.start].strip():
        prev = masked[:line_start].rstrip()
        if prev.endswith(":"):
            p_start = max(masked.rfind("\n", 0, len(prev)) + 1, 0)
            cand = list(SENT_SPLIT.finditer(masked, p_start, len(prev)))
            sent_start = cand[-1].end() if cand else p_start
            pcues = cue_tokens(masked, sent_start, len(prev))
            if pcues:
                phrase = cue_subject(ctx, sent_start, pcues[-1], len(prev))
                return Frame(pcues[-1][2], pcues[-1][0], phrase, 0.8)
    return None
