"""Two versions of the extraction code timed side by side, runs alternating: A B B A A B ...

    .venv/bin/python bench/extraction_ab.py OLD_ROOT NEW_ROOT [--rounds 6] [--data ../shared/data]

Each root is a checkout of this repository (``git worktree add`` or ``git archive | tar -x``
of a commit). Every run is a fresh process that imports ``claims.extraction`` from its root,
extracts every news330 article once to warm up, then times ``extract_claims`` over the whole
file: CPU seconds of the process, best of ``--repeat``. The order swaps each round, so neither
version always runs after the other; the ratio is taken round by round, so that a change of the
machine's load between rounds moves both. Prints the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from claims.extraction import extract_claims
with open(sys.argv[2], encoding="utf-8") as handle:
    texts = [json.loads(line)["text"] for line in handle if line.strip()]
for text in texts:
    extract_claims(text)
best = float("inf")
for _ in range(int(sys.argv[3])):
    started = time.process_time()
    for text in texts:
        extract_claims(text)
    best = min(best, time.process_time() - started)
print(json.dumps({"seconds": best, "chars": sum(map(len, texts))}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per run (best)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    news = args.data / "news" / "ct22_news330.jsonl"
    print(f"load average {_load()}")
    times: dict[str, list[float]] = {"old": [], "new": []}
    ratios, chars = [], 0
    for round_ in range(args.rounds):
        order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
        for name in order:
            root = args.old if name == "old" else args.new
            result = _run(root, news, args.repeat)
            times[name].append(result["seconds"])
            chars = result["chars"]
        ratios.append(times["new"][-1] / times["old"][-1])
        print(
            f"round {round_ + 1}: old {times['old'][-1]:.3f} s, new {times['new'][-1]:.3f} s, "
            f"new/old {ratios[-1]:.3f}"
        )
    for name in ("old", "new"):
        best, median = min(times[name]), statistics.median(times[name])
        print(
            f"{name}: best {best:.3f} s ({chars / best:,.0f} chars/s), "
            f"median {median:.3f} s ({chars / median:,.0f} chars/s)"
        )
    print(
        f"new/old per round: median {statistics.median(ratios):.3f}, "
        f"range {min(ratios):.3f} to {max(ratios):.3f}"
    )
    print(f"load average {_load()}")


def _run(root: Path, news: Path, repeat: int) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root.resolve()), str(news), str(repeat)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
