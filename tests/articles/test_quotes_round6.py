"""Regression tests for the sixth round of quotation rules (docs/quotes.md): short passages
written for the purpose, one general German pattern each. Plain tests, no database."""

from __future__ import annotations

import pytest

from articles.quotes import extract

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
MINISTER = "Der Minister sagte: „Wir sparen.“ "


def quote(text: str, fragment: str):
    """The smallest direct quotation whose text contains the fragment."""
    hits = [
        q for q in extract(text).quotes if q.kind == "direct" and fragment in text[q.start : q.end]
    ]
    assert hits, f"no direct quotation contains {fragment!r}"
    return min(hits, key=lambda q: q.end - q.start)


def indirect(text: str):
    hits = [q for q in extract(text).quotes if q.kind == "indirect"]
    assert hits, "no indirect speech found"
    return hits[0]


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    # names and noun phrases
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
    # subjects of reporting verbs
    ("Der Abgeordnete Peter Schmitz wollte sich nicht festlegen, sagte aber, die Partei müsse "
     "„endlich handeln“.", "endlich", "Peter Schmitz"),
    ("Die Ministerin Anna Berg lässt durch ihren Anwalt erklären: „Das ist haltlos.“", "haltlos",
     "Anna Berg"),
    ("Wie Karl Roth, der als Beobachter im Saal war, dazu feststellt, verlangt „das Gesetz "
     "einen klaren Beweis“.", "klaren Beweis", "Karl Roth"),
    ("Der Zeitung sagte ein Sprecher, man sei „zuversichtlich“.", "zuversichtlich", "Sprecher"),
    ("Auch die Vereinten Nationen kritisierten das Urteil. „Das ist ein Justizskandal.“",
     "Justizskandal", "Vereinten Nationen"),
    ("Laut Aussagen des Innenministers Karl Roth war die Lage „unter Kontrolle“.", "Kontrolle",
     "Karl Roth"),
    ("Auf die Frage, ob er zurücktrete, antwortete der Minister: „Nein.“", "Nein", "Minister"),
    # reporting verbs
    ("„Das ist ein schwarzer Tag“, schimpfte der Vereinspräsident Kurt Lenz.", "schwarzer Tag",
     "Kurt Lenz"),
    ("Die Regierung zeigte sich bestürzt und verurteilte den Angriff als „feigen Anschlag“.",
     "feigen", "Regierung"),
    ("Die Ministerin Anna Berg verglich die Lage mit einem „Flächenbrand“.", "Flächenbrand",
     "Anna Berg"),
    ("Der Minister Karl Roth sprach lange. Es drohe „eine dramatische Lage“.", "dramatische",
     "Karl Roth"),  # "es droht" is no reporting verb
    ("„Ich glaube, dass wir das schaffen“, sagte die Ministerin Anna Berg.", "schaffen",
     "Anna Berg"),  # "ich glaube" is no report
    # frames after a quotation
    ("„Wir sind gerüstet“, erklärte am Montag auf einer Pressekonferenz in Berlin der Sprecher "
     "des Ministeriums, Karl Roth.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, sagte gegenüber der Zeitung „Die Welt“ der Sprecher Karl Roth.",
     "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, sagte nach der Sitzung des Krisenstabs am Montagabend in Potsdam der "
     "Sprecher Karl Roth.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“ (Karl Roth, Sprecher der Polizei).", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, ist sich Karl Roth sicher.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, gab Karl Roth zu Protokoll.", "gerüstet", "Karl Roth"),
    ("„Wir sind gerüstet“, versicherte ein sichtlich zufriedener Karl Roth.", "gerüstet",
     "Karl Roth"),
    ("„Wir sind gerüstet“, fasste Karl Roth zusammen.", "gerüstet", "Karl Roth"),
    ("„Wir prüfen alle Optionen.“ Mit diesen Worten reagierte die Ministerin Anna Berg auf die "
     "Kritik.", "Optionen", "Anna Berg"),
    ("„Wir prüfen alle Optionen“ – mit diesen Worten eröffnete die Ministerin Anna Berg die "
     "Sitzung.", "Optionen", "Anna Berg"),
    # pronouns
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
    # newer speakers that a continued quotation must not skip
    (MINISTER + "Ganz anders sieht das Petra Klein vom Sozialverband. „Das ist falsch.“",
     "falsch", "Petra Klein"),
    (MINISTER + "Widerspruch kam von Petra Klein, der Chefin des Verbands. „Das ist falsch.“",
     "falsch", "Petra Klein"),
    (MINISTER + "Von der Opposition kam Kritik. „Das ist falsch.“", "falsch", "Opposition"),
    (MINISTER + "Scharfe Kritik kam von den Grünen: „Das ist falsch.“", "falsch", "Grünen"),
    (MINISTER + "Unterstützung erhielt er von Anna Berg. „Das ist richtig.“", "richtig",
     "Anna Berg"),
    (MINISTER + "Ihm widerspricht Grünen-Chefin Anna Berg: „Das ist richtig.“", "richtig",
     "Anna Berg"),
    (MINISTER + "Anders die Opposition: „Das ist unsozial.“", "unsozial", "Opposition"),
    (MINISTER + "Ganz anders die Grünen-Chefin Anna Berg: „Das ist unsozial.“", "unsozial",
     "Anna Berg"),
    (MINISTER + "Für Anna Berg ist das ein Skandal. „Das ist unsozial.“", "unsozial",
     "Anna Berg"),
    (MINISTER + "Aber auch die Opposition sieht das so: „Wir sparen mit.“", "sparen mit",
     "Opposition"),
    (MINISTER + "Die Autorin Petra Klein stellte ihr Buch „Gegen den Strom der Zeit“ vor. „Das "
     "ist mein wichtigstes Werk.“", "wichtigstes", "Petra Klein"),
    (MINISTER + "Der Chefredakteur der „taz“, Karl Roth, hält das für falsch. „Das trifft die "
     "Armen.“", "trifft", "Karl Roth"),
    (MINISTER + "Die „taz“ hält das für falsch. „Das trifft die Armen.“", "trifft", "taz"),
    ("Der Präsident der Ärztekammer, Hans Vogel, warnt vor Engpässen. „Das ist eine tickende "
     "Zeitbombe“, sagte Vogel der „Rheinischen Post“.", "Zeitbombe", "Hans Vogel"),
    ("Der Schauspieler Tom Berg ist tot. Er starb am Montag, wie seine Familie mitteilte. „Er ist "
     "friedlich eingeschlafen.“", "friedlich", "Familie"),
    # the subject of a passive is no actor who goes on to be quoted
    ("Ein Polizeisprecher sagte: „Der Fahrer war abgelenkt.“ Drei Menschen wurden verletzt. „Wir "
     "haben die Unfallstelle abgesperrt.“", "abgesperrt", "Polizeisprecher"),
    # the subject of reported speech is what the speaker talks about
    ("Sein Verteidiger Paul Brandt forderte eine milde Strafe. Sein Mandant habe „aus Not "
     "gehandelt“.", "aus Not", "Paul Brandt"),
    ("Der Vorsitzende des Verbands, Hans Weber, nannte es „zu zaghaft“. Die Ziele seien „kaum zu "
     "erreichen“, wenn die Regierung nicht nachlege.", "kaum zu", "Hans Weber"),
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
    ("Vor dem Rathaus standen Hunderte Menschen, die immer wieder riefen: „Wir bleiben!“",
     "Wir bleiben", "Menschen", "die"),
    ("Gegen den Bürgermeister der Stadt wird ermittelt. Er sagte: „Ich bin unschuldig.“",
     "unschuldig", "Bürgermeister", "Er"),
    ("In der Nacht drangen die Einbrecher in das Rathaus ein. Sie schrieben Sätze wie „Hier ist "
     "nichts mehr sicher“ an die Wand.", "nichts mehr", "Einbrecher", "Sie"),
    ("Der Kreisvorsitzende Karl Roth trat aus. Er sowie Anna Berg befürchten neue Bündnisse: "
     "„Das ist das Ende der Partei.“", "Ende der Partei", "Karl Roth", "Er"),
    ("Ministerin Anna Berg (SPD) gab sich gelassen. „Wir prüfen alle Optionen“, sagte die "
     "54-Jährige.", "Optionen", "Anna Berg", "die 54-Jährige"),
    (MINISTER + FILLER + "\n\nEr fügte hinzu: „Es gibt keine Alternative.“", "keine Alternative",
     "Minister", "Er"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "fragment", "speaker", "mention"), MENTIONS)
