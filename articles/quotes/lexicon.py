"""Word lists for the quotation extractor. No Django imports."""

from __future__ import annotations

# Weak (regular) reporting verbs by stem: sag -> sagt, sagte, sagten, sagen, gesagt.
_WEAK_STEMS = """
sag erklär beton mein kritisier warn forder behaupt bericht meld ergänz bestätig versicher
äußer kommentier antwort erläuter bekräftig bemerk erzähl klag beklag erinner mahn ermahn
verkünd zitier twitter schilder präzisier argumentier resümier bilanzier prognostizier
befürcht vermut lob appellier monier bemängel rüg protestier dementier verneint bejah
spekulier folger schlussfolger konstatier bezweifel beschuldig vorwerf
unterstell entgegn erwider frag verlautbar urteil beteur insistier glaub hoff
bezeichn würdig begründ skandier
rechtfertig prophezei fürcht charakterisier beanstand konter
schimpf polter wetter spott witzel scherz läster jubel flüster brüll seufz
verurteil bedauer
""".split()

_IRREGULAR = """
sprach sprachen spricht sprechen gesprochen
schrieb schrieben schreibt schreiben geschrieben
rief riefen ruft gerufen
verwies verwiesen verweist wies
bestritt bestritten bestreitet
gestand gestanden gesteht
nannte nannten nennt nennen genannt
hieß heißt
unterstrich unterstrichen unterstreicht
angegeben zugegeben bekanntgegeben mitgeteilt mitteilte mitteilten hinzugefügt
hinzufügte ausgeführt ausführte eingewandt einwandte eingeräumt einräumte festgestellt
feststellte klargestellt klarstellte angekündigt ankündigte hingewiesen hinwies
beschrieb beschrieben beschreibt
versprach versprachen verspricht versprochen
vorgeworfen vorwarf
lautete lauteten lautet
betonte betonten betont
äußerte äußerten äußert geäußert
kritisierte kritisierten kritisiert
bezeichnete bezeichneten bezeichnet
begründete begründeten begründet
zitierte zitierten zitiert
feststellt klarstellt hinweist mitteilt ausführt einräumt hinzufügt ankündigt zugibt angibt
bekanntgibt einwendet vorwirft
widersprach widersprachen widerspricht widersprochen riet rieten rät bat baten empfahl
empfahlen empfiehlt empfohlen verriet verrieten verrät schrie schrien
verglich verglichen vergleicht wertete werteten wertet gewertet bewertete bewertet bescheinigte
attestierte titulierte bezichtigte
""".split()

# Forms that are too ambiguous to act as a cue by themselves.
_NOT_CUES = frozenset("sage glaube hoffe stelle deute führe füge rage klage teile".split())


def _inflect(stem: str) -> set[str]:
    # stems ending in t/d take an -e- before the ending: bericht -> berichtet, berichtete
    link = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    forms = {
        stem + link + "t",
        stem + link + "te",
        stem + link + "ten",
        stem + "en",
        stem + "e",
    }
    if not stem.startswith(("be", "er", "ver", "ent", "zer", "ge", "emp", "miss")) and not (
        stem.endswith("ier")
    ):
        forms.add("ge" + stem + link + "t")
    else:
        forms.add(stem + link + "t")
    return forms


REPORTING_VERBS: frozenset[str] = (
    frozenset({f for stem in _WEAK_STEMS for f in _inflect(stem)} | set(_IRREGULAR)) - _NOT_CUES
)

# Finite forms of separable verbs: a cue only when the particle closes the clause.
SEPARABLE: dict[str, tuple[str, ...]] = {}
for _forms, _particles in [
    ("gab gaben gibt", ("an", "bekannt", "zu", "zu Protokoll")),
    ("fasste fassten fasst", ("zusammen",)),
    ("teilte teilten teilt", ("mit",)),
    ("fügte fügten fügt", ("hinzu",)),
    ("führte führten führt", ("aus",)),
    ("wandte wandten wandte", ("ein",)),
    ("räumte räumten räumt", ("ein",)),
    ("stellte stellten stellt", ("fest", "klar")),
    ("kündigte kündigten kündigt", ("an",)),
    ("wies wiesen weist", ("hin", "darauf")),
    ("warf warfen wirft", ("vor",)),
    ("deutete deuteten deutet", ("an",)),
    ("sicherte sicherten sichert", ("zu",)),
    ("strich strichen streicht", ("heraus", "hervor")),
    ("hob hoben hebt", ("hervor",)),
    ("prangerte prangerten prangert", ("an",)),
    ("sprach sprachen spricht", ("aus",)),
    ("geht gehen ging gingen", ("davon aus",)),
    ("schlug schlugen schlägt", ("vor",)),
    ("bot boten bietet", ("an",)),
]:
    for _form in _forms.split():
        SEPARABLE[_form] = _particles

