"""Compute the cells of the vector index: spherical k-means of the fact-checks' vectors.

    python -m claims.matching.train_centroids VCLAIMS_JSONL

Rewrites claims/matching/data/centroids.npy. Run again whenever MODEL_VERSION changes.
"""

import argparse
import sys
from pathlib import Path

import numpy as np

from claims.matching.evaluate import read_claims
from claims.matching.semantic import CENTROIDS_PATH
from claims.matching.vector_cache import VectorCache

CELLS = 512
ROUNDS = 25


def spherical_kmeans(vectors: np.ndarray, cells: int, rounds: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = vectors[rng.choice(len(vectors), cells, replace=False)].copy()
    for _ in range(rounds):
        assigned = np.argmax(vectors @ centres.T, axis=1)
        for cell in range(cells):
            members = vectors[assigned == cell]
            # An empty cell restarts at a random vector rather than staying useless.
            total = members.sum(axis=0) if len(members) else vectors[rng.integers(len(vectors))]
            centres[cell] = total / max(np.linalg.norm(total), 1e-9)
    return centres


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=Path)
    args = parser.parse_args(argv)
    claims = read_claims(args.claims)
    vectors = VectorCache().passages([claim["vclaim"] for claim in claims])
    centres = spherical_kmeans(vectors, CELLS, ROUNDS)
    CENTROIDS_PATH.parent.mkdir(exist_ok=True)
    np.save(CENTROIDS_PATH, centres.astype(np.float16))
    print(f"{CELLS} cells from {len(vectors)} vectors -> {CENTROIDS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
