"""Pairing of quotation marks: German, straight and single marks, guillemets both ways, nesting,
and unbalanced marks that stop at their paragraph's end."""

from __future__ import annotations

from articles.quotes import extract

from .helpers import find


def test_unbalanced_quote_stops_at_paragraph_end():
    text = (
        "Der Sprecher Jan Roth erklärte: „Wir prüfen alle Angebote genau.\n\n"
        "Die Sitzung endete am Abend. Danach gingen alle nach Hause."
    )
    result = extract(text)
    q = find(text, result, "Wir prüfen")
    assert q.kind == "direct"
    assert q.end == text.index("\n\n")
    assert q.speaker == "Jan Roth"
    assert not any("Sitzung" in text[x.start : x.end] for x in result.quotes if x.kind == "direct")


def test_nested_single_quotes_inside_double():
    text = "„Wir nennen das Projekt ‚Neustart‘ und meinen es ernst“, sagte Ina Berg."
    result = extract(text)
    outer = find(text, result, "meinen es ernst")
    assert (outer.kind, outer.speaker) == ("direct", "Ina Berg")
    inner = next(q for q in result.quotes if text[q.start : q.end] == "‚Neustart‘")
    assert inner.start > outer.start and inner.end < outer.end
    assert inner.speaker is None


def test_guillemets_both_directions():
    text = (
        "»Das Wetter wird besser«, sagte der Meteorologe Karl Sommer. "
        "«Der Regen hört morgen auf», sagte Sommer später."
    )
    result = extract(text)
    first = find(text, result, "Wetter wird besser")
    second = find(text, result, "Regen hört")
    assert text[first.start] == "»" and text[first.end - 1] == "«"
    assert text[second.start] == "«" and text[second.end - 1] == "»"
    assert first.speaker == second.speaker == "Karl Sommer"


def test_straight_quotes_nested_in_unclosed_block():
    text = (
        'Das Blatt schreibt: "Die Firma meldet einen "deutlichen Gewinn" im dritten Quartal.\n\n'
        "Im nächsten Jahr soll es weitergehen."
    )
    result = extract(text)
    outer = find(text, result, "Die Firma meldet")
    assert outer.end == text.index("\n\n")
    inner = next(q for q in result.quotes if text[q.start : q.end] == '"deutlichen Gewinn"')
    assert inner.speaker is None
