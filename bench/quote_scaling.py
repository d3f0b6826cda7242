"""Extraction time against article size: the extractor must stay linear in the text.

Usage (from the repository root)::

    .venv/bin/python bench/quote_scaling.py            # 0.1, 0.2, 0.4 … 3.2 MB
    .venv/bin/python bench/quote_scaling.py --up-to 5  # up to the 5 MB seed-file limit

Each size is an article of quote-heavy paragraphs (a framed quotation, a quotation with ``so``,
reported speech and a ``laut`` source per paragraph, six speakers in turn), generated with a
fixed seed. Printed: CPU seconds, quotations found, and seconds per MB, which stays flat when
the work is linear.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles.quotes import extract  # noqa: E402

NAMES = ("Karl Roth", "Anna Berg", "Peter Lang", "Maria Klein", "Jonas Weber", "Sabine Hoff")
ROLES = ("Minister", "Sprecherin", "Vorsitzende", "Bürgermeister", "Trainer")


def article(size: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts, total, i = [], 0, 0
    while total < size:
        name, role = rng.choice(NAMES), rng.choice(ROLES)
        part = (
            f"Der {role} {name} sagte am Montag: „Wir werden das Problem {i} lösen, aber es "
            f"dauert.“ „Das ist nicht genug“, erklärte {name.split()[1]}. Er fügte hinzu, die "
            f"Lage sei ernst. Laut der Polizei gab es {i} Verletzte."
        )
        parts.append(part)
        total += len(part) + 2
        i += 1
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--up-to", type=float, default=3.2, help="largest size in MB")
    args = parser.parse_args(argv)
    size = 0.1
    while size <= args.up_to + 1e-9:
        body = article(int(size * 1_000_000))
        t0 = time.process_time()
        result = extract(body, strict=True)
        elapsed = time.process_time() - t0
        mb = len(body.encode("utf-8")) / 1_000_000
        print(
            f"{mb:5.2f} MB: {elapsed:6.2f} s CPU, {len(result.quotes):6d} quotations, "
            f"{elapsed / mb:5.2f} s/MB",
            flush=True,
        )
        size = size * 2 if size * 2 <= args.up_to + 1e-9 or size >= args.up_to else args.up_to
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
