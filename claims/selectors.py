"""The reads used by views and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from claims.models import Article, Claim, ClaimStatus, Evidence, ImportJob, Rating, Verdict


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


# --- published fact-checks ---------------------------------------------------------------------


def published_factchecks(*, include_retracted: bool = False):
    """Published fact-checks, newest first, with everything ``claimreview()`` and the public
    page read already loaded: the article and outlet by join, verdict versions (with rating and
    scale) and evidence by one prefetch each. Exports of any size therefore cost four queries
    per batch, not four per claim; keep these in sync with ``claims.exports.claimreview``.
    """
    claims = Claim.objects.public() if include_retracted else Claim.objects.published()
    return (
        claims.select_related("article__outlet")
        .prefetch_related(
            Prefetch(
                "verdicts",
                queryset=Verdict.objects.select_related("rating__scale").order_by("version"),
            ),
            Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")),
        )
        .order_by("-published_at", "-id")
    )


def factcheck_by_slug(slug: str) -> Claim:
    """A public fact-check (published or retracted) or Http404; drafts are never found."""
    return get_object_or_404(published_factchecks(include_retracted=True), slug=slug)


# --- audit history -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str | None
    object_type: str  # "claim", "verdict" or "evidence"
    object_id: int
    object_label: str
    action: str  # "created", "changed" or "deleted"
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


_HISTORY_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping that changes with every save and says nothing to a reader of the audit.
_HISTORY_SKIP = {"id", "created_at", "updated_at", "claim"}


def claim_history(claim: Claim) -> list[HistoryEntry]:
    """Every recorded change to the claim, its verdicts and its evidence, oldest first, as
    field-by-field changes (simple-history's ``diff_against`` between consecutive records).

    Three queries for the history rows plus one each to name the users and ratings involved.
    """
    sources = [
        ("claim", Claim.history.filter(id=claim.pk)),
        ("verdict", Verdict.history.filter(claim_id=claim.pk)),
        ("evidence", Evidence.history.filter(claim_id=claim.pk)),
    ]
    entries: list[tuple[str, object, object]] = []  # (type, record, previous record or None)
    for object_type, records in sources:
        previous_by_object: dict[int, object] = {}
        for record in records.select_related("history_user").order_by("history_date", "pk"):
            entries.append((object_type, record, previous_by_object.get(record.id)))
            previous_by_object[record.id] = record
    names = _HistoryNames(entries)
    result = [
        HistoryEntry(
            when=record.history_date,
            who=record.history_user.get_username() if record.history_user else None,
            object_type=object_type,
            object_id=record.id,
            object_label=_history_label(object_type, record),
            action=_HISTORY_ACTIONS.get(record.history_type, record.history_type),
            reason=record.history_change_reason or "",
            changes=_history_changes(record, previous, names),
        )
        for object_type, record, previous in entries
    ]
    result.sort(key=lambda e: e.when)
    return result


def _history_label(object_type: str, record) -> str:
    if object_type == "verdict":
        return f"Verdict version {record.version}"
    if object_type == "evidence":
        return record.title or record.url
    return "Claim"


def _history_changes(record, previous, names) -> list[FieldChange]:
    if previous is None:
        # A creation: show what it was created with, leaving empty fields out.
        fields = [f for f in record.tracked_fields if f.name not in _HISTORY_SKIP]
        return [
            FieldChange(f.name, None, names.display(f, getattr(record, f.attname)))
            for f in fields
            if getattr(record, f.attname) not in (None, "", [], False)
        ]
    delta = record.diff_against(previous, excluded_fields=_HISTORY_SKIP)
    return [
        FieldChange(
            c.field,
            names.display(record._meta.get_field(c.field), c.old),
            names.display(record._meta.get_field(c.field), c.new),
        )
        for c in delta.changes
    ]


class _HistoryNames:
    """Foreign keys in history rows are raw ids; name them (users, ratings) in two queries."""

    def __init__(self, entries):
        user_ids, rating_ids = set(), set()
        for _, record, _ in entries:
            for f in record.tracked_fields:
                if not f.is_relation:
                    continue
                value = getattr(record, f.attname)
                if value is None:
                    continue
                if f.related_model is get_user_model():
                    user_ids.add(value)
                elif f.related_model is Rating:
                    rating_ids.add(value)
        self.users = dict(
            get_user_model()
            .objects.filter(pk__in=user_ids)
            .values_list("pk", get_user_model().USERNAME_FIELD)
        )
        self.ratings = dict(Rating.objects.filter(pk__in=rating_ids).values_list("pk", "label"))

    def display(self, model_field, value):
        if value is None:
            return None
        if model_field.is_relation:
            if model_field.related_model is get_user_model():
                return self.users.get(value, f"user {value}")
            if model_field.related_model is Rating:
                return self.ratings.get(value, f"rating {value}")
            return value
        if isinstance(value, datetime | date):
            return value.isoformat()
        return value
