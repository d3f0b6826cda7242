"""articles.search_text: words, stems, the websearch parser and passages, without a database."""

import re
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.search_text import index_text, parse, passage, stem


def test_stems_are_lower_case_snowball_german_without_stop_words():
    assert index_text("Die großen Koalitionen und KÖLN") == "gross koalition koln"
    assert stem("Straße") == stem("Strasse") == "strass"
    assert stem("und") is None and stem("über") is None
    assert stem("G7") == "g7" and stem("2022") == "2022"  # digits: lower-cased only
    assert index_text("Ukraine-Krieg") == "ukrain krieg"


def test_the_websearch_syntax_becomes_an_fts5_expression():
    assert parse("Putin -Lawrow").match == '(("putin") NOT "lawrow")'
    assert parse("NATO OR Merkel").match == '(("nato")) OR (("merkel"))'
    assert parse('"große Koalition"').match == '(("gross koalition"))'
    assert parse('"große Koalition').match == '(("gross koalition"))'  # unbalanced
    # OR binds loosest, as in websearch_to_tsquery: (a AND b) OR (c AND NOT d).
    assert parse("Putin Moskau or Merkel -SPD").match == (
        '(("putin" AND "moskau")) OR (("merkel") NOT "spd")'
    )
    # "or" first, last or twice is a word, as PostgreSQL reads it.
    assert parse("or Putin").match == '(("or" AND "putin"))'
    assert parse("Putin OR OR Merkel").match == '(("putin")) OR (("or" AND "merkel"))'
    # Only exclusions: what each such group excludes.
    query = parse("-Lawrow")
    assert query.match is None and query.excluding == ['"lawrow"']
    assert parse("Merkel or -Putin -Lawrow").excluding == ['"putin" OR "lawrow"']
    for nothing in ("", "   ", "die und", "!!!", '"', '""', "-", "- -"):
        assert not parse(nothing), nothing


@given(st.text())
def test_any_input_gives_an_expression_fts5_accepts(text):
    query = parse(text)
    database = sqlite3.connect(":memory:")
    database.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    database.execute("INSERT INTO t VALUES ('a', 'b')")
    for expression in [query.match, *query.excluding]:
        if expression is not None:
            database.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()
    assert bool(query) == bool(query.match or query.excluding)


@given(st.text(), st.text())
def test_a_passage_is_the_body_s_words_in_order(body, text):
    parts = passage(body, parse(text))
    shown = "".join(part for part, _marked in parts)
    assert all(part for part, _marked in parts)
    assert len(shown.split()) <= 2 * 30 + 1  # two fragments and the delimiter


def test_a_passage_marks_inflected_forms_and_leaves_excluded_words():
    parts = passage("Die großen Koalitionen streiten mit der SPD.", parse('"große Koalition" -SPD'))
    assert [part for part, marked in parts if marked] == ["großen", "Koalitionen"]
    assert "".join(part for part, _ in parts) == "Die großen Koalitionen streiten mit der SPD"


def test_a_passage_is_the_two_places_with_the_most_matches_in_text_order():
    filler = " ".join(f"w{n}" for n in range(80))
    body = f"Koalition {filler} Koalition und Koalition {filler} Koalition, Koalition, Koalition."
    parts = passage(body, parse("Koalition"))
    shown = "".join(part for part, _ in parts)
    assert not shown.startswith("Koalition w0")  # the single match is left out
    first, second = shown.split(" … ")
    assert first.count("Koalition") == 2 and second.count("Koalition") == 3
    assert len(first.split()) <= 30 and len(second.split()) <= 30


_GERMAN = st.text(alphabet="aAäÄoOöÖuUüÜßsSnerhiktgz 1-", max_size=60)


@given(_GERMAN, _GERMAN)
def test_a_passage_marks_exactly_the_words_with_a_wanted_stem(body, text):
    # Only the words that begin like a wanted stem are stemmed (search_text._beginnings): the
    # marks are those of stemming every word. One fragment shows every word of a short body.
    wanted = parse(text).wanted
    marked = [part for part, is_marked in passage(body, parse(text)) if is_marked]
    words = [m.group() for m in re.finditer(r"[^\W_]+", body)]
    if len(words) <= 30:
        assert marked == [word for word in words if stem(word) in wanted]


def test_umlauts_and_sharp_s_are_marked_as_their_stem_has_them():
    parts = passage(
        "Die Häuser, das Haus; GROSSE und große Straßen, die Strasse.", parse("Haus groß Straße")
    )
    assert [part for part, marked in parts if marked] == [
        "Häuser",
        "Haus",
        "GROSSE",
        "große",
        "Straßen",
        "Strasse",
    ]


@pytest.mark.parametrize(
    ("hit", "words", "first", "last"),
    [
        (80, 200, 66, 95),  # centred: 14 words before, 15 after
        (95, 100, 70, 99),  # at the end: the 30 last words
        (98, 99, 69, 98),  # the last word
        (2, 100, 0, 29),  # at the start: the 30 first words
        (0, 200, 0, 29),  # the first word
    ],
)
def test_a_single_match_is_centred_in_its_fragment_within_the_text(hit, words, first, last):
    """The fragment's words around one match, at the text's ends too: the words after the
    last match are read only as far as a fragment reaches (``_words_and_hits``)."""
    body = " ".join("Koalition" if n == hit else f"w{n}" for n in range(words))
    shown = "".join(part for part, _marked in passage(body, parse("Koalition"))).split()
    expected = ["Koalition" if n == hit else f"w{n}" for n in range(first, last + 1)]
    assert shown == expected


def test_without_a_match_a_passage_is_the_first_words():
    body = " ".join(f"w{n}" for n in range(100)) + " Koalition"
    shown = "".join(part for part, _marked in passage(body, parse("Regierung")))
    assert shown == " ".join(f"w{n}" for n in range(12))


_MARKED = "aAäÄoOöÖuUüÜßsSnerhiktgz _-1ſKİıιαβ\u0307\u0345"


def _starts_as_by_look_behind(body: str, text: str) -> None:
    # search_text._word_starts: what a look-behind for a character of a word would find.
    from articles.search_text import _beginnings, _word_starts

    wanted = parse(text).wanted
    if wanted:
        pattern = _beginnings(wanted)
        behind = re.compile(r"(?<![^\W_])(?:" + pattern.pattern + ")", re.IGNORECASE)
        assert list(_word_starts(body, pattern)) == [m.start() for m in behind.finditer(body)]


@given(st.text(alphabet=_MARKED, max_size=80), st.text(alphabet=_MARKED, max_size=40))
def test_the_places_a_wanted_word_may_begin_are_the_starts_of_words(body, text):
    _starts_as_by_look_behind(body, text)


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("xi\u0307ntel", "İntel ntel"),  # "İ" lower-cased is "i" and a combining dot
        ("x\u0345αβ", "ιαβ αβ"),  # the iota matches its subscript form, no letter
    ],
)
def test_a_match_inside_a_word_hides_no_word_that_starts_within_it(body, text):
    _starts_as_by_look_behind(body, text)
