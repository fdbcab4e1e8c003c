"""Claim proposals on labelled news: the figures of ``shared/tools/newseval.py``, as a function.

``news_claims/dev.jsonl`` labels every sentence of 30 news330 articles ``worth``, ``checkable``
or ``none`` (``news_claims/GUIDELINES.md``). A proposal is a draft with ``proposed=True``; it
counts for the gold sentence it overlaps most, and proposals are ranked by score. Figures:

- ``junk_rate``: share of proposals whose sentence is labelled ``none``;
- ``worth_recall``: share of ``worth`` sentences with a proposal;
- ``sentences_proposed``: share of sentences with a proposal;
- ``p_at_5``: per article, share of ``worth`` among its k best-scored proposed sentences,
  k = min(5, its number of ``worth`` sentences), mean over articles;
- ``ap_worth``: average precision of the ranked proposals for ``worth``, mean over articles.

The training command of the proposal model computes the same figures on held-out articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from claims.extraction.pipeline import extract_claims
from claims.extraction.proposals import PROPOSAL_THRESHOLD, model_meta

Proposal = tuple[int, int, float]  # start, end, score


def read_articles(data_dir: Path, labels: str = "news_claims/dev.jsonl") -> list[dict]:
    """The labelled articles, each with its ``text`` from ``news/ct22_news330.jsonl``."""
    wanted = [json.loads(line) for line in (data_dir / labels).open(encoding="utf-8")]
    ids = {article["public_id"] for article in wanted}
    texts = {}
    with (data_dir / "news" / "ct22_news330.jsonl").open(encoding="utf-8") as news:
        for line in news:
            item = json.loads(line)
            if item["public_id"] in ids:
                texts[item["public_id"]] = item["text"]
    for article in wanted:
        article["text"] = texts[article["public_id"]]
    return wanted


def score_proposals(
    articles: Iterable[dict], proposals_of: Callable[[dict], list[Proposal]]
) -> dict:
    """The figures above, for the proposals ``proposals_of(article)`` makes."""
    n_sentences = n_proposals = n_junk = n_worth = n_found = covered = 0
    p_at_5, average_precisions = [], []
    for article in articles:
        sentences = article["sentences"]
        worth = {s["i"] for s in sentences if s["label"] == "worth"}
        n_sentences += len(sentences)
        n_worth += len(worth)
        ranked = []
        for start, end, score in proposals_of(article):
            best = _most_overlapped(sentences, start, end)
            label = best["label"] if best else "none"
            n_proposals += 1
            n_junk += label == "none"
            ranked.append((-score, best["i"] if best else -1, label == "worth"))
        n_found += len({i for _, i, is_worth in ranked if is_worth})
        covered += len({i for _, i, _ in ranked if i >= 0})
        ranked.sort()
        seen, unique = set(), []
        for _, i, is_worth in ranked:  # a sentence proposed twice counts once, at its best rank
            if i not in seen:
                seen.add(i)
                unique.append(is_worth)
        if worth:
            k = min(5, len(worth))
            p_at_5.append(sum(unique[:k]) / k)
            average_precisions.append(_average_precision(unique) / len(worth))
    return {
        "articles": len(average_precisions),
        "sentences": n_sentences,
        "proposals": n_proposals,
        "sentences_proposed": round(covered / max(n_sentences, 1), 3),
        "junk_rate": round(n_junk / max(n_proposals, 1), 3),
        "worth_recall": round(n_found / max(n_worth, 1), 3),
        "p_at_5": round(sum(p_at_5) / max(len(p_at_5), 1), 3),
        "ap_worth": round(sum(average_precisions) / max(len(average_precisions), 1), 3),
    }


def score_news_proposals(data_dir: Path) -> dict:
    """``extract_claims`` on ``news_claims/dev.jsonl``, and the cross-validated figures the
    training command recorded (they predict unseen articles; the in-sample ones do not)."""

    def proposals_of(article: dict) -> list[Proposal]:
        drafts = extract_claims(article["text"])
        return [(d.start, d.end, d.score) for d in drafts if d.proposed]

    result = score_proposals(read_articles(data_dir), proposals_of)
    return {
        "dev_in_sample": result,
        "cross_validated": model_meta().get("cross_validated", {}),
        "nested_cross_validated": model_meta().get("nested_cross_validated", {}),
        "threshold": PROPOSAL_THRESHOLD,
    }


def _most_overlapped(sentences: list[dict], start: int, end: int) -> dict | None:
    best, overlap = None, 0
    for sentence in sentences:
        shared = min(end, sentence["end"]) - max(start, sentence["start"])
        if shared > overlap:
            best, overlap = sentence, shared
    return best


def _average_precision(ranked_is_worth: list[bool]) -> float:
    found, total = 0, 0.0
    for rank, is_worth in enumerate(ranked_is_worth, 1):
        if is_worth:
            found += 1
            total += found / rank
    return total
