"""The shipped model: it loads, the extractor uses it, and it reproduces the scores recorded
when it was trained on the passages of tests/data/quotes/fixture (written for the tests)."""

import sys
from pathlib import Path

import pytest

from articles.quotes import extract
from articles.quotes.learned import LinearModel, QuoteModel, default_model

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

import quotecorpus  # noqa: E402
import score_quotes  # noqa: E402


@pytest.fixture(scope="module")
def model() -> QuoteModel:
    found = default_model()
    assert found is not None, "articles/quotes/data/quote_model.json is missing"
    return found


def test_model_is_small_and_says_what_it_was_trained_on(model):
    assert (ROOT / "articles/quotes/data/QUOTE_MODEL_LICENSE.md").is_file()
    assert "CC BY-NC-SA 4.0" in model.about["licence"]
    assert model.about["documents"] == 850
    size = (ROOT / "articles/quotes/data/quote_model.json").stat().st_size
    assert size < 200_000
    for part in (model.speech, model.speaker, model.clause):
        assert part.weights and 0.0 <= part.threshold < 1.0


def test_model_reproduces_its_recorded_scores_on_the_fixture(model):
    docs = quotecorpus.load(ROOT / "tests/data/quotes", ["fixture"])
    counts = [score_quotes.score_doc(d, extract(d.body, strict=True)) for d in docs]
    scores = {k: round(v, 4) for k, v in score_quotes.metrics(counts).items()}
    assert scores == model.about["fixture_scores"]
    assert scores["direct_F1"] >= 0.9  # the passages are plain: a broken model fails here


def test_the_model_decides_not_the_rules_alone():
    text = "Der Verein nennt das Projekt „Sonnenweg“. Roth sagte, der Plan sei gut."
    with_model = extract(text, strict=True)
    rules = extract(text, strict=True, rules_only=True)
    assert [q.kind for q in with_model.quotes] and [q.kind for q in rules.quotes]
    # an empty model (every weight zero, threshold above its one-half) finds no speech at all
    empty = LinearModel(0.0, {}, 0.6)
    silent = extract(text, strict=True, model=QuoteModel(empty, empty, empty, {}))
    assert [q.kind for q in silent.quotes] == ["not_speech"]


def test_linear_model_scores_named_features():
    m = LinearModel(-1.0, {"a": 2.0, "b": -0.5}, 0.5)
    assert m.score({"a": 1, "b": 2, "unseen": 5}) == pytest.approx(0.0)
    assert m.probability({"a": 1, "b": 2}) == pytest.approx(0.5)
    assert LinearModel.from_json(m.as_json()) == m


def test_the_shipped_model_is_what_training_gives_today():
    """A change to the features without ``make train-quotes`` leaves the app scoring with weights
    learned for other features; training again from the corpus must give the file byte for
    byte. Needs the corpus (../shared) and scikit-learn (``make test`` installs it)."""
    pytest.importorskip("sklearn")
    if not quotecorpus.DEFAULT_CORPUS.is_dir():
        pytest.skip("the corpus is not next to the repository")
    import train_quotes

    assert train_quotes.main(["--check"]) == 0, "run make train-quotes and commit the model"
