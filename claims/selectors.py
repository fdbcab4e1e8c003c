"""The reads used by views and the API."""

from __future__ import annotations

from django.db.models import Count

from claims.models import Article, Claim, ClaimStatus, ImportJob


def claim_status_counts() -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, zeros included, in workflow order."""
    counts = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in ClaimStatus.choices]


def recent_import_jobs(*, limit: int = 10):
    return ImportJob.objects.select_related("created_by", "outlet").order_by("-created_at")[:limit]


def recent_articles(*, limit: int = 10):
    return (
        Article.objects.select_related("outlet")
        .annotate(claim_count=Count("claims"))
        .order_by("-created_at")[:limit]
    )
