"""The dashboard: what is mine, what waits for me, how the desk is doing."""

from __future__ import annotations

from datetime import time, timedelta

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import timezone

from claims import charts, selectors
from claims.views.access import workbench_view

CHART_DAYS = 30
WEEKS = 4  # of throughput per person


@workbench_view
def home(request):
    user = request.user
    today = timezone.localdate()
    since = timezone.make_aware(
        timezone.datetime.combine(
            today - timedelta(days=CHART_DAYS - 1), timezone.datetime.min.time()
        )
    )
    per_day = selectors.claims_per_day(user, since=since)
    now = timezone.now()
    overdue_days = settings.CLAIM_OVERDUE_DAYS
    weeks = [today - timedelta(days=today.weekday() + 7 * i) for i in reversed(range(WEEKS))]
    week_start = timezone.make_aware(timezone.datetime.combine(weeks[0], time.min))
    throughput = selectors.throughput_per_person(user, since=week_start)
    return TemplateResponse(
        request,
        "claims/home.html",
        {
            "assignments": selectors.my_assignments(user)[:20],
            "to_review": selectors.awaiting_my_review(user)[:20],
            "status_counts": selectors.claim_status_counts(),
            "ageing": selectors.claim_ageing(user, now=now, overdue_days=overdue_days),
            "overdue": selectors.overdue_claims(user, now=now, overdue_days=overdue_days)[:20],
            "overdue_days": overdue_days,
            "weeks": weeks,
            "throughput": [
                (name, [counts.get(w, 0) for w in weeks]) for name, counts in throughput.items()
            ],
            "recent_jobs": selectors.recent_import_jobs(limit=5),
            "recent_articles": selectors.recent_articles(limit=8),
            "daily_chart": charts.daily_chart(per_day, today=today, days=CHART_DAYS),
            "verdict_chart": charts.distribution_chart(selectors.verdict_distribution(user)),
        },
    )
