"""The reporting frame of a quotation: after it, before it in its sentence, or a colon.

``find_frame`` walks ``FRAME_RULES`` in order and returns the first frame a rule finds; the
order decides between constructions that overlap ("„…“, so X" before a cue after the quotation,
a cue after it before one before it, …). Each rule handles one construction and reads the
quotation through a ``Site`` (articles/quotes/site.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from articles.quotes.clauses import AGENT, bare, np_after
from articles.quotes.context import Context
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
from articles.quotes.sentences import CLAUSE_BREAK, WORD
from articles.quotes.site import Site
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
    opinion_owner,
)
from articles.quotes.subjects import cue_subject, verb_final_subject


@dataclass(frozen=True)
class FrameRule:
    name: str
    find: Callable[[Site], Frame | None]


def listed_speakers(site: Site) -> Frame | None:
    """A list of speakers before the quotation, the last one its speaker: 'so der Präsident X,
    der Leiter Y („…“) und der Minister Z: „…“'."""
    masked, body, m, s_start = site.masked, site.ctx.body, site.m, site.s_start
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
    return None


def bracket_source(site: Site) -> Frame | None:
    """The source in brackets after the quotation: '„…“ (Karl Roth, Sprecher der Polizei)';
    not after a title („Titel“ (Regie: …)), which is no speech."""
    masked, m = site.masked, site.m
    bracket = BRACKET_SOURCE.match(masked, m.end - 1, site.s_end)
    if bracket and speechlike(inner_text(site.ctx.body, m)):
        phrase = bare(bracket)
        if phrase.name and (len(phrase.name.split()) >= 2 or phrase.kind == "organisation"):
            return Frame("(", bracket.start("np") - 1, phrase, 0.7)
    return None


def so_after(site: Site) -> Frame | None:
    """'so' and the speaker right after the quotation: '„…“, so Merkel.'"""
    so = SO_AFTER.match(site.masked, site.m.end - 1, site.s_end)
    return Frame("so", so.start("cue"), bare(so), 0.85) if so else None


def wird_zitiert(site: Site) -> Frame | None:
    """A passive 'zitiert' after the quotation: '„…“, wird der Minister in der Zeitung
    zitiert'."""
    wz = WIRD_ZITIERT.match(site.masked, site.m.end - 1, site.s_end)
    return Frame("zitiert", wz.start("cue"), bare(wz), 0.8) if wz else None


def reflexive_after(site: Site) -> Frame | None:
    """A reflexive verb or 'wissen wollen' after the quotation: '„…“, zeigte sich der Trainer
    zufrieden', '„…“, wollen die Demonstranten wissen'."""
    zs = AFTER_SICH.match(site.masked, site.m.end - 1, site.s_end)
    if zs:
        phrase = bare(zs)
        if phrase.pronoun or ((phrase.name or phrase.role) and personlike(phrase)):
            cue = zs.group("cue") or zs.group("cue2")
            return Frame(cue, zs.start("np") - 1, phrase, 0.8)
    return None


def cue_after(site: Site) -> Frame | None:
    """A reporting cue right after the quotation, with its speaker: '„…“, sagte er.', '„…“
    sagte der Minister', '„…“, hat er gesagt', '„…“ bezeichnet hat' (a verb-final clause)."""
    return site.cue_after[0]


def heisst_es(site: Site) -> Frame | None:
    """'heißt es' with a document as the source: '„…“, heißt es in der Erklärung', 'In dem
    Antrag heißt es: „…“'."""
    masked, s_start, s_end = site.masked, site.s_start, site.s_end
    heisst = HEISST_BEFORE.search(masked, s_start, s_end) or HEISST_AFTER.search(
        masked, s_start, s_end
    )
    if heisst:
        phrase = bare(heisst)
        phrase.kind = "organisation"
        return Frame(heisst.group("cue"), heisst.start("cue"), phrase, 0.7)
    return None


def document_opening(site: Site) -> Frame | None:
    """A sentence opening with a document that says or shows the quotation: 'In dem Brief
    steht: „…“', 'Auf dem Transparent war „…“ zu lesen'."""
    masked, s_start = site.masked, site.s_start
    doc = DOC_OPENING.match(masked, s_start, site.m.start)
    if doc and DOC_VERBS.search(masked, s_start, site.s_end):
        phrase = bare(doc)
        if (phrase.name or phrase.role) and (phrase.kind == "organisation" or personlike(phrase)):
            return Frame(doc.group("verb") or "", doc.start("np"), phrase, 0.65)
    return None


