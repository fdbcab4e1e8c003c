"""Queues per role, their filters and bulk actions."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus
from claims.services.reviews import claim_transition
from tests.api.helpers import make_factcheck
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def _claims(response):
    return list(response.context["page"].object_list)


def _claim(status=ClaimStatus.NEW, **kwargs):
    return ClaimFactory(status=status, **kwargs)


def test_each_role_starts_from_its_own_queue(client, annotator, moderator, editor):
    new, queued, in_review = _claim(), _claim(ClaimStatus.QUEUED), _claim(ClaimStatus.IN_REVIEW)
    mine = _claim(ClaimStatus.IN_PROGRESS, assignee=moderator)
    _claim(ClaimStatus.IN_PROGRESS)  # someone else's research

    client.force_login(annotator)
    assert _claims(client.get(reverse("queue"))) == [new]
    client.force_login(moderator)
    assert _claims(client.get(reverse("queue"))) == [queued]
    assert _claims(client.get(reverse("queue"), {"view": "mine"})) == [mine]
    client.force_login(editor)
    assert _claims(client.get(reverse("queue"))) == [in_review]
    # A queue outside the role falls back to the role's own.
    assert client.get(reverse("queue"), {"view": "suggestions"}).context["view"] == "review"


def test_filters_by_score_outlet_kind_status_and_assignee(client, moderator, editor):
    afp = OutletFactory(name="AFP", slug="afp")
    high = _claim(ClaimStatus.QUEUED, score=0.9, kinds=["quantity"])
    low = _claim(ClaimStatus.QUEUED, score=0.2, kinds=["quote"],
                 article=ArticleFactory(outlet=afp))  # fmt: skip
    taken = _claim(ClaimStatus.CHANGES_REQUESTED, assignee=moderator)
    client.force_login(moderator)
    url = reverse("queue")
    assert _claims(client.get(url, {"view": "research", "min_score": "0.5"})) == [high]
    assert _claims(client.get(url, {"view": "research", "outlet": afp.pk})) == [low]
    assert _claims(client.get(url, {"view": "research", "kind": "quantity"})) == [high]
    assert _claims(client.get(url, {"view": "research", "assignee": "none"})) == [high, low]
    assert _claims(client.get(url, {"view": "mine", "status": "changes_requested"})) == [taken]
    assert _claims(client.get(url, {"view": "research", "assignee": moderator.pk})) == []


def test_highest_score_first(client, annotator):
    a, b, c = _claim(score=0.3), _claim(score=0.95), _claim(score=None)
    client.force_login(annotator)
    assert _claims(client.get(reverse("queue"))) == [b, a, c]


def test_bulk_queue_reports_each_refused_claim(client, annotator):
    fresh, already = _claim(), _claim(ClaimStatus.QUEUED)
    client.force_login(annotator)
    response = client.post(
        reverse("queue_bulk"),
        {"action": "queue", "claims": [fresh.pk, already.pk], "next": "/queue/?view=suggestions"},
        follow=True,
    )
    html = response.content.decode()
    assert "Queue: 1 of 2 claims done." in html
    assert f"Claim {already.pk}</a>: Cannot queue a claim that is queued" in html
    fresh.refresh_from_db()
    assert fresh.status == ClaimStatus.QUEUED


def test_bulk_assign_by_an_editor(client, editor, moderator):
    claims = [_claim(ClaimStatus.QUEUED), _claim(ClaimStatus.QUEUED)]
    client.force_login(editor)
    client.post(
        reverse("queue_bulk"),
        {"action": "assign", "assignee": moderator.pk, "claims": [c.pk for c in claims]},
    )
    for claim in claims:
        claim.refresh_from_db()
        assert claim.assignee == moderator


def test_bulk_without_a_selection_says_so(client, annotator):
    client.force_login(annotator)
    response = client.post(reverse("queue_bulk"), {"action": "queue"}, follow=True)
    assert "Select at least one claim." in response.content.decode()


def test_bulk_offers_and_accepts_only_what_the_role_may_do(client, moderator):
    claim = _claim(ClaimStatus.QUEUED)
    client.force_login(moderator)
    html = client.get(reverse("queue")).content.decode()
    assert '<option value="start">Take</option>' in html
    bulk = html.split("With the selected claims")[1].split("</fieldset>")[0]
    assert '<option value="dismiss">' not in bulk
    assert 'name="assignee"' not in bulk
    response = client.post(
        reverse("queue_bulk"), {"action": "dismiss", "claims": [claim.pk]}, follow=True
    )
    assert "Select a valid choice. dismiss is not one of the available choices." in (
        response.content.decode()
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUEUED


def test_a_moderator_takes_work_from_the_queue(client, moderator, annotator):
    claim = _claim()
    claim_transition(claim_id=claim.pk, user=annotator, action="queue")
    client.force_login(moderator)
    client.post(reverse("queue_bulk"), {"action": "start", "claims": [claim.pk]})
    claim.refresh_from_db()
    assert (claim.status, claim.assignee) == (ClaimStatus.IN_PROGRESS, moderator)


def test_the_queue_searches_claim_text_claimant_article_title_and_outlet(client, moderator):
    reuters = OutletFactory(name="Reuters Kyiv", slug="reuters-kyiv")
    by_text = _claim(ClaimStatus.QUEUED, text="Enerhodar makes a quarter of the power")
    by_claimant = _claim(ClaimStatus.QUEUED, claimant="Mykhailo Podolyak")
    by_title = _claim(ClaimStatus.QUEUED, article=ArticleFactory(title="Battle for Enerhodar"))
    by_outlet = _claim(ClaimStatus.QUEUED, article=ArticleFactory(outlet=reuters))
    _claim(ClaimStatus.QUEUED)  # matches none of the searches
    client.force_login(moderator)
    url = reverse("queue")
    assert set(_claims(client.get(url, {"view": "research", "q": "enerhodar"}))) == {
        by_text,
        by_title,
    }
    assert _claims(client.get(url, {"view": "research", "q": "podolyak"})) == [by_claimant]
    assert _claims(client.get(url, {"view": "research", "q": "reuters"})) == [by_outlet]
    # Every word must match somewhere.
    assert _claims(client.get(url, {"view": "research", "q": "enerhodar battle"})) == [by_title]


def test_every_role_can_list_all_claims_of_one_status(client, annotator):
    published = make_factcheck()  # published the only way the database allows: with a verdict
    _claim(ClaimStatus.QUEUED)
    client.force_login(annotator)
    response = client.get(reverse("queue"), {"view": "all", "status": "published"})
    assert response.context["view"] == "all"
    assert _claims(response) == [published]
