"""Helpers shared by the quotation extractor's tests (articles/quotes): plain functions, no
database."""

from __future__ import annotations

from articles.quotes import Extraction, Quotation, extract
from articles.seedfile import parse
from tests.conftest import SEED

# The user's seed article and 20 demo articles: real text for the tests that compare two ways
# of computing the same thing.
SAMPLES = [SEED, *sorted((SEED.parent / "demo").glob("*.txt"))[:20]]

# A first speaker with a quotation of his own, for passages where a later quotation must not be
# given to him.
MINISTER = "Der Minister sagte: „Wir sparen.“ "


def find(body: str, result: Extraction, fragment: str) -> Quotation:
    """The smallest quotation of any kind whose text contains the fragment."""
    hits = [q for q in result.quotes if fragment in body[q.start : q.end]]
    assert hits, f"no quotation contains {fragment!r}: {result.quotes}"
    return min(hits, key=lambda q: q.end - q.start)


def speaker_of(text: str, fragment: str) -> tuple[str, str | None]:
    """The kind and speaker of the smallest quotation that contains the fragment."""
    q = find(text, extract(text), fragment)
    return q.kind, q.speaker


def quote(text: str, fragment: str) -> Quotation:
    """The smallest direct quotation whose text contains the fragment."""
    hits = [
        q for q in extract(text).quotes if q.kind == "direct" and fragment in text[q.start : q.end]
    ]
    assert hits, f"no direct quotation contains {fragment!r}"
    return min(hits, key=lambda q: q.end - q.start)


def indirect(text: str) -> Quotation:
    """The first stretch of indirect speech in the passage."""
    hits = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert hits, "no indirect speech found"
    return hits[0]


def entity_names(text: str) -> list[str]:
    return [e.name for e in extract(text).speakers]


def assert_direct_by(text: str, fragment: str, speaker: str) -> None:
    """The quotation with the fragment is direct speech, and its speaker's name contains
    `speaker` (for passages where more than one form of the name would be right)."""
    kind, found = speaker_of(text, fragment)
    assert kind == "direct"
    assert found is not None and speaker in found


def sample_bodies() -> list[str]:
    """The bodies of ``SAMPLES``."""
    return [parse(p.read_text(encoding="utf-8"), p.name).body for p in SAMPLES]