def opinion(site: Site) -> Frame | None:
    """An opinion named with its owner before the quotation, no reporting verb between: 'Nach
    Schäubles Idee soll „…“', 'Auf den Vorwurf der CDU, es handele sich um einen „…“'."""
    return opinion_owner(site.ctx, site.s_start, site.m.start)


def cue_before(site: Site) -> Frame | None:
    """The nearest reporting cue before the quotation in its sentence whose subject is found:
    'X kritisiert, die Aktion erinnere „…“'; a 'laut' source between them wins: 'X erklärte,
    laut Polizei seien „…“' (but not 'sagte X Y zufolge')."""
    laut = site.laut
    for cue in reversed(site.cues_before[-3:]):
        phrase = cue_subject(site.ctx, site.s_start, cue, site.s_end)
        if phrase is not None:
            if (
                laut
                and laut.cue_start > cue[0]
                and laut.cue_start < site.m.start
                and CLAUSE_BREAK.search(site.masked, cue[1], laut.cue_start)
            ):
                return laut
            return Frame(cue[2], cue[0], phrase, 0.85)
    return None


def laut(site: Site) -> Frame | None:
    """A source before the quotation: 'Laut Polizei war die Lage „…“', 'Nach Angaben des
    Ministers …', 'Dem Bericht zufolge …', 'Seiner Ansicht nach …'."""
    return site.laut


def fuer(site: Site) -> Frame | None:
    """The person an opinion is held by: 'Für den Theologen Hans Küng sei der Rücktritt „…“',
    'Was für die Ministerin eine „…“ ist'."""
    holder = fuer_holder(site.ctx, site.s_start, site.m.start)
    return Frame("für", holder.start, holder, 0.6) if holder is not None else None


def so_anywhere(site: Site) -> Frame | None:
    """'so' and the speaker anywhere in the sentence: 'Die Lage sei „…“, so der Minister
    weiter.'"""
    so = SO_ANY.search(site.masked, site.s_start, site.s_end)
    return Frame("so", so.start("cue"), bare(so), 0.75) if so else None


def late_cue(site: Site) -> Frame | None:
    """A verb-first frame opening the next clause, a few words after the quotation: 'Sie sei
    „…“ über das Geschehen, sagte die Königin'. Not when a cue follows the quotation."""
    if site.weak is not None:
        return None
    masked, m, s_end = site.masked, site.m, site.s_end
    late = LATE_FRAME.match(masked, m.end, min(s_end, m.end + 90))
    if late is not None:
        pos = late.end()
        cue = next(iter(site.ctx.cue_tokens(pos, s_end)), None)
        if cue is not None and cue[0] == pos:
            phrase = cue_subject(site.ctx, pos, cue, s_end)
            if phrase is not None and (phrase.pronoun or personlike(phrase)):
                return Frame(cue[2], cue[0], phrase, 0.7)
    return None


def mit_worten(site: Site) -> Frame | None:
    """'mit den Worten' with any verb: 'Paolo hatte die Ausführung mit den Worten abgelehnt:
    „…“'. Not when a cue follows the quotation."""
    worte = MIT_WORTEN.search(site.masked, site.s_start, site.m.start)
    if worte is not None and site.weak is None:
        phrase = worten_subject(site.masked, site.s_start, worte.start())
        if phrase is not None:
            return Frame("mit den Worten", worte.start(), phrase, 0.7)
    return None


def weak_cue_after(site: Site) -> Frame | None:
    """A reporting cue right after the quotation whose speaker was not found: the cue alone."""
    return site.weak


def unresolved_cue_before(site: Site) -> Frame | None:
    """A reporting cue before the quotation whose speaker was not found: the last cue alone."""
    cues = site.cues_before
    return Frame(cues[-1][2], cues[-1][0], None, 0.5) if cues else None


_COLON_END = re.compile(r":[ \t]*$")
_ALS_VON_BEFORE = re.compile(
    r"(?:^|\s)(?:[Aa]ls|[Vv]on)(?:\s+(?:einem|einer|einen|der|dem|den|des))?[ \t]*$"
)


def colon(site: Site) -> Frame | None:
    """A speaker before a colon: 'BKA-Präsident Ziercke: „…“', 'Die Firma empfindet das als
    ungerecht: „…“', 'Anders die Opposition: „…“'."""
    masked, s_start, m = site.masked, site.s_start, site.m
    if _COLON_END.search(masked[s_start : m.start]):
        phrase = colon_subject(site.ctx, s_start, m.start)
        if phrase is not None:
            return Frame(":", m.start - 1, phrase, 0.65)
    return None


