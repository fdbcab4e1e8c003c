"""Score the matcher on CheckThat! 2022 Task 2A files.

    python -m claims.matching.evaluate VCLAIMS_JSONL QUERIES_TSV QRELS_TSV

Indexes the verified claims in the same MatchIndex the workbench uses, matches every query of the
qrels and prints MAP@5, MRR and P@1 as one JSON object on the last line (progress on stderr).
Vectors are cached on disk (vector_cache.py): the first run on a machine embeds every claim.
"""

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import claims.matching
from claims.matching import embedding
from claims.matching.index import MatchIndex
from claims.matching.metrics import summary
from claims.matching.prepare import factcheck_text
from claims.matching.vector_cache import VectorCache


def read_claims(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_queries(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as rows:
        return {row[0]: row[1] for row in csv.reader(rows, delimiter="\t") if len(row) >= 2}


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as rows:
        for row in rows:
            fields = row.split()
            if len(fields) >= 4 and fields[3] != "0":
                qrels.setdefault(fields[0], set()).add(fields[2])
    return qrels


def _text(claim: dict) -> str:
    return factcheck_text(claim["vclaim"], claim.get("title") or "", claim.get("subtitle") or "")


def build_index(claims: list[dict], cache: VectorCache) -> MatchIndex:
    vectors = cache.passages([claim["vclaim"] for claim in claims], progress=_progress("claims"))
    index = MatchIndex()
    index.add_many(
        (claim["vclaim_id"], _text(claim), embedding.to_bytes(vector))
        for claim, vector in zip(claims, vectors, strict=True)
    )
    return index


def matches(index: MatchIndex, queries: dict[str, str], cache: VectorCache) -> dict[str, list]:
    ids = list(queries)
    vectors = cache.queries([queries[q] for q in ids], progress=_progress("queries"))
    return {
        q: index.search(queries[q], k=5, vector=vector)
        for q, vector in zip(ids, vectors, strict=True)
    }


def suggestions(found: dict[str, list], qrels: dict[str, set[str]]) -> dict[str, float]:
    """How the matches at or above SUGGEST_THRESHOLD would fare as suggestions to a user."""
    # Read when scoring, not at import: train_fusion imports this module to rewrite the model.
    threshold = claims.matching.SUGGEST_THRESHOLD
    shown = [(q, m.key) for q, ms in found.items() for m in ms if m.score >= threshold]
    right = sum(key in qrels[q] for q, key in shown)
    return {
        "suggest_threshold": threshold,
        "suggestions": len(shown),
        "suggest_precision": round(right / max(len(shown), 1), 4),
        "queries_with_a_right_suggestion": round(
            len({q for q, key in shown if key in qrels[q]}) / max(len(qrels), 1), 4
        ),
    }


def _progress(what: str):
    started = time.monotonic()

    def report(done: int, total: int) -> None:
        elapsed = time.monotonic() - started
        print(f"embedded {done}/{total} {what} in {elapsed:.0f} s", file=sys.stderr, flush=True)

    return report


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", type=Path, help="verified claims, JSON lines")
    parser.add_argument("queries", type=Path, help="queries: id TAB text")
    parser.add_argument("qrels", type=Path, help="TREC qrels: query 0 claim 1")
    args = parser.parse_args(argv)
    qrels = read_qrels(args.qrels)
    queries = {q: text for q, text in read_queries(args.queries).items() if q in qrels}
    cache = VectorCache()
    index = build_index(read_claims(args.claims), cache)
    found = matches(index, queries, cache)
    rankings = {q: [match.key for match in ms] for q, ms in found.items()}
    result = summary(rankings, qrels) | suggestions(found, qrels)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
