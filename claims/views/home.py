"""The dashboard: what is mine, what waits for me, how the desk is doing."""

from __future__ import annotations

from datetime import timedelta

from django.template.response import TemplateResponse
from django.utils import timezone

from claims import charts, selectors
from claims.views.access import workbench_view

CHART_DAYS = 30


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
    return TemplateResponse(
        request,
        "claims/home.html",
        {
            "assignments": selectors.my_assignments(user)[:20],
            "to_review": selectors.awaiting_my_review(user)[:20],
            "status_counts": selectors.claim_status_counts(),
            "recent_jobs": selectors.recent_import_jobs(limit=5),
            "recent_articles": selectors.recent_articles(limit=8),
            "daily_chart": charts.daily_chart(per_day, today=today, days=CHART_DAYS),
            "verdict_chart": charts.distribution_chart(selectors.verdict_distribution(user)),
        },
    )
