"""The scans that test a match's first character before its look-behind
(``features.starting_with``), or that skip the inside of words, find exactly what the patterns
alone find."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.quotes import candidates, classify, context, features, people, phrases, roles, sources
from tests.articles.quotes.helpers import sample_bodies

SCANS = [
    context._COMMON_NOUN,
    context._ARTICLE_NOUN,
    people._ROLE_WORD,
    people._FULL_NAME,
    candidates._PRONOUN,
    candidates._CAPITAL_RUN,
]
PIECES = [
    "der", "die", "Die", "ein", "Eine", "er", "Sie", "man", "Wir", "ich", "Karl", "Roth",
    "Jürgen", "R.", "Bundeskanzler", "Ölpreis", "von", "zu", "sagte", "-", "_", "x", "é",
    "el-Baradei", "al-",
    " ", " ", "\t", "\n", ",", ".", "⟪··⟫", "„", "1",
]  # fmt: skip


def _plain(scan: re.Pattern) -> re.Pattern:
    prefix = re.match(r"\(\?=\[[^\]]+\]\)", scan.pattern)
    assert prefix and scan.pattern[prefix.end() :].startswith(r"(?<![\w\-])")
    return re.compile(scan.pattern[prefix.end() :])


def _found(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("scan", SCANS, ids=lambda rx: rx.pattern[:30])
def test_scan_finds_what_the_plain_pattern_finds(scan):
    plain = _plain(scan)
    rng = random.Random(0)
    found = 0
    for _ in range(1000):
        text = "".join(
            rng.choice(PIECES) + rng.choice(["", " ", " ", "\t"]) for _ in range(rng.randint(0, 20))
        )
        expected = _found(plain, text)
        found += len(expected)
        assert _found(scan, text) == expected, text
    assert found > 50  # the pieces make matches


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="dDeEirsSmMaKRÖäß- \t\n.,_1", max_size=40))
def test_scans_on_any_text(text):
    for scan in SCANS:
        assert _found(scan, text) == _found(_plain(scan), text)


# Patterns that test a match's first character before anything else, and those whose search
# skips the places inside a word (``features._WORD_BEFORE``): against the patterns as they were.
NP_PIECES = [
    *PIECES, "Beide", "beide", "viele", "Zahlreiche", "zwei", "Hunderte", "ihre", "Letzterer",
    "jener", "seine", "Prof.", "Dr.", "〈taz〉", "〈Die", "Grünen〉", "Einer", "mehrere",
    "weitere", "manche", "dieser", "58-jährige", "neue", "des", "Ministers", "in",
]  # fmt: skip


def _texts(pieces: list[str], seed: int, count: int = 1000):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(
            rng.choice(pieces) + rng.choice(["", " ", " ", "\t"]) for _ in range(rng.randint(0, 20))
        )


def test_np_scan_finds_what_the_plain_pattern_finds():
    plain = _plain(phrases.NP_BOUNDED)
    found = 0
    bodies = sample_bodies()
    for text in [*_texts(NP_PIECES, 1), *bodies]:
        expected = _found(plain, text)
        found += len(expected)
        assert _found(phrases.NP_BOUNDED, text) == expected, text
    assert found > 2000


@pytest.mark.parametrize(
    ("first", "openers"),
    [
        (phrases.NP_FIRST, phrases._PRON + "|" + phrases.ART),
        (roles.ROLE_FIRST, phrases.ART + "|den|dem|des"),
    ],
)
def test_first_letters_open_every_pronoun_and_article(first, openers):
    """Each word that may open a match (of ``_PRON``, ``ART``) opens with a letter of the
    look-ahead (a capital does in any case: names and roles open with one)."""
    first = re.compile(first)
    # each alternative's first word: "[Dd]er", "Hunderte", "(?:Einer|Eine"
    words = re.findall(r"(?:^|\||\(\?:)(?:\[(\w)(\w)\])?(\w+)", openers)
    assert len(words) > 30
    for upper, lower, rest in words:
        for word in [upper + rest, lower + rest] if upper else [rest]:
            assert first.match(word), word


def test_role_before_finds_what_the_plain_pattern_finds():
    scan = roles._ROLE_BEFORE
    prefix = re.match(r"\(\?=\[[^\]]+\]\)", scan.pattern)
    plain = re.compile(scan.pattern[prefix.end() :])
    pieces = [*NP_PIECES, "Außenminister", "russische", "Generalsekretär", "wieder", "den", "dem"]
    found = 0
    for text in _texts(pieces, 2, 3000):
        for pos in range(0, len(text) + 1, 7):
            expected = plain.search(text, pos)
            found += expected is not None
            got = scan.search(text, pos)
            assert (got and (got.span(), got.groups())) == (
                expected and (expected.span(), expected.groups())
            ), (text, pos)
    assert found > 500


@pytest.mark.parametrize(
    ("scan", "plain"),
    [
        (features._WORD_BEFORE, r"([\w\-]+)[^\w\n]{0,3}$"),
        (classify._TITLE_BEFORE, r"([\wäöüß\-]+)[ \t]*(?:\([^)]*\)[ \t]*)?$"),
    ],
)
def test_a_search_that_skips_the_inside_of_words_finds_the_same(scan, plain):
    plain = re.compile(plain)
    pieces = [*PIECES, "(", ")", "(SPD)", "Magazin", "-", "--", ";", "!"]
    for text in _texts(pieces, 3, 3000):
        for window in (text, text[-40:], text[:-1]):
            expected = plain.search(window)
            got = scan.search(window)
            assert (got and (got.span(), got.groups())) == (
                expected and (expected.span(), expected.groups())
            ), window


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="dDeEbBiIrsSmMaKRÖäßlu-() \t\n.,_1〈〉", max_size=40))
def test_first_letter_scans_on_any_text(text):
    assert _found(phrases.NP_BOUNDED, text) == _found(_plain(phrases.NP_BOUNDED), text)
    role = roles._ROLE_BEFORE
    role_plain = re.compile(role.pattern[role.pattern.index(")") + 1 :])
    assert _found(role, text) == _found(role_plain, text)
    for scan, plain in ((features._WORD_BEFORE, r"([\w\-]+)[^\w\n]{0,3}$"),):
        m, n = scan.search(text), re.search(plain, text)
        assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))


FIRST_LETTER_SCANS = [
    sources.LAUT,
    sources._POSSESSIVE_VIEW,
    sources.HEISST_BEFORE,
    sources.LISTED,
    sources._OPINION_POSSESSIVE,
    sources._OPINION_GENITIVE,
]
SOURCE_PIECES = [
    *NP_PIECES, "laut", "Laut", "nach", "Nach", "gemäß", "Angaben", "von", "Seiner", "ihrer",
    "Meinung", "In", "im", "Auf", "aus", "Vom", "dem", "Bericht", "heißt", "hieß", "es", "und",
    ":", "(", "Vorwurf", "Forderung", "Äußerung", "Plänen", "Roths", "dass", "Ansicht",
]  # fmt: skip


SOURCE_EXAMPLES = [
    "Seiner Meinung nach", "ihrer Ansicht nach", "In dem Bericht heißt es", "Im Brief hieß es",
    "Auf den Vorwurf der CDU, es ", "Vom Vorschlag des Ministers (SPD), dass ", "nach Roths Idee",
    "laut Angaben von Karl Roth", "Laut dem Minister", ", und der Minister Karl Roth: (",
    "Aus der Erklärung der Regierung hatte es", "Gemäß Roths neuen Plänen",
]  # fmt: skip


def _source_texts():
    rng = random.Random(5)
    for text in _texts(SOURCE_PIECES, 4, 2000):
        yield text
        yield rng.choice(["", "x", "-", " "]) + rng.choice(SOURCE_EXAMPLES) + text
        yield text + rng.choice(["", " ", "y"]) + rng.choice(SOURCE_EXAMPLES)


def _without_first_letter(scan: re.Pattern) -> re.Pattern:
    prefix = re.match(r"\(\?=\[[^\]]+\]\)", scan.pattern)
    assert prefix
    return re.compile(scan.pattern[prefix.end() :])


@pytest.mark.parametrize("scan", FIRST_LETTER_SCANS, ids=lambda rx: rx.pattern[:40])
def test_source_scan_finds_what_the_plain_pattern_finds(scan):
    plain = _without_first_letter(scan)
    bodies = sample_bodies()
    found = 0
    for text in [*_source_texts(), *bodies]:
        expected = _found(plain, text)
        found += len(expected)
        assert _found(scan, text) == expected, text
        for pos in (1, 5):
            got, want = scan.search(text, pos), plain.search(text, pos)
            assert (got and got.span()) == (want and want.span())
    assert found > 30


def test_names_and_roles_found_as_the_patterns_without_their_look_ahead_find_them():
    """``people._FULL_NAME`` and ``people._ROLE_WORD`` look for a capital after the first
    word's spaces before they try the words: the same matches."""
    from articles.quotes.phrases import CAP, INITIAL, NAMEW

    plain = {
        people._FULL_NAME: re.compile(
            rf"(?<![\w\-])(?P<first>(?=[A-ZÄÖÜ]){NAMEW})[ \t]+(?:{INITIAL}[ \t]+)?"
            rf"(?P<last>{NAMEW})(?![\w\-])"
        ),
        people._ROLE_WORD: re.compile(rf"(?<![\w\-]){CAP}(?=[ \t]+[A-ZÄÖÜ])"),
    }
    pieces = [*NP_PIECES, "R.", "J.", "McDonald", "O'Neill", "AT&T", "U.S.", "Ölpreis", "Roth-"]
    bodies = sample_bodies()
    found = dict.fromkeys(plain, 0)
    for text in [*_texts(pieces, 6, 3000), *bodies]:
        for scan, pattern in plain.items():
            expected = _found(pattern, text)
            found[scan] += len(expected)
            assert _found(scan, text) == expected, text
    assert min(found.values()) > 1000


def test_common_and_article_nouns_come_from_one_scan_as_from_two():
    bodies = sample_bodies()
    texts = [*bodies, *_texts([*PIECES, "einer", "Einem", "den", "Mann", "Der"], 5, 2000)]
    common = 0
    for text in texts:
        ctx = context.Context(text, text, [], [(0, len(text))])
        expected = frozenset(m.group(1) for m in context._COMMON_NOUN.finditer(text))
        assert ctx.common_nouns == expected, text
        assert ctx.article_nouns == frozenset(
            m.group(1) for m in context._ARTICLE_NOUN.finditer(text)
        ), text
        common += len(expected)
    assert common > 500