# Verbs whose object is the quoted word itself: nannte es "Skandal", sprach von "Verrat".
NAMING_VERBS = frozenset(
    "nannte nannten nennt genannt bezeichnete bezeichneten bezeichnet sprach sprachen spricht "
    "gesprochen beschrieb beschrieben beschreibt warf warfen wirft vorgeworfen".split()
)

# Finite auxiliaries that may open a clause with the participle at its end.
AUXILIARIES = frozenset(
    "hat hatte hatten haben habe hätte hätten ist war waren sei wird wurde wurden werde "
    "soll sollen solle sollte sollten will wollen wolle wollte kann können könne konnte muss "
    "müssen müsse musste darf dürfe möchte lässt ließ ließen".split()
)

SUBJUNCTIVE = frozenset(
    """sei seien seist habe hätte hätten könne könnten müsse müssten werde würde würden
    solle wolle wollten dürfe dürften gebe gäbe wäre wären stehe komme gehe liege
    bleibe halte zeige gelte fehle drohe brauche stelle trage lasse sehe wisse mache nehme
    erwarte plane arbeite verfüge handle handele bestehe entstehe spreche erscheine reiche
    fordere lege setze bringe finde heiße lebe kenne gewinne verliere helfe treffe erhalte
    betrage beziehe hänge diene führe bedeute verstoße widerspreche entspreche sehe
    gehöre glaube wünsche hoffe""".split()
)

# Words in front of a quotation that make it a name or a title, not speech.
TITLE_CUES = frozenset(
    """sogenannte sogenannten sogenannter sogenanntes genannte genannten genannt namens
    magazin magazins zeitung zeitschrift tageszeitung wochenzeitung blatt film films buch
    buches buchs titel titels operation aktion motto slogan album song lied single sendung
    sendungen programm programms projekt projekts kampagne begriff begriffs wort schlagzeile
    name namen spitzname spitznamen initiative bewegung serie show festival preis award
    roman stück oper typs typ modell modells marke mission plan plans schiff schiffs
    codenamen codename kategorie kategorien klasse klassen sender fernsehsender radiosender
    krimireihe reihe rubrik ausstellung veranstaltung verein vereins gruppe gruppierung
    partei bündnis studie bericht berichts gesetz gesetzes verordnung abkommen vertrag
    unternehmen firma konzern band label produkt sparprogramm ortsteil stadtteil
    hashtag bezeichnung kurzform abkürzung überschrift unwort nachrichtenmagazin
    illustrierte onlineausgabe portal kolumne kinofilm dokumentation rolle figur website
    webseite homepage internetseite blog podcast""".split()
)

# Nouns that name a role a person holds (matched as the end of a word, with -in/-innen etc.).
ROLE_SUFFIXES = tuple(
    """präsident präsidentin minister ministerin kanzler kanzlerin sekretär sekretärin
    sprecher sprecherin chef chefin vorsitzende vorsitzender direktor direktorin leiter
    leiterin trainer trainerin bürgermeister bürgermeisterin abgeordnete abgeordneter senator
    senatorin gouverneur gouverneurin botschafter botschafterin general kommandeur
    kommandant richter richterin anwalt anwältin staatsanwalt experte expertin forscher
    forscherin wissenschaftler wissenschaftlerin professor professorin autor autorin sänger
    sängerin schauspieler schauspielerin regisseur regisseurin spieler spielerin stürmer
    torwart kapitän kapitänin manager managerin gründer gründerin inhaber inhaberin bischof
    papst könig königin prinz prinzessin premier premierminister premierministerin
    regierungschef regierungschefin staatschef oberhaupt beauftragte beauftragter kommissar
    kommissarin ministerpräsident ministerpräsidentin landrat landrätin analyst analystin
    ökonom ökonomin politiker politikerin diplomat diplomatin aktivist aktivistin journalist
    journalistin reporter reporterin korrespondent korrespondentin moderator moderatorin
    kandidat kandidatin kritiker kritikerin dezernent dezernentin vorstand vorständin
    funktionär funktionärin generalsekretär generalsekretärin oberbefehlshaber offizier
    sportchef führer geschäftsführer geschäftsführerin bundestrainer teamchef kardinal pfarrer
    rabbiner imam scheich emir sultan außenminister innenminister ministerialdirektor
    vizepräsident vizekanzler staatssekretär staatssekretärin fraktionschef parteichef
    ratsvorsitzende koordinator koordinatorin historiker historikerin ermittler ermittlerin
    polizeichef verteidiger verteidigerin kläger klägerin zeuge zeugin arzt ärztin
    mediziner medizinerin psychologe psychologin sprecherinnen mitarbeiter mitarbeiterin
    berater beraterin vertreter vertreterin anführer anführerin loge login arzt ärztin
    ingenieur ingenieurin jurist juristin polizist polizistin ökonom
    redakteur redakteurin herausgeber herausgeberin verleger verlegerin mitglied coach
    frau herr ehefrau ehemann witwe witwer mutter vater tochter sohn bruder schwester""".split()
)
# Role words that say how a person is addressed or related, not what office they hold: they are
# no label for the speaker; the first ones mark a woman.
FEMALE_KIN = frozenset("frau ehefrau witwe mutter tochter schwester".split())
KIN = FEMALE_KIN | frozenset("herr herrn ehemann witwer vater sohn bruder".split())