def next_sentence(site: Site) -> Frame | None:
    """A quotation opening its sentence, framed by the next one: '„Ja, es gibt Zumutungen“.
    Das musste Bundesfinanzminister Peer Steinbrück einräumen.'"""
    masked, s_start, m = site.masked, site.s_start, site.m
    nxt = NEXT_FRAME.match(masked, m.end)
    if nxt is not None and not masked[s_start : m.start].strip():
        sub = NP_AT.match(masked, nxt.start("np"))
        if sub is not None:
            phrase = analyse_phrase(sub)
            if (phrase.role or phrase.name) and personlike(phrase):
                return Frame(nxt.group("verb"), nxt.start("verb"), phrase, 0.6)
    return None


def sentence_opening(site: Site) -> Frame | None:
    """No reporting verb, but the sentence opens with a person acting: 'Auch der
    Außenminister Donald Rumsfeld attackierte den Iran als den „führenden Förderer von
    Terrorismus“.' The frame has no cue ("")."""
    masked, s_start, m = site.masked, site.s_start, site.m
    phrase = sentence_subject(site.ctx, s_start, m.start) or inverted_pronoun(
        masked, s_start, m.start
    )
    return Frame("", phrase.start, phrase, 0.55) if phrase is not None else None


def als_von(site: Site) -> Frame | None:
    """'als' or 'von' before the quotation and a cue or a verb of judging after it: 'Als „…“
    bezeichnete die Ministerin …', 'von einem „…“ sprach der Minister', 'wird vom Wetterdienst
    als „sehr hoch“ eingestuft'. The frame may have no speaker."""
    ctx, masked, m, s_start, s_end = site.ctx, site.masked, site.m, site.s_start, site.s_end
    lead = masked[max(s_start, m.start - 25) : m.start]
    if not _ALS_VON_BEFORE.search(lead):
        return None
    stop = re.search(r"[,;:.!?]", masked[m.end : s_end])
    limit = m.end + stop.start() if stop else s_end
    cues = site.ctx.cue_tokens(m.end, limit)
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
    return None


def block_colon(site: Site) -> Frame | None:
    """A block quotation introduced by a colon at the end of the previous paragraph: 'Der
    Minister sagte:' ¶ '„…“'. The frame may have no speaker."""
    masked, m = site.masked, site.m
    line_start = masked.rfind("\n", 0, m.start) + 1
    if not masked[line_start : m.start].strip():
        prev = masked[:line_start].rstrip()
        if prev.endswith(":"):
            p_start = max(masked.rfind("\n", 0, len(prev)) + 1, 0)
            cand = list(SENT_SPLIT.finditer(masked, p_start, len(prev)))
            sent_start = cand[-1].end() if cand else p_start
            pcues = site.ctx.cue_tokens(sent_start, len(prev))
            if pcues:
                phrase = cue_subject(site.ctx, sent_start, pcues[-1], len(prev))
                return Frame(pcues[-1][2], pcues[-1][0], phrase, 0.8)
    return None


# The order decides: the first rule that finds a frame wins.
FRAME_RULES: tuple[FrameRule, ...] = (
    FrameRule("listed_speakers", listed_speakers),
    FrameRule("bracket_source", bracket_source),
    FrameRule("so_after", so_after),
    FrameRule("wird_zitiert", wird_zitiert),
    FrameRule("reflexive_after", reflexive_after),
    FrameRule("cue_after", cue_after),
    FrameRule("heisst_es", heisst_es),
    FrameRule("document_opening", document_opening),
    FrameRule("opinion", opinion),
    FrameRule("cue_before", cue_before),
    FrameRule("laut", laut),
    FrameRule("fuer", fuer),
    FrameRule("so_anywhere", so_anywhere),
    FrameRule("late_cue", late_cue),
    FrameRule("mit_worten", mit_worten),
    FrameRule("weak_cue_after", weak_cue_after),
    FrameRule("unresolved_cue_before", unresolved_cue_before),
    FrameRule("colon", colon),
    FrameRule("next_sentence", next_sentence),
    FrameRule("sentence_opening", sentence_opening),
    FrameRule("als_von", als_von),
    FrameRule("block_colon", block_colon),
)


def find_frame(ctx: Context, m: Mark, s_start: int, s_end: int) -> Frame | None:
    """The reporting frame of a quotation: the first one the rules of FRAME_RULES find."""
    site = Site(ctx, m, s_start, s_end)
    for rule in FRAME_RULES:
        frame = rule.find(site)
        if frame is not None:
            return frame
    return None
