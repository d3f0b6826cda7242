"""Score ``articles.quotes.extract`` against the German Wikinews quotation corpus.

Usage (from the repository root)::

    .venv/bin/python bench/score_quotes.py --split dev
    .venv/bin/python bench/score_quotes.py --split train --errors 40

The corpus is read from ``../shared/corpus/wikinews-de`` next to the repository, or from
``--corpus``; it is never copied into the repository (CC BY-NC-SA). Without it the script says so
and exits 0.

Matching (documented in docs/quotes.md):

- direct: predicted kind "direct" against gold type "direct". Quotation marks and outer space are
  stripped from both spans; a pair matches when the overlap is at least half of the longer span.
  A gold quote with several spans (split by its frame) matches through its overall start..end or
  through any one of its spans. Matching is one-to-one, greedy by overlap ratio.
- indirect: the same, predicted kind "indirect" against gold type "indirect".
- The gold file sometimes lists the same quotation twice with two speakers (the outlet and the
  person it quotes). Such entries (same type and span) are merged into one gold quotation whose
  speaker may be any of the listed ones.
- speaker accuracy: over matched direct quotes whose gold has a speaker; correct when the predicted
  mention overlaps a gold speaker span, or the predicted name shares a word (3+ letters, not a
  stop word, case-insensitive) with a gold speaker text. A predicted None is wrong.
- speaker precision: over the same quotes, only those where the prediction names a speaker (not
  None): the share that is correct. The quotes left with no speaker are counted beside it, since
  the issue prefers no speaker to a wrong one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.quotes import extract  # noqa: E402
from articles.seedfile import parse  # noqa: E402

MARKS = "„“”»«‚‘’\"'›‹ \t\n"
STOP = frozenset(
    "der die das den dem des ein eine einer eines einem einen und von vom zum zur mit für "
    "sein seine seiner ihr ihre ihrer sich auch nach bei aus the".split()
)
WORD = re.compile(r"[^\W\d_]{3,}")


def strip_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] in MARKS:
        start += 1
    while end > start and body[end - 1] in MARKS:
        end -= 1
    return start, end


def overlap_ok(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The overlap as a share of the longer span; 0 when below one half."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0], 1)
    ratio = inter / longer
    return ratio if ratio >= 0.5 else 0.0


def gold_candidates(body: str, q: dict) -> list[tuple[int, int]]:
    spans = [(q["start"], q["end"])]
    if len(q.get("spans") or []) > 1:
        spans += [tuple(s) for s in q["spans"]]
    return [strip_span(body, s, e) for s, e in spans]


def match(body: str, preds: list, golds: list[dict]) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(preds):
        ps = strip_span(body, p.start, p.end)
        for j, g in enumerate(golds):
            best = max(overlap_ok(ps, gs) for gs in gold_candidates(body, g))
            if best:
                pairs.append((best, i, j))
    pairs.sort(key=lambda t: -t[0])
    used_p, used_g, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text or "")} - STOP


def merge_duplicates(quotes: list[dict]) -> list[dict]:
    """One gold quotation per (type, span); its speakers are all those listed for it."""
    merged: dict[tuple, dict] = {}
    for q in quotes:
        key = (q["type"], q["start"], q["end"])
        speaker = None
        if q.get("speaker_start") is not None:
            speaker = (q["speaker"], q["speaker_start"], q["speaker_end"])
        if key in merged:
            if speaker:
                merged[key]["speakers"].append(speaker)
            continue
        merged[key] = {**q, "speakers": [speaker] if speaker else []}
    return list(merged.values())


def speaker_ok(p, g: dict) -> bool:
    if p.speaker is None:
        return False
    for text, start, end in g["speakers"]:
        mention = p.speaker_start is not None and p.speaker_end is not None
        if mention and min(p.speaker_end, end) > max(p.speaker_start, start):
            return True
        if words(p.speaker) & words(text):
            return True
    return False


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def context(body: str, start: int, end: int, width: int = 90) -> str:
    left = body[max(0, start - width) : start]
    right = body[end : end + width // 2]
    mid = body[start:end]
    if len(mid) > 160:
        mid = mid[:80] + " … " + mid[-60:]
    return (left + "[[" + mid + "]]" + right).replace("\n", "¶")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/wikinews-de")
    parser.add_argument("--split", default="dev", help="train, dev, or all (time only)")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per kind")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping (pass --corpus PATH)")
        return 0

    splits = ["train", "dev"] if args.split == "all" else [args.split]
    docs = []
    for split in splits:
        for line in (args.corpus / split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = (args.corpus / split / gold["file"]).read_text(encoding="utf-8")
            docs.append((gold, parse(text, gold["file"]).body))

    t0 = time.perf_counter()
    results = [extract(body, strict=True) for _, body in docs]
    elapsed = time.perf_counter() - t0

    counts = {"direct": [0, 0, 0], "indirect": [0, 0, 0]}
    spk_total = spk_ok = spk_none = 0
    errors = {"fp": [], "fn": [], "speaker": []}
    for (gold, body), result in zip(docs, results, strict=True):
        for kind in counts:
            preds = [q for q in result.quotes if q.kind == kind]
            golds = merge_duplicates([q for q in gold["quotes"] if q["type"] == kind])
            pairs = match(body, preds, golds)
            c = counts[kind]
            c[0] += len(pairs)
            c[1] += len(preds)
            c[2] += len(golds)
            if kind != "direct":
                continue
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            name = gold["file"]
            for i, p in enumerate(preds):
                if i not in matched_p:
                    errors["fp"].append(f"{name} {p.start}: {context(body, p.start, p.end)}")
            for j, g in enumerate(golds):
                if j not in matched_g:
                    where = context(body, g["start"], g["end"])
                    errors["fn"].append(f"{name} {g['start']}: {where}")
            for i, j in pairs:
                g = golds[j]
                if not g["speakers"]:
                    continue
                spk_total += 1
                spk_none += preds[i].speaker is None
                if speaker_ok(preds[i], g):
                    spk_ok += 1
                else:
                    p = preds[i]
                    errors["speaker"].append(
                        f"{name} {p.start}: pred={p.speaker!r}@{p.speaker_start} "
                        f"cue={p.cue!r} gold={g['speaker']!r}@{g['speaker_start']}: "
                        f"{context(body, p.start, p.end, 220)}"
                    )

    if args.errors:
        for kind, items in errors.items():
            print(f"== {kind} ({len(items)})")
            for item in items[: args.errors]:
                print("  " + item)
    print(f"split={args.split} articles={len(docs)} extract_seconds={elapsed:.2f}")
    for kind, (tp, npred, ngold) in counts.items():
        p, r, f = prf(tp, npred, ngold)
        print(f"{kind:8s} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} pred={npred} gold={ngold})")
    acc = spk_ok / spk_total if spk_total else 0.0
    print(f"speaker  accuracy={acc:.3f} ({spk_ok}/{spk_total})")
    named = spk_total - spk_none
    precision = spk_ok / named if named else 0.0
    print(f"speaker  precision={precision:.3f} ({spk_ok}/{named}) no_speaker={spk_none}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
