"""Quotation marks that are not speech: titles of films, journals, websites and blogs, names of
outlets, and terms after "sogenannte"; against them, a naming verb that does quote someone."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import MINISTER, speaker_of


def test_title_after_sogenannte_is_not_speech():
    text = "Die sogenannte „Grüne Welle“ soll den Verkehr beschleunigen."
    assert speaker_of(text, "Grüne Welle") == ("not_speech", None)


def test_title_of_a_film_is_not_speech():
    text = "Der Film „Das Boot“ läuft heute im Fernsehen, berichtete der Sender."
    assert speaker_of(text, "Das Boot") == ("not_speech", None)


def test_capitalised_title_after_compound_cue_is_not_speech():
    text = (
        "Die Forscherin Lena Ruf berichtete im Fachmagazin „Journal of Marine Research“ "
        "über die Funde."
    )
    assert speaker_of(text, "Marine Research")[0] == "not_speech"


def test_title_cue_after_naming_verb_is_speech():
    text = "Der Minister nannte den Plan „völlig unausgegoren“."
    assert speaker_of(text, "unausgegoren") == ("direct", "Minister")
    text = "Sie sah den Film „Titanic“ zum dritten Mal."
    assert speaker_of(text, "Titanic")[0] == "not_speech"


def test_lower_case_name_after_an_article_is_not_speech():
    text = MINISTER + "Die „taz“ hält das für falsch. „Das trifft die Armen.“"
    taz = next(q for q in extract(text).quotes if text[q.start : q.end] == "„taz“")
    assert taz.kind == "not_speech"


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
