"""Regression tests for the seventh round of quotation rules (docs/quotes.md): speakers a reader
would accept. Things cannot speak, a role names the person the article names with it, a name
is written as a name, and one person is one entity. Short passages written for the purpose;
plain tests, no database."""

from __future__ import annotations

import pytest

from articles.quotes import extract


def quote(text: str, fragment: str):
    """The smallest direct quotation whose text contains the fragment."""
    hits = [
        q for q in extract(text).quotes if q.kind == "direct" and fragment in text[q.start : q.end]
    ]
    assert hits, f"no direct quotation contains {fragment!r}"
    return min(hits, key=lambda q: q.end - q.start)


def entity_names(text: str) -> list[str]:
    return [e.name for e in extract(text).speakers]


# Things that cannot speak are never speakers: the quotation keeps no speaker rather than a
# thing's name. (passage, fragment of the quotation)
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


# A source noun ("Angaben", "Aussage", "Fazit") with "von X" is X's: the person, not the noun.
SOURCES = [
    ("Nach Angaben von Petra Lindner war „die Lage völlig unübersichtlich“.", "Lage",
     "Petra Lindner"),
    ("Das Fazit von Jonas Weber fiel knapp aus: „Wir sind zufrieden.“", "zufrieden",
     "Jonas Weber"),
    ("Die Aussage von Karl Roth lautete: „Ich war nicht dort.“", "nicht dort", "Karl Roth"),
]  # fmt: skip


# One person is one entity, named without the organisation, the noun before the name, or a
# shorter form of it. (passage, the speaker of every quotation in it)
ONE_PERSON = [
    ("„Wir bleiben hier“, sagte Tomas Berger von Human Rights Watch. Später ergänzte Berger: "
     "„Niemand geht.“", "Tomas Berger"),
    ("„Der Tarif reicht nicht“, sagte Lena Kurz von der IG Bergbau. „Wir verhandeln weiter“, "
     "sagte Kurz.", "Lena Kurz"),
    ("Der Astronaut Karl Heinrich Obermaier sagte: „Es war ein langer Flug.“ Obermaier "
     "lächelte. Er fügte hinzu: „Ich würde es wieder tun.“", "Karl Heinrich Obermaier"),
    # the middle word is no listed first name; "Jonas Alden" is no second person
    ("Der Pilot Jonas Alden Brückner landete am Abend sicher. Brückner stieg als Erster aus der "
     "Kapsel. Er sagte: „Das war ein kleiner Schritt.“", "Jonas Alden Brückner"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "speaker"), ONE_PERSON)
def test_one_person_is_one_entity(text, speaker):
    result = extract(text)
    assert {q.speaker for q in result.quotes if q.kind == "direct"} == {speaker}
    assert [e.name for e in result.speakers] == [speaker]


def test_a_noun_before_a_name_is_the_role():
    (entity,) = extract(ONE_PERSON[2][0]).speakers
    assert entity.role == "Astronaut"


def test_role_alone_names_the_person_with_that_role():
    text = (
        "Neuer Trainer ist Markus Feld. Nachfolger Markus Feld übernimmt am Montag. Der "
        "Nachfolger sagte: „Ich werde die Arbeit fortsetzen.“"
    )
    q = quote(text, "fortsetzen")
    assert q.speaker == "Markus Feld"
    assert text[q.speaker_start : q.speaker_end] == "Der Nachfolger"


def test_unnamed_source_keeps_the_reported_speech_without_speaker():
    text = "Laut Behördenangaben wurden bei dem Unfall etwa zwanzig Menschen verletzt."
    (q,) = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert q.speaker is None
    assert "zwanzig Menschen" in text[q.start : q.end]


def test_sentence_adverb_is_no_speaker():
    text = "Insbesondere habe man „keine andere Wahl gehabt“, sagte er nicht."
    for q in extract(text).quotes:
        assert q.speaker != "Insbesondere"


def test_every_speaker_name_opens_with_a_capital_or_a_particle():
    text = (
        "„Wir prüfen alles“, sagte ein nicht genannter Sprecher des Amtes. „Es gibt keine "
        "Eile“, erklärte der britische Außenminister. „Wir warten ab“, sagte von der Heide."
    )
    for name in entity_names(text):
        assert name[:1].isupper() or name.split()[0] in ("von", "van", "de", "zu"), name


# (passage, fragment, expected speaker): names a reader would accept
NAMES = [
    # a particle after a first name is part of the name
    ("„Das ist ein guter Tag“, sagte Ursula von der Heide nach der Abstimmung.", "guter Tag",
     "Ursula von der Heide"),
    # a short form the article only ever writes inside a longer name is that name
    ("Der Preisträger Adolfo Ruiz Delgado sprach in Oslo. „Wir brauchen Frieden“, sagte Ruiz. "
     "Ein Satz von Adolfo Ruiz Delgado blieb hängen: „Und Gerechtigkeit.“", "Frieden",
     "Adolfo Ruiz Delgado"),
    # a source noun with a genitive names its owner, in the nominative
    ("Die Arbeitshypothese der Ermittler lautet: „Der Täter kannte sein Opfer gut.“", "Täter",
     "Ermittler"),
    ("Das Fazit des Prüfberichts lautet: „Die Brücke ist sicher.“", "Brücke", "Prüfbericht"),
    # two people with the role: the role stays the speaker
    ("Richter Hans Obst und Richter Paul Brenner lehnten den Antrag ab. Der Richter sagte: "
     "„Die Frist ist verstrichen.“", "Frist", "Richter"),
    # a role with no one named is written as a name
    ("„Wir sind bereit“, sagte der amerikanische Präsident am Abend.", "bereit",
     "Amerikanischer Präsident"),
    # an age noun is the person named before it, or no one
    ("Anna Berg gewann das Rennen. „Das Ergebnis ist eindeutig“, sagte die 36-Jährige nach dem "
     "Rennen.", "eindeutig", "Anna Berg"),
    ("„Das Ergebnis ist eindeutig“, sagte die 36-Jährige nach dem Rennen.", "eindeutig", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKING + SOURCES + NAMES)
def test_speaker_name(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker


# A quoted name right after a website, blog or podcast is its title, not speech, also in a
# sentence with a reporting verb. (passage, fragment of the title)
TITLES = [
    ("Auf der Website „Wir sind die Stadt“ schrieb der Verein: „Wir laden alle ein.“", "Stadt"),
    ("Die Website „Wir sind die Stadt“ meldete am Montag, der Bürgermeister trete zurück.",
     "Stadt"),
    ("In ihrem Blog „Leben auf dem Land“ schreibt die Autorin, sie ziehe bald um.", "Land"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment"), TITLES)
def test_name_of_a_website_is_no_speech(text, fragment):
    (title,) = [q for q in extract(text).quotes if fragment in text[q.start : q.end]]
    assert (title.kind, title.speaker) == ("not_speech", None)
