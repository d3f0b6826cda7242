"""One SHA-256 over everything ``extract`` says about a fixed set of articles.

A check for work on the extractor's speed, which must not change a single result:

    .venv/bin/python bench/extract_fingerprint.py                    # prints the fingerprint
    .venv/bin/python bench/extract_fingerprint.py --out /tmp/a.jsonl # and one JSON line per file

The articles: every file of the German Wikinews corpus's train and dev splits (read from
``../shared/corpus/wikinews-de``, never copied into the repository), the seed files in
``fixtures/`` and the demo articles in ``fixtures/demo/``. Each is parsed as the importer parses
it and extracted with ``strict=True``; the JSON of every field of every ``Quotation`` and
``SpeakerEntity`` is hashed, file by file in name order. Two fingerprints differ when any
result differs; the per-file lines of ``--out`` (``diff``) say where.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotecorpus as qc  # noqa: E402

from articles.quotes import extract  # noqa: E402
from articles.seedfile import parse  # noqa: E402

FIXTURES = qc.ROOT / "fixtures"


def articles(corpus: Path) -> list[tuple[str, str]]:
    """(label, body) of every article, in a fixed order."""
    found = []
    for split in ("train", "dev"):
        for path in sorted((corpus / split).glob("*.txt")):
            found.append((f"{split}/{path.name}", path))
    for folder in (FIXTURES, FIXTURES / "demo"):
        for path in sorted(folder.glob("*.txt")):
            found.append((str(path.relative_to(qc.ROOT)), path))
    return [
        (label, parse(path.read_text(encoding="utf-8"), path.name).body) for label, path in found
    ]


def result_json(body: str) -> str:
    extraction = extract(body, strict=True)
    return json.dumps(
        {
            "quotes": [dataclasses.astuple(q) for q in extraction.quotes],
            "speakers": [dataclasses.astuple(s) for s in extraction.speakers],
        },
        ensure_ascii=False,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=qc.DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, help="write one JSON line per file here")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; pass --corpus PATH")
        return 1
    items = articles(args.corpus)
    digest = hashlib.sha256()
    lines = []
    t0 = time.process_time()
    for label, body in items:
        line = json.dumps(label, ensure_ascii=False) + " " + result_json(body)
        digest.update(line.encode("utf-8") + b"\n")
        lines.append(line)
    seconds = time.process_time() - t0
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{digest.hexdigest()}  {len(items)} files, {seconds:.2f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
