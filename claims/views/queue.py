"""Queues per role, with filters and bulk actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import selectors
from claims.forms import BulkForm, QueueFilterForm
from claims.services.reviews import claims_bulk_transition
from claims.views.access import safe_next, workbench_view

PAGE_SIZE = 50


def _view_name(request) -> str:
    views = selectors.queue_views_for(request.user)
    if not views:
        raise PermissionDenied("Your role has no queue.")
    requested = request.GET.get("view", "")
    return requested if requested in views else views[0]


@workbench_view
def queue(request):
    views = selectors.queue_views_for(request.user)
    view = _view_name(request)
    label, statuses, _ = selectors.QUEUE_VIEWS[view]
    form = QueueFilterForm(request.GET or None, statuses=statuses)
    filters = form.cleaned_data if form.is_valid() else {}
    claims = selectors.queue_claims(
        request.user, view=view, **{k: v for k, v in filters.items() if v not in (None, "")}
    )
    page = Paginator(claims, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    sizes = selectors.group_sizes([c.pk for c in page.object_list])
    for claim in page.object_list:
        claim.appearances = sizes[claim.pk]
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "claims/queue.html",
        {
            "views": [(v, selectors.QUEUE_VIEWS[v][0]) for v in views],
            "view": view,
            "label": label,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "bulk_form": BulkForm(user=request.user),
            "bulk_errors": request.session.pop("bulk_errors", None),
        },
    )


@require_POST
@workbench_view
def queue_bulk(request):
    visible = selectors.visible_claims(request.user)
    ids = [int(i) for i in request.POST.getlist("claims") if i.isdigit()]
    form = BulkForm(
        request.POST,
        user=request.user,
        claim_ids=visible.filter(id__in=ids).values_list("id", flat=True),
    )
    back = safe_next(request, reverse("queue"))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back)
    data = form.cleaned_data
    errors = claims_bulk_transition(
        claim_ids=data["claims"],
        user=request.user,
        action=data["action"],
        comment=data["comment"],
        assignee=data["assignee"],
    )
    done = len(data["claims"]) - len(errors)
    messages.success(
        request, f"{data['action'].title()}: {done} of {len(data['claims'])} claims done."
    )
    if errors:
        # Shown once on the next page, claim by claim.
        request.session["bulk_errors"] = sorted((i, m) for i, m in errors.items())
    return redirect(back)
