"""The dashboard: my work, what waits for my review, counts, imports, charts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimStatus, ImportJob, ImportSource
from claims.services.reviews import claim_transition, evidence_add, verdict_save_draft
from tests.factories import ClaimFactory, UserFactory
from tests.review_helpers import preserve_sources

pytestmark = pytest.mark.django_db


def _submitted(author, annotator):
    claim = ClaimFactory()
    claim_transition(claim_id=claim.pk, user=annotator, action="queue")
    claim_transition(claim_id=claim.pk, user=author, action="start")
    for url in ("https://un.org/a", "https://unhcr.org/b"):
        evidence_add(claim_id=claim.pk, user=author, url=url)
    preserve_sources(claim, author)
    verdict_save_draft(claim_id=claim.pk, user=author, rating="true", claim_reviewed="Fled")
    claim_transition(claim_id=claim.pk, user=author, action="submit")
    return claim


def test_my_assignments_list_my_open_claims(client, moderator):
    mine = ClaimFactory(status=ClaimStatus.IN_PROGRESS, assignee=moderator, text="Mine to check")
    ClaimFactory(status=ClaimStatus.IN_PROGRESS, text="Not mine")
    client.force_login(moderator)
    response = client.get(reverse("home"))
    assert list(response.context["assignments"]) == [mine]


def test_editors_see_reviews_waiting_except_their_own_verdicts(client, annotator, editor):
    moderator = UserFactory(username="mo", roles=["moderator"])
    both = UserFactory(username="both", roles=["moderator", "editor"])
    theirs, own = _submitted(moderator, annotator), _submitted(both, annotator)
    client.force_login(editor)
    assert set(client.get(reverse("home")).context["to_review"]) == {theirs, own}
    client.force_login(both)
    assert list(client.get(reverse("home")).context["to_review"]) == [theirs]
    client.force_login(moderator)
    assert list(client.get(reverse("home")).context["to_review"]) == []


def test_counts_imports_and_charts_are_drawn_as_svg(client, annotator, editor):
    claim = _submitted(UserFactory(username="mo", roles=["moderator"]), annotator)
    claim_transition(claim_id=claim.pk, user=editor, action="approve")
    claim_transition(claim_id=claim.pk, user=editor, action="publish")
    ClaimFactory()
    ImportJob.objects.create(source=ImportSource.API, label="Morning batch", total=4, done=2)
    client.force_login(annotator)
    response = client.get(reverse("home"))
    html = response.content.decode()
    counts = {value: n for value, _, n in response.context["status_counts"]}
    assert counts["published"] == 1
    assert counts["new"] == 1
    assert "Morning batch" in html
    assert 'value="2"' in html
    assert html.count('<rect class="series-found"') == 1  # one day with claims found
    assert html.count('<rect class="series-published"') == 1
    assert "<title>True: 1</title>" in html
    assert " style=" not in html


def test_status_counts_link_to_the_queue_filtered_by_that_status(client, annotator):
    ClaimFactory(status=ClaimStatus.QUEUED)
    client.force_login(annotator)
    html = client.get(reverse("home")).content.decode()
    link = f"{reverse('queue')}?view=all&amp;status=queued"
    assert f'<td data-status="queued"><a href="{link}"' in html
    response = client.get(reverse("queue"), {"view": "all", "status": "queued"})
    assert [c.status for c in response.context["page"].object_list] == ["queued"]


def _waiting(status, days: float, **kwargs):
    claim = ClaimFactory(status=status, **kwargs)
    Claim.objects.filter(pk=claim.pk).update(
        status_changed_at=timezone.now() - timedelta(days=days)
    )
    return claim


def test_claims_in_research_or_review_too_long_are_overdue(client, editor, settings):
    settings.CLAIM_OVERDUE_DAYS = 3
    late_research = _waiting(ClaimStatus.IN_PROGRESS, 5)
    late_review = _waiting(ClaimStatus.IN_REVIEW, 4)
    _waiting(ClaimStatus.IN_REVIEW, 1)  # within the limit
    _waiting(ClaimStatus.QUEUED, 10)  # waits on nobody in particular: ageing, not overdue
    client.force_login(editor)
    response = client.get(reverse("home"))
    assert list(response.context["overdue"]) == [late_research, late_review]
    ageing = {a.status: a for a in response.context["ageing"]}
    assert (ageing["in_review"].count, ageing["in_review"].overdue) == (2, 1)
    assert ageing["queued"].overdue == 1
    assert timezone.now() - ageing["queued"].oldest > timedelta(days=9)
    assert ageing["approved"].count == 0
    assert "Overdue: in research or review for over 3 days" in response.content.decode()
    settings.CLAIM_OVERDUE_DAYS = 7
    assert list(client.get(reverse("home")).context["overdue"]) == []


def test_a_transition_restarts_the_clock_of_the_state(annotator):
    claim = _waiting(ClaimStatus.NEW, 6)
    claim_transition(claim_id=claim.pk, user=annotator, action="queue")
    claim.refresh_from_db()
    assert timezone.now() - claim.status_changed_at < timedelta(minutes=1)


def test_throughput_counts_the_claims_each_person_moved_on_per_week(client, annotator, editor):
    for _ in range(3):
        claim_transition(claim_id=ClaimFactory().pk, user=annotator, action="queue")
    claim_transition(
        claim_id=ClaimFactory().pk, user=annotator, action="dismiss", comment="an opinion"
    )
    moderator = UserFactory(username="mo", roles=["moderator"])
    _submitted(moderator, annotator)  # one more queue by the annotator; start and submit
    client.force_login(editor)
    response = client.get(reverse("home"))
    rows = dict(response.context["throughput"])
    assert rows[annotator.get_username()][-1] == 5
    assert rows["mo"][-1] == 2
    assert editor.get_username() not in rows
    assert len(response.context["weeks"]) == 4
