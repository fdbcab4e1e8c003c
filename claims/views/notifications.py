"""A user's notifications: the list behind the badge, opening one, and the e-mail choice."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.forms import NotificationPreferenceForm
from claims.models import Notification
from claims.services.notifications import (
    notification_email_wanted,
    notification_preference_set,
    notifications_mark_read,
)
from claims.views.access import workbench_view

PAGE_SIZE = 50


@workbench_view
def notification_list(request):
    if request.method == "POST":
        marked = notifications_mark_read(user=request.user)
        messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked read.")
        return redirect("notification_list")
    notifications = request.user.notifications.select_related("claim")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "claims/notifications/list.html", {"page": page, "query": ""})


@workbench_view
def notification_open(request, pk: int):
    """Mark the notification read and go to its claim."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, notification_id=notification.pk)
    return redirect(reverse("claim_detail", args=[notification.claim_id]))


@workbench_view
def notification_settings(request):
    # An unticked box posts nothing: the form is bound whenever the method is POST.
    form = NotificationPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"email": notification_email_wanted(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_set(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, "Saved.")
        return redirect("notification_settings")
    return TemplateResponse(
        request,
        "claims/notifications/settings.html",
        {"form": form, "has_address": bool(request.user.email)},
    )
