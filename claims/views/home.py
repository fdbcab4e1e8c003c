from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from claims import selectors


@login_required
def home(request):
    return TemplateResponse(
        request,
        "claims/home.html",
        {
            "status_counts": selectors.claim_status_counts(),
            "recent_jobs": selectors.recent_import_jobs(limit=5),
            "recent_articles": selectors.recent_articles(limit=10),
        },
    )
