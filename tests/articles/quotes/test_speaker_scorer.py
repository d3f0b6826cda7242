"""``candidates.SpeakerScorer`` gives every candidate speaker exactly the log-odds the speaker
model gives its features (``choose`` scores with it; training reads the features)."""

from __future__ import annotations

import random

import pytest

from articles.quotes.candidates import SpeakerScorer, speaker_candidates, speaker_features
from articles.quotes.learned import LinearModel, default_model
from articles.quotes.model import Quotation
from articles.quotes.pipeline import analyse
from tests.articles.quotes.helpers import sample_bodies

# what the fixtures lack: an odd kind, a pronoun without its phrase, offsets and confidences
# beyond the names built beforehand, a rule's mention without a cue
ODD = (
    "Er kam. Sie ging. Man sah es. Dann fragte ich: „Warum?“ Wir wissen es nicht, so er. "
    + "Ein Satz. " * 45
    + "„Spät“, sagte Roth (SPD). Der Minister Karl Roth erklärte: „Wir sparen.“\n"
    + "„Gut“, sagte sie."
)


@pytest.fixture(scope="module")
def quotations():
    """Each quotation of the articles with its context, its rule and its candidates."""
    found = []
    bodies = sample_bodies()
    for body in [*bodies, ODD]:
        ctx, _resolver, quotes = analyse(body)
        for q in quotes:
            for rule in (q, None, _odd_rule(q)):
                span = (q.start, q.end)
                candidates = speaker_candidates(ctx, span, rule)
                if candidates:
                    found.append((ctx, span, rule, candidates))
    return found


def _odd_rule(q: Quotation) -> Quotation | None:
    """The rule's mention without a cue, of a confidence above 1."""
    if q.speaker_start is None:
        return None
    return Quotation(q.start, q.end, q.kind, q.speaker, q.speaker_start, q.speaker_end, None, 1.7)


def _random_model(quotations, seed: int) -> LinearModel:
    """Weights for most features the candidates have (some left out), and some they lack."""
    rng = random.Random(seed)
    names = set()
    for ctx, span, rule, candidates in quotations:
        for features in speaker_features(ctx, span, candidates, rule):
            names.update(features)
    names |= {"kind=unseen", "sentence=99", "pronoun=unseen"}
    weights = {name: rng.uniform(-3, 3) for name in sorted(names) if rng.random() < 0.9}
    weights["rank=2"] = 0.0  # a weight of zero is a term like any other
    return LinearModel(rng.uniform(-3, 3), weights, rng.uniform(0.05, 0.95))


def test_the_candidates_have_features_of_every_kind(quotations):
    names = set()
    for ctx, span, rule, candidates in quotations:
        for features in speaker_features(ctx, span, candidates, rule):
            names.update(features)
    assert len(quotations) > 100
    for prefix in ("kind=", "pronoun=", "rule_exact_confidence=", "sentence=-", "rule_none"):
        assert any(name.startswith(prefix) for name in names), prefix


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_the_scorer_scores_a_candidate_exactly_as_the_model_scores_its_features(quotations, seed):
    model = default_model().speaker if seed is None else _random_model(quotations, seed)
    scorer = SpeakerScorer(model)
    for ctx, span, rule, candidates in quotations:
        expected = [model.score(f) for f in speaker_features(ctx, span, candidates, rule)]
        assert scorer.scores(ctx, span, candidates, rule) == expected  # to the last bit
