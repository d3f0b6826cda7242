"""Train the quotation models from the German Wikinews corpus: ``make train-quotes``.

Usage (from the repository root)::

    .venv/bin/python bench/train_quotes.py            # train on train+dev, write the model
    .venv/bin/python bench/train_quotes.py --check    # train again, compare with the file

Three logistic regressions (scikit-learn, lbfgs; deterministic) over the features of
``articles/quotes/speech_marks.py``, ``candidates.py`` and ``reported.py``:

- speech: every pair of quotation marks; positive when it matches a gold direct quotation;
- speaker: every candidate mention around a pair of marks that matches a gold direct quotation
  with a speaker; positive when it overlaps a gold speaker mention;
- clause: every candidate span of every sentence; positive when it matches a gold indirect
  quotation.

The model is written to ``articles/quotes/data/quote_model.json``, weights rounded to five
places. It is derived from the corpus (CC BY-NC-SA 4.0): see QUOTE_MODEL_LICENSE.md beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotecorpus as qc  # noqa: E402

from articles.quotes import extract  # noqa: E402
from articles.quotes.candidates import speaker_candidates, speaker_features  # noqa: E402
from articles.quotes.learned import LinearModel, QuoteModel  # noqa: E402
from articles.quotes.pipeline import analyse  # noqa: E402
from articles.quotes.reported import SpanIndex, clause_candidates, clause_features  # noqa: E402
from articles.quotes.speech_marks import speech_features  # noqa: E402

MODEL_PATH = qc.ROOT / "articles/quotes/data/quote_model.json"
FIXTURE = qc.ROOT / "tests/data/quotes"
# Regularisation (inverse strength) and decision thresholds, chosen by cross-validation.
SETTINGS = {
    "speech": {"C": 0.3, "threshold": 0.5},
    "speaker": {"C": 0.1, "threshold": 0.2},
    "clause": {"C": 0.3, "threshold": 0.2},
}
# The share of the rules' decisions made wrong before training (see ``fit``), and the seed.
RULE_NOISE = {"speech": 0.15, "speaker": 0.4}
SEED = 20261204
# A feature seen fewer times than this in training gets no weight: words met once or twice
# teach nothing that carries over, and the file stays small.
MIN_COUNT = 5


@dataclass
class DocExamples:
    file: str
    speech: list[tuple[dict, int]] = field(default_factory=list)
    speaker: list[list[tuple[dict, int]]] = field(default_factory=list)  # one list a quotation
    clause: list[tuple[dict, int]] = field(default_factory=list)


def collect(doc: qc.Doc) -> DocExamples:
    """The labelled examples of one document."""
    ctx, _resolver, rules = analyse(doc.body)
    out = DocExamples(doc.file)
    by_span = {(q.start, q.end): q for q in rules if q.kind != "indirect"}
    direct = doc.golds("direct")
    for m in ctx.marks:
        rule = by_span.get((m.start, m.end))
        positive = qc.best_overlap(doc.body, m.start, m.end, direct) > 0
        out.speech.append((speech_features(ctx, m, rule), int(positive)))
    for i, j in qc.match(doc.body, ctx.marks, direct):
        gold = direct[j]
        if not gold["speakers"]:
            continue
        m = ctx.marks[i]
        rule = by_span.get((m.start, m.end))
        span = (m.start, m.end)
        candidates = speaker_candidates(ctx, span, rule)
        features = speaker_features(ctx, span, candidates, rule)
        out.speaker.append(
            [
                (f, int(qc.mention_ok(c.start, c.end, gold)))
                for c, f in zip(candidates, features, strict=True)
            ]
        )
    indirect = doc.golds("indirect")
    rule_spans = [(q.start, q.end) for q in rules if q.kind == "indirect"]
    index = SpanIndex(ctx, rule_spans)
    clauses = clause_candidates(ctx, rule_spans)
    # positive: the candidates that match a gold quotation best (not every span that covers
    # half of one, which would teach the model to take whole sentences with their frame)
    best: set[int] = set()
    for gold in indirect:
        ratios = [qc.best_overlap(doc.body, c.start, c.end, [gold]) for c in clauses]
        top = max(ratios, default=0.0)
        best.update(i for i, r in enumerate(ratios) if r and r == top)
    for i, clause in enumerate(clauses):
        features = clause_features(ctx, clause, index)
        out.clause.append((features, int(i in best)))
    return out


def fit_one(rows: list[tuple[dict, int]], C: float, threshold: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(name for f, _y in rows for name, value in f.items() if value)
    rows = [({k: v for k, v in f.items() if seen[k] >= MIN_COUNT}, y) for f, y in rows]
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform([f for f, _y in rows])
    y = [label for _f, label in rows]
    clf = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    weights = dict(zip(vectoriser.feature_names_, (float(w) for w in clf.coef_[0]), strict=True))
    model = LinearModel(float(clf.intercept_[0]), weights, threshold)
    return LinearModel.from_json(model.as_json())  # the rounded weights, as the file holds them


def fit(examples: list[DocExamples], about: dict | None = None) -> QuoteModel:
    """The three models trained on the examples of the given documents.

    The rules were written while looking at this corpus, so here they are right more often
    than on unseen text (speaker 0.91 here, 0.70 held out). Trained on their features as they
    are, a model learns to follow them. So a share of the rules' decisions (``RULE_NOISE``)
    is made wrong before training, deterministically: the model learns how far to trust them
    and what else tells the answer."""
    rng = random.Random(SEED)
    speech = [row for ex in examples for row in ex.speech]
    speech = [_flip_rule(f, rng) if rng.random() < RULE_NOISE["speech"] else f for f, _y in speech]
    speech_rows = list(zip(speech, [y for ex in examples for _f, y in ex.speech], strict=True))
    speaker_rows = []
    for ex in examples:
        for group in ex.speaker:
            if rng.random() < RULE_NOISE["speaker"]:
                group = _move_rule(group, rng)
            speaker_rows.extend(group)
    clause_rows = [row for ex in examples for row in ex.clause]
    parts = {}
    for part, rows in (("speech", speech_rows), ("speaker", speaker_rows), ("clause", clause_rows)):
        setting = SETTINGS[part]
        parts[part] = fit_one(rows, setting["C"], setting["threshold"])
    return QuoteModel(parts["speech"], parts["speaker"], parts["clause"], about or {})


def _flip_rule(features: dict, rng: random.Random) -> dict:
    """The rules' decision on a pair of marks turned into its opposite."""
    out = {k: v for k, v in features.items() if not k.startswith("rule")}
    if features.get("rule=direct"):
        out["rule=not_speech"] = 1
    else:
        out["rule=direct"] = 1
        out["rule_cue"] = rng.randint(0, 1)
        out["rule_speaker"] = out["rule_cue"]
        out[f"rule_confidence={rng.choice((4, 5, 6, 7))}"] = 1
    return out


