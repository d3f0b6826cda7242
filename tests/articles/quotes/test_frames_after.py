"""The reporting clause after the quotation: „…“, sagte X / „…“, so X / „…“ (X, role), with
adverbials, reflexives and participle phrases between the verb and the speaker."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import assert_direct_by, find, quote, speaker_of


def test_frame_after_with_so():
    text = "„Das Land muss jetzt handeln“, so Merkel."
    kind, speaker = speaker_of(text, "handeln")
    assert (kind, speaker) == ("direct", "Merkel")


def test_zitiert_with_lowercase_outlet():
    text = "„Die Lage ist ruhig“, zitiert wdr.de Polizeisprecher Jan Falk."
    assert speaker_of(text, "Lage ist ruhig") == ("direct", "Jan Falk")


def test_quoted_outlet_after_the_verb():
    text = "„Er war ein stiller und genauer Mensch“, schrieb „Die Woche“ in einem Nachruf."
    assert speaker_of(text, "stiller und genauer") == ("direct", "Die Woche")


def test_participle_phrase_before_name():
    text = "„Ich freue mich auf den Auftritt“, schrieb die in Chicago geborene Sängerin Mia Stone."
    assert speaker_of(text, "Auftritt") == ("direct", "Mia Stone")
    text = "„Ich habe Glück gehabt“, sagte die das Unglück überlebende Alice Brandt."
    assert speaker_of(text, "Glück gehabt") == ("direct", "Alice Brandt")


def test_frame_a_few_words_after_the_quote():
    text = (
        "Die britische Königin Anne Grey äußerte sich am Abend. Sie sei „zutiefst erschüttert“ "
        "über das Unglück, sagte die Königin."
    )
    result = extract(text)
    q = find(text, result, "zutiefst")
    assert text[q.speaker_start : q.speaker_end] == "die Königin"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # verb, reflexive and subject after the quotation
        (
            "„Wir haben vier Punkte“, zeigte sich Trainer Paul Wendt nach dem Spiel zufrieden.",
            "vier Punkte",
            "Paul Wendt",
        ),
        (
            "„Wo ist meine Stimme?“, wollen die Demonstranten in der Hauptstadt wissen.",
            "meine Stimme",
            "Demonstranten",
        ),
    ],
)
def test_speaker_name_contains(text, fragment, speaker):
    assert_direct_by(text, fragment, speaker)


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("„Das ist ein schwarzer Tag“, schimpfte der Vereinspräsident Kurt Lenz.", "schwarzer Tag",
     "Kurt Lenz"),
    ("„Ich glaube, dass wir das schaffen“, sagte die Ministerin Anna Berg.", "schaffen",
     "Anna Berg"),  # "ich glaube" is no report
    ("„Wir sind gerüstet“, erklärte am Montag auf einer Pressekonferenz in Berlin der Sprecher "
     "des Ministeriums, Karl Roth.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, sagte gegenüber der Zeitung „Die Welt“ der Sprecher Karl Roth.",
     "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, sagte nach der Sitzung des Krisenstabs am Montagabend in Potsdam der "
     "Sprecher Karl Roth.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“ (Karl Roth, Sprecher der Polizei).", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, ist sich Karl Roth sicher.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, gab Karl Roth zu Protokoll.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, versicherte ein sichtlich zufriedener Karl Roth.", "gerüstet",
     "Karl Roth"),
    ("„Wir sind gerüstet“, fasste Karl Roth zusammen.", "gerüstet", "Karl Roth"),
    ("„Wir prüfen alle Optionen.“ Mit diesen Worten reagierte die Ministerin Anna Berg auf die "
     "Kritik.", "Optionen", "Anna Berg"),
    ("„Wir prüfen alle Optionen“ – mit diesen Worten eröffnete die Ministerin Anna Berg die "
     "Sitzung.", "Optionen", "Anna Berg"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker
