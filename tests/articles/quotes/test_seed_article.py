"""The extractor on the seed article (fixtures/000_f7e28fe3f4ccecb1.txt), a real news text with
straight quotation marks: every construction at once, read once for the module."""

from __future__ import annotations

import pytest

from articles.quotes import extract
from articles.seedfile import parse
from tests.conftest import SEED

from .helpers import find


@pytest.fixture(scope="module")
def seed():
    body = parse(SEED.read_text(encoding="utf-8"), SEED.name).body
    return body, extract(body)


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("dass die Ukraine die Schlacht", "Jens Stoltenberg"),
        ("unangenehm niedrig", "Wall Street Journal"),
        ("und das ist gefährlich", "Jens Stoltenberg"),
        ("die NATO keine Konfliktpartei", "Jens Stoltenberg"),
        ("die gesamte westliche Militärmaschinerie", "Wladimir Putin"),
        ("Unsere Entschlossenheit", "Lloyd Austin"),
        ("Wir werden die Verteidigungskapazitäten", "Lloyd Austin"),
    ],
)
def test_seed_direct_quotes_and_speakers(seed, fragment, speaker):
    body, result = seed
    q = find(body, result, fragment)
    assert q.kind == "direct"
    assert q.speaker == speaker
    assert body[q.start] == '"' and body[q.end - 1] == '"'


def test_seed_block_quote_runs_to_paragraph_end(seed):
    body, result = seed
    q = find(body, result, "NATO-Generalsekretär Jens Stoltenberg sagte am Dienstag")
    assert q.kind == "direct"
    assert q.speaker == "RT DE"
    assert body[q.start : q.start + 21] == '"NATO-Generalsekretär'
    assert body[q.end - 1] == "."
    assert body[q.end : q.end + 2] == "\n\n"  # ends at its paragraph, not later
    rt = next(s for s in result.speakers if s.name == "RT DE")
    assert rt.kind == "organisation"


def test_seed_pronoun_does_not_resolve_to_person_inside_quote(seed):
    body, result = seed
    q = find(body, result, "und das ist gefährlich")
    assert body[q.speaker_start : q.speaker_end] == "er"


def test_seed_not_speech(seed):
    body, result = seed
    for fragment in ('"RT DE"', '"Ukraine-Kontakt-Gruppe"'):
        q = next(q for q in result.quotes if body[q.start : q.end] == fragment)
        assert q.kind == "not_speech"
        assert q.speaker is None


def test_seed_irony_quotes_get_no_speaker(seed):
    body, result = seed
    hits = [q for q in result.quotes if body[q.start : q.end] == '"beispiellosen Unterstützung"']
    assert len(hits) == 2
    for q in hits:
        assert q.kind in ("direct", "not_speech")
        assert q.speaker is None


def test_seed_speakers_and_roles(seed):
    _body, result = seed
    by_name = {s.name: s for s in result.speakers}
    assert by_name["Jens Stoltenberg"].role == "NATO-Generalsekretär"
    assert "Stoltenberg" in by_name["Jens Stoltenberg"].aliases
    assert by_name["Wladimir Putin"].role == "russischer Präsident"
    assert by_name["Lloyd Austin"].role == "US-Verteidigungsminister"
    assert by_name["Wall Street Journal"].kind == "organisation"
    assert by_name["Sergei Lawrow"].role == "russischer Außenminister"


def test_seed_lawrow_indirect_speech(seed):
    body, result = seed
    q = find(body, result, "einen Stellvertreterkrieg gegen Russland zu führen")
    assert q.kind == "indirect"
    assert q.speaker == "Sergei Lawrow"
