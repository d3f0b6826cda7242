"""The trained models: three linear models read from ``data/quote_model.json``.

- ``speech``: is a pair of quotation marks direct speech? (``speech_marks``)
- ``speaker``: which candidate mention is a quotation's speaker? (``candidates``)
- ``clause``: is a span of a sentence indirect speech? (``reported``)

Each is a logistic regression over named features: a bias, a weight per feature name and a
threshold on the probability. Scoring is a plain dot product, so the app needs no machine
learning library; training (``bench/train_quotes.py``, ``make train-quotes``) uses
scikit-learn and writes the file. The model is derived from the German Wikinews quotation
corpus (CC BY-NC-SA 4.0): see ``data/QUOTE_MODEL_LICENSE.md``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from articles.quotes.features import Features

MODEL_FILE = "quote_model.json"


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over named features."""

    bias: float
    weights: dict[str, float]
    threshold: float = 0.5

    def score(self, features: Features) -> float:
        """The log-odds; features the model never saw weigh nothing."""
        # ``sum(weights.get(name, 0.0) * value ...)`` without the terms that are zero, a feature
        # with no weight or a value of 0 (most indicators are): each would add 0.0, which
        # leaves a sum of floats as it is (in sum()'s own way of adding, which Python 3.12
        # changed: so the sum stays sum())
        weights = self.weights
        return self.bias + sum(
            [weights[name] * value for name, value in features.items() if value and name in weights]
        )

    def probability(self, features: Features) -> float:
        return logistic(self.score(features))

    def as_json(self) -> dict:
        return {
            "bias": round(self.bias, 5),
            "threshold": self.threshold,
            "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if round(v, 5)},
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(float(data["bias"]), dict(data["weights"]), float(data["threshold"]))


def logistic(score: float) -> float:
    """The probability of a log-odds (``LinearModel.probability`` of features so scored)."""
    if score < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


@dataclass(frozen=True)
class QuoteModel:
    speech: LinearModel
    speaker: LinearModel
    clause: LinearModel
    about: dict  # how and on what it was trained, and its cross-validated scores

    def as_json(self) -> dict:
        return {
            "about": self.about,
            "speech": self.speech.as_json(),
            "speaker": self.speaker.as_json(),
            "clause": self.clause.as_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> QuoteModel:
        return cls(
            LinearModel.from_json(data["speech"]),
            LinearModel.from_json(data["speaker"]),
            LinearModel.from_json(data["clause"]),
            dict(data.get("about", {})),
        )


@cache
def default_model() -> QuoteModel | None:
    """The model shipped with the package (read once; it never changes while running), or
    None when the file is missing: the rules then decide alone."""
    resource = files("articles.quotes") / "data" / MODEL_FILE
    if not resource.is_file():
        return None
    return QuoteModel.from_json(json.loads(resource.read_text(encoding="utf-8")))