# Words marking an organisation rather than a person.
ORG_WORDS = frozenset(
    """zeitung journal magazin times post news agentur nachrichtenagentur ministerium
    regierung bundesregierung polizei partei verband unternehmen konzern gericht behörde
    bank institut kommission verein gewerkschaft sender fernsehsender rundfunk blatt
    tageszeitung wochenzeitung reuters dpa afp ap apa ddp kna epd sid cnn bbc ard zdf ntv
    spiegel welt bild zeit focus stern tagesschau tagesspiegel faz taz handelsblatt guardian
    telegraph independent economist herald tribune allianz nato uno un eu who armee militär
    staatsanwaltschaft feuerwehr stiftung gruppe organisation rat amt bundesamt presse
    stadt verwaltung ministerien universität club klub ag gmbh inc corp ltd firma
    hochschule schule klinik krankenhaus fraktion koalition opposition kirche vatikan
    institution nationen familie management""".split()
)
ORG_SUFFIXES = (
    "ministerium",
    "zeitung",
    "agentur",
    "polizei",
    "regierung",
    "partei",
    "verband",
    "amt",
    "gericht",
    "behörde",
    "konzern",
    "bank",
    "institut",
    "kommission",
    "verein",
    "gewerkschaft",
    "sender",
    "magazin",
    "blatt",
    "journal",
    "anwaltschaft",
    "verwaltung",
    "rat",
    "stiftung",
    "organisation",
    "dienst",
    "büro",
    "feuerwehr",
    "armee",
    "ausschuss",
    "kammer",
    "fraktion",
    "koalition",
    "universität",
    "komitee",
    "senat",
    "hochschule",
)

# Capitalised words that are never part of a name (sentence openers, pronouns, prepositions).
NOT_NAMES = frozenset(
    """Dies Diese Dieser Dieses Dazu Das Der Die Den Dem Des Ein Eine Einer Eines Einem Einen
    Auch Weiter Weitere Weiteren Zudem Damals Nun Heute Gestern Morgen Hier Dort Doch Aber Und
    Oder Denn So Im Am Zum Zur Beim Vom Ins Laut Nach Vor Bei Mit Ohne Seit Trotz Wegen
    Während Man Es Er Sie Wir Ich Ihr Sein Seine Ihre Jetzt Dann Deshalb Daher Darum
    Allerdings Außerdem Dabei Danach Darüber Dafür Dagegen Damit Davor Deswegen Ebenso
    Ebenfalls Einige Viele Alle Andere Anderen Mehrere Als Wie Wenn Weil Dass Ob Was Wer Wo
    Warum Insgesamt Bereits Schon Noch Immer Nicht Kein Keine Erst Zunächst Später Zuletzt
    Schließlich Gleichzeitig Unter Über In An Auf Aus Für Gegen Um Zu Durch Bis Zwischen
    Neben Hinter Mehr Jeder Jede Jedes Laut Gemäß Zufolge Demnach Jedoch Somit
    Seinen Seiner Ihren Ihrer Unsere Unser Wörtlich Bisher Inzwischen Derzeit Zwar Sowohl
    Weder Einst Ende Anfang Mitte Montag Dienstag Mittwoch Donnerstag Freitag Samstag
    Sonntag Januar Februar März April Mai Juni Juli August September Oktober November
    Dezember Uhr Prozent Euro Dollar Millionen Milliarden Jahr Jahre Jahren Woche Tag Tage
    Tagen Monat Monate Monaten Abend Morgen Nacht Rande Mal Ja Nein Zitat Quelle Deren Dessen
    Jegliche Jeglicher Sämtliche Beim Seit Damit Dadurch Darin Daraus Hierzu Dazu Ebenso
    Gegenüber Relativierend Wörtlich Konkret Offenbar Angeblich Laut Bezüglich Hunderte Tausende
    Dutzende Zahlreiche Manche Beide Ihm Ihn Ihnen Ihrem Ihres Seinem Seines Uns Mir Mich Dir
    Dich Euch Wem Wen Darauf Daran Davon Dennoch Trotzdem Stattdessen Vielmehr Zwei Drei Vier
    Fünf Sechs Sieben Acht Neun Zehn Zwölf Zwanzig Hundert Tausend Andererseits Einerseits
    Bislang Ferner Insbesondere Offiziell Sinngemäß""".split()
)

