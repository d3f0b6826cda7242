"""What can be a speaker: organisations, groups and documents speak; things that cannot speak,
sentence adverbs and passages with no one in reach leave the quotation without a speaker."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import assert_direct_by, find, quote, speaker_of


def test_quote_without_findable_speaker_gets_none():
    text = "Es regnete den ganzen Tag.\n\n„Nie wieder Krieg!“ Dann wurde es still."
    kind, speaker = speaker_of(text, "Nie wieder Krieg")
    assert kind in ("direct", "not_speech")  # a slogan on its own may be either
    assert speaker is None


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Auf dem Plakat stand: „Nie wieder Krieg!“ Es regnete.", "Nie wieder", "Plakat"),
        ("Der Text der Petition lautete: „Wir fordern Neuwahlen.“", "Neuwahlen", "Text"),
        (
            "In einem Schreiben an die Belegschaft war von einem „offenen Dialog“ die Rede.",
            "offenen Dialog",
            "Schreiben",
        ),
        (
            "Zur Lage der Kliniken führt der Bericht aus, viele Häuser seien „am Limit“.",
            "am Limit",
            "Bericht",
        ),
        (
            "Im letzten Absatz der Verfügung, die am Montag zuging, heißt es: „Das Amt darf "
            "nichts davon veröffentlichen.“",
            "Das Amt darf",
            "Absatz der Verfügung",
        ),
    ],
)
def test_documents_as_sources(text, fragment, speaker):
    assert_direct_by(text, fragment, speaker)


# Organisations, groups and documents still speak. (passage, fragment, expected speaker)
SPEAKING = [
    ("Die Staatsanwaltschaft erklärte: „Wir ermitteln in alle Richtungen.“", "ermitteln",
     "Staatsanwaltschaft"),
    ("Die Landesregierung teilte mit: „Die Schulen bleiben geöffnet.“", "Schulen",
     "Landesregierung"),
    ("„Wir lassen uns nicht vertreiben“, riefen die Demonstranten.", "vertreiben",
     "Demonstranten"),
    ("Die Stiftung Naturerbe erklärte: „Das Moor ist gerettet.“", "Moor", "Stiftung Naturerbe"),
    ("In der Erklärung heißt es: „Wir bedauern den Vorfall.“", "bedauern", "Erklärung"),
    ("Das Gesetz sieht vor: „Wer täuscht, wird bestraft.“", "täuscht", "Gesetz"),
    ("Die Gewerkschaft kündigte an: „Wir streiken ab Montag.“", "streiken", "Gewerkschaft"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKING)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker


# Things that cannot speak are never speakers: the quotation keeps no speaker rather than a
# thing's name.
MUTE = [
    "Die Arbeitshypothese lautet: „Der Täter kannte sein Opfer gut.“",
    "Die Messdaten zeigen: „Die Temperatur steigt schneller als erwartet.“",
    "Die Finanzkrise hat „alles verändert, was wir kannten“, heißt es.",
    "Das Sachbuch beschreibt: „Am Anfang war nur ein kleines Dorf.“",
    "Die Vermögensteuer lautet im Volksmund: „Die Neidsteuer kommt zurück.“",
    "Die Gelassenheit zeigte sich: „Es wird schon gut gehen.“",
]


@pytest.mark.parametrize("text", MUTE)
def test_a_thing_is_no_speaker(text):
    q = next(q for q in extract(text).quotes if q.kind == "direct")
    assert q.speaker is None
    assert q.speaker_start is None and q.speaker_end is None


def test_sentence_adverb_is_no_speaker():
    text = "Insbesondere habe man „keine andere Wahl gehabt“, sagte er nicht."
    result = extract(text)
    assert find(text, result, "keine andere Wahl").kind == "direct"  # so the loop has work
    for q in result.quotes:
        assert q.speaker != "Insbesondere"
