"""The reads used by views and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q
from django.db.models.functions import TruncDate, TruncWeek
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst

from claims import workflow
from claims.models import (
    Article,
    Claim,
    ClaimStatus,
    ClaimVector,
    Comment,
    Evidence,
    ImportJob,
    MatchKind,
    MatchSuggestion,
    Rating,
    Verdict,
)


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
    return workflow.can(user, "view_workbench")


def visible_articles(user):
    return Article.objects.all() if _may_use_workbench(user) else Article.objects.none()


def visible_claims(user):
    return Claim.objects.all() if _may_use_workbench(user) else Claim.objects.none()


def visible_import_jobs(user):
    """Imports are shared work: every role sees every job; users without a role see none."""
    jobs = ImportJob.objects.all()
    return jobs if workflow.can(user, "import_articles") else jobs.none()


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
    """The claims of an article, with just what the highlighted reader needs, in two queries
    (the claims, their quantities)."""
    return list(
        article.claims.prefetch_related("quantities")
        .only(
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
        )
        .order_by("start", "end")
    )


def reader_suggestions(claims, *, line: float) -> tuple[list, list]:
    """The claims still to triage, split at the outlet's line: (worth checking, more), each
    highest score first. Claims without a score (marked by hand) are never below the line."""
    new = [c for c in claims if c.status == ClaimStatus.NEW]
    new.sort(key=lambda c: (c.score is not None, -(c.score or 0), c.start))
    worth = [c for c in new if c.score is None or c.score >= line]
    return worth, new[len(worth) :]


def claim_for_page(user, claim_id: int):
    """One claim with everything its page shows, or None if the user may not see it."""
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
    # Every claim in every state: where the dashboard's counts and searches lead.
    "all": ("All claims", tuple(ClaimStatus), False),
}


def queue_views_for(user) -> list[str]:
    """The queues a user works from, the first being their default."""

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
    if views:
        views += ["all"]
    return list(dict.fromkeys(views))


def claims_matching(claims, q: str):
    """Claims whose text, quote, claimant, article title or outlet holds every word of ``q``."""
    for word in q.split()[:10]:
        claims = claims.filter(
            Q(text__icontains=word)
            | Q(quote__icontains=word)
            | Q(claimant__icontains=word)
            | Q(article__title__icontains=word)
            | Q(article__outlet__name__icontains=word)
        )
    return claims


def queue_claims(
    user,
    *,
    view: str,
    status: str = "",
    min_score=None,
    outlet=None,
    kind: str = "",
    assignee: str = "",
    q: str = "",
):
    """A queue's claims, highest score first. ``assignee`` is "me", "none" or a user id;
    ``q`` searches words in the claim, its claimant, article title and outlet."""
    _, statuses, only_mine = QUEUE_VIEWS[view]
    # A group of confirmed duplicates is one row, its primary's (``group_sizes`` counts it).
    claims = visible_claims(user).filter(
        status__in=[status] if status else statuses, primary__isnull=True
    )
    if q:
        claims = claims_matching(claims, q)
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
    """Editors: claims in review, and published fact-checks with a correction waiting for
    review, whose verdict or correction someone else wrote (the two-person rule)."""

    if not workflow.can(user, "approve_claim"):
        return Claim.objects.none()
    mine = Verdict.objects.filter(claim=OuterRef("pk"), is_current=True, author=user)
    # On a published claim, only a pending correction is a version neither current nor approved.
    correction = Verdict.objects.filter(
        claim=OuterRef("pk"), is_current=False, approved_by__isnull=True
    ).exclude(correction_note="")
    return (
        visible_claims(user)
        .filter(
            Q(~Exists(mine), status=ClaimStatus.IN_REVIEW)
            | Q(Exists(correction.exclude(author=user)), status=ClaimStatus.PUBLISHED)
        )
        .select_related("article", "assignee")
        .order_by("updated_at")
    )


def claims_per_day(user, *, since) -> dict[str, dict]:
    """{"found": {date: n}, "published": {date: n}} from ``since`` (a datetime) on."""
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


OPEN_STATUSES = (
    ClaimStatus.NEW,
    ClaimStatus.QUEUED,
    ClaimStatus.IN_PROGRESS,
    ClaimStatus.CHANGES_REQUESTED,
    ClaimStatus.IN_REVIEW,
    ClaimStatus.APPROVED,
)
# Where a claim waits on a person; longer than CLAIM_OVERDUE_DAYS there is overdue.
WORKING_STATUSES = (ClaimStatus.IN_PROGRESS, ClaimStatus.CHANGES_REQUESTED, ClaimStatus.IN_REVIEW)


@dataclass(frozen=True)
class StateAge:
    status: str
    label: str
    count: int
    oldest: datetime | None  # when the longest-waiting claim entered the state
    overdue: int  # claims in it for longer than CLAIM_OVERDUE_DAYS


def claim_ageing(user, *, now: datetime, overdue_days: int) -> list[StateAge]:
    """How long claims have waited in each open state, in one grouped query."""
    cutoff = now - timedelta(days=overdue_days)
    rows = {
        status: (n, oldest, late)
        for status, n, oldest, late in visible_claims(user)
        .filter(status__in=OPEN_STATUSES)
        .values_list("status")
        .annotate(
            n=Count("id"),
            oldest=Min("status_changed_at"),
            late=Count("id", filter=Q(status_changed_at__lt=cutoff)),
        )
        .order_by()
    }
    return [StateAge(s.value, s.label, *rows.get(s.value, (0, None, 0))) for s in OPEN_STATUSES]


def overdue_claims(user, *, now: datetime, overdue_days: int):
    """Claims in research or review for longer than ``overdue_days``, longest waiting first."""
    return (
        visible_claims(user)
        .filter(
            status__in=WORKING_STATUSES,
            status_changed_at__lt=now - timedelta(days=overdue_days),
        )
        .select_related("assignee")
        .order_by("status_changed_at", "id")
    )


# The transitions that move a claim on; the history records each one by its action's name.
THROUGHPUT_ACTIONS = ("queue", "dismiss", "start", "submit", "request_changes", "approve",
                      "publish", "correct", "retract")  # fmt: skip


def throughput_per_person(user, *, since: datetime) -> dict[str, dict[date, int]]:
    """{username: {Monday of the week: transitions made that week}} from ``since`` on."""
    if not _may_use_workbench(user):
        return {}
    by_action = Q()
    for action in THROUGHPUT_ACTIONS:
        by_action |= Q(history_change_reason=action)
        by_action |= Q(history_change_reason__startswith=f"{action}:")
    rows = (
        Claim.history.filter(by_action, history_date__gte=since, history_user__isnull=False)
        .annotate(week=TruncWeek("history_date"))
        .values_list("history_user__" + get_user_model().USERNAME_FIELD, "week")
        .annotate(n=Count("history_id"))
        .order_by()
    )
    result: dict[str, dict[date, int]] = {}
    for name, week, n in rows:
        week = week.date() if isinstance(week, datetime) else week
        result.setdefault(name, {})[week] = n
    return dict(sorted(result.items()))


def verdict_distribution(user) -> list[tuple[str, int]]:
    """Current verdicts of published fact-checks per rating of the default scale, in order."""
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
    scale), evidence and the confirmed duplicates' articles (ClaimReview's appearances) by one
    prefetch each. Exports of any size therefore cost four queries per batch, not four per
    claim; keep these in sync with ``claims.exports.claimreview``.
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
            Prefetch("evidence", queryset=Evidence.objects.public().order_by("created_at", "id")),
            Prefetch(
                "duplicates",
                queryset=Claim.objects.select_related("article__outlet")
                .defer("article__text")
                .order_by("id"),
            ),
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
    # For people: the field's label and the values as the pages show them ("In review",
    # "quantity, causal", "1.00"); ``old`` and ``new`` stay the stored values (the API).
    label: str = ""
    old_text: str | None = None
    new_text: str | None = None


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
            _field_change(f, None, getattr(record, f.attname), names)
            for f in fields
            if getattr(record, f.attname) not in (None, "", [], False)
        ]
    delta = record.diff_against(previous, excluded_fields=_HISTORY_SKIP)
    return [
        _field_change(record._meta.get_field(c.field), c.old, c.new, names) for c in delta.changes
    ]


# Where a field's own name says too little to a reader of the audit.
_HISTORY_LABELS = {
    "score": "Check-worthiness",
    "kinds": "Kinds of claim",
    "quote": "Quoted passage",
    "start": "Starts at character",
    "end": "Ends at character",
    "is_current": "In force",
}


def _field_change(model_field, old, new, names) -> FieldChange:
    label = _HISTORY_LABELS.get(model_field.name) or capfirst(str(model_field.verbose_name))
    return FieldChange(
        model_field.name,
        names.display(model_field, old),
        names.display(model_field, new),
        label=label,
        old_text=_human_value(model_field, old, names),
        new_text=_human_value(model_field, new, names),
    )


def _human_value(model_field, value, names) -> str | None:
    """A stored value as a person reads it: labels for choices, rounded scores, lists."""
    if value is None:
        return None
    if model_field.is_relation:
        return str(names.display(model_field, value))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%-d %b %Y %H:%M}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items()) or "none"
    return str(value)


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


# --- matching ----------------------------------------------------------------------------------


@dataclass
class ClaimMatches:
    """What the reader's panel and the claim page show of a claim's matches."""

    factchecks: list  # MatchSuggestion to our published fact-checks, best first
    external: list  # MatchSuggestion to fact-checks published elsewhere
    others: list  # (MatchSuggestion | None, Claim): the same claim in other articles
    primary: Claim | None  # the group's primary, when this claim is a confirmed duplicate
    appearances: int  # claims in this claim's group, itself included
    matched: bool  # False: matching has not run for it yet (it lags behind imports)

    @property
    def other_articles(self) -> int:
        return len({claim.article_id for _, claim in self.others})


def claim_matches(claim: Claim) -> ClaimMatches:
    suggestions = list(
        MatchSuggestion.objects.open()
        .filter(Q(claim=claim) | Q(target_claim=claim, kind=MatchKind.CLAIM))
        .select_related(
            "target_external",
            "target_claim__article__outlet",
            "target_claim__live_verdict__rating",
            "claim__article__outlet",
            "decided_by",
        )
    )
    outgoing = [s for s in suggestions if s.claim_id == claim.id]
    group = group_members(claim)
    others: dict[int, tuple] = {
        c.id: (None, c) for c in group if c.id != claim.id and c.article_id != claim.article_id
    }
    for s in suggestions:
        if s.kind == MatchKind.CLAIM:
            other = s.target_claim if s.claim_id == claim.id else s.claim
            if other.article_id != claim.article_id and other.id not in others:
                others[other.id] = (s, other)
    return ClaimMatches(
        factchecks=[s for s in outgoing if s.kind == MatchKind.FACTCHECK],
        external=[s for s in outgoing if s.kind == MatchKind.EXTERNAL],
        others=sorted(others.values(), key=lambda pair: -(pair[0].score if pair[0] else 2)),
        primary=next((c for c in group if c.id == claim.primary_id), None),
        appearances=len(group),
        matched=ClaimVector.objects.filter(claim=claim).exists(),
    )


def group_members(claim: Claim) -> list[Claim]:
    """Every claim of the claim's group (primary first, then by date), or just the claim."""
    root = claim.primary_id or claim.id
    members = (
        Claim.objects.filter(Q(id=root) | Q(primary_id=root))
        .select_related("article__outlet")
        .order_by("created_at", "id")
    )
    members = list(members)
    members.sort(key=lambda c: c.id != root)
    return members or [claim]


