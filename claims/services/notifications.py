"""Telling people what waits for them. The workflow services call ``notify_transition``
after a transition; the rows show in the workbench at once, and each e-mail goes from a Celery
task once the transaction commits, never from the request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Notification, NotificationKind, NotificationPreference
from claims.services import dispatch

# action -> what the people concerned are told
KIND_OF_ACTION = {
    "assign": NotificationKind.ASSIGNED,
    "submit": NotificationKind.REVIEW,
    "request_changes": NotificationKind.CHANGES_REQUESTED,
    "publish": NotificationKind.PUBLISHED,
    # A correction is a new verdict version under review: the editors are asked to review it,
    # and the people behind the claim are told once it is approved and public.
    "correct": NotificationKind.REVIEW,
    "approve_correction": NotificationKind.CORRECTED,
}

MESSAGES = {
    NotificationKind.ASSIGNED: "{actor} assigned a claim to you: {claim}",
    NotificationKind.REVIEW: "{actor} submitted a verdict for your review: {claim}",
    NotificationKind.CHANGES_REQUESTED: "{actor} requested changes: {claim}",
    NotificationKind.PUBLISHED: "{actor} published your fact-check: {claim}",
    NotificationKind.CORRECTED: "{actor} corrected your fact-check: {claim}",
}


def _recipients(claim: Claim, kind: str, actor) -> list:
    if kind in (NotificationKind.ASSIGNED, NotificationKind.CHANGES_REQUESTED):
        people = [claim.assignee]
    elif kind == NotificationKind.REVIEW:
        # Every editor but the verdict's author: the two-person rule keeps them from it.
        verdict = claim.pending_correction or claim.current_verdict
        people = list(
            get_user_model()
            .objects.filter(groups__name="editor", is_active=True)
            .exclude(pk=getattr(verdict, "author_id", None))
            .distinct()
        )
    else:  # published, corrected: whoever marked, researched or wrote it
        verdict = claim.current_verdict
        people = [claim.created_by, claim.assignee, getattr(verdict, "author", None)]
    unique = {p.pk: p for p in people if p is not None and p.is_active}
    unique.pop(getattr(actor, "pk", None), None)
    return list(unique.values())


def notify_transition(*, claim: Claim, action: str, actor) -> list[Notification]:
    """The notifications a workflow action causes, stored now; their e-mails are sent by a
    task after the caller's transaction commits. Actions nobody waits on notify nobody."""
    kind = KIND_OF_ACTION.get(action)
    if kind is None:
        return []
    message = MESSAGES[kind].format(actor=actor.get_username(), claim=claim.text)[:300]
    notifications = Notification.objects.bulk_create(
        Notification(user=user, claim=claim, kind=kind, message=message)
        for user in _recipients(claim, kind, actor)
    )
    if settings.EMAIL_URL:
        no_email = set(
            NotificationPreference.objects.filter(
                user__in=[n.user_id for n in notifications], email=False
            ).values_list("user_id", flat=True)
        )
        for notification in notifications:
            if notification.user_id not in no_email and notification.user.email:
                dispatch.send_after_commit("claims.tasks.notification_email_task", notification.pk)
    return notifications


def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification's e-mail; False if it was sent already or is no longer wanted.

    The row is claimed by a conditional UPDATE, so a task delivered twice sends once; if
    sending fails the claim is released and the error propagates for the task to retry."""
    claimed = Notification.objects.filter(id=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("user").get(id=notification_id)
    user = notification.user
    if not user.email or not notification_email_wanted(user):
        return False
    link = settings.SITE_URL + reverse("claim_detail", args=[notification.claim_id])
    try:
        send_mail(
            subject=f"[Claim Workbench] {notification.get_kind_display()}",
            message=f"{notification.message}\n\n{link}\n\n"
            f"Turn these e-mails off: {settings.SITE_URL}{reverse('notification_settings')}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    except Exception:
        Notification.objects.filter(id=notification_id).update(emailed_at=None)
        raise
    return True


def notification_email_wanted(user) -> bool:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.email


@transaction.atomic
def notification_preference_set(*, user, email: bool) -> NotificationPreference:
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference


def notifications_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read; returns how many."""
    unread = Notification.objects.unread().filter(user=user)
    if notification_id is not None:
        unread = unread.filter(id=notification_id)
    return unread.update(read_at=timezone.now())
