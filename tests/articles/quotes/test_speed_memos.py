"""What the extractor keeps per article to ask once is what it would compute each time."""

from dataclasses import replace

import pytest

from articles.quotes.entities import Entities
from articles.quotes.phrases import NP_BOUNDED, analyse_phrase
from articles.quotes.pipeline import analyse
from tests.articles.quotes.helpers import sample_bodies

# genitive owners, mute phrases with a source, organisations, a role alone, lower-case words
ODD = (
    "Der behandelnde Arzt Lahms sagte, Lahm sei gesund. Nach Angaben von Petra Lindner kam es "
    "anders. Die Arbeitshypothese der Ermittler lautet: „Mord“. Die Regierung erklärte es. "
    "Der Sprecher sagte: „Nein.“ Außenminister Sergei Lawrow sagte, Lawrow bleibe. "
    "Adolfo Pérez Esquivel kam; Adolfo Pérez sprach. Kritik von Gisela Piltz kam auf."
)


def _bodies() -> list[str]:
    return [*sample_bodies(), ODD]


def _phrases(ctx) -> list:
    """Every noun phrase of the article, each also with another role, kind and pronoun."""
    found = [analyse_phrase(m) for m in NP_BOUNDED.finditer(ctx.masked) if m.end() > m.start()]
    variants = []
    for p in found:
        variants += (
            p,
            replace(p, role=None),
            replace(p, role="Sprecher"),
            replace(p, kind="organisation"),
            replace(p, pronoun="er"),
        )
    return variants


@pytest.mark.parametrize("body", _bodies(), ids=lambda b: str(len(b)))
def test_canonical_is_what_the_plain_computation_gives_in_any_order(body):
    ctx = analyse(body).ctx
    phrases = _phrases(ctx)
    assert phrases
    plain = Entities(ctx)
    plain.canonical = plain._canonical_of  # no memo, its own recursion included
    expected = [plain.canonical(p) for p in phrases]
    for order in (phrases, phrases[::-1]):
        memo = Entities(ctx)
        got = {id(p): memo.canonical(p) for p in order}
        assert [got[id(p)] for p in phrases] == expected
        assert [memo.canonical(p) for p in phrases] == expected  # asked again
