"""Speed and memory of claim matching: one claim against 100,000 fact-checks and 1,000,000 claims.

    .venv/bin/python bench/matching.py [--data ../shared/data] [--factchecks 100000]
        [--claims 1000000] [--queries 200]

The indexed texts are synthetic: halves of two CheckThat! verified claims joined, so their words
are real. Their vectors are NOT embeddings (embedding 1.1 M texts would take hours here): each is
the mean fact-check vector plus random noise, normalised, at about the cosine (0.8) real ones
have with it. Each query is a real tweet, embedded for real.
Two figures: "stored_vector", the two searches with the query's vector in hand (a text whose
vector was computed before), and "new_text", the query embedded and then searched (what
``POST /api/v1/matches/`` does). Prints figures only; nothing here asserts on time. Target: p95
<= 50 ms for the whole match.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.matching import MatchIndex  # noqa: E402
from claims.matching.embedding import DIMENSIONS, query_vector, to_bytes  # noqa: E402
from claims.matching.semantic import centres  # noqa: E402

NOISE_NORM = 0.75
BATCH = 10_000


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory in MB: all of it (VmRSS), or the anonymous part (RssAnon), or the part
    that maps files (RssFile: the model and the vector files, which the kernel may drop)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def synthetic_items(prefix: str, count: int, claims: list[str], rng: random.Random):
    nprng = np.random.default_rng(rng.randrange(2**32))
    mean = centres()[0]
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        noise = nprng.normal(size=(size, DIMENSIONS)).astype(np.float32)
        noise *= NOISE_NORM / np.linalg.norm(noise, axis=1, keepdims=True)
        vectors = mean + noise
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for offset in range(size):
            first, second = rng.choice(claims).split(), rng.choice(claims).split()
            text = " ".join(first[: len(first) // 2] + second[len(second) // 2 :])
            yield f"{prefix}{start + offset}", text, to_bytes(vectors[offset])


def build(
    prefix: str, count: int, claims: list[str], rng: random.Random
) -> tuple[MatchIndex, dict]:
    index = MatchIndex()
    before, started, cpu = rss_mb(), time.perf_counter(), time.process_time()
    index.add_many(synthetic_items(prefix, count, claims, rng))
    figures = {
        "items": len(index),
        "build_s": round(time.perf_counter() - started, 1),
        "build_cpu_s": round(time.process_time() - cpu, 1),
        "rss_growth_mb": round(rss_mb() - before, 1),
    }
    print(f"built {prefix}: {figures}", file=sys.stderr, flush=True)
    return index, figures


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _figures(walls: list[float], cpus: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(walls), 1),
        "p95_ms": round(percentile(walls, 0.95), 1),
        "cpu_p50_ms": round(statistics.median(cpus), 1),
        "cpu_p95_ms": round(percentile(cpus, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--factchecks", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    matching = args.data / "matching"
    with (matching / "verified_claims.jsonl").open() as lines:
        claims = [json.loads(line)["vclaim"] for line in lines]
    with (matching / "train_dev_queries.tsv").open(newline="") as rows:
        tweets = [row[1] for row in csv.reader(rows, delimiter="\t")]
    rng = random.Random(19)
    start_rss = rss_mb()
    query_vector("load the model before measuring")
    model_rss = rss_mb()
    factchecks, factcheck_figures = build("factcheck-", args.factchecks, claims, rng)
    other_claims, claim_figures = build("claim-", args.claims, claims, rng)
    embed_walls, embed_cpus, search_walls, search_cpus = [], [], [], []
    for text in rng.sample(tweets, args.queries):
        started, cpu = time.perf_counter(), time.process_time()
        vector = query_vector(text)
        embedded, embedded_cpu = time.perf_counter(), time.process_time()
        factchecks.search(text, k=5, vector=vector)
        other_claims.search(text, k=10, vector=vector)
        embed_walls.append((embedded - started) * 1000)
        embed_cpus.append((embedded_cpu - cpu) * 1000)
        search_walls.append((time.perf_counter() - embedded) * 1000)
        search_cpus.append((time.process_time() - embedded_cpu) * 1000)
    new_walls = [a + b for a, b in zip(embed_walls, search_walls, strict=True)]
    new_cpus = [a + b for a, b in zip(embed_cpus, search_cpus, strict=True)]
    result = {
        "vectors": "synthetic (mean + noise), not embeddings; queries embedded for real",
        "factchecks": factcheck_figures,
        "claims": claim_figures,
        "queries": args.queries,
        "stored_vector": _figures(search_walls, search_cpus),
        "new_text": _figures(new_walls, new_cpus),
        "embedding": _figures(embed_walls, embed_cpus),
        "rss_mb": {
            "python": round(start_rss),
            "with_model": round(model_rss),
            "with_indexes": round(rss_mb()),
            "with_indexes_anonymous": round(rss_mb("RssAnon")),
            "with_indexes_file_backed": round(rss_mb("RssFile")),
        },
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
