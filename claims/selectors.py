"""The reads used by views and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Prefetch, Q
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


# --- the workbench pages (issue 6) ----------------------------------------------------------------
# Every read starts from what the user may see: the workbench roles see the newsroom's articles
# and claims; anyone else sees nothing.


def _may_use_workbench(user) -> bool:
    from claims import workflow

    return workflow.can(user, "view_workbench")


def visible_articles(user):
    return Article.objects.all() if _may_use_workbench(user) else Article.objects.none()


def visible_claims(user):
    return Claim.objects.all() if _may_use_workbench(user) else Claim.objects.none()


def articles_search(
    user,
    *,
    q: str = "",
    outlet=None,
    date_from=None,
    date_to=None,
    language: str = "",
    import_job=None,
):
    articles = visible_articles(user).select_related("outlet")
    if q:
        articles = articles.filter(Q(title__icontains=q) | Q(text__icontains=q))
    if outlet is not None:
        articles = articles.filter(outlet=outlet)
    if date_from is not None:
        articles = articles.filter(published_at__date__gte=date_from)
    if date_to is not None:
        articles = articles.filter(published_at__date__lte=date_to)
    if language:
        articles = articles.filter(language=language)
    if import_job is not None:
        articles = articles.filter(import_job=import_job)
    return (
        articles.defer("text")
        .annotate(
            claim_count=Count("claims", distinct=True),
            suggested_count=Count(
                "claims", filter=Q(claims__status=ClaimStatus.NEW), distinct=True
            ),
        )
        .order_by("-published_at", "-id")
    )


def article_languages() -> list[str]:
    return list(
        Article.objects.exclude(language="")
        .order_by("language")
        .values_list("language", flat=True)
        .distinct()
    )


def reader_claims(article) -> list:
    """The claims of an article, with just what the highlighted reader needs, in one query."""
    return list(
        article.claims.only(
            "id",
            "article_id",
            "start",
            "end",
            "status",
            "score",
            "text",
            "claimant",
            "origin",
            "source_changed",
        ).order_by("start", "end")
    )


def claim_for_page(user, claim_id: int):
    """One claim with everything its page shows, or None if the user may not see it."""
    from django.db.models import Prefetch

    from claims.models import Comment, Evidence, Verdict

    return (
        visible_claims(user)
        .select_related("article__outlet", "assignee", "created_by")
        .prefetch_related(
            "quantities",
            Prefetch("verdicts", queryset=Verdict.objects.select_related("rating", "author")),
            Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("added_by", "snapshot").order_by(
                    "created_at"
                ),
            ),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        )
        .filter(id=claim_id)
        .first()
    )


QUEUE_VIEWS = {
    # view: (label, statuses, only mine)
    "suggestions": ("New suggestions", (ClaimStatus.NEW,), False),
    "research": ("Research queue", (ClaimStatus.QUEUED,), False),
    "mine": (
        "My research",
        (ClaimStatus.IN_PROGRESS, ClaimStatus.CHANGES_REQUESTED, ClaimStatus.IN_REVIEW),
        True,
    ),
    "review": ("In review", (ClaimStatus.IN_REVIEW,), False),
    "publish": ("Approved, to publish", (ClaimStatus.APPROVED,), False),
}


def queue_views_for(user) -> list[str]:
    """The queues a user works from, the first being their default."""
    from claims import workflow

    roles = workflow.roles_of(user)
    if "admin" in roles:
        return list(QUEUE_VIEWS)
    views = []
    if "editor" in roles:
        views += ["review", "publish"]
    if "moderator" in roles:
        views += ["research", "mine"]
    if "annotator" in roles:
        views += ["suggestions"]
    if "editor" in roles:
        views += ["research"]  # editors assign research work
    return list(dict.fromkeys(views))


def queue_claims(
    user,
    *,
    view: str,
    status: str = "",
    min_score=None,
    outlet=None,
    kind: str = "",
    assignee: str = "",
):
    """A queue's claims, highest score first. ``assignee`` is "me", "none" or a user id."""
    _, statuses, only_mine = QUEUE_VIEWS[view]
    claims = visible_claims(user).filter(status__in=[status] if status else statuses)
    if only_mine:
        claims = claims.filter(assignee=user)
    if min_score is not None:
        claims = claims.filter(score__gte=min_score)
    if outlet is not None:
        claims = claims.filter(article__outlet=outlet)
    if kind:
        # kinds is a JSON list of words; matching its quoted text works on SQLite and PostgreSQL.
        claims = claims.filter(kinds__icontains=f'"{kind}"')
    if assignee == "me":
        claims = claims.filter(assignee=user)
    elif assignee == "none":
        claims = claims.filter(assignee__isnull=True)
    elif assignee.isdigit():
        claims = claims.filter(assignee_id=int(assignee))
    return claims.select_related("article__outlet", "assignee").order_by(
        F("score").desc(nulls_last=True), "id"
    )


