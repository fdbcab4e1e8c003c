"""Compute the centres the vector codes are taken around: the mean fact-check vector and the
mean query vector (e5 puts queries and passages apart, so each side is centred on its own).

    python -m claims.matching.train_centres VCLAIMS_JSONL QUERIES_TSV

Uses texts only, no labels. Rewrites claims/matching/data/centres.npz; run it again whenever
MODEL_VERSION changes.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from claims.matching.evaluate import read_claims, read_queries
from claims.matching.semantic import CENTRES_PATH
from claims.matching.vector_cache import VectorCache


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=Path)
    parser.add_argument("queries", type=Path)
    args = parser.parse_args(argv)
    cache = VectorCache()
    passages = cache.passages([claim["vclaim"] for claim in read_claims(args.claims)])
    queries = cache.queries(list(read_queries(args.queries).values()))
    CENTRES_PATH.parent.mkdir(exist_ok=True)
    np.savez(
        CENTRES_PATH,
        passage=passages.mean(axis=0).astype(np.float32),
        query=queries.mean(axis=0).astype(np.float32),
    )
    print(f"centres of {len(passages)} passages, {len(queries)} queries", file=sys.stderr)


if __name__ == "__main__":
    main()