def _move_rule(group: list[tuple[dict, int]], rng: random.Random) -> list[tuple[dict, int]]:
    """The rules' mention moved to another candidate of the same quotation."""
    chosen = [i for i, (f, _y) in enumerate(group) if f.get("rule_exact")]
    others = [i for i, (f, _y) in enumerate(group) if not f.get("rule_overlap")]
    if not chosen or not others:
        return group
    source, target = chosen[0], rng.choice(others)
    rule_features = {k: v for k, v in group[source][0].items() if k.startswith("rule_exact")}
    out = []
    for i, (f, y) in enumerate(group):
        f = {k: v for k, v in f.items() if not k.startswith("rule_exact")}
        if i == source:
            f["rule_overlap"] = 0
        if i == target:
            f.update(rule_features)
            f["rule_overlap"] = 1
        out.append((f, y))
    return out


def about(docs: list[qc.Doc], examples: list[DocExamples]) -> dict:
    import sklearn

    return {
        "corpus": "German Wikinews quotation corpus (Petersen-Frey & Biemann 2024), train+dev",
        "licence": "CC BY-NC-SA 4.0, see QUOTE_MODEL_LICENSE.md",
        "documents": len(docs),
        "examples": {
            "speech": sum(len(ex.speech) for ex in examples),
            "speaker": sum(len(group) for ex in examples for group in ex.speaker),
            "clause": sum(len(ex.clause) for ex in examples),
        },
        "settings": SETTINGS,
        "rule_noise": RULE_NOISE,
        "seed": SEED,
        "trainer": f"bench/train_quotes.py, scikit-learn {sklearn.__version__}",
    }


def fixture_scores(model: QuoteModel) -> dict[str, float]:
    """The model's scores on the passages in tests/data/quotes/fixture (written for the tests,
    not from the corpus): tests/articles/quotes/test_model.py checks that the shipped model
    still gives them."""
    import score_quotes

    docs = qc.load(FIXTURE, ["fixture"])
    counts = [score_quotes.score_doc(d, extract(d.body, strict=True, model=model)) for d in docs]
    return {k: round(v, 4) for k, v in score_quotes.metrics(counts).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=qc.DEFAULT_CORPUS)
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--check", action="store_true", help="compare with the file, write nothing")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing trained (pass --corpus PATH)")
        return 0
    docs = qc.load(args.corpus, ["train", "dev"])
    examples = [collect(doc) for doc in docs]
    model = fit(examples, about(docs, examples))
    model.about["fixture_scores"] = fixture_scores(model)
    text = json.dumps(model.as_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = args.output.read_text(encoding="utf-8") == text
        print("the model file is reproduced exactly" if same else "the model file differs")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text) // 1024} KB) from {len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
