"""Notification e-mail sent by a real Celery worker over the real broker, after the transition
commits; the request itself sends nothing."""

from __future__ import annotations

import pytest

from claims.models import Notification
from tests.factories import ClaimFactory, UserFactory
from tests.review_helpers import act
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_worker_e_mails_the_assignee_once(tmp_path, settings):
    outbox = tmp_path / "mail"
    outbox.mkdir()
    email_url = f"filemail:///{outbox}"  # an absolute path after the scheme's three slashes
    settings.EMAIL_URL = email_url
    annotator = UserFactory(username="anna", roles=["annotator"])
    moderator = UserFactory(username="moritz", roles=["moderator"])
    editor = UserFactory(username="edith", roles=["editor"])
    claim = ClaimFactory(text="Ten ships left Odesa on Monday")
    act(claim, annotator, "queue")
    with celery_worker(extra_env={"EMAIL_URL": email_url}, log_path=tmp_path / "worker.log"):
        act(claim, editor, "assign", assignee=moderator)
        notification = Notification.objects.get(user=moderator)
        wait_for(
            lambda: Notification.objects.get(pk=notification.pk).emailed_at is not None,
            timeout=60,
            what="the e-mail",
        )
        wait_for(lambda: any(outbox.iterdir()), timeout=10, what="the mail file")
    mails = [path.read_text() for path in outbox.iterdir()]
    assert len(mails) == 1
    assert f"To: {moderator.email}" in mails[0]
    assert "edith assigned a claim to you: Ten ships left Odesa on Monday" in mails[0]
    assert f"/claims/{claim.pk}/" in mails[0]
