"""The whole-article scans that test a match's first character before its look-behind
(``features.starting_with``) find exactly what the patterns alone find."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.quotes import candidates, context, people

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
