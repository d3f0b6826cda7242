"""The derived title (articles.titles): plain Python, no database. The bodies are the first
lines of real articles (German Wikinews, RT DE)."""

import pytest

from articles import titles
from tests.conftest import SEED


@pytest.mark.parametrize(
    ("body", "title"),
    [
        # A short first sentence is the title, without its full stop; a long one is cut before
        # a time of day.
        (
            "Horst Arnold ist tot. Fast ein Jahr, nachdem er als zu Unrecht Beschuldigter in "
            "einem Wiederaufnahmeverfahren rehabilitiert wurde, …",
            "Horst Arnold ist tot",
        ),
        (
            "In der Universitätsfrauenklinik Erlangen erblickt am 16. April 1982 um 14:49 Uhr "
            "der kleine Oliver das Licht der Welt. Das Baby wiegt 4.150 Gramm.",
            "In der Universitätsfrauenklinik Erlangen erblickt am 16. April 1982…",
        ),
        # Abbreviations and ordinals do not end the sentence; a question keeps its mark.
        ("Am 5. August sagte Dr. Müller etwas. Dann mehr.", "Am 5. August sagte Dr. Müller etwas"),
        ("Wer zahlt die Zeche? Die Länder streiten.", "Wer zahlt die Zeche?"),
        ("Ohne Punkt am Ende", "Ohne Punkt am Ende"),
        # The sentence never crosses a paragraph; a colon before the break is dropped.
        (
            "Damen-Sommerskispringen auf der Schattenberg-Normalschanze in Oberstdorf:\n\n"
            "Beim Mattenskispringen der Damen …",
            "Damen-Sommerskispringen auf der Schattenberg-Normalschanze in Oberstdorf",
        ),
        # A ticker's time stamp ends the title like a full stop, before or after a break.
        (
            "Vorläufiges Zwischenergebnis (ohne Dresden I) 00:36\n\n\n\n Heute waren 62 "
            "Millionen Bundesbürger zur Abgabe ihrer Stimme bei der Wahl zum 16. Deutschen "
            "Bundestag aufgerufen.",
            "Vorläufiges Zwischenergebnis (ohne Dresden I)",
        ),
        (
            "Vorläufiges Zwischenergebnis (ohne Dresden I) 00:36 Heute waren 62 Millionen "
            "Bundesbürger zur Abgabe ihrer Stimme aufgerufen.",
            "Vorläufiges Zwischenergebnis (ohne Dresden I)",
        ),
        # ... but a time in the prose does not.
        (
            "Heute um 11:34 Uhr UTC erschütterte ein Erdbeben Griechenland zwanzig Sekunden lang. "
            "Die Hauptstadt …",
            "Heute um 11:34 Uhr UTC erschütterte ein Erdbeben Griechenland zwanzig Sekunden lang",
        ),
        # A long sentence is cut at the last clause boundary that keeps enough of it ...
        (
            "Im Luftraum über Ratekau sind am Freitag, den 22. September 2006 gegen 14.20 Uhr "
            "nördlich möglicherweise zwei Flugzeuge zusammengestoßen.",
            "Im Luftraum über Ratekau sind am Freitag, den 22. September 2006…",
        ),
        (
            "Das Space Shuttle Atlantis ist vorgestern um 5.57 Uhr Ortszeit – das entspricht "
            "11.57 Uhr (MESZ) – in Cape Canaveral (Florida) sicher gelandet.",
            "Das Space Shuttle Atlantis ist vorgestern um 5.57 Uhr Ortszeit…",
        ),
        (
            "Am Morgen wurden in Mainz und Bonn zwei Personen festgenommen, die beschuldigt "
            "werden, Anschläge auf Züge der Deutschen Bahn geplant zu haben.",
            "Am Morgen wurden in Mainz und Bonn zwei Personen festgenommen…",
        ),
        # ... not at one that leaves too little (an apposition) or what was said, nor inside quotes
        # or brackets; then at a word, never ending on an article or a preposition.
        (
            "Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes, sagte, dass der "
            "gescheiterte NPD-Verbotsantrag „keine Vorentscheidung“ für ein weiteres "
            "Verbotsverfahren sei.",
            # Not "Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes…".
            "Hans-Jürgen Papier, Präsident des Bundesverfassungsgerichtes, sagte…",
        ),
        (
            "Der Sprecher der Bundesregierung erklärte am Montag in Berlin, dass die Koalition "
            "an ihren Plänen für eine Reform festhalte.",
            "Der Sprecher der Bundesregierung erklärte am Montag in Berlin, dass die Koalition…",
        ),
        (
            "Der Ministerpräsident Thailands, Abhisit Vejjajiva, kündigte am Donnerstag die "
            "Bereitschaft zur Auflösung des Parlaments für die zweite Septemberhälfte an.",
            "Der Ministerpräsident Thailands, Abhisit Vejjajiva, kündigte am Donnerstag…",
        ),
        (
            "Die Militärjunta Thailands, die sich selbst „Rat für Demokratische Reform unter der "
            "Konstitutionellen Monarchie, kurz CDRM“ nennt, hat die Verfassung ausgesetzt.",
            "Die Militärjunta Thailands, die sich selbst „Rat für Demokratische Reform…",
        ),
        (
            "Unmittelbar vor dem Beginn eines zweitägigen Treffens der NATO-Verteidigungsminister "
            "in Brüssel erklärte der Generalsekretär der Militärallianz, Jens Stoltenberg, bei "
            "einer Pressekonferenz, warum es wichtig sei, dass Russland nicht siege.",
            "Unmittelbar vor dem Beginn eines zweitägigen Treffens der NATO-Verteidigungsminister…",
        ),
        (
            "Vor einer zweiten – humanitären – Katastrophe nach dem tropischen Wirbelsturm "
            "„Nargis“ in Myanmar warnen die Hilfsorganisationen.",
            "Vor einer zweiten – humanitären – Katastrophe nach dem tropischen Wirbelsturm…",
        ),
        ("Wort " * 40, ("Wort " * 18).strip() + "…"),
        # A dateline is no part of the title.
        (
            "BERLIN (dpa) – Die Bundesregierung hat am Mittwoch den Haushalt beschlossen. Mehr …",
            "Die Bundesregierung hat am Mittwoch den Haushalt beschlossen",
        ),
        (
            "Moskau, 12. Oktober (Reuters) - Russland hat den deutschen Botschafter einbestellt.",
            "Russland hat den deutschen Botschafter einbestellt",
        ),
        (
            "Berlin (Deutschland), 12.03.2006 – Der Bundestag hat das Gesetz verabschiedet.",
            "Der Bundestag hat das Gesetz verabschiedet",
        ),
        ("Hamburg. Der Hafen wächst wieder. Mehr …", "Der Hafen wächst wieder"),
        # A dash inside the sentence is no dateline.
        (
            "60 getötete Journalisten im Jahr 2008 – das Internet gerät stärker ins Visier.",
            "60 getötete Journalisten im Jahr 2008 – das Internet gerät stärker ins Visier",
        ),
    ],
)
def test_derived_titles(body, title):
    derived = titles.derive_title(body)
    assert derived == title
    assert len(derived) <= titles.LIMIT
    assert not any(stamp in derived for stamp in ("00:36", "Heute waren"))


def test_the_seed_files_title():
    body = SEED.read_text("utf-8").split(" ", 3)[3]
    assert titles.derive_title(body) == (
        "Unmittelbar vor dem Beginn eines zweitägigen Treffens der NATO-Verteidigungsminister…"
    )


def test_the_title_sentence_is_found_in_the_body_unchanged():
    body = "BERLIN (dpa) – Die  Regierung\ntagt. Dann mehr."
    derived = titles.derive(body)
    assert derived.whole and derived.text == "Die Regierung tagt"
    assert body[derived.start : derived.end] == "Die  Regierung\ntagt."
    assert titles.lead_span(body, "Die Regierung tagt") == (derived.start, derived.end)


def test_no_lead_span_for_a_cut_or_edited_title():
    long = (
        "Am Morgen wurden in Mainz und Bonn zwei Personen festgenommen, die Anschläge auf Züge "
        "geplant haben sollen."
    )
    assert titles.lead_span(long, titles.derive_title(long)) is None
    assert titles.lead_span("Kurz gesagt. Mehr.", "Ein Titel von Hand") is None
    assert titles.lead_span("Kurz gesagt. Mehr.", "Kurz gesagt") == (0, 12)