def my_assignments(user):
    return (
        visible_claims(user)
        .filter(
            assignee=user,
            status__in=[
                ClaimStatus.QUEUED,
                ClaimStatus.IN_PROGRESS,
                ClaimStatus.CHANGES_REQUESTED,
                ClaimStatus.IN_REVIEW,
            ],
        )
        .select_related("article")
        .order_by("-updated_at")
    )


def awaiting_my_review(user):
    """Editors: claims in review whose verdict someone else wrote (the two-person rule)."""
    from claims import workflow

    if not workflow.can(user, "approve_claim"):
        return Claim.objects.none()
    return (
        visible_claims(user)
        .filter(status=ClaimStatus.IN_REVIEW)
        .exclude(verdicts__is_current=True, verdicts__author=user)
        .select_related("article", "assignee")
        .order_by("updated_at")
    )


def claims_per_day(user, *, since) -> dict[str, dict]:
    """{"found": {date: n}, "published": {date: n}} from ``since`` (a datetime) on."""
    from django.db.models.functions import TruncDate

    claims = visible_claims(user)
    found = (
        claims.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    published = (
        claims.filter(published_at__gte=since)
        .annotate(day=TruncDate("published_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {"found": dict(found), "published": dict(published)}


def verdict_distribution(user) -> list[tuple[str, int]]:
    """Current verdicts of published fact-checks per rating of the default scale, in order."""
    from claims.models import Rating

    counts = dict(
        visible_claims(user)
        .filter(status=ClaimStatus.PUBLISHED, verdicts__is_current=True)
        .values_list("verdicts__rating__label")
        .annotate(n=Count("id"))
        .order_by()
    )
    labels = Rating.objects.filter(scale__is_default=True).values_list("label", flat=True)
    return [(label, counts.pop(label, 0)) for label in labels] + sorted(counts.items())


# --- published fact-checks ---------------------------------------------------------------------


def published_factchecks(*, include_retracted: bool = False):
    """Published fact-checks, newest first, with everything ``claimreview()`` and the public
    page read already loaded: the article and outlet by join, verdict versions (with rating and
    scale) and evidence by one prefetch each. Exports of any size therefore cost three queries
    per batch, not three per claim; keep these in sync with ``claims.exports.claimreview``.
    """
    # Newest first is read from a partial index holding only these claims
    # (claim_published_newest_idx, claim_public_published_idx), never past unpublished ones.
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
    change: str  # "created", "changed" or "deleted"
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


_HISTORY_CHANGES = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping that changes with every save and says nothing to a reader of the audit.
_HISTORY_SKIP = {"id", "created_at", "updated_at", "claim"}


def claim_last_editor(claim: Claim, *, look_back: int = 50):
    """Who last changed the claim's text or claimant (transitions are history rows too, so
    the newest row is not necessarily an edit); None if no recent row says."""
    records = list(
        claim.history.order_by("-history_date", "-history_id").select_related("history_user")[
            :look_back
        ]
    )
    for newer, older in pairwise(records):
        if (newer.text, newer.claimant) != (older.text, older.claimant):
            return newer.history_user
    return None


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
            change=_HISTORY_CHANGES.get(record.history_type, record.history_type),
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
