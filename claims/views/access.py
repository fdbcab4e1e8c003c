"""Who may open a workbench page: a signed-in user holding one of the workbench roles."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.http import url_has_allowed_host_and_scheme

from claims import workflow


def workbench_view(view):
    """Login required; a signed-in user without a role gets 403, not an empty page."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not workflow.can(request.user, "view_workbench"):
            raise PermissionDenied("Your account has no workbench role; ask an admin for one.")
        return view(request, *args, **kwargs)

    return wrapper


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback
