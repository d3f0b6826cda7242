"""Who a speaker is: names, roles, appositions, aliases and age nouns resolved to one canonical
entity per person, with its kind and its role in the nominative."""

from __future__ import annotations

import pytest

from articles.quotes import extract

from .helpers import entity_names, find, quote, speaker_of


def test_short_name_resolves_to_full_name():
    text = (
        "Der Trainer Markus Vogel zeigte sich zufrieden. "
        "„Die Mannschaft hat gekämpft“, sagte Vogel nach dem Spiel."
    )
    result = extract(text)
    q = find(text, result, "gekämpft")
    assert q.speaker == "Markus Vogel"
    assert text[q.speaker_start : q.speaker_end] == "Vogel"
    entity = next(s for s in result.speakers if s.name == "Markus Vogel")
    assert entity.aliases == ("Vogel",)
    assert entity.role == "Trainer"


def test_outlet_as_speaker():
    text = "Im Mai meldete die Süddeutsche Zeitung, dass die Vorräte „fast erschöpft“ seien."
    result = extract(text)
    q = find(text, result, "erschöpft")
    assert q.speaker == "Süddeutsche Zeitung"
    assert next(s for s in result.speakers if s.name == q.speaker).kind == "organisation"


def test_role_is_kept_in_nominative():
    text = "Der russische Außenminister Pavel Orlow sagte: „Wir verhandeln nicht.“"
    result = extract(text)
    assert find(text, result, "verhandeln").speaker == "Pavel Orlow"
    entity = next(s for s in result.speakers if s.name == "Pavel Orlow")
    assert entity.role == "russischer Außenminister"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Laut des früheren Ministers Karl Roth sei die Lage „ernst, aber beherrschbar“.",
         "Karl Roth", "früherer Minister"),
        ("Nach Angaben des Präsidenten Karl Roth sei die Lage „ernst“.", "Karl Roth", "Präsident"),
        ("Laut Angaben des SPD-Vorsitzenden Karl Roth sei die Lage „ernst“.", "Karl Roth",
         "SPD-Vorsitzender"),
    ],
)  # fmt: skip
def test_role_in_the_genitive_is_named_in_the_nominative(text, name, role):
    entity = next(s for s in extract(text).speakers if s.name == name)
    assert entity.role == role


def test_age_noun_is_a_speaker_mention():
    text = (
        "Karl Roth schrieb einen Brief. Der 58-Jährige habe darin geschrieben, er müsse „aus "
        "diesem Leben“ gehen."
    )
    result = extract(text)
    q = next(q for q in result.quotes if q.kind == "direct")
    assert text[q.speaker_start : q.speaker_end] == "Der 58-Jährige"
    assert q.speaker == "Karl Roth"


def test_age_noun_without_a_named_person_is_no_speaker():
    # round 7: with no one named, "der 58-Jährige" is a description, not a name to show
    text = "Der 58-Jährige habe darin geschrieben, er müsse „aus diesem Leben“ gehen."
    q = next(q for q in extract(text).quotes if q.kind == "direct")
    assert q.speaker is None


def test_subject_with_three_genitives_and_an_apposition():
    text = (
        "Der Innenminister Karl Roth lobte das Urteil. Auch der innenpolitische Sprecher der "
        "Fraktion der SPD im Deutschen Bundestag, Dieter Wiefel, will „noch einmal genau prüfen“, "
        "ob ein Verbot angestrebt werden solle."
    )
    assert speaker_of(text, "noch einmal") == ("direct", "Dieter Wiefel")


def test_never_a_name_word_after_a_role():
    text = (
        "Auf der Liste fanden sich Jerzy Montag (Grüne) und Hans Uhl (CSU). Das Amt bestätigte "
        "dem Bundestagsabgeordneten Montag, dass er auf der Liste stehe. Er forderte: „Es darf "
        "nicht sein, dass man wegsieht.“"
    )
    assert speaker_of(text, "Es darf") == ("direct", "Jerzy Montag")


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Verteidigungsministerin Ursula von der Leyen sagte: „Wir stehen zu euch.“", "stehen",
     "Ursula von der Leyen"),
    ("Die Bahn erhöht die Preise. Petra Lindner vom Fahrgastverband sagte dazu: „Das ist zu "
     "viel.“ Sie fügte hinzu: „Die Kunden zahlen drauf.“", "Kunden zahlen", "Petra Lindner"),
    ("Prof. Dr. Karl Huber sagte: „Die Daten sind eindeutig.“", "Daten", "Karl Huber"),
    ("Der Chefredakteur der Zeitung, Max Roth, schrieb: „Wir bleiben unabhängig.“",
     "unabhängig", "Max Roth"),
    ("Herr Schmidt sagte: „Wir schaffen das.“", "schaffen", "Schmidt"),
    ("Eine Frau rief: „Hilfe, mein Kind!“", "Hilfe", "Frau"),
    ("Einige Anhänger Peter Kolbs protestierten vor dem Gericht mit dem Ruf: „Freiheit für "
     "Kolb!“", "Freiheit", "Anhänger Peter Kolbs"),
    ("Das verzögert die Auslieferung des Modells 3. Ein Sprecher der Firma teilte mit: „Alle "
     "werden fair bezahlt.“", "fair bezahlt", "Sprecher der Firma"),
    ("Die Region Tibet ist abgeriegelt. Besorgt äußerte sich der Vorsitzende der Tibet "
     "Initiative, Wolfgang Grau, zu den Vorgängen in Tibet: „Wir befürchten das Schlimmste“, "
     "sagte er.", "Schlimmste", "Wolfgang Grau"),
    # a particle after a first name is part of the name
    ("„Das ist ein guter Tag“, sagte Ursula von der Heide nach der Abstimmung.", "guter Tag",
     "Ursula von der Heide"),
    # a short form the article only ever writes inside a longer name is that name
    ("Der Preisträger Adolfo Ruiz Delgado sprach in Oslo. „Wir brauchen Frieden“, sagte Ruiz. "
     "Ein Satz von Adolfo Ruiz Delgado blieb hängen: „Und Gerechtigkeit.“", "Frieden",
     "Adolfo Ruiz Delgado"),
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
    # a name in the genitive after a role says whose doctor or lawyer speaks, not who
    ("Lahm verletzte sich am Knie. Der behandelnde Arzt Lahms zeigte sich optimistisch. Er "
     "sagte: „Er kann bei der WM spielen.“", "WM spielen", "Behandelnder Arzt Lahms"),
    ("Strauss-Kahn wurde verhaftet. Die Verteidiger Strauss-Kahns erklärten: „Er wollte nicht "
     "fliehen.“", "fliehen", "Verteidiger Strauss-Kahns"),
    # a full name too
    ("Arasch Rahmani Pur wurde verurteilt. Die Anwältin Rahmani Purs erklärte: „Das Urteil "
     "ist falsch.“", "Urteil", "Anwältin Rahmani Purs"),
    ("Der Präsident Evo Morales sagte: „Wir bleiben.“", "bleiben", "Evo Morales"),
    # a name that ends in -s and is never written without it is a name
    ("Der Präsident Morales sagte: „Wir bleiben.“", "bleiben", "Morales"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker"), SPEAKERS)
def test_speaker(text, fragment, speaker):
    assert quote(text, fragment).speaker == speaker


# (passage, fragment, expected speaker, expected mention): the mention the attribution rests on
MENTIONS = [
    ("Ein nicht namentlich genannter Sprecher des Amtes sagte: „Wir prüfen den Fall.“",
     "prüfen", "Nicht namentlich genannter Sprecher des Amtes",
     "Ein nicht namentlich genannter Sprecher des Amtes"),
    ("Mehrere Abgeordnete der Opposition erklärten: „Das Gesetz ist verfassungswidrig.“",
     "Gesetz ist", "Abgeordnete der Opposition", "Mehrere Abgeordnete der Opposition"),
    ("Ministerin Anna Berg (SPD) gab sich gelassen. „Wir prüfen alle Optionen“, sagte die "
     "54-Jährige.", "Optionen", "Anna Berg", "die 54-Jährige"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker", "mention"), MENTIONS)
def test_speaker_and_mention(text, fragment, speaker, mention):
    q = quote(text, fragment)
    assert (q.speaker, text[q.speaker_start : q.speaker_end]) == (speaker, mention)


# (passage, fragment, expected speaker entity as (name, kind, role))
ENTITIES = [
    # a quoted title inside a subject names an outlet
    ("Sogar die konservative Zeitung „Le Monde“ hatte kritisiert, dass die Regierung „völlig "
     "versagt“ habe.", "versagt", ("Le Monde", "organisation", None)),
    # a genitive before a role is no part of the name
    ("Dortmunds Coach Max Krause haderte. „Der Elfmeter war ein Witz“, schimpfte Krause.",
     "Witz", ("Max Krause", "person", "Dortmunds Coach")),
    # "Frau" says how a person is related, not what office she holds
    ("Der Präsident sprach von einem „historischen Tag“. Seine Frau Michelle Roth zeigte sich "
     "gerührt: „Ich bin so stolz.“", "so stolz", ("Michelle Roth", "person", None)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "entity"), ENTITIES)
def test_speaker_entity(text, fragment, entity):
    name = quote(text, fragment).speaker
    speaker = next(s for s in extract(text).speakers if s.name == name)
    assert (speaker.name, speaker.kind, speaker.role) == entity


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
    # a middle initial is part of the name, not the end of a sentence or of the name
    ("Der Verbandspräsident Jürgen R. Thumann erklärte: „Wir brauchen mehr Wachstum.“ Später "
     "sagte Thumann: „Und zwar bald.“", "Jürgen R. Thumann"),
    ("„Wir werden das Land verteidigen“, sagte George W. Bush am Montag.", "George W. Bush"),
    # a capital and a full stop that follow no first name end a sentence ("Raum A.")
    ("Sie trafen sich im Raum A. Peter Müller sagte: „Das ist gut.“", "Peter Müller"),
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


def test_every_speaker_name_opens_with_a_capital_or_a_particle():
    text = (
        "„Wir prüfen alles“, sagte ein nicht genannter Sprecher des Amtes. „Es gibt keine "
        "Eile“, erklärte der britische Außenminister. „Wir warten ab“, sagte von der Heide."
    )
    names = entity_names(text)
    assert names  # without any entity the check below would pass on nothing
    for name in names:
        assert name[:1].isupper() or name.split()[0] in ("von", "van", "de", "zu"), name


def test_a_verb_before_a_role_is_no_adjective():
    text = "„Ja, es gibt Zumutungen.“ Das musste Bundesfinanzminister Peer Steinbrück einräumen."
    (speaker,) = extract(text).speakers
    assert (speaker.name, speaker.role) == ("Peer Steinbrück", "Bundesfinanzminister")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Mitarbeiter der Menschenrechtsorganisation Human Rights Watch (HRW) haben 53 Leichen "
         "gefunden. Laut HRW seien einige gefesselt worden.", "Human Rights Watch"),
        ("Die Organisation Amnesty International (AI) kritisierte die Regierung. „Das ist "
         "inakzeptabel“, sagte AI.", "Amnesty International"),
        ("Die Bundesanstalt für Arbeit (BA) meldete neue Zahlen. „Die Lage bessert sich“, sagte "
         "die BA.", "Bundesanstalt für Arbeit"),
    ],
)  # fmt: skip
def test_an_acronym_the_article_spells_out_names_its_organisation(text, speaker):
    result = extract(text, strict=True)
    assert [q.speaker for q in result.quotes if q.speaker] == [speaker]
    entity = next(s for s in result.speakers if s.name == speaker)
    assert text[text.index("(") + 1 : text.index(")")] in entity.aliases


def test_an_acronym_whose_initials_do_not_match_stays_as_written():
    text = "Der Verband (XYZ) tagte. „Wir sind zufrieden“, sagte XYZ."
    assert [q.speaker for q in extract(text, strict=True).quotes if q.speaker] == ["XYZ"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Mariano Rajoy und José Luis Rodríguez Zapatero stritten im Fernsehen. "
            "Zapatero verteidigte seine Politik. "
            "Danach kritisierte Rajoy Zapatero heftig: „Sie haben das Land belogen.“",
            "Mariano Rajoy",
        ),
        (
            "Gegen Rainer Ertel wird ermittelt. Die Staatsanwaltschaft sprach von Betrug. "
            "Außerdem warf die Staatsanwaltschaft Ertel vor, „Akten vernichtet“ zu haben.",
            "Staatsanwaltschaft",
        ),
    ],
)
def test_a_subject_before_another_named_person_is_the_speaker(text, speaker):
    # the verb, its subject, then the person it acts on, whom the article names in full
    fragment = "belogen" if "belogen" in text else "vernichtet"
    result = extract(text)
    assert find(text, result, fragment).speaker == speaker
    # the person acted on is no alias of the speaker
    assert not any(" " in a for e in result.speakers if e.name == speaker for a in e.aliases)


def test_a_name_after_a_noun_is_one_name_when_the_noun_never_stands_alone():
    # Bush is named in full, but "Regierung" is only ever written with him: one name
    text = (
        "Die Regierung Bush erklärte am Montag: „Wir prüfen den Plan.“ "
        "George W. Bush selbst schwieg."
    )
    assert speaker_of(text, "prüfen")[1] == "Regierung Bush"


def test_a_quoted_name_ends_at_its_closing_mark():
    # "Rajoy" is the dative object after the paper's quoted name, no part of it
    text = (
        "Unter den Beobachtern herrscht Zwietracht. So gibt es zwar einen Konsens darüber, dass "
        "keiner der beiden Kandidaten versagt habe, allerdings schrieb die liberale „El Mundo“ "
        "Rajoy den Sieg zu, während die „El País“ Zapatero als Sieger sah."
    )
    names = {e.name for e in extract(text).speakers}
    assert not any("Mundo" in name and "Rajoy" in name for name in names)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Bundesarbeitsministerin Ursula von der Leyen (CDU) stellte das Programm vor. "
            "Von der Leyen betonte: „Wir brauchen jede Erzieherin.“",
            "Ursula von der Leyen",
        ),
        ("Die Ministerin kam spät. Von der Leyen betonte: „Wir brauchen jede Erzieherin.“", None),
    ],
)
def test_a_name_particle_capitalised_at_a_sentence_start(text, speaker):
    # "Von der Leyen" opens a sentence: the person named in full, else "von der Leyen"
    q = find(text, extract(text), "Erzieherin")
    assert q.speaker == (speaker or "von der Leyen")
    assert text[q.speaker_start : q.speaker_end] == "Von der Leyen"


def test_a_noun_before_von_der_is_no_first_name():
    # "Die Kritik von der Roth": not "der Roth" (the run "von der" links names, not nouns)
    text = "Die Kritik von der Roth kam schnell. Roth sagte: „Nein.“"
    q = find(text, extract(text), "Nein")
    assert q.speaker == "Roth"


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Die Punklady Nina Hagen zog aufs Land. Punklady Nina Hagen zur neuen Heimat: "
            "„Die meisten Sachen sind hier.“",
            "meisten Sachen",
            "Nina Hagen",
        ),
        (
            "Der Formel-1-Fahrer Christian Klien fuhr als Dritter ins Ziel. Klien sagte, "
            "dass er mit dem Wagen zufrieden sei.",
            "mit dem Wagen zufrieden",
            "Christian Klien",
        ),
        # a name that only opens with a word the lists do not know as a first name keeps it
        (
            "Jorge Mario Bergoglio wurde zum Papst gewählt. Bergoglio sagte, dass er sich "
            "über die Wahl freue.",
            "über die Wahl freue",
            "Jorge Mario Bergoglio",
        ),
        # of two fuller forms, the one with a first name ("Joseph Kony", not "Kurzfilm Kony")
        (
            "Der Kurzfilm Kony 2012 wurde oft gesehen. Der Warlord Joseph Kony ist auf der "
            "Flucht. Kony ließ erklären, dass er unschuldig sei.",
            "unschuldig sei",
            "Joseph Kony",
        ),
    ],
)
def test_a_noun_before_a_first_name_is_no_part_of_the_name(text, fragment, speaker):
    q = find(text, extract(text), fragment)
    assert q.speaker == speaker


