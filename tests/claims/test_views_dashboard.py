"""The dashboard: my work, what waits for my review, counts, imports, charts."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus, ImportJob, ImportSource
from claims.services.review import claim_transition, evidence_add, verdict_save_draft
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
