"""Organisation names with lower-case words inside ("Reporter ohne Grenzen", "Gesellschaft für
bedrohte Völker") are whole speakers, written as the article writes them."""

from __future__ import annotations

import pytest

from articles.quotes import extract
from articles.quotes.orgnames import link_names, quoted_organisation, restore

from .helpers import find


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "mention"),
    [
        (
            "Reporter ohne Grenzen erklärte: „Das ist Zensur.“",
            "Zensur",
            "Reporter ohne Grenzen",
            "Reporter ohne Grenzen",
        ),
        (
            "Die Gesellschaft für bedrohte Völker sagte: „Das ist Völkermord.“",
            "Völkermord",
            "Gesellschaft für bedrohte Völker",
            "Die Gesellschaft für bedrohte Völker",
        ),
        (
            "Das Bundesamt für Umwelt teilte mit: „Die Werte sind normal.“",
            "normal",
            "Bundesamt für Umwelt",
            "Das Bundesamt für Umwelt",
        ),
        (
            "Procter & Gamble teilte mit: „Wir wachsen.“",
            "wachsen",
            "Procter & Gamble",
            "Procter & Gamble",
        ),
        # a genitive source in the nominative, its "für" as written
        (
            "Nach Angaben des Bundesamtes für Verfassungsschutz sind drei Gruppen aktiv.",
            "drei Gruppen",
            "Bundesamt für Verfassungsschutz",
            "Bundesamtes für Verfassungsschutz",
        ),
    ],
)
def test_an_organisation_name_with_lower_case_words_is_one_speaker(
    text, fragment, speaker, mention
):
    result = extract(text)
    q = find(text, result, fragment)
    assert q.speaker == speaker
    assert text[q.speaker_start : q.speaker_end] == mention
    entity = next(e for e in result.speakers if e.name == speaker)
    assert entity.kind == "organisation"


def test_a_role_of_a_linked_organisation_is_written_as_in_the_article():
    text = "Der Chef der Bundesagentur für Arbeit, Frank-Jürgen Weise, sagte: „Die Zahlen sinken.“"
    result = extract(text)
    assert find(text, result, "sinken").speaker == "Frank-Jürgen Weise"
    entity = next(e for e in result.speakers if e.name == "Frank-Jürgen Weise")
    assert entity.role == "Chef der Bundesagentur für Arbeit"


@pytest.mark.parametrize(
    "text",
    [
        "Der Grund für die Notlandung war unklar.",  # an article: no name
        "Der Rat tagte für eine Woche.",  # a determiner is no adjective
        "Die Spieler für Deutschland trafen ein.",  # no organisation before "für"
        "Sie kamen ohne Gepäck.",
    ],
)
def test_no_name_is_linked_where_no_organisation_is_named(text):
    assert link_names(text) == (text, {})


def test_linking_keeps_every_offset_and_restore_undoes_it():
    text = "Die Gesellschaft für bedrohte Völker und Ärzte ohne Grenzen warnten."
    masked, written = link_names(text)
    assert len(masked) == len(text)
    assert masked != text
    assert restore(masked, written) == text


def test_a_texts_own_mark_links_nothing():
    text = "Die Polizei sagte: „Nichts.“ Der Bund \ue000hne Grenzen schwieg."
    masked, written = link_names(text)
    assert "\ue000" not in masked and written == {}
    result = extract(text)
    assert find(text, result, "Nichts").speaker == "Polizei"
    assert all("\ue000" not in e.name for e in result.speakers)


def test_a_quoted_organisation_name_with_lower_case_words_is_a_speaker():
    text = "Die Organisation „Reporter ohne Grenzen“ weist darauf hin, dass die Presse leide."
    q = find(text, extract(text), "Presse leide")
    assert (q.kind, q.speaker) == ("indirect", "Reporter ohne Grenzen")


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("Reporter ohne Grenzen", True),
        ("Gesellschaft für bedrohte Völker", True),
        ("Metasuche ohne Müll", False),  # a slogan: "ohne" before no "Grenzen"
        ("Zeit für Veränderung", False),  # no organisation before "für"
        ("Ärzte ohne Grenzen helfen", False),  # more than the name
    ],
)
def test_which_quotations_are_organisation_names(inner, expected):
    assert quoted_organisation(inner) is expected
