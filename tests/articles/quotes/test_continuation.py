"""A quotation with no frame of its own continues the latest speaker: the person or group named
in the sentences before, not a thing opening the sentence and not an older speaker."""

from __future__ import annotations

import pytest

from .helpers import MINISTER, quote, speaker_of


def test_sentence_end_without_space_and_apposition_continuation():
    text = (
        "„Wir sind bereit“, sagte Meier.Der Vorsitzende des Vereins, Karl Brandt, war sehr "
        "zufrieden. „Das Ergebnis freut mich.“"
    )
    kind, speaker = speaker_of(text, "freut mich")
    assert kind == "direct" and speaker in ("Karl Brandt", "Vorsitzende des Vereins")


def test_continuation_beats_a_thing_opening_the_sentence():
    text = (
        "Die Delegationsleiterin Sharon Hayes sagte: „Wir haben viel erreicht.“ Ziel der "
        "Delegation sei es gewesen, „die Inhalte abzusichern“."
    )
    assert speaker_of(text, "Inhalte abzusichern") == ("direct", "Sharon Hayes")


def test_continuation_after_subject_with_appositions():
    text = (
        "„Ich trete zurück“, sagte der Bischof.Der jüngere Bruder des Bischofs, Anton Keller, "
        "war seit langem eingeweiht. „Er wünscht sich mehr Ruhe.“\n\n"
        "Lena Roth, eine der Abgeordneten, die den Brief unterschrieben, verurteilte die "
        "Haltung der Regierung. „Diese Politik ist ungerecht.“\n\n„Sie führt zu Wut.“"
    )
    assert speaker_of(text, "mehr Ruhe") == ("direct", "Anton Keller")
    assert speaker_of(text, "Politik ist ungerecht") == ("direct", "Lena Roth")
    assert speaker_of(text, "führt zu Wut") == ("direct", "Lena Roth")


def test_so_in_mid_sentence_is_continued_by_reported_speech():
    text = (
        "Doch sei das falsch, so der Autor Tom Okoro in einem Blogeintrag. "
        "Deshalb müsse „die Regierung endlich handeln“."
    )
    assert speaker_of(text, "endlich handeln") == ("direct", "Tom Okoro")


# (passage, fragment of the quotation, expected speaker)
SPEAKERS = [
    ("Auch die Vereinten Nationen kritisierten das Urteil. „Das ist ein Justizskandal.“",
     "Justizskandal", "Vereinten Nationen"),
    ("Der Minister Karl Roth sprach lange. Es drohe „eine dramatische Lage“.", "dramatische",
     "Karl Roth"),  # "es droht" is no reporting verb
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
