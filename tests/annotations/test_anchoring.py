"""The anchoring module: selectors from offsets, re-anchoring in changed text (plain Python)."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotations.anchoring import CONTEXT, Anchor, OutOfBounds, describe, locate, reanchor
from articles import seedfile
from tests.conftest import SEED

BODY = seedfile.parse(seedfile.decode(SEED.read_bytes(), SEED.name), SEED.name).body

text_strategy = st.text(alphabet="abcdeäöü ß.,\n\"'", min_size=1, max_size=300)


def test_describe_builds_both_selectors():
    anchor = describe("Der Sieg Russlands wäre eine Niederlage.", 4, 18)
    assert anchor.exact == "Sieg Russlands"
    assert anchor.prefix == "Der " and anchor.suffix == " wäre eine Niederlage."
    assert anchor.selectors() == [
        {"type": "TextPositionSelector", "start": 4, "end": 18},
        {"type": "TextQuoteSelector", "exact": "Sieg Russlands", "prefix": "Der ",
         "suffix": " wäre eine Niederlage."},
    ]  # fmt: skip


def test_context_is_about_32_characters():
    anchor = describe(BODY, 200, 240)
    assert len(anchor.prefix) == CONTEXT == len(anchor.suffix)


@pytest.mark.parametrize("start,end", [(-1, 3), (3, 3), (5, 2), (0, 10_000), (0.5, 2)])
def test_describe_refuses_offsets_outside_the_text(start, end):
    with pytest.raises(OutOfBounds):
        describe("short text", start, end)


def test_the_context_picks_the_right_one_of_repeated_quotes():
    text = "Er sagte ja. Sie sagte nein. Er sagte ja, und sie sagte wieder ja."
    second = text.index("ja", 20)
    anchor = describe(text, second, second + 2)
    moved = "Vorweg ein Satz. " + text
    assert reanchor(moved, anchor).start == second + len("Vorweg ein Satz. ")


def test_an_edit_elsewhere_moves_the_passage():
    start = BODY.index("militärischer Sieg Russlands")
    anchor = describe(BODY, start, start + len("militärischer Sieg Russlands"))
    changed = BODY.replace("Unmittelbar vor dem Beginn", "Kurz vor dem Beginn", 1)
    moved = reanchor(changed, anchor)
    assert moved.exact == anchor.exact
    assert moved.start == start - len("Unmittelbar") + len("Kurz")


def test_a_small_change_inside_the_passage_is_found_fuzzily():
    phrase = "ein militärischer Sieg Russlands in der Ukraine eine Niederlage"
    start = BODY.index(phrase)
    anchor = describe(BODY, start, start + len(phrase))
    changed = BODY.replace(phrase, "ein militärischer Sieg Russlands in der Ukraine die Niederlage")
    moved = reanchor(changed, anchor)
    assert moved is not None
    assert abs(moved.start - start) <= 3 and abs(moved.end - anchor.end) <= 3
    assert "Sieg Russlands in der Ukraine" in moved.exact


def test_a_passage_that_is_gone_is_orphaned():
    phrase = "NATO-Generalsekretär Jens Stoltenberg sagte am Dienstag vor Reportern"
    start = BODY.index(phrase)
    anchor = describe(BODY, start, start + len(phrase))
    gone = BODY[:start] + BODY[start + len(phrase) + 40 :]
    gone = gone.replace("Stoltenberg", "er").replace("Reportern", "Presse")
    assert reanchor(gone, anchor) is None
    assert reanchor("Ein ganz anderer Text ohne jeden Bezug.", anchor) is None


def test_short_quotes_are_not_guessed():
    assert locate("abcdef", "xyz") is None
    assert locate("", "abc") is None
    assert locate("abc", "") is None


@settings(max_examples=200, deadline=None)
@given(data=st.data(), text=text_strategy)
def test_an_unchanged_text_keeps_every_anchor(data, text):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = describe(text, start, end)
    assert reanchor(text, anchor) == anchor


@settings(max_examples=200, deadline=None)
@given(data=st.data(), text=text_strategy, before=text_strategy, after=text_strategy)
def test_text_added_around_the_context_shifts_the_anchor(data, text, before, after):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = describe(text, start, end)
    # A separator that occurs nowhere else keeps the old text's context unique enough.
    changed = before + "|" + text + "|" + after
    moved = reanchor(changed, anchor)
    assert moved is not None and moved.exact == anchor.exact
    assert changed[moved.start : moved.end] == anchor.exact


@settings(max_examples=300, deadline=None)
@given(data=st.data(), text=text_strategy, edited=text_strategy)
def test_whatever_the_edit_the_result_is_a_valid_anchor_or_none(data, text, edited):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    moved = reanchor(edited, describe(text, start, end))
    if moved is not None:
        assert 0 <= moved.start < moved.end <= len(edited)
        assert moved == describe(edited, moved.start, moved.end)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_one_changed_letter_in_a_long_passage_is_still_found(data):
    start = data.draw(st.integers(0, len(BODY) - 200))
    length = data.draw(st.integers(40, 160))
    anchor = describe(BODY, start, start + length)
    at = data.draw(st.integers(start, start + length - 1))
    assume(BODY[at] != "#")
    changed = BODY[:at] + "#" + BODY[at + 1 :]
    moved = reanchor(changed, anchor)
    assert moved is not None
    assert abs(moved.start - start) <= 4 and abs(moved.end - anchor.end) <= 4


def test_a_changed_letter_in_a_phrase_the_text_repeats_keeps_the_passage_in_its_place():
    phrase = " Treffens der NATO-Verteidigungsminister"
    first = BODY.index(phrase)
    second = BODY.index(phrase, first + 1)  # the seed says it twice
    anchor = describe(BODY, second, second + len(phrase))
    changed = BODY[:second] + "#" + BODY[second + 1 :]
    moved = reanchor(changed, anchor)
    # not the same words at the first place, in other surroundings
    assert moved is not None and abs(moved.start - second) <= 4


def test_an_anchor_is_a_value():
    assert Anchor(1, 2, "a", "", "") == Anchor(1, 2, "a", "", "")


def test_the_fuzzy_search_is_bounded_on_long_texts():
    import time

    text = (BODY + "\n\n") * 60  # about 200 000 characters, every phrase repeated
    anchor = describe(BODY, 500, 700)
    changed = text.replace(BODY[550:560], "##########")
    began = time.perf_counter()
    reanchor(changed, anchor)
    reanchor("x" * 200_000, anchor)
    assert time.perf_counter() - began < 2
