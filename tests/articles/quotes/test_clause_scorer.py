"""``clause_scores.ClauseScorer`` gives every clause exactly the log-odds the clause model gives
its features (``choose._reported`` scores with it; training reads the features)."""

from __future__ import annotations

import random

import pytest

from articles.quotes.clause_scores import ClauseScorer
from articles.quotes.learned import LinearModel, default_model
from articles.quotes.pipeline import analyse
from articles.quotes.reported import SpanIndex, clause_candidates, clause_features
from tests.articles.quotes.helpers import sample_bodies


@pytest.fixture(scope="module")
def articles():
    """Each article's context, the spans of its rules and its clauses with their features."""
    found = []
    for body in sample_bodies():
        ctx, _resolver, quotes = analyse(body)
        index = SpanIndex(ctx, [(q.start, q.end) for q in quotes if q.kind == "indirect"])
        clauses = clause_candidates(ctx, [(q.start, q.end) for q in quotes if q.kind == "indirect"])
        found.append((ctx, index, [(c, clause_features(ctx, c, index)) for c in clauses]))
    return found


def _random_model(articles, seed: int) -> LinearModel:
    """Weights for most features the clauses have (some left out), and some they lack. With
    seed 4 the parts of the pairs go unweighed, the pairs not."""
    rng = random.Random(seed)
    names = {name for _ctx, _index, found in articles for _c, f in found for name in f}
    names |= {"first_word=unseen", "pieces=9"}
    weights = {name: rng.uniform(-3, 3) for name in sorted(names) if rng.random() < 0.9}
    weights["length=2"] = 0.0  # a weight of zero is a term like any other
    if seed == 4:
        for name in ("reporting_before", "reporting_just_before", "source_before", "so_after"):
            weights.pop(name, None)
    return LinearModel(rng.uniform(-3, 3), weights, rng.uniform(0.05, 0.95))


def test_the_articles_have_clauses_of_every_kind(articles):
    clauses = [(c, f) for _ctx, _index, found in articles for c, f in found]
    assert len(clauses) > 800
    assert any(c.from_rules for c, _f in clauses)
    assert any(c.first == 0 and c.last == c.pieces - 1 for c, _f in clauses)
    assert any("first_word=" in f for _c, f in clauses)  # a span without words
    assert any(f["masked_share"] for _c, f in clauses)
    assert any(f.get("rule_overlap=4") for _c, f in clauses)


@pytest.mark.parametrize("seed", [None, 1, 2, 3, 4])
def test_the_scorer_scores_a_clause_exactly_as_the_model_scores_its_features(articles, seed):
    model = default_model().clause if seed is None else _random_model(articles, seed)
    for ctx, index, found in articles:
        scorer = ClauseScorer(ctx, index, model)
        for clause, features in found:
            assert scorer.score(clause) == model.score(features), clause  # to the last bit
