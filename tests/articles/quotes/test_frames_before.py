"""The reporting clause before the quotation: X sagte: „…“, colon frames (also across a
paragraph break), and a cue before the quotation in the same sentence."""

from __future__ import annotations

import pytest

from .helpers import assert_direct_by, quote, speaker_of


def test_frame_before_with_colon_and_quote_in_next_paragraph():
    text = (
        "Zum Abschluss der Tagung sagte die Bürgermeisterin Anna Becker:\n\n"
        "„Die Brücke wird im Frühjahr fertig.“"
    )
    assert speaker_of(text, "Die Brücke") == ("direct", "Anna Becker")


def test_fronted_dative_is_not_the_speaker():
    text = "Der örtlichen Zeitung sagte Tom Weber: „Ich höre zum Jahresende auf.“"
    assert speaker_of(text, "Jahresende") == ("direct", "Tom Weber")


def test_speakers_in_a_list():
    text = (
        "Viele gratulierten, so der Präsident Paul Frey, die Leiterin der Behörde, Ana Lind "
        "(„Niemand verdient es mehr.“), und der Bürgermeister Jan Ost: „Es kommt nicht zu früh.“"
    )
    assert speaker_of(text, "Niemand verdient") == ("direct", "Ana Lind")
    assert speaker_of(text, "nicht zu früh") == ("direct", "Jan Ost")


def test_colon_after_a_name_with_an_apposition():
    text = (
        "So sagte Olli Rehn, EU-Kommissar: „Man kann das nicht so machen.“\n\n"
        "Erkki Tuomi, Präsident des Rats der Union: „Die Verabschiedung des Gesetzes ist falsch.“"
    )
    assert speaker_of(text, "Verabschiedung") == ("direct", "Erkki Tuomi")


def test_mit_den_worten_with_any_verb():
    text = (
        "Die Auftragsvergabe wurde von der Polizei mitgehört. Paolo Berti hatte die "
        "Ausführung mit den Worten abgelehnt: „Das mache ich nicht.“"
    )
    assert speaker_of(text, "Das mache") == ("direct", "Paolo Berti")


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a passive reporting clause: the agent speaks
        (
            "Der Landrat Otto Brenner wird von der „Lokalpost“ mit den Worten zitiert: "
            "„Die Brücke bleibt gesperrt.“",
            "Brücke bleibt",
            "Lokalpost",
        ),
        # a subject shared across und, also with an auxiliary
        (
            "Als der Zug hielt, schubste der Fahrer den Schaffner und rief: „Lasst mich raus!“",
            "Lasst mich",
            "Fahrer",
        ),
        (
            "Der Bergsteiger lag stundenlang im Schnee und hatte gefragt: „Kommt noch jemand?“",
            "Kommt noch",
            "Bergsteiger",
        ),
        # a verb-final clause: the subject follows the relative pronoun
        (
            "Die Zahl liegt unter der Marke, die Karl Oberholz zum Ziel erklärt hatte: "
            "„Wir schaffen das bis zum Sommer.“",
            "schaffen das",
            "Karl Oberholz",
        ),
        # a relative clause between the subject and its verb
        (
            "Der 71-jährige Brenner, der als Kritiker des Plans gilt, hofft aber, „dass "
            "die Stadt noch umdenkt.“",
            "Stadt noch",
            "Brenner",
        ),
    ],
)
def test_speaker_name_contains(text, fragment, speaker):
    assert_direct_by(text, fragment, speaker)


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Die Ministerin Anna Berg lässt durch ihren Anwalt erklären: „Das ist haltlos.“", "haltlos",
     "Anna Berg"),
    ("Auf die Frage, ob er zurücktrete, antwortete der Minister: „Nein.“", "Nein", "Minister"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker
