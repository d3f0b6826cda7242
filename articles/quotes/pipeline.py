"""The extractor: each stage in turn over one article.

1. ``marks``: pair the quotation marks and mask the quotations (``build_context``);
2. ``frames`` and ``classify``: the frame of each top-level quotation, and whether it is speech;
3. the subjects of the reporting clauses outside quotations, as speaker candidates;
4. ``entities``/``people``: register the named speakers and people, for pronouns and short names;
5. ``resolve``: the speaker of each direct quotation;
6. nested quotations (no speaker) and ``indirect`` speech; then the speakers' entities.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import NamedTuple

from articles.quotes.choose import redecide
from articles.quotes.classify import classify
from articles.quotes.clauses import PASSIVE_NEXT, bare
from articles.quotes.context import Context
from articles.quotes.entities import Entities
from articles.quotes.frames import find_frame
from articles.quotes.indirect import find_indirect
from articles.quotes.learned import QuoteModel, default_model
from articles.quotes.marks import Mark, find_marks, inner_text, mask, speechlike
from articles.quotes.model import Extraction, Quotation, SpeakerEntity
from articles.quotes.nouns import unknown_thing
from articles.quotes.openings import inverted_subject, reaction_source, sentence_subject
from articles.quotes.orgnames import link_names, quoted_organisation, restore
from articles.quotes.people import register_named_people
from articles.quotes.phrases import Phrase
from articles.quotes.resolve import Decision, Resolver
from articles.quotes.sentences import quote_window, split_sentences
from articles.quotes.sources import SO_MID, fuer_holder, laut_frame
from articles.quotes.subjects import cue_subject


def extract(
    body: str, *, strict: bool = False, model: QuoteModel | None = None, rules_only: bool = False
) -> Extraction:
    """Find the quotations in an article body and who said them.

    By default it never raises: an error in the extractor gives an empty result, for callers
    that must not fail. With ``strict=True`` the error propagates, for callers that report it
    (the importer, the scoring script). ``model`` replaces the shipped model (cross-validation
    trains its own); ``rules_only`` leaves the learned stage out (for comparison)."""
    if not rules_only and model is None:
        model = default_model()
    if rules_only:
        model = None
    if strict:
        return _extract(body, model)
    try:
        return _extract(body, model)
    except Exception:  # noqa: BLE001 - a bug must not break an import; report nothing instead
        return Extraction(quotes=[], speakers=[])


class Analysis(NamedTuple):
    """What the rules made of an article: its context, the resolver holding the speakers found
    so far, and the rules' quotations (the learned stage's candidates and features)."""

    ctx: Context
    resolver: Resolver
    quotes: list[Quotation]


def analyse(body: str) -> Analysis:
    """The rule stages over one article."""
    ctx = build_context(body)
    decisions = [decide(ctx, m) for m in ctx.tops]
    clause_subjects, things = _clause_subjects(ctx, decisions)
    _register_speakers(ctx, decisions, clause_subjects)
    resolver = Resolver(ctx, decisions, clause_subjects)
    resolver.things = things
    resolver.record_clause_subjects()
    quotes = [resolver.quotation(decision) for decision in decisions]
    # Nested quotations: a quote inside a quote; the rules know no speaker for it.
    for m in ctx.marks:
        if m.depth > 0:
            kind = "direct" if speechlike(inner_text(body, m)) else "not_speech"
            quotes.append(Quotation(m.start, m.end, kind, None, None, None, None, 0.3))
    quotes.extend(find_indirect(ctx, resolver))
    return Analysis(ctx, resolver, quotes)


def _extract(body: str, model: QuoteModel | None) -> Extraction:
    if not isinstance(body, str) or not body:
        return Extraction([], [])
    ctx, resolver, quotes = analyse(body)
    if model is not None:
        quotes = redecide(ctx, resolver, quotes, model)
    quotes = _one_per_span([q for q in quotes if 0 <= q.start < q.end <= len(body)])
    named = {q.speaker for q in quotes if q.speaker}
    used = {name: _entity(ctx, resolver, name) for name in named}
    extraction = Extraction(quotes, _speaker_entities(ctx, used))
    if ctx.linked:
        extraction = _as_written(extraction, ctx.linked)
    ctx.entities = None  # the one cycle (ctx.entities.ctx): the article's objects go at once
    return extraction


def _as_written(extraction: Extraction, linked: dict[str, str]) -> Extraction:
    """The speakers' names and roles with the linked organisation names' lower-case words as
    the article writes them ("Bundesagentur für Arbeit"; see orgnames)."""
    quotes = [replace(q, speaker=restore(q.speaker, linked)) for q in extraction.quotes]
    speakers = [
        replace(
            entity,
            name=restore(entity.name, linked),
            role=restore(entity.role, linked),
            aliases=tuple(restore(alias, linked) for alias in entity.aliases),
        )
        for entity in extraction.speakers
    ]
    return Extraction(quotes, speakers)


def _one_per_span(quotes: list[Quotation]) -> list[Quotation]:
    """Sorted by position, one quotation per span: a quotation in marks before indirect speech
    found over the same words."""
    rank = {"direct": 0, "not_speech": 1, "indirect": 2}
    best: dict[tuple[int, int], Quotation] = {}
    for q in quotes:
        held = best.get((q.start, q.end))
        if held is None or rank[q.kind] < rank[held.kind]:
            best[(q.start, q.end)] = q
    return sorted(best.values(), key=lambda q: (q.start, q.end))


def _entity(ctx: Context, resolver: Resolver, name: str) -> dict:
    found = resolver.used.get(name) or ctx.entities.entities.get(name)
    return found or {"kind": "person", "role": None, "aliases": set()}


def build_context(body: str) -> Context:
    """The article with its quotation marks, masked text, sentences and (empty) entities."""
    marks = find_marks(body)
    tops = [m for m in marks if m.depth == 0]
    masked, linked = link_names(mask(body, tops, quoted_name=quoted_organisation))
    ctx = Context(body, masked, marks, split_sentences(masked, body), linked=linked)
    ctx.entities = Entities(ctx)
    return ctx


def decide(ctx: Context, m: Mark) -> Decision:
    """The frame of a top-level quotation and its kind."""
    s_start, s_end = quote_window(ctx.sentence_of(m.start), m)
    inner = inner_text(ctx.body, m)
    frame = find_frame(ctx, m, s_start, s_end)
    return Decision(m, classify(ctx, m, inner, frame, s_start, s_end), frame)


def _clause_subjects(
    ctx: Context, decisions: list[Decision]
) -> tuple[list[tuple[int, Phrase]], set[int]]:
    """Every reporting clause outside quotations: its subject is a speaker candidate, and a
    later quotation without a frame of its own may continue it. Also where the subjects of
    sentences that report nothing start, when nothing says they can speak (``unknown_thing``:
    no speakers for the clauses beside them)."""
    masked = ctx.masked
    clause_subjects: list[tuple[int, Phrase]] = []
    things: set[int] = set()
    # sentences whose quotations are all names or titles are narrative like any other
    direct_starts = sorted(m.start for m, kind, _f in decisions if kind == "direct")
    for s_start, s_end in ctx.sentences:
        for cue in ctx.cue_tokens(s_start, s_end):
            phrase = cue_subject(ctx, s_start, cue, s_end)
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
                    or sentence_subject(ctx, s_start, s_end)
                    or inverted_subject(masked, s_start, s_end)
                    or fuer_holder(ctx, s_start, s_end)
                )
                if subject is not None and not PASSIVE_NEXT.match(masked, subject.end):
                    # (not the subject of a passive: "Drei Menschen wurden verletzt")
                    clause_subjects.append((subject.start, subject))
                    if unknown_thing(subject):
                        things.add(subject.start)
    return clause_subjects, things


def _register_speakers(
    ctx: Context, decisions: list[Decision], clause_subjects: list[tuple[int, Phrase]]
) -> None:
    """Register named speakers and named people, so that pronouns and short names can be
    resolved; then find where each person is mentioned."""
    entities = ctx.entities
    named = [f.phrase for _m, k, f in decisions if k == "direct" and f and f.phrase]
    named += [p for _, p in clause_subjects]
    for phrase in named:
        if phrase.pronoun is None and phrase.name:
            canonical = entities.canonical(phrase)
            if canonical:
                entities.register(phrase, canonical)
    register_named_people(entities)
    entities.person_mentions()


def _speaker_entities(ctx: Context, used: dict[str, dict]) -> list[SpeakerEntity]:
    """The entities that some quotation names, by name, each with its role and aliases."""
    entities = ctx.entities
    speakers = []
    for name, ent in used.items():
        role = ent.get("role") if ent.get("kind") == "person" else None
        if ent.get("kind") == "person" and name in entities.entities:
            role = entities.role_of(name) or role
        aliases = tuple(sorted(a for a in ent.get("aliases", ()) if a != name))
        speakers.append(SpeakerEntity(name, ent.get("kind", "person"), role, aliases))
    speakers.sort(key=lambda e: e.name)
    return speakers
