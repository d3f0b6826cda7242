"""The faster forms of the extractor's scans find exactly what the patterns they replace find."""

import random
import re
from dataclasses import fields, replace

import pytest

from articles.quotes.context import Context
from articles.quotes.features import (
    COUNT_EDGES,
    DISTANCE_EDGES,
    WORD,
    bucket,
    whole_words,
    words_lower,
)
from articles.quotes.lexicon import NOT_NAMES, ROLE_SUFFIXES
from articles.quotes.phrases import (
    CAP,
    NAMEW,
    NP_BOUNDED,
    Phrase,
    analyse_phrase,
    is_role,
    word_alternation,
)
from articles.quotes.reported import _CUT, SentenceWords, _running_counts, clause_candidates
from articles.quotes.roles import (
    _LAST_STOP,
    _ROLE_APPOS_BEFORE,
    _ROLE_BEFORE,
    _role_appos_before,
    _role_before,
)
from articles.quotes.sentences import cue_tokens

ALPHABET = "ab-_ .Äö(1\n"


def _regex(text: str, forms: list[str]) -> list[tuple[int, int, str]]:
    rx = re.compile(
        r"(?<![\w\-])(?:"
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w\-])"
    )
    return [(m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


@pytest.mark.parametrize("seed", range(20))
def test_whole_words_finds_what_the_alternation_finds(seed):
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        forms = list(
            dict.fromkeys(
                "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 4)))
                for _ in range(rng.randint(1, 5))
            )
        )
        assert whole_words(text, forms) == _regex(text, forms), (text, forms)


def test_whole_words_on_names():
    text = "Angela Merkel sagte, Merkel-Fans und Merkels Partei; Merkel. Angela Merkel"
    forms = ["Merkel", "Angela Merkel"]
    assert whole_words(text, forms) == _regex(text, forms)
    assert [f for _s, _e, f in whole_words(text, forms)] == [
        "Angela Merkel",
        "Merkel",
        "Angela Merkel",
    ]


def test_analyse_phrase_copies_every_field_of_a_kept_phrase():
    # analyse_phrase builds each caller's Phrase field by field from the cached one
    assert [f.name for f in fields(Phrase)] == [
        "start", "end", "text", "pronoun", "name", "name_start", "role", "kind", "female",
        "participle",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Bundeskanzler Olaf Scholz",
        "die Sprecherin der Polizei",
        "der in Berlin lebende Autor Karl Roth",
        "die Wochenzeitschrift 〈Jungle World〉",
        "Petra Klein vom Sozialverband",
    ],
)
def test_analyse_phrase_is_the_same_wherever_the_phrase_stands(text):
    first = analyse_phrase(NP_BOUNDED.match(text))
    moved = analyse_phrase(NP_BOUNDED.match("x, " + text, 3))
    assert moved is not first
    assert moved == replace(
        first,
        start=first.start + 3,
        end=first.end + 3,
        name_start=None if first.name_start is None else first.name_start + 3,
    )
    moved.role = "changed"  # a caller's change stays its own
    assert analyse_phrase(NP_BOUNDED.match(text)) == first


ROLE_PIECES = [
    "der", "die", "Einer", "neue", "Bundeskanzler", "Olaf", "Karl", "U.S.", "Dr.", "Leder",
    "1984", "3-fache", ",", ";", "(", ")", "\n", "⟪···⟫", "„", "“", "»", ".", "-", "'", "\t",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(10))
def test_role_searches_find_what_the_search_finds(seed):
    rng = random.Random(seed)
    for _ in range(500):
        pieces = [rng.choice(ROLE_PIECES) for _ in range(rng.randint(0, 12))]
        window = "".join(p + rng.choice(["", " ", " ", "  ", "\t", "\n"]) for p in pieces)
        # an apposition before a name ends with a comma and spaces
        appos_window = window + rng.choice([", ", ",\t ", ", \n", ",", " ", ""])
        for fast, search, text in (
            (_role_before, _ROLE_BEFORE.search, window),
            (_role_appos_before, _ROLE_APPOS_BEFORE.search, appos_window),
        ):
            found, expected = fast(text), search(text)
            assert (found and (found.span(), found.groupdict())) == (
                expected and (expected.span(), expected.groupdict())
            ), text


@pytest.mark.parametrize("seed", range(10))
def test_the_last_stop_before_a_role_is_the_last_that_rfind_finds(seed):
    rng = random.Random(seed)
    stops = (",", ";", ":", "(", ")", "⟪", "⟫", "·", '"', "„", "“", "»", "«")
    for _ in range(500):
        window = "".join(rng.choice([*ROLE_PIECES, " ", "x"]) for _ in range(rng.randint(0, 12)))
        cut = max([window.rfind("\n", 0, len(window) - 1)] + [window.rfind(s) for s in stops])
        stop = _LAST_STOP.match(window)
        assert (stop.end() - 1 if stop else -1) == cut, window


@pytest.mark.parametrize("seed", range(10))
def test_word_alternation_matches_what_the_plain_alternation_matches(seed):
    rng = random.Random(seed)
    letters = "aAbBäÄ-"
    for _ in range(300):
        words = list(
            dict.fromkeys(
                "".join(rng.choice(letters) for _ in range(rng.randint(1, 4)))
                for _ in range(rng.randint(1, 8))
            )
        )
        text = "".join(rng.choice(letters + " .") for _ in range(rng.randint(0, 30)))
        for end in ("", r"(?=[ .]|$)"):  # the first word that matches; the first whole word
            plain = re.compile(rf"(?:{'|'.join(map(re.escape, words))}){end}")
            grouped = re.compile(rf"(?:{word_alternation(words)}){end}")
            assert [m.span() for m in grouped.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], (words, text)


@pytest.mark.parametrize("seed", range(5))
def test_name_word_finds_what_the_plain_list_finds(seed):
    openers = sorted(NOT_NAMES, key=len, reverse=True)
    plain = re.compile(rf"(?!(?:{'|'.join(openers)})\b){CAP}")
    name_word = re.compile(NAMEW)
    pieces = [*openers[::7], "Merkel", "Abert", "aber", "U.S.", "O'Neill", "x", "-", "1"]
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "-", ". "]) for _ in range(8))
        assert [m.span() for m in name_word.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text
    assert name_word.fullmatch("Merkel") and name_word.fullmatch("Abert")
    assert not name_word.fullmatch("Aber") and not name_word.fullmatch("merkel")


@pytest.mark.parametrize("seed", range(10))
def test_is_role_is_the_forward_expression(seed):
    suffixes = "|".join(sorted(ROLE_SUFFIXES, key=len, reverse=True))
    forward = re.compile(
        rf"(?:[\w\-]*-)?[\w]*(?:{suffixes})(?:in|innen|en|n|s|e|es)?", re.IGNORECASE
    )
    pieces = [*ROLE_SUFFIXES[seed::10], "Bundes", "-", "in", "innen", "es", "e", "n", "X", ".", "1"]
    rng = random.Random(seed)
    for _ in range(1000):
        token = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        token = rng.choice([token, token.upper(), token.capitalize()])
        assert is_role(token) == bool(forward.fullmatch(token)), token


def test_bucket_is_the_last_edge_reached():
    def last_reached(n, edges):
        found = 0
        for i, edge in enumerate(edges):
            if n >= edge:
                found = i
        return found

    for edges in (COUNT_EDGES, DISTANCE_EDGES, (3, 5, 8)):
        for n in range(-3, 400):
            assert bucket(n, edges) == last_reached(n, edges), (n, edges)


@pytest.mark.parametrize("seed", range(10))
def test_context_words_are_what_the_search_finds(seed):
    rng = random.Random(seed)
    pieces = ["Merkel", "sagte", "ΟΔΟΣ", "İstanbul", "a-b", "ß", " ", ", ", "⟪··⟫", "\n", "5."]
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        ctx = Context(text, text, [], [(0, len(text))])
        for _ in range(20):
            start, end = rng.randint(-3, len(text) + 3), rng.randint(-3, len(text) + 3)
            expected = (
                [m.start() for m in WORD.finditer(text, start, end)],
                words_lower(text, start, end),
            )
            assert ctx.words_in(start, end) == expected, (text, start, end)
            assert ctx.words_lower(start, end) == expected[1]


@pytest.mark.parametrize("seed", range(10))
def test_context_first_and_last_words_and_holds_are_read_from_words_in(seed):
    rng = random.Random(seed)
    pieces = ["Merkel", "sagte", "sei", "İstanbul", "a-b", "ß", " ", ", ", "⟪··⟫", "\n", "5."]
    vocabularies = [frozenset(("sagte", "sei")), frozenset(("sag", "te", "ei", "a", "b"))]
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        ctx = Context(text, text, [], [(0, len(text))])
        for _ in range(20):
            start, end = rng.randint(0, len(text) + 3), rng.randint(0, len(text) + 3)
            words = ctx.words_in(start, end)[1]
            for n in (1, 2, 3):
                assert ctx.first_words(start, end, n) == words[:n], (text, start, end, n)
                assert ctx.last_words(start, end, n) == words[-n:], (text, start, end, n)
            for vocabulary in vocabularies:  # (the second holds pieces of cut words)
                expected = not vocabulary.isdisjoint(words)
                assert ctx.holds(start, end, vocabulary) == expected, (text, start, end)


@pytest.mark.parametrize("seed", range(10))
def test_context_cue_tokens_are_what_the_scanner_finds(seed):
    rng = random.Random(seed)
    pieces = [
        "sagte", "Sagte", "sagt-", "fügte", "hinzu", "gab", "bekannt", "glaube", "Er", "sie",
        "Merkel", "İstanbul", " ", ", ", "⟪··⟫", "\n", ".",
    ]  # fmt: skip
    for _ in range(50):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        ctx = Context(text, text, [], [(0, len(text))])
        for _ in range(20):
            start, end = rng.randint(-3, len(text) + 3), rng.randint(-3, len(text) + 3)
            expected = list(cue_tokens(text, start, end))
            assert ctx.cue_tokens(start, end) == expected, (text, start, end)


def _plain_clause_spans(ctx: Context) -> list[tuple[int, int, int, int]]:
    """Each sentence's runs of pieces trimmed one by one, as ``clause_candidates`` did."""
    masked, found = ctx.masked, []
    for index, (s_start, s_end) in enumerate(ctx.sentences):
        cuts = list(_CUT.finditer(masked, s_start, s_end))[:9]
        starts = [s_start] + [m.end() for m in cuts]
        ends = [m.start() for m in cuts] + [s_end]
        for i, start in enumerate(starts):
            for j in range(i, min(len(ends), i + 6)):
                a, b = start, ends[j]
                while b > a and masked[b - 1] in " .!?\n\t":
                    b -= 1
                while a < b and masked[a] in " \n\t":
                    a += 1
                if b - a >= 8:
                    found.append((index, i, j, a, b))
    return found


@pytest.mark.parametrize("seed", range(10))
def test_clause_candidates_trim_as_each_span_was_trimmed(seed):
    rng = random.Random(seed)
    pieces = ["Er sagte", "dass", "es", ", ", ",\n", ": ", " - ", " – ", ".", "!", " ", "\t", "?"]
    for _ in range(100):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        cut = rng.randint(0, len(text))
        ctx = Context(text, text, [], [(0, cut), (cut, len(text))])
        found = [(c.sentence, c.first, c.last, c.start, c.end) for c in clause_candidates(ctx, [])]
        assert found == _plain_clause_spans(ctx), text


@pytest.mark.parametrize("seed", range(10))
def test_context_lower_words_are_what_the_search_finds(seed):
    lower_word = re.compile(r"(?<![\w\-])[a-zäöüß][\w]*")
    rng = random.Random(seed)
    pieces = ["sagte", "Merkel", "ärger", "a-b", "-c", "ß", "İstanbul", "x1", " ", "-", "\n", "."]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        ctx = Context(text, text, [], [(0, len(text))])
        assert ctx.lower_words == frozenset(lower_word.findall(text)), text


@pytest.mark.parametrize("seed", range(10))
def test_sentence_words_are_the_sentences_own(seed):
    # a sentence's words and counts are a part of the article's, or its own where a bound
    # cuts a word; either way what its own words would give, counted from its first count
    rng = random.Random(seed)
    pieces = ["sagte", "habe", "laut", "Angaben", "Merkel", "a-b", " ", ", ", "\n", ". "]
    for _ in range(100):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        cuts = sorted(rng.sample(range(1, len(text) + 1), min(3, len(text))))
        bounds = [0, *cuts[:-1], len(text)]
        sentences = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
        ctx = Context(text, text, [], sentences)
        for index, (start, end) in enumerate(sentences):
            sw = SentenceWords(ctx, index)
            assert (sw.starts, sw.words) == ctx.words_in(start, end), (text, start, end)
            counts = (sw.subjunctive, sw.reporting, sw.source, sw.source_nouns)
            own = _running_counts(sw.words)
            assert [[c - found[0] for c in found] for found in counts] == list(own), text


def test_cue_subject_is_found_once_and_each_caller_gets_its_own_copy():
    from articles.quotes.pipeline import build_context
    from articles.quotes.subjects import _cue_subject, cue_subject

    text = (
        "Der Minister Karl Roth sagte, die Lage sei ernst. Die Sprecherin erklärte am Montag: "
        "„Wir prüfen das.“ Laut Roth kämen die Verhandlungen voran, betonte er."
    )
    asked = 0
    for s_start, s_end in build_context(text).sentences:
        ctx = build_context(text)
        for cue in ctx.cue_tokens(s_start, s_end):
            first = cue_subject(ctx, s_start, cue, s_end)
            fresh = _cue_subject(build_context(text), s_start, cue, s_end)
            assert first == fresh
            if first is not None:
                asked += 1
                first.kind, first.role = "organisation", "changed"  # a caller's change
                again = cue_subject(ctx, s_start, cue, s_end)
                assert again == fresh and again is not first
    assert asked >= 2
