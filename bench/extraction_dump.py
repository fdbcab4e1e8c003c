"""Dump what extract_claims returns, to check that a speed change leaves its output unchanged.

    .venv/bin/python bench/extraction_dump.py OUT.jsonl            # write the dump
    .venv/bin/python bench/extraction_dump.py OUT.jsonl --check REF.jsonl

One line per draft (article index, quote, start, end, score as repr(float), proposed, draft
text, kinds, claimant, quantities with every field) over every news330 article, the seed
article and a fixed set of fuzzed inputs. ``--check`` compares the new dump with a reference
byte for byte and names the first line that differs; exit status 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract_claims  # noqa: E402  (the repository root is on the path)

FUZZ_INPUTS = 48
FUZZ_CHARS = 2_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--check", type=Path, help="a reference dump to compare with")
    args = parser.parse_args()
    lines = [line for name, text in _inputs(args.data) for line in _dump(name, text)]
    args.out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines):,} drafts written to {args.out}")
    if args.check is None:
        return 0
    # Split on newlines only: a fuzzed quote may hold other line separators (U+2028, U+0085).
    reference = [line + "\n" for line in args.check.read_text(encoding="utf-8").split("\n")[:-1]]
    for number, (old, new) in enumerate(zip(reference, lines, strict=False), start=1):
        if old != new:
            print(f"line {number} differs:\n- {old[:300]}\n+ {new[:300]}")
            return 1
    if len(reference) != len(lines):
        print(f"{len(reference):,} drafts in the reference, {len(lines):,} now")
        return 1
    print(f"identical to {args.check}")
    return 0


def _inputs(data: Path) -> list[tuple[str, str]]:
    inputs = []
    with (data / "news" / "ct22_news330.jsonl").open(encoding="utf-8") as handle:
        for index, line in enumerate(filter(str.strip, handle)):
            inputs.append((f"news{index}", json.loads(line)["text"]))
    for path in sorted((data / "seed").glob("*.txt")):
        inputs.append((path.name, path.read_text(encoding="utf-8")))
    rng = random.Random(20261207)
    words = [text for _, text in inputs[:20]]
    vocabulary = " ".join(words).split()
    for index in range(FUZZ_INPUTS):
        if index % 3 == 0:
            fuzz = " ".join(rng.choice(vocabulary) for _ in range(FUZZ_CHARS // 5))
        elif index % 3 == 1:
            fuzz = "".join(rng.choice(string.printable) for _ in range(FUZZ_CHARS))
        else:
            fuzz = "".join(chr(rng.randrange(32, 0x3000)) for _ in range(FUZZ_CHARS))
        inputs.append((f"fuzz{index}", fuzz))
    return inputs


def _dump(name: str, text: str) -> list[str]:
    lines = []
    for claim in extract_claims(text):
        row = {
            "input": name,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "score": repr(claim.score),
            "proposed": claim.proposed,
            "draft": claim.text,
            "kinds": claim.kinds,
            "claimant": claim.claimant,
            "prefix": claim.prefix,
            "suffix": claim.suffix,
            "quantities": [
                {key: repr(value) for key, value in quantity.to_dict().items()}
                for quantity in claim.quantities
            ],
        }
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    return lines


if __name__ == "__main__":
    sys.exit(main())