def test_a_name_may_open_with_an_arabic_article():
    # "el-Baradei", "al-Dschasira": names, though they open in lower case
    text = (
        "Der Chef der Atomenergiebehörde, Mohammed el-Baradei, reiste nach Teheran. "
        "Anschließend sei laut el-Baradei die Prüfung der Anlagen abgeschlossen worden. "
        "Der Fernsehsender al-Dschasira hatte zuvor berichtet, in der Anlage seien Spuren "
        "gefunden worden."
    )
    result = extract(text, strict=True)
    assert find(text, result, "Prüfung der Anlagen").speaker == "Mohammed el-Baradei"
    spuren = find(text, result, "Spuren")
    assert spuren.speaker is not None and spuren.speaker.endswith("al-Dschasira")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Das Bundeskartellamt prüft die Fusion. Nach einer Anhörung erklärte das "
            "Kartellamt, dass es die Fusion untersagen werde.",
            "Bundeskartellamt",
        ),
        (
            "Die Süddeutsche Zeitung berichtete über den Fall. Die Zeitung schrieb, dass der "
            "Minister zurücktreten werde.",
            "Süddeutsche Zeitung",
        ),
        # two courts: "das Gericht" stays what it is
        (
            "Das Landgericht Mannheim und das Amtsgericht Heidelberg verhandelten. Das Gericht "
            "erklärte, dass der Angeklagte schuldig sei.",
            "Gericht",
        ),
    ],
)
def test_a_word_for_its_kind_stands_for_the_one_organisation_named(text, speaker):
    q = find(text, extract(text), "werde" if "werde" in text else "schuldig")
    assert q.speaker == speaker
    assert speaker in {e.name for e in extract(text).speakers}
    assert all("Kartellamt" not in e.aliases for e in extract(text).speakers)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        # a business named after a person keeps its word
        (
            "Der Sänger ist tot. Laut dem Konzert-Büro Richard Weber starb er an den Folgen "
            "einer Krankheit.",
            "starb er",
            "Konzert-Büro Richard Weber",
        ),
        # a word with its own genitive is its own organisation
        (
            "Der Bundesverband Erneuerbare Energie begrüßte das Gesetz. Für die Stadtwerke "
            "bedauerte der Verband kommunaler Unternehmen, dass sie leer ausgingen.",
            "leer ausgingen",
            "Verband",
        ),
        # an article names governments of several countries
        (
            "Die Zaiditen-Regierung ist längst gestürzt. Die Regierung wirft den Rebellen vor, "
            "eine alte Ordnung wiederherstellen zu wollen.",
            "alte Ordnung",
            "Regierung",
        ),
    ],
)
def test_organisations_that_stay_as_named(text, fragment, speaker):
    assert find(text, extract(text), fragment).speaker == speaker


def test_a_persons_work_is_no_speaker():
    # "Werk" is a plant that may speak, but "sein Werk" is a work
    text = "Sein erstes großes Werk entstand in den 1970er Jahren: „Le Grand Macabre“."
    assert not extract(text).speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Der Außenminister der Russischen Föderation Sergei Lawrow sagte: „Wir sind bereit.“",
            "Sergei Lawrow",
        ),
        ("Der Chef des Verwaltungsrats Ulrich Müller sagte: „Wir sind bereit.“", "Ulrich Müller"),
        # the name after a word for a person is that person's: the lawyer speaks
        (
            "Der Anwalt des Angeklagten Karl Roth sagte: „Wir sind bereit.“",
            "Anwalt des Angeklagten Karl Roth",
        ),
    ],
)
def test_a_name_after_the_roles_genitive_is_the_speaker(text, speaker):
    assert quote(text, "bereit").speaker == speaker
