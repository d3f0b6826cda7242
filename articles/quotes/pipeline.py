"""The extractor: mark and mask quotations, find their frames, classify them, resolve speakers,
then add nested quotations and indirect speech.
"""

from __future__ import annotations

import bisect
import re

from articles.quotes.classify import classify
from articles.quotes.clauses import PASSIVE_NEXT, bare
from articles.quotes.entities import Entities
from articles.quotes.frames import find_frame
from articles.quotes.indirect import find_indirect
from articles.quotes.lexicon import SUBJUNCTIVE
from articles.quotes.marks import (
    ALL_MARKS,
    CLOSE_NAME,
    CLOSE_Q,
    MASK,
    OPEN_NAME,
    OPEN_Q,
    WORDS_IN,
    Mark,
    inner_text,
    lower_title,
    pair_marks,
    speechlike,
)
from articles.quotes.model import Extraction, Quotation, SpeakerEntity
from articles.quotes.nouns import agrees, has_article, thing_subject
from articles.quotes.openings import inverted_subject, reaction_source, sentence_subject
from articles.quotes.people import described_people, register_named_people
from articles.quotes.phrases import Phrase
from articles.quotes.sentences import WORD, cue_tokens, quote_window, split_sentences
from articles.quotes.sources import SO_MID, Frame, fuer_holder, laut_frame
from articles.quotes.subjects import cue_subject


def extract(body: str) -> Extraction:
    """Find the quotations in an article body and who said them. Never raises."""
    try:
        return _extract(body)
    except Exception:  # noqa: BLE001 - a bug must not break an import; report nothing instead
        return Extraction(quotes=[], speakers=[])


