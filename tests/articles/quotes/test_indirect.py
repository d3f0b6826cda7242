"""Indirect speech: the reported clause after sagte/bedauerte/schlug vor, before „…, so X“,
after "nach Angaben"/"wie X berichtet", and with or without a named source."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import find, indirect


def test_indirect_speech_with_dass():
    text = "Die Polizeisprecherin Lena Hartmann sagte, dass die Straße gesperrt bleibe."
    result = extract(text)
    q = find(text, result, "die Straße gesperrt bleibe")
    assert q.kind == "indirect"
    assert q.speaker == "Lena Hartmann"


# (passage, expected span of the reported speech, expected speaker)
INDIRECT = [
    ("Nach Angaben der Polizei sind in der Nacht zwei Gefangene ausgebrochen.",
     "sind in der Nacht zwei Gefangene ausgebrochen", "Polizei"),
    ("Wie die Agentur Reuters berichtet, habe der Konzern seine Pläne aufgegeben.",
     "habe der Konzern seine Pläne aufgegeben", "Agentur Reuters"),
    ("Die Lage sei ernst, sagte der Minister Karl Roth.", "Die Lage sei ernst", "Karl Roth"),
    ("Man habe alles versucht, so die Polizei.", "Man habe alles versucht", "Polizei"),
    ("In Ottawa wird hingegen behauptet, der Pilot trage die volle Verantwortung.",
     "der Pilot trage die volle Verantwortung", None),
    ("Der Minister Karl Roth schlug vor, die Steuern im nächsten Jahr zu senken.",
     "die Steuern im nächsten Jahr zu senken", "Karl Roth"),
    ("Nach Polizeiangaben wurden zwei Menschen verletzt.", "wurden zwei Menschen verletzt", None),
    ("Demnach soll der Minister bis zum Frühjahr bleiben.",
     "soll der Minister bis zum Frühjahr bleiben", None),
    ("Der Parteichef Karl Roth sagte, die Union benötige einen neuen Partner.",
     "die Union benötige einen neuen Partner", "Karl Roth"),
    ("Der Trainer Karl Roth bedauerte, dass die Mannschaft keine Chance gehabt habe.",
     "dass die Mannschaft keine Chance gehabt habe", "Karl Roth"),
    ("Minister Karl Roth äußerte sich vorsichtig. Er glaube, dass der Plan mehr Zeit brauche.",
     "dass der Plan mehr Zeit brauche", "Karl Roth"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "speaker"), INDIRECT)
def test_indirect_speech(text, span, speaker):
    q = indirect(text)
    assert (text[q.start : q.end], q.speaker) == (span, speaker)
    if speaker is None:
        assert q.speaker_start is None


def test_unnamed_source_keeps_the_reported_speech_without_speaker():
    text = "Laut Behördenangaben wurden bei dem Unfall etwa zwanzig Menschen verletzt."
    (q,) = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert q.speaker is None
    assert "zwanzig Menschen" in text[q.start : q.end]
