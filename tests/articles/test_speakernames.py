"""Who can be a speaker, and the speaker's name, kind, role and surname (no database)."""

import pytest

from articles import speakernames
from articles.speakernames import (
    FEMALE,
    MALE,
    ORGANISATION,
    PERSON,
    gender,
    is_speaker,
    is_surname_only,
    name_normalise,
    rejection,
    role_normalise,
    speaker_clean,
    speaker_kind,
    surname,
    surname_key,
)

# --- Who is no speaker ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, reason",
    [
        # Adverbs, conjunctions and pronouns that open a sentence.
        ("Zugleich", "opener"),
        ("Demgegenüber", "opener"),
        ("Unterdessen", "opener"),
        ("Er", "opener"),
        ("Glücklicherweise", "opener"),  # an adverb in -weise
        # A title without a name.
        ("Dr", "empty"),
        ("Prof.", "empty"),
        # A phrase that starts with a preposition.
        ("Aufgrund der Bombendrohung", "preposition"),
        ("Nach Angaben der Feuerwehr", "preposition"),
        ("Vom Innenministerium", "preposition"),
        # Documents, statements and other things.
        ("Studie", "thing"),
        ("Text", "thing"),
        ("Stellungnahme", "thing"),
        ("Pressebericht", "thing"),
        ("Bericht der Menschenrechtsorganisation", "thing"),
        ("Offiziellen Angaben", "thing"),
        ("DNA-Analyse", "thing"),
        ("Roude Léiw Wolters Vorschlag", "thing"),
        # Common nouns by their ending.
        ("Stellung", "thing"),
        ("Freiheit", "thing"),
        ("Infiltrationen", "thing"),
        ("Ankündigung des Ministers", "thing"),
        # A view or a place is no one's name, whoever it belongs to.
        ("Sichtweise von Innenminister Heribert Rech", "thing"),
        ("Vorgehensweise der Polizei", "thing"),
        ("Ort der Zeremonie", "thing"),
        ("Inhalt des Films", "thing"),
        ("Art und Weise", "thing"),  # "kritisierte die Art und Weise, wie …"
        ("Entzugs des Doktortitels", "thing"),  # "anlässlich des Entzugs des Doktortitels"
        ("Hassemers und Papiers", "thing"),  # "Die Äußerungen Hassemers und Papiers"
        ("Maßnahmen", "thing"),
        # Events.
        ("Zugunglück Neuseelands", "event"),
        ("Bombenanschlag", "event"),
        ("Bürgerkrieg", "event"),
        ("Bundestagswahl", "event"),
        # Places, and their genitive.
        ("Litauen", "place"),
        ("Frankreichs", "place"),
        ("Italiens und Österreich", "place"),
        ("Die Vereinigten Staaten", "place"),
        ("", "empty"),
        ("„…“", "empty"),
    ],
)
def test_a_name_that_cannot_be_a_speaker_is_rejected(name, reason):
    assert rejection(name) == reason
    assert not is_speaker(name)
    assert speaker_clean(name, kind=PERSON) is None


@pytest.mark.parametrize(
    "name",
    [
        # People.
        "Angela Merkel",
        "Merkel",
        "Von der Leyen",
        "Ursula von der Leyen",
        "Karl-Theodor zu Guttenberg",
        "Ban Ki-moon",
        "Jürgen R. Thumann",
        "Karl Ort",
        "Weise",  # a surname, not the adverb's ending
        "Frank-Jürgen Weise",
        "Ernst Steuer",
        # Surnames that look like common nouns.
        "Jung",
        "Franz Josef Jung",
        "Papier",
        "Hans-Jürgen Papier",
        "Ismail Haniyya",
        "Kirsten Gillibrand",
        "Gillibrand",
        # Roles and groups of people.
        "Der Staatsanwalt",
        "Ein Sprecher des Fernsehsenders ProSieben",
        "Autoren der Studie",
        "Politische Beobachter",
        "Augenzeugen",
        "Vorsitzende des Vereins",
        # Organisations and outlets.
        "Die Polizei",
        "SPD",
        "NATO",
        "Reuters",
        "dpa",
        "Die Regierung",
        "Bundesregierung",
        "Stiftung Warentest",
        "Die Zeit",
        "Der Spiegel",
        "tagesschau.de",
        "Amnesty International",
        "Obamas Wahlkampfteam",
        "Organisation Human Rights Investigation",
        "Kommission",
        "Autoritäten",
    ],
)
def test_people_roles_organisations_and_outlets_are_speakers(name):
    assert rejection(name) is None
    assert speaker_clean(name, kind=PERSON) is not None