def _extract(body: str) -> Extraction:
    if not isinstance(body, str) or not body:
        return Extraction([], [])
    marks: list[Mark] = []
    pos = 0
    for line in body.split("\n"):
        if any(c in line for c in ALL_MARKS):
            marks.extend(pair_marks(body, pos, pos + len(line)))
        pos += len(line) + 1
    tops = [m for m in marks if m.depth == 0]

    chars = list(body)
    for m in tops:
        inner = inner_text(body, m)
        words = WORDS_IN.findall(inner)
        if (
            m.closed
            and 0 < len(words) <= 5
            and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        ) or lower_title(body, m, words):
            chars[m.start] = OPEN_NAME
            chars[m.end - 1] = CLOSE_NAME
            continue
        for i in range(m.start, m.end):
            chars[i] = MASK if chars[i] != "\n" else "\n"
        chars[m.start] = OPEN_Q
        chars[m.end - 1] = CLOSE_Q
    masked = "".join(chars)
    sentences = split_sentences(masked, body)
    entities = Entities(body, masked)
    entities.sentence_starts = [s for s, _e in sentences]

    def sentence_of(position: int) -> tuple[int, int]:
        lo, hi = 0, len(sentences) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if sentences[mid][1] <= position:
                lo = mid + 1
            else:
                hi = mid
        return sentences[lo]

    # First pass: frames for every top-level quotation.
    decisions: list[tuple[Mark, str, Frame | None]] = []
    for m in tops:
        s_start, s_end = quote_window(sentence_of(m.start), m)
        inner = inner_text(body, m)
        frame = find_frame(masked, body, m, s_start, s_end)
        kind = classify(body, masked, m, inner, frame, s_start, s_end)
        decisions.append((m, kind, frame))

    # Every reporting clause outside quotations: its subject is a speaker candidate, and a
    # later quotation without a frame of its own may continue it.
    clause_subjects: list[tuple[int, Phrase]] = []
    # sentences whose quotations are all names or titles are narrative like any other
    direct_starts = sorted(m.start for m, kind, _f in decisions if kind == "direct")
    for s_start, s_end in sentences:
        for cue in cue_tokens(masked, s_start, s_end):
            phrase = cue_subject(masked, s_start, cue, s_end)
            if phrase is not None:
                clause_subjects.append((cue[0], phrase))
                break
        else:
            laut = laut_frame(masked, s_start, s_end)
            so = SO_MID.search(masked, s_start, s_end)
            so_phrase = bare(so) if so else None
            if laut is not None and laut.phrase is not None:
                clause_subjects.append((laut.cue_start, laut.phrase))
            elif so_phrase is not None and (so_phrase.role or so_phrase.pronoun):
                # "Doch sei es, so der Schriftsteller X in einem Blog, …": a speaker that the
                # following sentences of reported speech continue
                clause_subjects.append((so.start("cue"), so_phrase))
            elif bisect.bisect_left(direct_starts, s_start) == bisect.bisect_left(
                direct_starts, s_end
            ):
                # a person acting in a sentence of its own may go on to be quoted
                subject = (
                    reaction_source(masked, s_start, s_end)
                    or sentence_subject(masked, s_start, s_end)
                    or inverted_subject(masked, s_start, s_end)
                    or fuer_holder(masked, s_start, s_end)
                )
                if subject is not None and not PASSIVE_NEXT.match(masked, subject.end):
                    # (not the subject of a passive: "Drei Menschen wurden verletzt")
                    clause_subjects.append((subject.start, subject))
    # Register named speakers so that pronouns and short names can be resolved.
    named = [f.phrase for _m, k, f in decisions if k == "direct" and f and f.phrase]
    named += [p for _, p in clause_subjects]
    for phrase in named:
        if phrase.pronoun is None and phrase.name:
            canonical = entities.canonical(phrase)
            if canonical:
                entities.register(phrase, canonical)
    register_named_people(entities)
    entities.person_mentions()

    # Subjects described without a name ("die Demonstranten", "der Student", "die SPD") are
    # antecedents for pronouns that no named person fits.
    antecedents_cache: list[list[tuple[int, Phrase]]] = []

    def antecedents() -> list[tuple[int, Phrase]]:
        # built on first use: most articles never need it
        if not antecedents_cache:
            found = [(p.start, p) for _, p in clause_subjects if p.pronoun is None]
            found += [
                (f.phrase.start, f.phrase)
                for _m, k, f in decisions
                if k == "direct" and f and f.phrase and f.phrase.pronoun is None
            ]
            antecedents_cache.append(sorted(found + described_people(masked), key=lambda t: t[0]))
        return antecedents_cache[0]

    def resolve(phrase: Phrase, cue: str | None) -> str | None:
        if phrase.pronoun:
            plural = bool(cue and cue.lower().endswith(("ten", "en")) and cue.lower() != "zufolge")
            personal = phrase.text.lower() in ("er", "sie")
            name = entities.resolve_pronoun(phrase.pronoun, phrase.start, plural, personal)
            if name is None and phrase.pronoun in ("er", "sie"):
                for start, ante in reversed(antecedents()):
                    if start >= phrase.start:
                        continue
                    if phrase.start - start > 700:
                        break
                    if agrees(ante, phrase.pronoun, plural, entities):
                        return resolve(ante, None)
            return name
        speaker = entities.name_for(phrase)
        if speaker is not None and speaker not in entities.entities:
            entities.register(phrase, speaker)
        return speaker

    events: list[tuple[int, str, int, int]] = []  # (position, speaker, mention start, end)

    def earlier_speaker(phrase: Phrase, cue: str | None) -> str | None:
        """'er'/'sie' that no named person or described subject fits: the latest speaker
        before it who agrees ('Der Minister sagte: … ¶ … Er fügte hinzu')."""
        if phrase.text.lower() not in ("er", "sie"):
            return None
        if cue and cue.lower().endswith("en") and cue.lower() != "zufolge":
            return None  # "sie sagten": a plural
        for pos_, name, _s, _e in reversed(events):
            if pos_ >= phrase.start:
                continue
            if phrase.start - pos_ > 1500:
                break
            ent = entities.entities.get(name)
            if ent is None or ent["kind"] != "person":
                continue
            if (phrase.pronoun == "sie") == bool(ent["female"]):
                return name
        return None

    for pos_, phrase in clause_subjects:
        name = resolve(phrase, None) or earlier_speaker(phrase, None)
        if name:
            events.append((pos_, name, phrase.start, phrase.end))

    quotes: list[Quotation] = []
    used: dict[str, dict] = {}
    for m, kind, frame in decisions:
        speaker = s_start_ = s_end_ = None
        cue = (frame.cue or None) if frame else None
        confidence = 0.5
        continued = None
        if kind == "direct" and (frame is None or (frame.cue == "" and frame.phrase)):
            # a quotation without a frame continues the reported speech just before it; so
            # does one whose only frame is the subject opening its sentence ("Ziel der
            # Delegation sei es gewesen, „…“")
            s_start, s_end = quote_window(sentence_of(m.start), m)
            if _is_continuation(body, masked, m, s_start, s_end):
                prior = [e for e in events if e[0] < m.start]
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
            speaker = resolve(phrase, number_cue) or earlier_speaker(phrase, number_cue)
            s_start_, s_end_ = phrase.start, phrase.end
            confidence = frame.confidence if speaker else 0.4
        if speaker is None:
            s_start_ = s_end_ = None
        else:
            events.append((m.end, speaker, s_start_, s_end_))
            events.sort()
            ent = entities.entities.get(speaker)
            used[speaker] = ent or {"kind": "person", "role": None, "aliases": set()}
        if kind == "not_speech":
            cue, confidence = None, 0.6
        quotes.append(
            Quotation(m.start, m.end, kind, speaker, s_start_, s_end_, cue, round(confidence, 2))
        )
    # Nested quotations: a quote inside a quote; its speaker is not known.
    for m in marks:
        if m.depth > 0:
            inner = inner_text(body, m)
            kind = "direct" if speechlike(inner) else "not_speech"
            quotes.append(Quotation(m.start, m.end, kind, None, None, None, None, 0.3))

    quotes.extend(find_indirect(body, masked, sentences, tops, entities, used))
    quotes = [q for q in quotes if 0 <= q.start < q.end <= len(body)]
    quotes.sort(key=lambda q: (q.start, q.end))
    speakers = []
    for name, ent in used.items():
        role = ent.get("role") if ent.get("kind") == "person" else None
        if ent.get("kind") == "person" and name in entities.entities:
            role = entities.role_of(name) or role
        aliases = tuple(sorted(a for a in ent.get("aliases", ()) if a != name))
        speakers.append(SpeakerEntity(name, ent.get("kind", "person"), role, aliases))
    speakers.sort(key=lambda e: e.name)
    return Extraction(quotes, speakers)


def _reported_subject(masked: str, phrase: Phrase) -> bool:
    """A described subject followed by a subjunctive verb ('Sein Mandant habe „…“', 'Die Ziele
    seien „…“') is what reported speech talks about, not who speaks."""
    if phrase.pronoun or (phrase.name and not has_article(phrase)):
        return False
    verb = (
        WORD.match(masked, phrase.end + 1) if masked[phrase.end : phrase.end + 1] == " " else None
    )
    return verb is not None and verb.group(0) in SUBJUNCTIVE


def _is_continuation(body: str, masked: str, m: Mark, s_start: int, s_end: int) -> bool:
    """A whole-sentence quotation on its own, or one in a sentence of reported speech."""
    inner = inner_text(body, m)
    sentence = masked[s_start:s_end]
    if cue_tokens(masked, s_start, s_end):
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