def test_speaker_and_mention(text, fragment, speaker, mention):
    q = quote(text, fragment)
    assert (q.speaker, text[q.speaker_start : q.speaker_end]) == (speaker, mention)


# (passage, expected span of the reported speech, expected speaker)
INDIRECT = [
    ("Nach Angaben der Polizei sind in der Nacht zwei Gefangene ausgebrochen.",
     "sind in der Nacht zwei Gefangene ausgebrochen", "Polizei"),
    ("Wie die Agentur Reuters berichtet, habe der Konzern seine Pläne aufgegeben.",
     "habe der Konzern seine Pläne aufgegeben", "Agentur Reuters"),
    ("Die Lage sei ernst, sagte der Minister Karl Roth.", "Die Lage sei ernst", "Karl Roth"),
    ("Man habe alles versucht, so die Polizei.", "Man habe alles versucht", "Polizei"),
    ("In Ottawa wird hingegen behauptet, der Pilot trage die volle Verantwortung.",
     "der Pilot trage die volle Verantwortung", None),
    ("Der Minister Karl Roth schlug vor, die Steuern im nächsten Jahr zu senken.",
     "die Steuern im nächsten Jahr zu senken", "Karl Roth"),
    ("Nach Polizeiangaben wurden zwei Menschen verletzt.", "wurden zwei Menschen verletzt", None),
    ("Demnach soll der Minister bis zum Frühjahr bleiben.",
     "soll der Minister bis zum Frühjahr bleiben", None),
    ("Der Parteichef Karl Roth sagte, die Union benötige einen neuen Partner.",
     "die Union benötige einen neuen Partner", "Karl Roth"),
    ("Der Trainer Karl Roth bedauerte, dass die Mannschaft keine Chance gehabt habe.",
     "dass die Mannschaft keine Chance gehabt habe", "Karl Roth"),
    ("Minister Karl Roth äußerte sich vorsichtig. Er glaube, dass der Plan mehr Zeit brauche.",
     "dass der Plan mehr Zeit brauche", "Karl Roth"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "speaker"), INDIRECT)
def test_indirect_speech(text, span, speaker):
    q = indirect(text)
    assert (text[q.start : q.end], q.speaker) == (span, speaker)
    if speaker is None:
        assert q.speaker_start is None


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


def test_relative_pronoun_agrees_with_its_verb():
    text = "Die Leute zogen durch die Stadt, die immer wieder riefen: „Wir bleiben!“"
    assert quote(text, "Wir bleiben").speaker != "Stadt"


def test_lower_case_name_after_an_article_is_not_speech():
    text = MINISTER + "Die „taz“ hält das für falsch. „Das trifft die Armen.“"
    taz = next(q for q in extract(text).quotes if text[q.start : q.end] == "„taz“")
    assert taz.kind == "not_speech"
