"""Speakers for the direct quotations: a frame's phrase resolved to a name, a pronoun to the
person it stands for, and a quotation without a frame of its own to the speaker it continues.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import NamedTuple

from articles.quotes.context import Context
from articles.quotes.lexicon import SUBJUNCTIVE
from articles.quotes.marks import WORDS_IN, Mark, inner_text, speechlike
from articles.quotes.model import Quotation
from articles.quotes.nouns import agrees, has_article, personlike, source_holder, thing_subject
from articles.quotes.people import described_people
from articles.quotes.phrases import NP_BOUNDED, Phrase, analyse_phrase, is_first_name
from articles.quotes.sentences import WORD, quote_window
from articles.quotes.sources import Frame
from articles.speakernames import ORG, PEOPLE, category


class Decision(NamedTuple):
    """A top-level quotation with its frame and its kind ("direct" or "not_speech")."""

    mark: Mark
    kind: str
    frame: Frame | None


# articles only a singular noun phrase opens (a demonstrative with a plural verb wants none)
_SINGULAR_ARTICLES = frozenset(
    "der das ein eine einem eines dem des dieser dieses diesem seinem seines ihrem ihres".split()
)


def can_be_referred_to(phrase: Phrase) -> bool:
    """Can a phrase be the person or organisation a later word refers to ("Dieser …",
    "Demnach …")? A role, a full name, an organisation, a noun the word lists know for
    people or organisations, or a person-like noun with its article; no bare noun ("eine
    Büroangestellte am Telefon. Diese …"), no thing."""
    if phrase.pronoun or not (phrase.role or phrase.name):
        return False
    if not personlike(phrase) or thing_subject(phrase):
        return False
    head = (phrase.role or phrase.name or "").split()[0].lower()
    named = phrase.name and (" " in phrase.name or phrase.kind == "organisation")
    listed = category(head[:1].upper() + head[1:]) in (PEOPLE, ORG)
    return bool(phrase.role or named or listed or has_article(phrase))


def first_named(masked: str, start: int, end: int) -> Phrase | None:
    """The first organisation, role or person named with a first name between start and end
    that ``can_be_referred_to``."""
    return next(
        (
            candidate
            for candidate in map(analyse_phrase, NP_BOUNDED.finditer(masked, start, end))
            if can_be_referred_to(candidate)
            and (
                candidate.kind == "organisation"
                or candidate.role
                or is_first_name((candidate.name or "").split()[0])
            )
        ),
        None,
    )


# a source whose word names its holder: "nach Polizeiangaben", "laut Behördenangaben",
# "Medienberichten zufolge"; "nach eigenen Angaben" (the subject's own)
_SOURCE_TAIL = r"(?:[Aa]ngaben|[Bb]erichten|[Ii]nformationen|[Aa]ussagen|[Mm]eldungen)"
_SOURCE_WORD = re.compile(
    r"(?<![\w\-])(?:(?:[Nn]ach|[Ll]aut)[ \t]+(?:(?:den|ersten|neuen|jüngsten)[ \t]+)?"
    rf"(?P<word>[A-ZÄÖÜ][\w\-]*{_SOURCE_TAIL})"
    rf"|(?P<before>[A-ZÄÖÜ][\w\-]*{_SOURCE_TAIL})[ \t]+zufolge"
    r"|[Nn]ach[ \t]+(?P<own>eigenen[ \t]+Angaben))(?![\w\-])"
)


class Resolver:
    """Names the speakers of one article's direct quotations, in the order of the text.

    ``events`` are the speakers found so far, by position; ``used`` the entities that some
    quotation names (indirect speech adds to it too).
    """

    def __init__(
        self, ctx: Context, decisions: list[Decision], clause_subjects: list[tuple[int, Phrase]]
    ):
        self.ctx = ctx
        self.entities = ctx.entities
        self.decisions = decisions
        self.clause_subjects = clause_subjects
        self.events: list[tuple[int, str, int, int]] = []  # (position, speaker, mention span)
        self.used: dict[str, dict] = {}
        # where the subjects of sentences that report nothing start, when nothing says they
        # can speak ("Die Zweige sind so stabil, dass …"; nouns.unknown_thing)
        self.things: set[int] = set()

    @cached_property
    def antecedents(self) -> list[tuple[int, Phrase]]:
        """Subjects described without a name ("die Demonstranten", "der Student", "die SPD"):
        antecedents for pronouns that no named person fits. Built on first use: most articles
        never need it."""
        found = [(p.start, p) for _, p in self.clause_subjects if p.pronoun is None]
        found += [
            (f.phrase.start, f.phrase)
            for _m, k, f in self.decisions
            if k == "direct" and f and f.phrase and f.phrase.pronoun is None
        ]
        return sorted(found + described_people(self.ctx.masked), key=lambda t: t[0])

    def resolve(self, phrase: Phrase, cue: str | None) -> str | None:
        """The speaker a phrase names; for a pronoun the person or described subject it stands
        for (``cue``, the finite verb beside it, tells a plural)."""
        entities = self.entities
        if phrase.pronoun:
            plural = bool(cue and cue.lower().endswith(("ten", "en")) and cue.lower() != "zufolge")
            personal = phrase.text.lower() in ("er", "sie")
            if phrase.text.lower() in ("dieser", "diese", "jener", "jene"):
                named = self._demonstrated(phrase, plural)
                if named is not None:
                    return self.resolve(named, None)
            name = entities.resolve_pronoun(phrase.pronoun, phrase.start, plural, personal)
            if name is None and phrase.pronoun in ("er", "sie"):
                for start, ante in reversed(self.antecedents):
                    if start >= phrase.start:
                        continue
                    if phrase.start - start > 700:
                        break
                    if agrees(ante, phrase.pronoun, plural, entities):
                        return self.resolve(ante, None)
            return name
        speaker = entities.name_for(phrase)
        if speaker is not None and speaker not in entities.entities:
            entities.register(phrase, speaker)
        return speaker

    def _demonstrated(self, phrase: Phrase, plural: bool) -> Phrase | None:
        """The person or organisation a demonstrative stands for ("… die Strafanzeige eines
        Privatdetektivs. Dieser behauptete …"): the last one named before it, in its sentence
        or the one before, by a role or a name; "dieser" wants no feminine word (-in), a plural
        verb a plural phrase ("Diese glaubten")."""
        ctx = self.ctx
        index = ctx.sentence_index(phrase.start)
        lo = ctx.sentences[max(0, index - 1)][0]
        masculine = phrase.text.lower() in ("dieser", "jener")
        verb = WORD.match(ctx.masked, phrase.end + 1)  # "Diese glaubten": the verb tells
        plural = plural or bool(verb and verb.group(0).endswith("en"))
        found = None
        for m in NP_BOUNDED.finditer(ctx.masked, lo, phrase.start):
            candidate = analyse_phrase(m)
            if not can_be_referred_to(candidate):
                continue
            head = (candidate.role or candidate.name or "").split()[0].lower()
            opener = candidate.text.split()[0].lower()
            if masculine and opener in ("die", "eine"):
                continue  # "Die Anzeige kam von einem Privatdetektiv. Dieser …"
            if masculine and head.endswith(("in", "innen")):
                continue
            before = ctx.masked[max(lo, candidate.start - 12) : candidate.start].split()
            previous = before[-1].lower() if before else ""
            if plural and (opener in _SINGULAR_ARTICLES or previous in _SINGULAR_ARTICLES):
                continue  # "bei seinem Bruder. Diese glaubten …": not the brother
            found = candidate
        return found

    def source_word(self, start: int, end: int) -> tuple[str, int, int] | None:
        """The speaker a source names by its word between start and end, with the word(s) as
        its mention: "nach Polizeiangaben" (the police), "Behördenangaben zufolge" (the
        authorities), "nach eigenen Angaben" (the organisation or person the sentence names
        first); None for "nach ersten Angaben" and words that name no one."""
        masked = self.ctx.masked
        for m in _SOURCE_WORD.finditer(masked, start, end):
            if m.group("own"):
                s_start, s_end = self.ctx.sentence_of(m.start())
                subject = first_named(masked, s_start, m.start()) or first_named(
                    masked, m.end(), s_end
                )
                speaker = self.resolve(subject, None) if subject is not None else None
                mention = m.span("own")
            else:
                group = "word" if m.group("word") else "before"
                word, at = m.group(group), m.start(group)
                holder = source_holder(word)
                if holder is None:
                    continue
                name, kind = holder
                speaker = self.resolve(Phrase(at, at + len(word), word, name=name, kind=kind), None)
                mention = m.span(group)
            entities = self.entities.entities
            if speaker is not None and speaker in entities:
                self.used[speaker] = entities[speaker]
                return (speaker, *mention)
        return None

    def earlier_speaker(self, phrase: Phrase, cue: str | None) -> str | None:
        """'er'/'sie' that no named person or described subject fits: the latest speaker
        before it who agrees ('Der Minister sagte: … ¶ … Er fügte hinzu')."""
        if phrase.text.lower() not in ("er", "sie"):
            return None
        if cue and cue.lower().endswith("en") and cue.lower() != "zufolge":
            return None  # "sie sagten": a plural
        for pos_, name, _s, _e in reversed(self.events):
            if pos_ >= phrase.start:
                continue
            if phrase.start - pos_ > 1500:
                break
            ent = self.entities.entities.get(name)
            if ent is None or ent["kind"] != "person":
                continue
            if (phrase.pronoun == "sie") == bool(ent["female"]):
                return name
        return None

    def record_clause_subjects(self) -> None:
        """The speakers of the reporting clauses outside quotations, as events that a later
        quotation without a frame of its own may continue."""
        for pos_, phrase in self.clause_subjects:
            name = self.resolve(phrase, None) or self.earlier_speaker(phrase, None)
            if name:
                self.events.append((pos_, name, phrase.start, phrase.end))

    def quotation(self, decision: Decision) -> Quotation:
        """The quotation of one decision, with its speaker."""
        ctx, masked = self.ctx, self.ctx.masked
        m, kind, frame = decision
        speaker = s_start_ = s_end_ = None
        cue = (frame.cue or None) if frame else None
        confidence = 0.5
        continued = None
        if kind == "direct" and (frame is None or (frame.cue == "" and frame.phrase)):
            # a quotation without a frame continues the reported speech just before it; so
            # does one whose only frame is the subject opening its sentence ("Ziel der
            # Delegation sei es gewesen, „…“")
            s_start, s_end = quote_window(ctx.sentence_of(m.start), m)
            if _is_continuation(ctx, m, s_start, s_end):
                prior = [e for e in self.events if e[0] < m.start]
                if prior:
                    pos_, name, ps, pe = prior[-1]
                    gap = masked[pos_ : m.start]
                    if len(gap) < 800 and gap.count("\n") <= 4:
                        continued = (name, ps, pe)
        if continued is not None and (
            frame is None or thing_subject(frame.phrase) or _reported_subject(masked, frame.phrase)
        ):
            speaker, s_start_, s_end_ = continued
            confidence = 0.55
        elif kind == "direct" and frame and frame.phrase:
            phrase = frame.phrase
            # the verb shows the number only when it is the finite verb next to the pronoun, not
            # a participle at the end ("hatte sie … beschrieben")
            cue_end = frame.cue_start + len(frame.cue or "")
            if phrase.start >= frame.cue_start:
                gap = masked[cue_end : phrase.start]  # "riefen sie"
            else:
                gap = masked[phrase.end : frame.cue_start]  # "sie riefen"
            number_cue = frame.cue if not gap.strip() else None
            speaker = self.resolve(phrase, number_cue) or self.earlier_speaker(phrase, number_cue)
            s_start_, s_end_ = phrase.start, phrase.end
            confidence = frame.confidence if speaker else 0.4
        if speaker is None:
            s_start_ = s_end_ = None
        else:
            bisect.insort(self.events, (m.end, speaker, s_start_, s_end_))
            ent = self.entities.entities.get(speaker)
            self.used[speaker] = ent or {"kind": "person", "role": None, "aliases": set()}
        if kind == "not_speech":
            cue, confidence = None, 0.6
        return Quotation(m.start, m.end, kind, speaker, s_start_, s_end_, cue, round(confidence, 2))


def _reported_subject(masked: str, phrase: Phrase) -> bool:
    """A described subject followed by a subjunctive verb ('Sein Mandant habe „…“', 'Die Ziele
    seien „…“') is what reported speech talks about, not who speaks."""
    if phrase.pronoun or (phrase.name and not has_article(phrase)):
        return False
    verb = (
        WORD.match(masked, phrase.end + 1) if masked[phrase.end : phrase.end + 1] == " " else None
    )
    return verb is not None and verb.group(0) in SUBJUNCTIVE


def _is_continuation(ctx: Context, m: Mark, s_start: int, s_end: int) -> bool:
    """A whole-sentence quotation on its own, or one in a sentence of reported speech."""
    masked = ctx.masked
    inner = inner_text(ctx.body, m)
    sentence = masked[s_start:s_end]
    if ctx.cue_tokens(s_start, s_end):
        return False  # the sentence has a frame of its own that did not name a speaker
    if any(w.lower() in SUBJUNCTIVE for w in WORDS_IN.findall(sentence)):
        return True
    if re.search(r":[ \t]*$", masked[s_start : m.start]):
        return True
    if not speechlike(inner):
        return False
    line_start = masked.rfind("\n", 0, m.start) + 1
    before = masked[line_start : m.start].strip()
    return before == "" or bool(re.search(r"[.!?⟫][ \t]*$", before))
