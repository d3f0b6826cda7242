"""Pronouns as speakers: er/sie/letztere/relative die resolved to the person or group they stand
for, never to someone named only inside a quotation, and left open when nothing agrees."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import MINISTER, find, quote, speaker_of

# A long paragraph between a speaker and a later pronoun, to put it out of the reach of the
# described-subject fallback (700 characters) but within the pronoun window (1,500).
FILLER = (
    "Die Pläne sehen Kürzungen bei Renten, Bildung und Kultur vor, die das Kabinett im Herbst "
    "beschließen will; die Opposition hat bereits Widerstand angekündigt, und auch in den "
    "Ländern wächst der Unmut über die Vorhaben, die viele Kommunen hart treffen würden. Über die "
    "Details wird in den nächsten Wochen verhandelt, bevor der Haushalt im Dezember verabschiedet "
    "werden soll, so der Zeitplan der Regierung, der allerdings schon einmal verschoben wurde.\n\n"
    "Die Verhandlungen über den Haushalt ziehen sich seit Wochen hin. Strittig sind vor allem "
    "die Ausgaben für Verkehr und Verteidigung, aber auch die Zuschüsse an die Länder, die im "
    "vergangenen Jahr deutlich gestiegen waren. Beobachter rechnen mit einer Einigung erst kurz "
    "vor Weihnachten, wenn überhaupt."
)


def test_frame_after_with_pronoun():
    text = (
        "Bundeskanzler Olaf Scholz besuchte am Montag die Werft in Kiel. "
        "„Wir brauchen mehr Schiffe“, sagte er."
    )
    assert speaker_of(text, "mehr Schiffe") == ("direct", "Olaf Scholz")


def test_pronoun_skips_people_named_only_inside_quotes():
    text = (
        "Der Richter Tobias Lang verlas das Urteil. „Herr Kaiser hat das Geld genommen“, sagte er."
    )
    assert speaker_of(text, "Geld genommen") == ("direct", "Tobias Lang")


def test_plural_sie_is_not_resolved():
    text = "Die Ministerin Clara Wolf traf die Streikenden. „Wir bleiben hier“, riefen sie."
    # the pronoun is the rules' to resolve; whether the marks are speech is the model's, and
    # the shipped model stands at its threshold on this passage (0.498 since 2026-12-07)
    rules = find(text, extract(text, rules_only=True), "bleiben hier")
    assert (rules.kind, rules.speaker) == ("direct", None)
    assert find(text, extract(text), "bleiben hier").speaker is None


def test_plural_sie_resolves_to_group_subject():
    text = "Die Demonstranten zogen am Abend durch die Innenstadt. „Wir bleiben hier“, riefen sie."
    assert speaker_of(text, "bleiben hier") == ("direct", "Demonstranten")


def test_demonstrative_after_so():
    text = (
        "Vor dem Rathaus sprach der Sänger Paul Weber, neben ihm stand die Ärztin Lena Roth. "
        "„Wir müssen die Tiere schützen“, so letztere."
    )
    result = extract(text)
    q = find(text, result, "Tiere schützen")
    assert q.speaker == "Lena Roth"
    assert text[q.speaker_start : q.speaker_end] == "letztere"


def test_er_after_the_verb_beats_a_fronted_object():
    text = (
        "Der Politiker Omar Said sprach in Kairo. Das neue Angebot, die Grenze zu öffnen, lehnt "
        "er jedoch ab: „Das reicht nicht aus.“"
    )
    kind, speaker = speaker_of(text, "reicht nicht")
    assert (kind, speaker) == ("direct", "Omar Said")


def test_relative_pronoun_agrees_with_its_verb():
    text = "Die Leute zogen durch die Stadt, die immer wieder riefen: „Wir bleiben!“"
    assert quote(text, "Wir bleiben").speaker != "Stadt"


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Bundeskanzler Olaf Lenz kritisierte am Montag den Präsidenten Joe Barton. Er sagte: „Das "
     "war ein Fehler.“", "Fehler", "Olaf Lenz"),
    ("Nach einem Treffen mit Joe Barton sprach Olaf Lenz vor der Presse. Er sagte: „Das war ein "
     "Fehler.“", "Fehler", "Olaf Lenz"),
    ("Olaf Lenz traf den Präsidenten Joe Barton. „Das war ein gutes Gespräch“, so letzterer.",
     "Gespräch", "Joe Barton"),
    ("Die Polizei nahm einen 45-jährigen Mann fest. Er sagte: „Ich war es nicht.“", "war es",
     "Mann"),
    ("Die Polizei befragte die Demonstranten. Er sagte: „Ich war es nicht.“", "war es", None),
    ("Anna Berg sprach zuerst. Nachdem er das Papier gelesen hatte, habe sie es als "
     "„unzureichend“ bezeichnet.", "unzureichend", "Anna Berg"),
    ("Die Ministerin Anna Berg sprach zuerst. Dann sagte der Minister Karl Roth: „Wir helfen.“ "
     "Zuvor hatte sie die Lage als „dramatisch“ beschrieben.", "dramatisch", "Anna Berg"),
    ("Die Ministerin Anna Berg sprach zuerst. Dann kam der Minister Karl Roth an die Reihe. In "
     "dem Gespräch mit den Ländern am Montag habe sie „klare Worte“ gefunden.", "klare Worte",
     "Anna Berg"),
    ("Seit 1962 arbeitete Hans Kolb als Pilot. Er war es, der das von Präsident Kenner "
     "formulierte Ziel erreichte. Später meldete er sich mit den Worten: „Wir sind gelandet.“",
     "gelandet", "Hans Kolb"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker


# (passage, fragment, expected speaker, expected mention): the pronoun the attribution rests on
MENTIONS = [
    ("Vor dem Rathaus standen Hunderte Menschen, die immer wieder riefen: „Wir bleiben!“",
     "Wir bleiben", "Menschen", "die"),
    ("Gegen den Bürgermeister der Stadt wird ermittelt. Er sagte: „Ich bin unschuldig.“",
     "unschuldig", "Bürgermeister", "Er"),
    ("In der Nacht drangen die Einbrecher in das Rathaus ein. Sie schrieben Sätze wie „Hier ist "
     "nichts mehr sicher“ an die Wand.", "nichts mehr", "Einbrecher", "Sie"),
    ("Der Kreisvorsitzende Karl Roth trat aus. Er sowie Anna Berg befürchten neue Bündnisse: "
     "„Das ist das Ende der Partei.“", "Ende der Partei", "Karl Roth", "Er"),
    (MINISTER + FILLER + "\n\nEr fügte hinzu: „Es gibt keine Alternative.“", "keine Alternative",
     "Minister", "Er"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker", "mention"), MENTIONS)
def test_speaker_and_mention(text, fragment, speaker, mention):
    q = quote(text, fragment)
    assert (q.speaker, text[q.speaker_start : q.speaker_end]) == (speaker, mention)
