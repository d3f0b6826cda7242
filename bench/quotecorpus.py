"""The German Wikinews quotation corpus for scoring and training: loading, folds, matching.

The corpus is read from ``../shared/corpus/wikinews-de`` next to the repository (or a path
given); it is never copied into the repository (CC BY-NC-SA 4.0).

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
- joint: a direct quotation counts when it matches a gold one and its speaker is correct (a gold
  quotation without a speaker needs none); precision, recall and F1 over all direct quotations.

Folds: 5-fold cross-validation by document over train+dev; a document's fold is the SHA-256 of
its file name modulo 5, the same on every machine and every run.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from articles.seedfile import parse  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared/corpus/wikinews-de"
FOLDS = 5
MARKS = "„“”»«‚‘’\"'›‹ \t\n"
STOP = frozenset(
    "der die das den dem des ein eine einer eines einem einen und von vom zum zur mit für "
    "sein seine seiner ihr ihre ihrer sich auch nach bei aus the".split()
)
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Doc:
    file: str
    split: str
    body: str
    gold: dict

    @property
    def fold(self) -> int:
        return fold_of(self.file)

    def golds(self, kind: str) -> list[dict]:
        return merge_duplicates([q for q in self.gold["quotes"] if q["type"] == kind])


def fold_of(name: str, folds: int = FOLDS) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % folds


def load(corpus: Path, splits: list[str]) -> list[Doc]:
    """The documents of the given splits, sorted by file name."""
    docs = []
    for split in splits:
        for line in (corpus / split / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            text = (corpus / split / gold["file"]).read_text(encoding="utf-8")
            docs.append(Doc(gold["file"], split, parse(text, gold["file"]).body, gold))
    docs.sort(key=lambda d: d.file)
    return docs


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


def best_overlap(body: str, start: int, end: int, golds: list[dict]) -> float:
    """How well a span matches its best gold quotation (0 when none at half or more)."""
    span = strip_span(body, start, end)
    return max((overlap_ok(span, g) for q in golds for g in gold_candidates(body, q)), default=0.0)


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


def mention_ok(start: int, end: int, g: dict) -> bool:
    """Does a mention overlap one of a gold quotation's speaker mentions?"""
    return any(min(end, e) > max(start, s) for _t, s, e in g["speakers"])


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
