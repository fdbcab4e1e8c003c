"""Notifications: who is told of what, the badge and list, e-mail after commit, and the
choice to turn e-mail off."""

import pytest
from django.urls import reverse

from claims.models import Notification, NotificationKind, Rating
from claims.services.notifications import notification_email_send
from tests.factories import ClaimFactory
from tests.review_helpers import act, claim_in_review, ensure_default_scale, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _email_on(settings):
    settings.EMAIL_URL = "consolemail://"


def _told(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_an_assignee_is_told_and_the_editor_who_assigned_is_not(annotator, moderator, editor):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, editor, "assign", assignee=moderator)
    assert _told(moderator) == [NotificationKind.ASSIGNED]
    assert _told(editor) == []
    assert claim.text in Notification.objects.get(user=moderator).message


def test_a_submitted_verdict_waits_for_every_editor_but_its_author(
    annotator, moderator, editor, other_editor
):
    ensure_default_scale()
    claim_in_review(annotator=annotator, moderator=moderator)
    assert _told(editor) == [NotificationKind.REVIEW]
    assert _told(other_editor) == [NotificationKind.REVIEW]
    assert _told(moderator) == []


def test_requested_changes_reach_the_researcher(annotator, moderator, editor):
    ensure_default_scale()
    claim = claim_in_review(annotator=annotator, moderator=moderator)
    act(claim, editor, "request_changes", comment="A third source, please")
    assert NotificationKind.CHANGES_REQUESTED in _told(moderator)


def test_publication_and_correction_reach_the_people_behind_the_claim(
    annotator, moderator, editor, other_editor
):
    ensure_default_scale()
    claim = ClaimFactory(created_by=annotator)
    published_claim(annotator=annotator, moderator=moderator, editor=editor, claim=claim)
    assert NotificationKind.PUBLISHED in _told(moderator)
    assert NotificationKind.PUBLISHED in _told(annotator)
    assert NotificationKind.PUBLISHED not in _told(editor)
    Notification.objects.all().delete()
    act(
        claim, editor, "correct", comment="The UNHCR figure was revised",
        verdict={"rating": Rating.objects.get(slug="mostly-true"),
                 "claim_reviewed": "More than 1 million people fled Ukraine", "summary": ""},
    )  # fmt: skip
    # Proposed, not public: another editor is asked to review it, nobody is told "corrected".
    assert _told(other_editor) == [NotificationKind.REVIEW]
    assert _told(editor) == []
    assert NotificationKind.CORRECTED not in _told(moderator)
    act(claim, other_editor, "approve_correction")
    assert NotificationKind.CORRECTED in _told(moderator)
    assert NotificationKind.CORRECTED in _told(editor)  # its author, told by the approver


def test_e_mail_leaves_from_a_task_after_commit_once(
    annotator, moderator, editor, django_capture_on_commit_callbacks, mailoutbox
):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    with django_capture_on_commit_callbacks() as callbacks:
        act(claim, editor, "assign", assignee=moderator)
    assert len(callbacks) == 1  # the e-mail task, enqueued only once the transaction commits
    assert mailoutbox == []  # nothing sent in the request
    notification = Notification.objects.get(user=moderator)
    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False  # a redelivery
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [moderator.email]
    assert f"/claims/{claim.pk}/" in mailoutbox[0].body


def test_no_e_mail_for_a_user_who_turned_it_off_or_without_e_mail_set_up(
    client, annotator, moderator, editor, django_capture_on_commit_callbacks, settings
):
    client.force_login(moderator)
    response = client.post(reverse("notification_settings"), {})
    assert response.status_code == 302
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    with django_capture_on_commit_callbacks() as callbacks:
        act(claim, editor, "assign", assignee=moderator)
    assert callbacks == []
    assert _told(moderator) == [NotificationKind.ASSIGNED]  # still told in the workbench
    assert client.get(reverse("notification_settings")).context["form"].initial == {"email": False}
    client.post(reverse("notification_settings"), {"email": "on"})
    settings.EMAIL_URL = ""
    other = ClaimFactory()
    act(other, annotator, "queue")
    with django_capture_on_commit_callbacks() as callbacks:
        act(other, editor, "assign", assignee=moderator)
    assert callbacks == []


def test_the_badge_counts_unread_and_opening_one_marks_it_read(
    client, annotator, moderator, editor
):
    claims = [ClaimFactory(), ClaimFactory()]
    for claim in claims:
        act(claim, annotator, "queue")
        act(claim, editor, "assign", assignee=moderator)
    client.force_login(moderator)
    html = client.get(reverse("home")).content.decode()
    assert '<span class="count-badge" aria-label="2 unread">2</span>' in html
    page = client.get(reverse("notification_list"))
    assert [n.claim for n in page.context["page"].object_list] == claims[::-1]
    first = Notification.objects.filter(user=moderator).first()
    response = client.get(reverse("notification_open", args=[first.pk]))
    assert response["Location"] == reverse("claim_detail", args=[first.claim_id])
    assert 'aria-label="1 unread"' in client.get(reverse("home")).content.decode()
    client.post(reverse("notification_list"))
    assert "count-badge" not in client.get(reverse("home")).content.decode()


def test_someone_elses_notification_is_not_found(client, annotator, moderator, editor):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, editor, "assign", assignee=moderator)
    client.force_login(editor)
    notification = Notification.objects.get(user=moderator)
    assert client.get(reverse("notification_open", args=[notification.pk])).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None