# --- The name as it is stored ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Die Polizei", ("Polizei", "")),
        ("„Reuters“", ("Reuters", "")),
        ("Die Zeit", ("Die Zeit", "")),  # the article is part of the outlet's name
        ("Obwohl Steinbrück", ("Steinbrück", "")),
        ("Einzig Sony", ("Sony", "")),  # "Einzig Sony gab bekannt, …"
        ("Rainer Brüderle (FDP)", ("Rainer Brüderle", "")),
        ("Formel-1-Fahrer Christian Klien", ("Christian Klien", "Formel-1-Fahrer")),
        ("Diktator Gaddafi", ("Gaddafi", "Diktator")),
        (
            "Außenminister der Russischen Föderation Sergei Lawrow",
            ("Sergei Lawrow", "Außenminister der Russischen Föderation"),
        ),
        ("Tomson Phiri, ein Sprecher des Programms", ("Tomson Phiri", "Sprecher des Programms")),
        ("Theo Kitz vom Bankhaus Merck Finck", ("Theo Kitz", "")),
        # the word for an outlet's or an acronym's kind is no part of its name
        ("Nachrichtenagentur Reuters", ("Reuters", "")),
        ("Zeitung Haaretz", ("Haaretz", "")),
        ("Weltverband FIFA", ("FIFA", "")),
        ("Berliner Fahrgastverband IGEB", ("IGEB", "")),
        ("Hilfsorganisation Ärzte ohne Grenzen", ("Ärzte ohne Grenzen", "")),
        ("Bundesamt für Umwelt", ("Bundesamt für Umwelt", "")),
        ("Staatsanwaltschaft Krefeld", ("Staatsanwaltschaft Krefeld", "")),
        ("Regierung Bush", ("Regierung Bush", "")),
        # a time after "vom" is when the source spoke, not who it is
        ("Stadtverwaltung vom gestrigen Dienstagabend", ("Stadtverwaltung", "")),
        ("Polizei vom 3. Mai", ("Polizei", "")),
        ("Innenministeriums", ("Innenministerium", "")),
        ("Mitarbeiters", ("Mitarbeiter", "")),
        ("Kritikern", ("Kritiker", "")),
        ("Politischen Beobachtern", ("Politische Beobachter", "")),
        ("Französischen Ermittlern", ("Französische Ermittler", "")),
        ("zwischen Beobachtern", ("zwischen Beobachtern", "")),  # no adjective
        ("Bundesanzeiger.Mats Schönauer", ("Mats Schönauer", "")),
        ("die in Hamburg geborene Lopez", ("Lopez", "")),
        # A dative or genitive object after a name or an acronym is not part of it.
        ("OSZE der georgischen Wahlkommission", ("OSZE", "")),
        ("Angela Merkel den Abgeordneten", ("Angela Merkel", "")),
        # That the source is not named is no part of who it is.
        ("Ein nicht namentlich genannter Sprecher des Amtes", ("Sprecher des Amtes", "")),
        ("Ein ungenannter Diplomat", ("Diplomat", "")),
        # What stays as it is.
        ("Ursula von der Leyen", ("Ursula von der Leyen", "")),
        ("Ordnungsdezernent der Stadt Cottbus", ("Ordnungsdezernent der Stadt Cottbus", "")),
        ("Sprecher des Weißen Hauses", ("Sprecher des Weißen Hauses", "")),
        ("Kurt von Figura", ("Kurt von Figura", "")),
        ("Bernd von den Driesch", ("Bernd von den Driesch", "")),
        ("Ayaan Hirsi Ali", ("Ayaan Hirsi Ali", "")),
        ("Anhänger Gaddafis", ("Anhänger Gaddafis", "")),  # a genitive, not a name
        ("Klimaexperte vom WWF", ("Klimaexperte vom WWF", "")),
        ("stellvertretender Chef der Behörde", ("stellvertretender Chef der Behörde", "")),
        ("Konzert-Büro Richard Weber", ("Konzert-Büro Richard Weber", "")),
    ],
)
def test_a_name_is_normalised(name, expected):
    assert name_normalise(name) == expected


