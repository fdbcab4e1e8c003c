"""The claim page: context, actions by role with clear refusals, verdict, evidence, comments,
history, the source-changed banner."""

import pytest
from django.urls import reverse

from claims.models import ClaimStatus, Comment, Evidence, Rating
from claims.services.reviews import claim_transition, evidence_add, verdict_save_draft
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory(claimant="UNHCR")


def _act(claim, user, action, **kwargs):
    return claim_transition(claim_id=claim.pk, user=user, action=action, **kwargs)


def _post(client, claim, name, data, **kwargs):
    return client.post(reverse(name, args=[claim.pk]), data, **kwargs)


def _in_research(claim, annotator, moderator):
    _act(claim, annotator, "queue")
    return _act(claim, moderator, "start")


def test_the_page_shows_the_quote_in_its_context(client, claim, annotator):
    client.force_login(annotator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert f"Article {claim.article.title.split()[-1]}." in html
    assert (
        '<mark class="hl st-new">More than 1 million people fled the country in a week.</mark>'
        in html
    )
    assert "The minister said" in html  # the text after the quote
    assert "UNHCR" in html


def test_actions_offered_match_the_role(client, claim, annotator, moderator):
    client.force_login(annotator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "Send to the research queue" in html
    assert "Take and start research" not in html
    _act(claim, annotator, "queue")
    client.force_login(moderator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "Take and start research" in html
    assert "Send to the research queue" not in html


def test_a_transition_redirects_with_a_message(client, claim, annotator):
    client.force_login(annotator)
    response = _post(client, claim, "claim_transition", {"action": "queue"}, follow=True)
    assert "The claim is now queued." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUEUED


def test_an_illegal_transition_is_a_409_with_the_reason(client, claim, editor):
    client.force_login(editor)
    response = _post(client, claim, "claim_transition", {"action": "publish"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Publish was refused" in html
    assert "Cannot publish a claim that is new; it must be approved." in html


def test_a_forbidden_transition_is_a_403_with_the_reason(client, claim, moderator):
    client.force_login(moderator)
    response = _post(client, claim, "claim_transition", {"action": "queue"})
    assert response.status_code == 403
    assert "Your role does not allow you to send to the research queue claims." in (
        response.content.decode()
    )


def test_request_changes_needs_a_comment(client, claim, annotator, moderator, editor):
    _in_research(claim, annotator, moderator)
    evidence_add(claim_id=claim.pk, user=moderator, url="https://un.org/a")
    verdict_save_draft(claim_id=claim.pk, user=moderator, rating="true", claim_reviewed="x")
    _act(claim, moderator, "submit")
    client.force_login(editor)
    response = _post(client, claim, "claim_transition", {"action": "request_changes"})
    assert response.status_code == 400
    assert "Request changes needs a comment" in response.content.decode()
    response = _post(
        client, claim, "claim_transition", {"action": "request_changes", "comment": "Cite UNHCR"}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CHANGES_REQUESTED


def test_the_draft_can_be_edited_and_an_empty_draft_is_refused(client, claim, annotator):
    client.force_login(annotator)
    _post(client, claim, "claim_edit", {"text": "1 million fled", "claimant": "UN"})
    claim.refresh_from_db()
    assert (claim.text, claim.claimant) == ("1 million fled", "UN")
    response = _post(client, claim, "claim_edit", {"text": "  ", "claimant": "UN"})
    assert response.status_code == 400
    claim.refresh_from_db()
    assert claim.text == "1 million fled"


def test_the_moderator_drafts_a_verdict_with_a_length_warning(client, claim, annotator, moderator):
    _in_research(claim, annotator, moderator)
    client.force_login(moderator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert 'data-guideline="75"' in html
    assert 'data-counter-for="id_claim_reviewed"' in html
    true = Rating.objects.get(scale__is_default=True, slug="true")
    long_text = "More than one million people fled Ukraine in the first week of the invasion, UN"
    response = _post(
        client, claim, "claim_verdict",
        {"rating": true.pk, "claim_reviewed": long_text, "summary": "UNHCR counts."}, follow=True,
    )  # fmt: skip
    html = response.content.decode()
    assert "Verdict draft saved." in html
    assert "ClaimReview recommends at most 75" in html
    verdict = claim.verdicts.get()
    assert (verdict.rating, verdict.author) == (true, moderator)


def test_an_annotator_cannot_draft_a_verdict(client, claim, annotator):
    client.force_login(annotator)
    true = Rating.objects.get(scale__is_default=True, slug="true")
    response = _post(client, claim, "claim_verdict", {"rating": true.pk, "claim_reviewed": "x"})
    assert response.status_code == 403
    assert not claim.verdicts.exists()


def test_evidence_is_added_and_listed_with_its_snapshot_status(
    client, claim, annotator, moderator, django_capture_on_commit_callbacks
):
    _in_research(claim, annotator, moderator)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=False):
        _post(
            client,
            claim,
            "claim_evidence",
            {"url": "https://www.unhcr.org/ukraine", "title": "UNHCR data", "stance": "supports"},
        )
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "UNHCR data" in html
    assert "snapshot: pending" in html
    # Pending: not counted until its snapshot (or an archive copy) is stored.
    assert "0 independent sources with a stored snapshot or archive copy" in html
    assert "not counted for publishing" in html
    response = _post(
        client,
        claim,
        "claim_evidence",
        {"url": "https://www.unhcr.org/ukraine", "stance": "context"},
    )
    assert response.status_code == 400
    assert "already attached" in response.content.decode()
    response = _post(client, claim, "claim_evidence", {"url": "not a url at all"})
    assert response.status_code == 400
    assert Evidence.objects.count() == 1


def test_comments_are_rendered_from_markdown_and_sanitised(client, claim, annotator):
    client.force_login(annotator)
    _post(client, claim, "claim_comment", {"body": "**Check** <script>alert(1)</script>"})
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "<strong>Check</strong>" in html
    assert "<script>alert(1)" not in html
    response = _post(client, claim, "claim_comment", {"body": ""})
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_the_history_shows_field_changes(client, claim, annotator):
    client.force_login(annotator)
    _post(client, claim, "claim_edit", {"text": "Edited draft", "claimant": "UNHCR"})
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "<dt>Text</dt><dd><del>More than 1 million people fled the country in a week</del>" in (
        html
    )
    assert "<ins>Edited draft</ins>" in html


def test_a_source_changed_claim_shows_a_banner_and_its_stored_quote(client, claim, annotator):
    claim.source_changed = True
    claim.save()
    client.force_login(annotator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert "The article changed under this claim." in html


def test_two_person_rule_is_explained(client, claim, annotator):
    from tests.factories import UserFactory

    both = UserFactory(username="both", roles=["moderator", "editor"])
    _in_research(claim, annotator, both)
    evidence_add(claim_id=claim.pk, user=both, url="https://un.org/a")
    verdict_save_draft(claim_id=claim.pk, user=both, rating="true", claim_reviewed="x")
    _act(claim, both, "submit")
    client.force_login(both)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert ">Approve<" not in html
    response = _post(client, claim, "claim_transition", {"action": "approve"})
    assert response.status_code == 403
    assert "Two-person rule" in response.content.decode()


def test_unknown_claims_are_404(client, annotator):
    client.force_login(annotator)
    assert client.get(reverse("claim_detail", args=[99999])).status_code == 404
    assert (
        client.post(reverse("claim_transition", args=[99999]), {"action": "queue"}).status_code
        == 404
    )


def _page_queries(client, claim) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("claim_detail", args=[claim.pk])).status_code == 200
    return len(queries)


def test_the_claim_page_queries_do_not_grow_with_sources_and_comments(
    client, annotator, moderator, django_capture_on_commit_callbacks
):
    def researched(n):
        claim = ClaimFactory()
        _in_research(claim, annotator, moderator)
        with django_capture_on_commit_callbacks(execute=False):
            for i in range(n):
                evidence_add(claim_id=claim.pk, user=moderator, url=f"https://s{i}.example.org/")
        for i in range(n):
            Comment.objects.create(claim=claim, author=annotator, body=f"Note {i}")
        verdict_save_draft(claim_id=claim.pk, user=moderator, rating="true", claim_reviewed="x")
        return claim

    one, many = researched(1), researched(6)
    client.force_login(moderator)
    _page_queries(client, one)
    assert _page_queries(client, one) == _page_queries(client, many)


def test_the_verdict_form_preselects_no_rating(client, claim, annotator, moderator):
    _in_research(claim, annotator, moderator)
    client.force_login(moderator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    form = html[html.index('class="verdict-form"') :]
    select = form[form.index("<select") : form.index("</select>")]
    assert '<option value="" selected>Choose a rating</option>' in select
    assert select.count("selected") == 1
    response = _post(client, claim, "claim_verdict", {"rating": "", "claim_reviewed": "x"})
    assert response.status_code == 400
    assert not claim.verdicts.exists()


def test_the_verdict_summary_is_rendered_from_markdown_and_sanitised(
    client, claim, annotator, moderator
):
    _in_research(claim, annotator, moderator)
    verdict_save_draft(
        claim_id=claim.pk,
        user=moderator,
        rating="true",
        claim_reviewed="x",
        summary="**more than 1 million** <script>alert(1)</script>",
    )
    client.force_login(moderator)
    html = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    verdict = html[html.index('id="verdict-h"') : html.index('class="verdict-form"')]
    assert "<strong>more than 1 million</strong>" in verdict
    assert "**more" not in verdict
    assert "<script>alert(1)" not in html
