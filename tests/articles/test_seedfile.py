import datetime

import pytest

from articles import seedfile
from tests.conftest import SEED


def test_the_seed_file_is_parsed():
    parsed = seedfile.parse(SEED.read_text("utf-8"), SEED.name)

    assert parsed.date == datetime.date(2022, 10, 1)
    assert parsed.date_precision == "month"
    assert parsed.source == "RT DE"
    assert parsed.body.startswith("Unmittelbar vor dem Beginn")
    assert parsed.body.endswith('auf lange Sicht."')
    assert len(parsed.paragraphs) == 12
    assert parsed.paragraph_texts()[-1].startswith('"Wir werden die Verteidigungskapazitäten')
    assert parsed.title.startswith("Unmittelbar vor dem Beginn eines zweitägigen Treffens")
    assert parsed.title.endswith("…") and len(parsed.title) <= 90
    assert "Quelle" not in parsed.body


@pytest.mark.parametrize(
    ("header", "date", "precision"),
    [
        (" date 2022-10 ", datetime.date(2022, 10, 1), "month"),
        ("date 2022-10 ", datetime.date(2022, 10, 1), "month"),
        (" date 2022 ", datetime.date(2022, 1, 1), "year"),
        (" date 2022-10-17 ", datetime.date(2022, 10, 17), "day"),
        ("\ufeff date 2024-02-29 ", datetime.date(2024, 2, 29), "day"),
    ],
)
def test_header_variants(header, date, precision):
    parsed = seedfile.parse(f"{header}Text des Artikels.\n\nQuelle: Test", "x.txt")
    assert (parsed.date, parsed.date_precision) == (date, precision)
    assert parsed.body == "Text des Artikels."


def test_body_is_verbatim_but_for_crlf():
    text = (
        ' date 2022-10 Erster  Absatz "mit" Zitat.\r\nZeile zwei.\r\n\r\n'
        "  Zweiter.\r\n\r\nQuelle: X\r\n"
    )
    parsed = seedfile.parse(text, "x.txt")
    assert parsed.body == 'Erster  Absatz "mit" Zitat.\nZeile zwei.\n\n  Zweiter.'
    assert parsed.paragraph_texts() == ['Erster  Absatz "mit" Zitat.\nZeile zwei.', "Zweiter."]
    assert parsed.source == "X"


def test_content_hash_ignores_line_endings_and_bom():
    lf = " date 2022-10 Text.\n\nQuelle: X\n"
    crlf = "\ufeff date 2022-10 Text.\r\n\r\nQuelle: X\r\n"
    assert seedfile.parse(lf).content_hash == seedfile.parse(crlf).content_hash
    assert (
        seedfile.parse(lf).content_hash != seedfile.parse(lf.replace("Text", "Test")).content_hash
    )


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        (
            "Dear editor, ...",
            seedfile.BadHeader,
            "line 1: expected a header like ' date 2022-10', found 'Dear editor, ...'",
        ),
        (" date 2022-13 Text.\n\nQuelle: X", seedfile.BadDate, "has no month 13"),
        (" date 2023-02-29 Text.\n\nQuelle: X", seedfile.BadDate, "2023-02 has 28 days"),
        (" date Oktober Text.\n\nQuelle: X", seedfile.BadDate, "expected YYYY, YYYY-MM"),
        (" date 2022-10 \n\nQuelle: X", seedfile.NoBody, "no text between"),
        (" date 2022-10 Nur Text ohne Quelle.", seedfile.NoSource, "Quelle: RT DE"),
        ("   \n\n ", seedfile.EmptyFile, "empty"),
    ],
)
def test_bad_input_is_refused_with_a_message(text, error, message):
    with pytest.raises(error) as raised:
        seedfile.parse(text, "bad.txt")
    assert message in str(raised.value)


def test_a_default_source_stands_in_for_a_missing_source_line():
    parsed = seedfile.parse(" date 2022 Nur Text.\n", "x.txt", default_source="Agentur")
    assert (parsed.source, parsed.body) == ("Agentur", "Nur Text.")


def test_decode_says_where_utf8_decoding_failed():
    data = " date 2022-10 Gr\xfc\xdfe\n".encode("latin-1")
    with pytest.raises(seedfile.NotUtf8) as raised:
        seedfile.decode(data, "latin.txt")
    assert str(raised.value).startswith("line 1: the file is not UTF-8: byte 0xfc at column 17")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", seedfile.EmptyFile),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", seedfile.BinaryFile),
        (b"x" * (seedfile.MAX_BYTES + 1), seedfile.TooLarge),
    ],
)
def test_decode_refuses_files_that_are_no_seed_files(data, error):
    with pytest.raises(error):
        seedfile.decode(data, "f.txt")


def test_the_title_is_derived_from_the_body():
    """articles.titles; its cases are in test_titles.py."""
    parsed = seedfile.parse(" date 2022 BERLIN (dpa) – Kurz gesagt. Mehr.\n\nQuelle: X")
    assert parsed.title == "Kurz gesagt"


def test_a_size_is_written_through_the_callers_number_format():
    with pytest.raises(seedfile.TooLarge) as caught:
        seedfile.check_size(int(5.3 * 1024 * 1024))
    assert str(caught.value) == "the file is 5.3 MB; seed files are limited to 5 MB"
    german = caught.value.describe(str, lambda number: str(number).replace(".", ","))
    assert german == "the file is 5,3 MB; seed files are limited to 5 MB"


def test_an_article_of_too_many_paragraphs_is_refused():
    limit = seedfile.MAX_PARAGRAPHS

    def article(paragraphs):
        return " date 2022 " + "\n\n".join(["Ein Absatz."] * paragraphs) + "\n\nQuelle: X"

    with pytest.raises(seedfile.TooLong) as caught:
        seedfile.parse(article(limit + 1))
    assert str(caught.value) == f"too many paragraphs: {limit + 1}, at most {limit}"
    assert len(seedfile.parse(article(limit)).paragraphs) == limit


def test_an_article_over_the_character_limit_is_refused():
    limit = seedfile.MAX_CHARS
    assert limit * 4 <= seedfile.MAX_BYTES  # a file within the size limit can be over this one
    with pytest.raises(seedfile.TooLong) as caught:
        seedfile.parse(" date 2022 " + "a" * (limit + 1) + "\n\nQuelle: X")
    assert str(caught.value) == f"the article is too long: {limit + 1} characters, at most {limit}"
