"""Time of re-anchoring a quote in a long article, the worst case (the quote is gone).

    .venv/bin/python bench/anchoring.py [--words 20000] [--runs 5]

When an article is re-imported with changed text, each claim's quote is looked for again; a
quote that vanished makes the fuzzy search try every window. Prints the median and best CPU
and wall time of one such search over an article of --words common words. Figures only; the
test suite checks that the work grows linearly (tests/extraction/test_anchoring.py).
Target: < 0.5 s for 20,000 words.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.extraction.anchoring import locate_quote

QUOTE = "this sentence was removed from the article entirely, so no anchor"
WORDS = ["talks", "Ukraine", "borders", "people", "million", "the", "a", "of", "said"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    text = " ".join(rng.choice(WORDS) for _ in range(args.words))
    cpu, wall = [], []
    for _ in range(args.runs):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        assert locate_quote(text, QUOTE, "the", "a", hint_start=len(text) // 2) is None
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    print(
        f"article: {args.words:,} words, {len(text):,} characters; load average "
        f"{os.getloadavg()[0]:.2f}"
    )
    print(
        f"vanished quote: CPU median {statistics.median(cpu) * 1000:.1f} ms "
        f"(best {min(cpu) * 1000:.1f}), wall median {statistics.median(wall) * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
