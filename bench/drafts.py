"""How the proposed drafts of news330 read: leading pronouns, claimants, attributed opinions.

    .venv/bin/python bench/drafts.py [--data ../shared/data] [--sample 60] [--seed 2026]
    .venv/bin/python bench/drafts.py --review 30 --seed 17
    .venv/bin/python bench/drafts.py --review 20 --seed 2718 --exclude seen.txt

Prints figures and examples only; nothing here asserts. Counts are over the drafts
``extract_claims`` proposes (``proposed=True``), on all 330 articles and on the 30 of the
labelled dev set. A leading pronoun is a draft opening with he/she/his/her, it/they/its/their (a
dummy "it" that anticipates a clause, "It is easy to ...", counted apart), this/that/these/those or
we/I/our/my/you. ``--sample`` prints that many proposed drafts with a claimant, drawn at random,
with their sentence, for checking the claimants by hand. ``--review`` prints every proposed draft of
that many news330 articles outside the labelled dev set, drawn by ``--seed`` from the articles
sorted by id, numbered, with sentence, draft and claimant: a review sample to judge by hand
(claimant right? draft stands alone? garbled?), never labels to train on.
``--exclude`` names a file of article ids (one a line, e.g. earlier review samples) to leave
out of the pool, so that a new sample is fresh.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract_claims  # noqa: E402  (the repository root is on the path)
from claims.extraction.antecedents import DUMMY_IT  # noqa: E402

PRONOUNS = {
    "he/she/his/her": re.compile(r"(?:He|She|His|Her|Him)\b"),
    "it/they/its/their": re.compile(r"(?:It|Its|They|Their|Them)\b"),
    "this/that/these/those": re.compile(r"(?:This|That|These|Those)\b(?!\s*(?:year|week|month))"),
    # A speaker's own voice with nobody named before it: whose "we"?
    "we/I/our/my/you": re.compile(r"(?:We|I|Our|My|You|Your|Us)\b"),
}


def main() -> None:
    args = _arguments()
    articles = _jsonl(args.data / "news" / "ct22_news330.jsonl")
    dev_ids = {row["public_id"] for row in _jsonl(args.data / "news_claims" / "dev.jsonl")}
    if args.review:
        excluded = set(args.exclude.read_text().split()) if args.exclude else set()
        _review(articles, dev_ids | excluded, args.review, args.seed)
        return
    drafts = [
        (article["public_id"] in dev_ids, claim)
        for article in articles
        for claim in extract_claims(article["text"])
        if claim.proposed
    ]
    for scope, chosen in (("news330", drafts), ("dev articles", [d for d in drafts if d[0]])):
        _pronouns(scope, [claim for _, claim in chosen])
    claims = [claim for _, claim in drafts]
    opinions = [claim for claim in claims if "opinion" in claim.kinds]
    print(f"\nattributed opinions proposed (should be 0): {len(opinions)}")
    with_claimant = [claim for claim in claims if claim.claimant]
    print(f"proposed drafts with a claimant: {len(with_claimant)}")
    sample = random.Random(args.seed).sample(with_claimant, min(args.sample, len(with_claimant)))
    for claim in sample:
        print(f"\n[{claim.claimant}] {claim.quote[:240]}\n    -> {claim.text}")


def _review(articles: list[dict], dev_ids: set[str], count: int, seed: int) -> None:
    pool = sorted(
        (article for article in articles if article["public_id"] not in dev_ids),
        key=lambda article: article["public_id"],
    )
    number = 0
    for article in random.Random(seed).sample(pool, count):
        print(f"\n=== article {article['public_id']}")
        for claim in extract_claims(article["text"]):
            if not claim.proposed:
                continue
            number += 1
            quote = " ".join(claim.quote.split())
            print(f"{number:4d} Q: {quote[:300]}")
            print(f"     D: {claim.text}")
            print(f"     C: {claim.claimant or '-'}  {' '.join(claim.kinds)}")


def _pronouns(scope: str, claims: list) -> None:
    parts, total = [], 0
    for name, pattern in PRONOUNS.items():
        found = [claim for claim in claims if pattern.match(claim.text)]
        total += len(found)
        dummy = sum(1 for claim in found if DUMMY_IT.match(claim.text))
        parts.append(f"{name} {len(found)}" + (f" (dummy 'it' {dummy})" if dummy else ""))
    share = total / max(len(claims), 1)
    print(f"{scope}: {len(claims)} proposed, leading pronoun {total} ({share:.3f}):", end=" ")
    print("; ".join(parts))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sample", type=int, default=0, help="claimants to print for checking")
    parser.add_argument("--review", type=int, default=0, help="articles to print for judging")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--exclude", type=Path, help="file of article ids to leave out of --review")
    return parser.parse_args()


def _jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


if __name__ == "__main__":
    main()
