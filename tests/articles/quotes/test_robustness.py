"""Pathological input: empty and mark-only texts, arbitrary text drawn by hypothesis, and very
long texts. The extractor never raises, answers quickly, and every offset it returns is valid.

Every call is strict: by default extract() turns any error into an empty result, which would let
these tests pass on an extractor that crashes."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.quotes import Extraction, extract
from articles.quotes.marks import LINKED


def test_empty_and_mark_only_inputs():
    for text in ["", '"', "„", "“”", '""', "»«", "'", '\n\n"\n']:
        result = extract(text, strict=True)
        for q in result.quotes:
            assert 0 <= q.start < q.end <= len(text)


# --- property: never raises, offsets always valid --------------------------------------------

WORDS = [
    "sagte",
    "er",
    "sie",
    "so",
    "Merkel",
    "laut",
    "der",
    "Minister",
    "Jens",
    "Stoltenberg",
    "erklärte",
    "dass",
    "die",
    "sogenannte",
    "Zeitung",
    "berichtet",
    ",",
    ".",
    ":",
    " ",
    "\n",
    "\n\n",
    "(",
    ")",
    "[",
    "]",
    "–",
    # organisation names with lower-case words, which the masked text marks (orgnames)
    "Bundesamt",
    "für",
    "ohne",
    "Grenzen",
    "bedrohte",
]
MARKS = ["„", "“", "”", "»", "«", "‚", "‘", "’", '"', "'", "›", "‹"]
pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.text(max_size=4))
bodies = st.lists(pieces, max_size=60).map(" ".join) | st.lists(pieces, max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(bodies)
def test_property_never_raises_and_offsets_are_valid(text):
    result = extract(text, strict=True)
    assert isinstance(result, Extraction)
    previous = -1
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= previous
        previous = q.start
        assert q.kind in ("direct", "indirect", "not_speech")
        assert 0.0 <= q.confidence <= 1.0
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    names = {s.name for s in result.speakers}
    assert {q.speaker for q in result.quotes if q.speaker} <= names
    # the mark of a linked organisation name never leaves the extractor
    written = [q.speaker or "" for q in result.quotes] + [q.cue or "" for q in result.quotes]
    written += [s.name + (s.role or "") + "".join(s.aliases) for s in result.speakers]
    assert not any(LINKED in text for text in written)


# --- property: German-like text with frames, quotations and marks of every kind ----------------

GERMAN = ["Die", "der", "Regierung", "hat", "am", "Montag", "in", "Berlin", "nicht", "dass"]
GERMAN += ["sei", "wird", "Lage", "ernst", "und", "mit", "den", "Worten", "Bericht", "zufolge"]
SPEECH_VERBS = ["sagte", "erklärte", "so", "laut"]
PRONOUNS = ["er", "sie", "Er", "Sie", "es", "letztere", "der", "die"]
NAMES = ["Anna Berg", "Karl Roth", "Ursula von der Heide", "Der Minister", "Süddeutsche Zeitung"]
PUNCTUATION = [":", ",", ".", "\n", "\n\n", "\n \n"]

words = st.sampled_from(GERMAN + SPEECH_VERBS + PRONOUNS)
proper_names = st.sampled_from(NAMES) | st.from_regex(r"[A-ZÄÖÜ][a-zäöüß]{1,9}", fullmatch=True)
any_mark = st.sampled_from(MARKS)
# a quotation between any two marks, so that pairs, mismatches and nesting all turn up
quoted = st.tuples(
    any_mark, st.lists(words | proper_names | any_mark, min_size=1, max_size=6), any_mark
).map(lambda t: t[0] + " ".join(t[1]) + t[2])
speaker = proper_names | st.sampled_from(PRONOUNS)
verb = st.sampled_from(SPEECH_VERBS)
frame_before = st.tuples(speaker, verb, quoted).map(lambda t: f"{t[0]} {t[1]}: {t[2]}")
frame_after = st.tuples(quoted, verb, speaker).map(lambda t: f"{t[0]}, {t[1]} {t[2]}.")
tokens = st.one_of(
    words,
    proper_names,
    any_mark,
    st.sampled_from(PUNCTUATION),
    quoted,
    frame_before,
    frame_after,
    st.text(max_size=3),
)
separators = st.sampled_from(["", " ", " ", " ", ", ", ". ", "\n", "\n\n"])
texts = st.text() | st.lists(st.tuples(tokens, separators), max_size=40).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


@settings(max_examples=200, deadline=None)
@given(texts)
def test_property_strict_never_raises(text):
    result = extract(text, strict=True)
    for q in result.quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.kind in {"direct", "indirect", "not_speech"}
        assert (q.speaker_start is None) == (q.speaker_end is None)
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["Der", "Minister", "Hans", "Meier", "von", "Peter"] * 5000),  # no sentence ends
        '„a“ »b« "c" ‚d‘ \'' * 1500,  # marks everywhere (9,000 quotations)
        "Er sagte: „" + "Wir gehen nach Hause, " * 5000,  # one endless open quotation
    ],
)
def test_pathological_text_stays_bounded(text):
    start = time.perf_counter()
    result = extract(text, strict=True)
    # about 0.3-2 s; speed is measured by bench/quote_scaling.py, this only catches a blow-up
    # (quadratic work on these texts takes minutes) without failing on a busy machine
    assert time.perf_counter() - start < 60.0
    assert all(0 <= q.start < q.end <= len(text) for q in result.quotes)


def test_an_extraction_leaves_nothing_to_the_cycle_collector():
    """The article's objects are freed as soon as the result is built (speed: the collector's
    passes over them cost about 0.1 ms a file)."""
    text = (
        "Der Minister Karl Roth sagte: „Wir sparen.“ Roth fügte hinzu, die Lage sei ernst. "
        "„Das ist nicht genug“, erklärte die Sprecherin Anna Berg. Laut Berg kämen sie voran."
    )
    extract(text, strict=True)
    gc.collect()
    gc.disable()
    try:
        result = extract(text, strict=True)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert result.quotes and result.speakers
