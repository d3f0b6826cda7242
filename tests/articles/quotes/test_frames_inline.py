"""The quotation inside its reporting clause: partial quotations after naming verbs (nannte …
„…“, als „…“ bezeichnet), verb-final and subordinate clauses, passive agents, and reported
speech that carries a quoted phrase."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import assert_direct_by, find, quote, speaker_of


def test_partial_quote_inside_a_sentence():
    text = (
        "Die Gesundheitsministerin Eva Brandt nannte die Zahlen „besorgniserregend“ "
        "und kündigte neue Maßnahmen an."
    )
    result = extract(text)
    q = find(text, result, "besorgniserregend")
    assert (q.kind, q.speaker) == ("direct", "Eva Brandt")
    assert text[q.start : q.end] == "„besorgniserregend“"


def test_subject_of_verb_final_clause():
    text = (
        "Der Bericht gilt als heikel, weil die Stadtverwaltung das Projekt als "
        "„reine Geldverschwendung“ bezeichnet hat."
    )
    kind, speaker = speaker_of(text, "Geldverschwendung")
    assert kind == "direct" and "Stadtverwaltung" in speaker


def test_passive_agent_before_als():
    text = "Die Lage wird vom Deutschen Wetteramt als „sehr ernst“ eingestuft."
    assert speaker_of(text, "sehr ernst") == ("direct", "Deutschen Wetteramt")


def test_frame_after_quote_is_verb_first():
    text = (
        "Anna Berg nannte die Entscheidung „ein mutiges Zeichen“, Trainer Paul Roth "
        "bezeichnete sie dagegen als „riskant“."
    )
    assert speaker_of(text, "mutiges Zeichen") == ("direct", "Anna Berg")
    assert speaker_of(text, "riskant") == ("direct", "Paul Roth")


def test_nearest_cue_with_a_subject():
    text = (
        "Der Journalist Martin Hahn kritisiert in der Zeitung, die Aktion erinnere "
        "„fatal an alte Zeiten“."
    )
    assert speaker_of(text, "alte Zeiten") == ("direct", "Martin Hahn")


def test_widened_lexicon_and_verb_final_separable():
    text = (
        "In einem Bericht rechtfertigte das Verteidigungsministerium den Angriff als "
        "„notwendige Abwehr“."
    )
    assert speaker_of(text, "notwendige Abwehr") == ("direct", "Verteidigungsministerium")
    text = "Wie der Anwalt Karl Ober dazu feststellt, verlangt „das Gesetz einen klaren Beweis“."
    assert speaker_of(text, "klaren Beweis") == ("direct", "Karl Ober")


def test_plural_object_before_a_singular_verb():
    text = (
        "Die jungen Mönche, die protestiert hatten, beschrieb die Nachrichtenagentur als "
        "„aggressiv“."
    )
    result = extract(text)
    q = find(text, result, "aggressiv")
    assert text[q.speaker_start : q.speaker_end].endswith("Nachrichtenagentur")


def test_shared_subject_after_a_fronted_phrase():
    text = (
        "In seiner Rede lobte der Premierminister Tom Bell die Armee und nannte den Einsatz "
        "„schnell und entschieden“."
    )
    assert speaker_of(text, "schnell und") == ("direct", "Tom Bell")


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a verb-final clause: the subject follows the subordinator
        (
            "Die Zeitung berichtet, dass Oberholz den Jungen gefragt habe, ob er „müde“ sei.",
            "müde",
            "Oberholz",
        ),
        # "als „…“ sieht" in a relative clause
        (
            "Kritik kommt vom Fahrgastverband, der die Folien als „Kapitulation“ sieht.",
            "Kapitulation",
            "Fahrgastverband",
        ),
    ],
)
def test_speaker_name_contains(text, fragment, speaker):
    assert_direct_by(text, fragment, speaker)


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Der Abgeordnete Peter Schmitz wollte sich nicht festlegen, sagte aber, die Partei müsse "
     "„endlich handeln“.", "endlich", "Peter Schmitz"),
    ("Wie Karl Roth, der als Beobachter im Saal war, dazu feststellt, verlangt „das Gesetz "
     "einen klaren Beweis“.", "klaren Beweis", "Karl Roth"),
    ("Der Zeitung sagte ein Sprecher, man sei „zuversichtlich“.", "zuversichtlich", "Sprecher"),
    ("Die Regierung zeigte sich bestürzt und verurteilte den Angriff als „feigen Anschlag“.",
     "feigen", "Regierung"),
    ("Die Ministerin Anna Berg verglich die Lage mit einem „Flächenbrand“.", "Flächenbrand",
     "Anna Berg"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker
