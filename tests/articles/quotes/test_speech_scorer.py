"""``speech_marks.SpeechScorer`` gives every pair of quotation marks exactly the log-odds the
speech model gives its features (``choose`` scores with it; training reads the features)."""

from __future__ import annotations

import random

import pytest

from articles.quotes.learned import LinearModel, default_model
from articles.quotes.model import Quotation
from articles.quotes.pipeline import analyse
from articles.quotes.speech_marks import SpeechScorer, speech_features
from tests.articles.quotes.helpers import sample_bodies

# what the fixtures may lack: nested marks, a title after its cue, a name in brackets, a
# paragraph of its own, marks at the very start
ODD = (
    "„Erstens“ kam. Das Magazin „Der Spiegel“ schrieb: „Er sagte ‚nie wieder‘ und ging.“\n"
    '„Wir sparen, sagte ich“ (»Roth«): nannte es einen „Putsch“ – „1“, «x» – "Gut?"\n'
    "„Er sagte: ‚Sie rief »Halt« laut‘ gestern.“\n"
    "Laut „tagesschau.de“ flog die „con energy ag“ im Flugzeug „Virgin Atlantic GlobalFlyer“."
)


@pytest.fixture(scope="module")
def marks():
    """Each pair of marks with its context and rule, and with other rules of its span."""
    found = []
    bodies = sample_bodies()
    for body in [*bodies, ODD]:
        ctx, _resolver, quotes = analyse(body)
        by_span = {(q.start, q.end): q for q in quotes if q.kind != "indirect"}
        for m in ctx.marks:
            rule = by_span.get((m.start, m.end))
            found.append((ctx, m, rule))
            found.append((ctx, m, None))
            odd = Quotation(m.start, m.end, "direct", None, None, None, "sagte", 1.2)
            found.append((ctx, m, odd))
    return found


def _random_model(marks, seed: int) -> LinearModel:
    """Weights for most features the marks have (some left out), and some they lack."""
    rng = random.Random(seed)
    names = {name for ctx, m, rule in marks for name in speech_features(ctx, m, rule)}
    names |= {"before=unseen", "rule_confidence=12"}
    weights = {name: rng.uniform(-3, 3) for name in sorted(names) if rng.random() < 0.9}
    weights["closed"] = 0.0  # a weight of zero is a term like any other
    return LinearModel(rng.uniform(-3, 3), weights, rng.uniform(0.05, 0.95))


def test_the_marks_have_features_of_every_kind(marks):
    found = [speech_features(ctx, m, rule) for ctx, m, rule in marks]
    assert len(found) > 300
    assert any(f["depth"] == 2 for f in found) and any(f["capitalised_share"] for f in found)
    assert any(f["judged"] for f in found) and any(f["before_title_cue"] for f in found)
    for name in ("web_address", "organisation_name", "name_after_noun"):
        assert any(f.get(name) for f in found), name


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_the_scorer_scores_marks_exactly_as_the_model_scores_their_features(marks, seed):
    model = default_model().speech if seed is None else _random_model(marks, seed)
    scorer = SpeechScorer(model)
    for ctx, m, rule in marks:
        assert scorer.score(ctx, m, rule) == model.score(speech_features(ctx, m, rule)), m


def _features_of(body: str) -> dict[str, dict]:
    ctx, _resolver, _quotes = analyse(body)
    return {body[m.start + 1 : m.end - 1]: speech_features(ctx, m, None) for m in ctx.marks}


def test_names_in_marks_are_told_by_their_shape_and_the_noun_before():
    found = _features_of(
        "Laut „tagesschau.de“ kritisierte er die „con energy ag“ und den neuen „Oberste Rat zur "
        "Wiederherstellung der Demokratie“. Er flog im Flugzeug „Virgin Atlantic GlobalFlyer“. "
        "Er sagte: „Wir haben das Geld nicht.“ Die Firma nannte es „Unsinn“."
    )
    names = {"web_address", "organisation_name", "name_after_noun"}
    assert {n for n in names if found["tagesschau.de"].get(n)} == {"web_address"}
    assert found["con energy ag"].get("organisation_name")
    assert found["Oberste Rat zur Wiederherstellung der Demokratie"].get("organisation_name")
    assert found["Virgin Atlantic GlobalFlyer"].get("name_after_noun")
    for speech in ("Wir haben das Geld nicht.", "Unsinn"):
        assert not any(found[speech].get(n) for n in names), speech