# --- Kind ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, given, expected",
    [
        ("Polizei", PERSON, ORGANISATION),
        ("Berliner Polizei", PERSON, ORGANISATION),
        ("Bundesregierung", PERSON, ORGANISATION),
        ("Außenministerium", PERSON, ORGANISATION),
        ("Nachrichtenagentur", PERSON, ORGANISATION),
        ("Vattenfall Europe AG", PERSON, ORGANISATION),
        ("Mustermann GmbH", PERSON, ORGANISATION),
        ("Demokratische Partei", PERSON, ORGANISATION),
        ("SPD", PERSON, ORGANISATION),
        ("UNO", PERSON, ORGANISATION),
        ("Reuters", PERSON, ORGANISATION),
        ("dpa", PERSON, ORGANISATION),
        ("AFP", PERSON, ORGANISATION),
        ("Spiegel", PERSON, ORGANISATION),
        ("Süddeutsche Zeitung", PERSON, ORGANISATION),
        ("Robert Koch-Institut", PERSON, ORGANISATION),
        # a compound that opens with a first name is judged by its end
        ("Friedrich-Loeffler-Institut", PERSON, ORGANISATION),
        ("Konrad-Adenauer-Stiftung", PERSON, ORGANISATION),
        ("Feuerwehr", PERSON, ORGANISATION),
        ("Berliner Verkehrsbetriebe", PERSON, ORGANISATION),
        ("Ärzte ohne Grenzen", PERSON, ORGANISATION),
        ("Procter & Gamble", PERSON, ORGANISATION),
        ("Leiter der Sektion von Ärzte ohne Grenzen", ORGANISATION, PERSON),
        ("Deutsche Schutzvereinigung für Wertpapierbesitz", PERSON, ORGANISATION),
        ("Wikimedia Deutschland", PERSON, ORGANISATION),
        # A word for a person, or a first name, makes a person.
        ("Sprecher des Finanzministeriums", ORGANISATION, PERSON),
        ("Abgeordneter des Föderationsrates", ORGANISATION, PERSON),
        ("Viktor Oserow", ORGANISATION, PERSON),
        ("Joachim Banke", PERSON, PERSON),
        ("Karl-Theodor zu Guttenberg", PERSON, PERSON),
        ("Hans-Peter", ORGANISATION, PERSON),
        # Nothing obvious: the extractor's kind stays.
        ("Fairphone Shops", PERSON, PERSON),
        ("Fairphone Shops", ORGANISATION, ORGANISATION),
    ],
)
def test_speaker_kind_corrects_the_obvious_cases(name, given, expected):
    assert speaker_kind(name, given) == expected


# --- Roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role, name, expected",
    [
        # The person's gender, from the first name or the role's article.
        ("SPD-Vorsitzende", "Sigmar Gabriel", "SPD-Vorsitzender"),
        ("SPD-Vorsitzende", "Andrea Nahles", "SPD-Vorsitzende"),
        ("der SPD-Vorsitzende", "Gabriel", "SPD-Vorsitzender"),
        ("die SPD-Vorsitzende", "Nahles", "SPD-Vorsitzende"),
        ("SPD-Vorsitzende", "Meier", "SPD-Vorsitzende"),  # unknown: as written
        ("Vorsitzende der Wahlkommission", "Ahmad Nuristani", "Vorsitzender der Wahlkommission"),
        ("Bundestagsabgeordneten", "Jerzy Montag", "Bundestagsabgeordneter"),
        ("Vorsitzende Richter", "Klaus Tolksdorf", "Vorsitzender Richter"),
        ("stellvertretender Vorsitzende", "Müller", "stellvertretender Vorsitzender"),
        ("russischer Kinderbeauftragte", "Pawel Astachow", "russischer Kinderbeauftragter"),
        ("innenpolitischer Sprecherin", "Gisela Piltz", "innenpolitische Sprecherin"),
        # Nominative singular.
        ("Präsidenten", "Hugo Chávez", "Präsident"),
        ("amtierender Präsidenten", "Tandja Mamadou", "amtierender Präsident"),
        ("Theologen", "Hans Küng", "Theologe"),
        ("Vatikan-Sprechers", "Federico Lombardi", "Vatikan-Sprecher"),
        ("Direktors der Fluggesellschaft", "Jefferson Jauwena", "Direktor der Fluggesellschaft"),
        ("Parteichefs", "Pham Quang Nghi", "Parteichef"),
        # What is already right stays.
        ("NATO-Generalsekretär", "Jens Stoltenberg", "NATO-Generalsekretär"),
        ("Sprecherin der Stiftung Warentest", "Heike Laak", "Sprecherin der Stiftung Warentest"),
        ("Berlins Regierender Bürgermeister", "Wowereit", "Berlins Regierender Bürgermeister"),
        ("Osram-Vorstand", "Martin Goetzler", "Osram-Vorstand"),
        # No role at all.
        ("Äußerungen", "Hassemer", ""),
        ("Japan", "Japan Meteorological Agency", ""),
        ("US-amerikanische", "Noam Chomsky", ""),
        ("Jorge", "Mario Bergoglio", ""),  # a first name the extractor cut off
        ("", "Noam Chomsky", ""),
        (None, "Noam Chomsky", ""),
    ],
)
def test_a_role_is_a_nominative_label(role, name, expected):
    assert role_normalise(role, name=name) == expected


