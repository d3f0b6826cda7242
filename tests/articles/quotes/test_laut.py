"""Source phrases instead of a reporting verb: laut X, nach Angaben / nach Einschätzung von X,
X zufolge, für X, and source nouns (Angaben, Aussage, Fazit, Idee) that belong to someone."""

from __future__ import annotations

import pytest

from articles.quotes.nouns import nominative_name

from .helpers import assert_direct_by, quote, speaker_of


def test_laut_names_the_speaker():
    text = "Laut Innenminister Peter Krause sei die Lage „ernst, aber beherrschbar“."
    assert speaker_of(text, "beherrschbar") == ("direct", "Peter Krause")


def test_zufolge_in_the_same_clause_does_not_beat_the_subject():
    text = (
        "Im Ausschuss sagte die Ministerin Eva Lang einigen Teilnehmern zufolge: "
        "„Wir halten an dem Plan fest.“"
    )
    assert speaker_of(text, "Plan fest") == ("direct", "Eva Lang")


def test_nearest_laut_source_before_the_quote():
    text = (
        "Nach Angaben des Wetterdienstes zog der Sturm nach Osten, wobei er nach Einschätzung "
        "von Feuerwehrchef Olaf Brandt „keine größeren Schäden“ anrichtete."
    )
    assert speaker_of(text, "größeren Schäden") == ("direct", "Olaf Brandt")


def test_possessive_and_genitive_owner_of_an_opinion():
    text = (
        "Bundesinnenminister Wolfgang Schäuble schlägt eine Änderung vor. Nach Schäubles Idee "
        "soll „im Zweifel die Mehrheit entscheiden“."
    )
    assert speaker_of(text, "im Zweifel") == ("direct", "Wolfgang Schäuble")
    text = (
        "Auf den Vorwurf der CDU, es handele sich um einen „sozialistischen Antrag“, reagierten "
        "die Grünen gelassen."
    )
    assert speaker_of(text, "sozialistischen") == ("direct", "CDU")


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Für den Historiker Jan Brückner sei der Abriss „ein großer Verlust“.", "Verlust", "Jan"),
        (
            "Was für die Senatorin eine „kluge Lösung“ ist, war für die Lehrer in Altona "
            "„ein fauler Kompromiss“.",
            "fauler Kompromiss",
            "Lehrer",
        ),
        ("Was für die Senatorin eine „kluge Lösung“ ist, sahen andere anders.", "kluge", "Senat"),
    ],
)
def test_fuer_frames(text, fragment, speaker):
    assert_direct_by(text, fragment, speaker)


def test_fuer_a_thing_is_no_speaker():
    assert speaker_of("Für den Fall einer Niederlage sei „alles offen“.", "alles offen")[1] is None


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Laut Aussagen des Innenministers Karl Roth war die Lage „unter Kontrolle“.", "Kontrolle",
     "Karl Roth"),
    # a source noun ("Angaben", "Aussage", "Fazit") with "von X" is X's: the person, not the noun
    ("Nach Angaben von Petra Lindner war „die Lage völlig unübersichtlich“.", "Lage",
     "Petra Lindner"),
    ("Das Fazit von Jonas Weber fiel knapp aus: „Wir sind zufrieden.“", "zufrieden",
     "Jonas Weber"),
    ("Die Aussage von Karl Roth lautete: „Ich war nicht dort.“", "nicht dort", "Karl Roth"),
    # a source noun with a genitive names its owner, in the nominative
    ("Die Arbeitshypothese der Ermittler lautet: „Der Täter kannte sein Opfer gut.“", "Täter",
     "Ermittler"),
    ("Das Fazit des Prüfberichts lautet: „Die Brücke ist sicher.“", "Brücke", "Prüfbericht"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker


@pytest.mark.parametrize(
    ("name", "link", "nominative"),
    [
        ("Roten Kreuzes", "des", "Rote Kreuz"),
        ("Statistischen Bundesamtes", "eines", "Statistische Bundesamt"),
        ("Schweizer Bundesamts", "des", "Schweizer Bundesamt"),  # a place's adjective stays
        ("ZDFs", "des", "ZDF"),
        ("Karl Roth", "des", "Karl Roth"),  # no adjective, no -s: a person's name stays
        ("Polizei", "der", "Polizei"),  # feminine and plural genitives show nothing
        ("Hauptsponsors der Halbzeitshow", "des", "Hauptsponsor der Halbzeitshow"),
        ("Multilateralen Investitionsfonds", "des", "Multilaterale Investitionsfonds"),
    ],
)
def test_genitive_name_in_the_nominative(name, link, nominative):
    assert nominative_name(name, link) == nominative


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Nach Angaben des Auswärtigen Amtes sind drei Deutsche unter den Opfern.",
         "drei Deutsche", "Auswärtige Amt"),
        ("Das Hochwasser hat die Stadt erreicht. 800.000 Menschen wurden nach Angaben des Roten "
         "Kreuzes obdachlos.", "800.000 Menschen", "Rote Kreuz"),
        # an adjective the phrase would leave out ("-ischen") is part of the name
        ("In Deutschland verfügen nach Aussagen des Statistischen Bundesamtes 13 Prozent der "
         "Bevölkerung über weniger Geld.", "13 Prozent", "Statistische Bundesamt"),
        # "Auskunft" is the source's word, not its name
        ("Der Schaden beläuft sich laut Auskunft der Bundesregierung auf zehn Millionen Euro.",
         "zehn Millionen", "Bundesregierung"),
    ],
)  # fmt: skip
def test_a_genitive_source_of_reported_speech_is_named_in_the_nominative(text, fragment, speaker):
    assert speaker_of(text, fragment) == ("indirect", speaker)
