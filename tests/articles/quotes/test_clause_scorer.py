"""``reported.ClauseScorer`` weighs a clause as the clause model weighs its features, so that
the clauses it leaves out (``choose._reported``) are exactly those below the threshold."""

from __future__ import annotations

import math
import random

import pytest

from articles.quotes.learned import LinearModel, default_model
from articles.quotes.pipeline import analyse
from articles.quotes.reported import ClauseScorer, SpanIndex, clause_candidates, clause_features
from articles.seedfile import parse
from tests.conftest import SEED

DEMO = sorted((SEED.parent / "demo").glob("*.txt"))[:20]


@pytest.fixture(scope="module")
def articles():
    """Each article's context, the spans of its rules and its clauses with their features."""
    found = []
    for path in [SEED, *DEMO]:
        ctx, _resolver, quotes = analyse(parse(path.read_text(encoding="utf-8"), path.name).body)
        index = SpanIndex(ctx, [(q.start, q.end) for q in quotes if q.kind == "indirect"])
        clauses = clause_candidates(ctx, [(q.start, q.end) for q in quotes if q.kind == "indirect"])
        found.append((ctx, index, [(c, clause_features(ctx, c, index)) for c in clauses]))
    return found


def _random_model(articles, seed: int) -> LinearModel:
    """Weights for every feature the clauses have, and then some they lack."""
    rng = random.Random(seed)
    names = {name for _ctx, _index, found in articles for _c, f in found for name in f}
    names |= {"first_word=unseen", "pieces=9"}
    weights = {name: rng.uniform(-3, 3) for name in sorted(names) if rng.random() < 0.9}
    return LinearModel(rng.uniform(-3, 3), weights, rng.uniform(0.05, 0.95))


def test_the_articles_have_clauses_of_every_kind(articles):
    clauses = [c for _ctx, _index, found in articles for c, _f in found]
    assert len(clauses) > 800
    assert any(c.from_rules for c in clauses)
    assert any(c.first == 0 and c.last == c.pieces - 1 for c in clauses)


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_the_scorer_scores_a_clause_as_the_model_scores_its_features(articles, seed):
    model = default_model().clause if seed is None else _random_model(articles, seed)
    scored = 0
    for ctx, index, found in articles:
        scorer = ClauseScorer(ctx, index, model)
        for clause, features in found:
            quick = scorer.score(clause)
            if quick is None:
                assert clause.from_rules or "first_word=" in features  # a span without words
                continue
            assert math.isclose(quick, model.score(features), rel_tol=0, abs_tol=1e-9), clause
            scored += 1
    assert scored > 700


def test_the_cutoff_keeps_every_clause_at_the_threshold():
    for threshold in (0.01, 0.2, 0.5, 0.93):
        model = LinearModel(0.0, {}, threshold)
        scorer = ClauseScorer(None, None, model)
        at = math.log(threshold / (1 - threshold))
        assert scorer.cutoff() < at
        assert model.probability({}) < threshold or scorer.cutoff() < 0.0
        for s in (at - 1e-9, at, at + 1e-9):
            # a score so close to the threshold's is never left out
            assert s >= scorer.cutoff()
    assert ClauseScorer(None, None, LinearModel(0.0, {}, 0.0)).cutoff() == -math.inf