def test_a_non_person_has_no_role():
    assert role_normalise("Nachrichtenseite", name="Business Insider", kind=ORGANISATION) == ""
    cleaned = speaker_clean("Betreiberfirma Vattenfall Europe", kind=PERSON, role="Betreiberfirma")
    assert cleaned == speakernames.SpeakerName("Betreiberfirma Vattenfall Europe", ORGANISATION, "")


def test_a_role_written_into_the_name_is_used_when_the_extractor_found_none():
    assert speaker_clean("Warlord Joseph Kony", kind=PERSON) == speakernames.SpeakerName(
        "Joseph Kony", PERSON, "Warlord"
    )
    assert speaker_clean(
        "Linksintellektuelle Noam Chomsky", kind=PERSON, role="US-amerikanische"
    ) == speakernames.SpeakerName("Noam Chomsky", PERSON, "Linksintellektueller")


@pytest.mark.parametrize(
    "name, role, expected",
    [
        ("Angela Merkel", None, FEMALE),
        ("Frank-Walter Steinmeier", None, MALE),
        ("Merkel", "die Bundeskanzlerin", FEMALE),
        ("Merkel", "Bundeskanzlerin", FEMALE),
        ("Astachow", "russischer Kinderbeauftragte", MALE),
        ("Dr. Angela Merkel", None, FEMALE),
        ("Merkel", None, None),
    ],
)
def test_gender(name, role, expected):
    assert gender(name, role) == expected


# --- Surnames --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected, key",
    [
        ("Angela Merkel", "Merkel", "merkel"),
        ("Merkel", "Merkel", "merkel"),
        ("Ursula von der Leyen", "von der Leyen", "leyen"),
        ("Von der Leyen", "Von der Leyen", "leyen"),
        ("Thomas de Maizière", "de Maizière", "maizière"),
        ("Karl-Theodor zu Guttenberg", "zu Guttenberg", "guttenberg"),
        ("Annette Widmann-Mauz", "Widmann-Mauz", "widmann-mauz"),
        ("Ban Ki-moon", "Ban", "ban"),
        ("Dr. Angela Merkel", "Merkel", "merkel"),
        ("Elisabeth II", "", ""),
        ("George W", "", ""),
    ],
)
def test_surname(name, expected, key):
    assert surname(name) == expected
    assert surname_key(name) == key


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Merkel", True),
        ("Von der Leyen", True),
        ("Hartung", True),
        ("Angela Merkel", False),
        ("Richter", False),  # a judge, most likely
        ("Papst", False),
        ("Gabriel", True),  # a first name, and Sigmar Gabriel's surname
        ("SPD", False),
        ("Polizei", False),
        ("Reuters", False),
        ("Litauen", False),
    ],
)
def test_is_surname_only(name, expected):
    assert is_surname_only(name) is expected


def test_every_word_list_is_there_and_lower_case():
    for list_name in (
        "openers",
        "prepositions",
        "things",
        "events",
        "places",
        "organisations",
        "organisation_tokens",
        "outlets",
        "person_nouns",
        "adjectival_nouns",
        "first_names_male",
        "first_names_female",
        "surnames",
    ):
        entries = speakernames.words(list_name)
        assert entries, list_name
        assert all(entry == entry.strip().casefold() for entry in entries), list_name
