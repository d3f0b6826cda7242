"""Score the quotation extractor against the German Wikinews quotation corpus.

Usage (from the repository root)::

    .venv/bin/python bench/score_quotes.py --cv 5            # the figure we report
    .venv/bin/python bench/score_quotes.py --cv 5 --rules-only
    .venv/bin/python bench/score_quotes.py --split dev --errors 40
    .venv/bin/python bench/score_quotes.py --speed           # articles per second

``--cv 5``: 5-fold cross-validation by document over train+dev (850 articles), the same folds
every run (``quotecorpus.fold_of``). For each fold the models are trained on the other four
(``train_quotes.fit``) and the fold is extracted with them; the rules are fixed code. Printed:
the scores over all out-of-fold predictions with a bootstrap 95% interval (1,000 resamples of
the documents, seed 0), and the mean and range over the five folds. Without ``--cv`` the
shipped model is scored on the split given (it was trained on train+dev: in-sample).

Matching and the speaker criterion: see ``bench/quotecorpus.py`` and docs/quotes.md. The corpus
is never copied into the repository; without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotecorpus as qc  # noqa: E402

from articles.quotes import extract  # noqa: E402

COUNTS = (
    "direct_tp", "direct_pred", "direct_gold", "indirect_tp", "indirect_pred", "indirect_gold",
    "speaker_ok", "speaker_total", "speaker_none", "joint_tp",
    "indirect_speaker_ok", "indirect_speaker_total",
)  # fmt: skip


def context(body: str, start: int, end: int, width: int = 90) -> str:
    left = body[max(0, start - width) : start]
    right = body[end : end + width // 2]
    mid = body[start:end]
    if len(mid) > 160:
        mid = mid[:80] + " … " + mid[-60:]
    return (left + "[[" + mid + "]]" + right).replace("\n", "¶")


def score_doc(doc: qc.Doc, result, errors: dict | None = None) -> dict[str, int]:
    """The counts of one document."""
    c = dict.fromkeys(COUNTS, 0)
    body = doc.body
    for kind in ("direct", "indirect"):
        preds = [q for q in result.quotes if q.kind == kind]
        golds = doc.golds(kind)
        pairs = qc.match(body, preds, golds)
        c[f"{kind}_tp"] += len(pairs)
        c[f"{kind}_pred"] += len(preds)
        c[f"{kind}_gold"] += len(golds)
        if kind != "direct":
            # the speaker pages count indirect speech too: its speakers are measured the same
            # way, on matched quotations whose gold names a speaker
            spoken = [(preds[i], golds[j]) for i, j in pairs if golds[j]["speakers"]]
            c["indirect_speaker_total"] += len(spoken)
            for p, g in spoken:
                if qc.speaker_ok(p, g):
                    c["indirect_speaker_ok"] += 1
                elif errors is not None:
                    errors["indirect speaker"].append(_speaker_error(doc, p, g))
            continue
        for i, j in pairs:
            g, p = golds[j], preds[i]
            if not g["speakers"]:
                c["joint_tp"] += 1
                continue
            c["speaker_total"] += 1
            c["speaker_none"] += p.speaker is None
            if qc.speaker_ok(p, g):
                c["speaker_ok"] += 1
                c["joint_tp"] += 1
            elif errors is not None:
                errors["speaker"].append(_speaker_error(doc, p, g))
        if errors is not None:
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            for i, p in enumerate(preds):
                if i not in matched_p:
                    errors["fp"].append(f"{doc.file} {p.start}: {context(body, p.start, p.end)}")
            for j, g in enumerate(golds):
                if j not in matched_g:
                    where = context(body, g["start"], g["end"])
                    errors["fn"].append(f"{doc.file} {g['start']}: {where}")
    return c


def _speaker_error(doc: qc.Doc, p, g: dict) -> str:
    return (
        f"{doc.file} {p.start}: pred={p.speaker!r}@{p.speaker_start} "
        f"cue={p.cue!r} gold={g['speaker']!r}@{g['speaker_start']}: "
        f"{context(doc.body, p.start, p.end, 220)}"
    )


def metrics(counts: list[dict[str, int]]) -> dict[str, float]:
    t = {k: sum(c[k] for c in counts) for k in COUNTS}
    direct = qc.prf(t["direct_tp"], t["direct_pred"], t["direct_gold"])
    indirect = qc.prf(t["indirect_tp"], t["indirect_pred"], t["indirect_gold"])
    joint = qc.prf(t["joint_tp"], t["direct_pred"], t["direct_gold"])
    total, indirect_total = t["speaker_total"], t["indirect_speaker_total"]
    return {
        "direct_P": direct[0],
        "direct_R": direct[1],
        "direct_F1": direct[2],
        "speaker_acc": t["speaker_ok"] / total if total else 0.0,
        "joint_F1": joint[2],
        "indirect_P": indirect[0],
        "indirect_R": indirect[1],
        "indirect_F1": indirect[2],
        "indirect_speaker_acc": (
            t["indirect_speaker_ok"] / indirect_total if indirect_total else 0.0
        ),
    }


def bootstrap(counts: list[dict[str, int]], reps: int = 1000, seed: int = 0) -> dict:
    """A 95% percentile interval for each metric, resampling documents."""
    rng = random.Random(seed)
    samples = []
    for _ in range(reps):
        samples.append(metrics([counts[rng.randrange(len(counts))] for _ in counts]))
    out = {}
    for key in samples[0]:
        values = sorted(s[key] for s in samples)
        out[key] = (values[int(0.025 * reps)], values[int(0.975 * reps) - 1])
    return out


def cross_validate(
    docs: list[qc.Doc], folds: int, errors: dict | None = None
) -> tuple[list[dict], list[list[dict]]]:
    import train_quotes

    examples = {doc.file: train_quotes.collect(doc) for doc in docs}
    counts, per_fold = [], []
    for k in range(folds):
        train = [examples[d.file] for d in docs if qc.fold_of(d.file, folds) != k]
        model = train_quotes.fit(train)
        fold_counts = [
            score_doc(d, extract(d.body, strict=True, model=model), errors)
            for d in docs
            if qc.fold_of(d.file, folds) == k
        ]
        per_fold.append(fold_counts)
        counts += fold_counts
    return counts, per_fold


def report(counts: list[dict], per_fold: list[list[dict]] | None) -> None:
    pooled, interval = metrics(counts), bootstrap(counts)
    folds = [metrics(c) for c in per_fold] if per_fold else []
    print(
        f"{'metric':20s} {'score':>6s}  {'95% interval':>15s}"
        + ("  fold mean [min-max]" * bool(folds))
    )
    for key, value in pooled.items():
        lo, hi = interval[key]
        line = f"{key:20s} {value:6.3f}  [{lo:.3f}, {hi:.3f}]"
        if folds:
            values = [f[key] for f in folds]
            line += f"  {sum(values) / len(values):.3f} [{min(values):.3f}-{max(values):.3f}]"
        print(line)
    t = {k: sum(c[k] for c in counts) for k in COUNTS}
    print(
        f"direct tp={t['direct_tp']} pred={t['direct_pred']} gold={t['direct_gold']}; "
        f"speaker {t['speaker_ok']}/{t['speaker_total']} (none {t['speaker_none']}); "
        f"indirect tp={t['indirect_tp']} pred={t['indirect_pred']} gold={t['indirect_gold']}; "
        f"indirect speaker {t['indirect_speaker_ok']}/{t['indirect_speaker_total']}"
    )


def speed(docs: list[qc.Doc], runs: int = 3) -> None:
    """Articles per second over all documents, one process, one core; best of ``runs``."""
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        for doc in docs:
            extract(doc.body, strict=True)
        times.append(time.process_time() - t0)
    best = min(times)
    print(
        f"extraction: {len(docs)} articles in {best:.2f} s CPU (best of {runs}: "
        + ", ".join(f"{t:.2f}" for t in times)
        + f") = {len(docs) / best:.0f} articles/s"
    )


def print_errors(errors: dict | None, limit: int) -> None:
    """The first ``limit`` errors of each kind (out-of-fold ones under ``--cv``)."""
    for kind, items in (errors or {}).items():
        print(f"== {kind} ({len(items)})")
        for item in items[:limit]:
            print("  " + item)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=qc.DEFAULT_CORPUS)
    parser.add_argument("--split", default="all", help="train, dev or all (train+dev)")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold cross-validation")
    parser.add_argument("--rules-only", action="store_true", help="the rules without the models")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per kind")
    parser.add_argument("--speed", action="store_true", help="measure extraction speed")
    args = parser.parse_args(argv)
    errors = {"fp": [], "fn": [], "speaker": [], "indirect speaker": []} if args.errors else None
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping (pass --corpus PATH)")
        return 0
    splits = ["train", "dev"] if args.split == "all" or args.cv else [args.split]
    docs = qc.load(args.corpus, splits)
    if args.speed:
        speed(docs)
        return 0
    if args.cv and not args.rules_only:
        print(f"{args.cv}-fold cross-validation by document over {len(docs)} articles")
        counts, per_fold = cross_validate(docs, args.cv, errors)
        report(counts, per_fold)
        print_errors(errors, args.errors)
        return 0
    counts = [
        score_doc(d, extract(d.body, strict=True, rules_only=args.rules_only), errors) for d in docs
    ]
    per_fold = None
    if args.cv:  # the rules alone, reported by the same folds
        per_fold = [
            [c for d, c in zip(docs, counts, strict=True) if d.fold == k] for k in range(args.cv)
        ]
    what = "rules only" if args.rules_only else "shipped model (in-sample on train+dev)"
    print(f"split={args.split} articles={len(docs)} {what}")
    report(counts, per_fold)
    print_errors(errors, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