def group_sizes(claim_ids: list[int]) -> dict[int, int]:
    """Confirmed appearances per group primary (1 for a claim in no group), one query."""
    counts = dict(
        Claim.objects.filter(primary_id__in=claim_ids)
        .values("primary_id")
        .annotate(n=Count("id"))
        .values_list("primary_id", "n")
    )
    return {pk: counts.get(pk, 0) + 1 for pk in claim_ids}


@dataclass
class ReaderMatching:
    pending: int  # claims that should be matched and are not yet (matching lags imports)
    checked: set[int]  # claims with a fact-check (ours or external) suggested or confirmed


def reader_matching(claims, *, matchable) -> ReaderMatching:
    """The reader's matching flags for an article's claims, in one query. ``matchable``: the
    claims matching runs for (proposals above the line, claims marked by hand)."""
    with_factcheck = MatchSuggestion.objects.open().filter(claim=OuterRef("pk"))
    rows = Claim.objects.filter(id__in=[c.id for c in claims]).values_list(
        "id",
        Exists(ClaimVector.objects.filter(claim=OuterRef("pk"))),
        Exists(with_factcheck.exclude(kind=MatchKind.CLAIM)),
    )
    wanted = {c.id for c in matchable}
    flags = list(rows)
    return ReaderMatching(
        pending=sum(1 for pk, matched, _ in flags if pk in wanted and not matched),
        checked={pk for pk, _, checked in flags if checked},
    )
