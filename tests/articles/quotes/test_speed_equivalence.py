"""The faster forms of the extractor's scans find exactly what the patterns they replace find."""

import random
import re

import pytest

from articles.quotes.entities import whole_words

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