SUBORDINATORS = frozenset(
    """und aber doch dass während weil nachdem als wie wobei obwohl da wenn denn sondern jedoch
    zudem auch nun dann so zugleich ferner außerdem""".split()
)

# First names that mark a woman without ending in -a, and men's names that end in -a.
FEMALE_NAMES = frozenset(
    """Renate Annette Brigitte Sabine Christine Marie Ulrike Heike Silke Elke Anke Frauke Ute
    Edith Ruth Doris Iris Ingrid Gudrun Sigrid Karin Katrin Kathrin Christiane Simone Nicole
    Michelle Hillary Ségolène Margaret Elizabeth Elisabeth Jane Anne Marine Ayaan Birgit Heidi
    Hannelore Annegret Beate Bärbel Dagmar Ilse Irene Jutta Susanne Stefanie Julie Sophie
    Claire Catherine Ellen Helen Carmen Mercedes Yvonne Sahra Kristin Kerstin Astrid Gabriele
    Margot Marianne Liz Theresa Ursula Angelique Dilma Cristina Yulia Julia Nancy Kamala
    Madeleine Condoleezza Benazir Aung Malala Greta Jacinda Giorgia""".split()
)
MALE_A_NAMES = frozenset(
    """Andrea Luca Nicola Joshua Nikita Costa Sasha Mustafa Musa Jona Jonah Elia Ilja Sacha
    Attila Kofi Garcia Akira Yasha Zaccaria Mika Noa""".split()
)

# Common men's first names: a person so named is no antecedent for "sie".
MALE_FIRST_NAMES = frozenset(
    """Peter Hans Klaus Michael Thomas Andreas Stefan Stephan Frank Jürgen Wolfgang Uwe Dieter
    Werner Horst Helmut Gerhard Günter Günther Karl Heinz Manfred Rainer Ralf Rolf Bernd Jörg
    Joachim Jochen Martin Markus Marcus Matthias Christian Christoph Tobias Daniel David Jan Jens
    Lars Sven Tim Timo Florian Alexander Sebastian Philipp Felix Max Paul Lukas Jonas Simon
    Johannes Georg Josef Joseph Franz Friedrich Wilhelm Otto Ernst Hermann Heinrich Walter Kurt
    Fritz Erich Gustav Ludwig Norbert Hubert Herbert Rudolf Rüdiger Volker Olaf Guido Gregor
    Sigmar Horst Edmund Theo Theodor Oskar Cem Kai Dirk Holger Torsten Thorsten Detlef Bodo Armin
    Winfried Wolf Ulrich Erwin Alfred Albert Anton Arnold Benedikt Bernhard Dietmar Eberhard Egon
    Emil Fabian Gerd Gerald Hartmut Heiko Ingo Jakob Kurt Lothar Ludger Marco Mario Mathias Moritz
    Niklas Nils Oliver Patrick Reinhard Reinhold Robert Roland Sascha Siegfried Steffen Till
    Ulf Wilfried Willi Willy John James George William Richard Charles Donald Barack Bill Joe
    Tony Gordon Boris Vladimir Wladimir Dmitri Sergei Sergej Nicolas Emmanuel François Jacques
    Silvio Matteo Mario Pedro Carlos José Juan Luis Recep Ahmed Mohammed Muhammad Ali Hassan
    Benjamin Ehud Ariel Jean Pierre Louis Henri Mark Steve Steven Kevin Brian Chris
    """.split()
)

# Heads of noun phrases that name things, which cannot speak: "das Buch", "die Krise", "die
# Daten", "die Arbeitshypothese", "die Mehrwertsteuer". Matched as word endings, so that
# compounds ("Sachbuch", "Finanzkrise") count too. Words in -ung speak only when they name an
# organisation or a document (SPEAKING_UNG, ORG_WORDS, ORG_SUFFIXES and the document heads in
# nouns.py are checked first).
MUTE_SUFFIXES = (
    "heit", "keit", "ismus", "steuer", "hypothese", "these", "krise", "schicksal", "daten",
    "buch", "bücher", "kriterium", "motiv", "thema", "problem", "gefahr", "zukunft",
    "geschichte", "leiche", "angaben", "aussage", "aussagen", "fazit", "name", "sonne", "rede",
    "ung", "ungen",
)  # fmt: skip
SPEAKING_UNG = tuple(
    """regierung stiftung zeitung verwaltung führung leitung vereinigung bewegung versammlung
    vertretung erklärung mitteilung meldung stellungnahme ankündigung verfügung anordnung
    warnung begründung""".split()
)
