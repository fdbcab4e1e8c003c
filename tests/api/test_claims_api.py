"""The review API at /api/v1/claims/: the queue, transitions, verdicts, evidence, comments,
history — and who may call it at all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims.models import Claim, ClaimStatus, Newsroom, NewsroomAPIKey, Scope
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.review_helpers import act, claim_in_review, published_claim

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def url(claim=None, suffix=""):
    return f"/api/v1/claims/{claim.id}/{suffix}" if claim else f"/api/v1/claims/{suffix}"


# --- who may call it -------------------------------------------------------------------------


def test_anonymous_and_roleless_users_are_refused(no_role_user):
    ClaimFactory()
    assert client_for().get(url()).status_code in (401, 403)
    response = client_for(no_role_user).get(url())
    assert response.status_code == 403
    assert "staff" in response.json()["detail"]


def test_a_newsroom_key_never_reads_claims(annotator, moderator, editor):
    draft = ClaimFactory()
    published = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    newsroom = Newsroom.objects.create(name="Daily Planet")
    _, key = NewsroomAPIKey.objects.create_key(
        name="planet", newsroom=newsroom, scopes=[Scope.READ_FACTCHECKS, Scope.WRITE_IMPORTS]
    )
    client = APIClient(HTTP_AUTHORIZATION=f"Api-Key {key}")
    for path in (url(), url(draft), url(published), url(published, "history/")):
        assert client.get(path).status_code in (401, 403), path


def test_every_role_reads_the_queue(annotator, moderator, editor, admin_user):
    claim = ClaimFactory()
    for user in (annotator, moderator, editor, admin_user):
        response = client_for(user).get(url())
        assert response.status_code == 200
        assert [c["id"] for c in response.json()["results"]] == [claim.id]


# --- the queue -------------------------------------------------------------------------------


def test_queue_filters(annotator, moderator, editor):
    outlet = OutletFactory(slug="kyiv-independent", name="Kyiv Independent")
    mine = ClaimFactory(article=ArticleFactory(outlet=outlet), score=0.9, kinds=["quantity"])
    other = ClaimFactory(score=0.2, claimant="Reuters", kinds=["attribution"])
    act(mine, annotator, "queue")
    act(mine, moderator, "start")
    client = client_for(moderator)

    def ids(**params):
        response = client.get(url(), params)
        assert response.status_code == 200, response.content
        return [c["id"] for c in response.json()["results"]]

    assert ids(status="in_progress") == [mine.id]
    assert set(ids(status=["in_progress", "new"])) == {mine.id, other.id}
    assert ids(min_score=0.5) == [mine.id]
    assert ids(max_score=0.5) == [other.id]
    assert ids(outlet="kyiv-independent") == [mine.id]
    assert ids(kind="quantity") == [mine.id]
    assert ids(assignee="me") == [mine.id]
    assert ids(assignee="none") == [other.id]
    assert ids(assignee=str(moderator.id)) == [mine.id]
    assert ids(article=other.article_id) == [other.id]
    assert ids(q="reuters") == [other.id]
    assert ids(q="kyiv independent") == [mine.id]  # the outlet's name
    assert ids(ordering="score") == [other.id, mine.id]
    assert ids(ordering="-score") == [mine.id, other.id]
    assert ids(created_from="2000-01-01", created_to="2999-01-01") != []
    assert ids(published_from="2000-01-01") == []
    assert client.get(url(), {"assignee": "someone"}).status_code == 400


def _queue_page_queries(client, **params) -> tuple[dict, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(), params)
    assert response.status_code == 200, response.content
    return response.json(), len(queries)


def test_the_queue_costs_the_same_queries_for_a_page_of_2_or_of_50(moderator, editor, annotator):
    ClaimFactory.create_batch(58)
    for _ in range(2):  # the newest, on every page below: verdicts, authors, assignees
        claim_in_review(annotator=annotator, moderator=moderator)
    client = client_for(editor)
    client.get(url())  # warm the session
    small, small_queries = _queue_page_queries(client, limit=2)
    large, large_queries = _queue_page_queries(client, limit=50)
    assert (len(small["results"]), len(large["results"])) == (2, 50)
    assert small["count"] == large["count"] == 60
    assert small["results"][0]["current_verdict"]["author"]["username"] == moderator.username
    # session, user, roles, COUNT, claims, verdicts: none per claim.
    assert small_queries == large_queries == 6


def test_a_short_queue_page_tells_its_count_without_counting(editor):
    ClaimFactory.create_batch(7)
    client = client_for(editor)
    client.get(url())  # warm the session
    full, full_queries = _queue_page_queries(client, limit=5)
    last, last_queries = _queue_page_queries(client, limit=5, offset=5)
    beyond, beyond_queries = _queue_page_queries(client, limit=5, offset=20)
    filtered, filtered_queries = _queue_page_queries(client, status="published")
    assert [page["count"] for page in (full, last, beyond, filtered)] == [7, 7, 7, 0]
    assert [len(page["results"]) for page in (full, last, beyond, filtered)] == [5, 2, 0, 0]
    assert (full["next"] is not None, last["next"], last["previous"] is not None) == (
        True,
        None,
        True,
    )
    # Besides session, user and roles: a full page runs claims, verdicts and the COUNT; a
    # short one is its own count; a page past the end counts, with no verdicts to fetch; an
    # empty first page is a count of 0 by itself.
    assert (full_queries, last_queries, beyond_queries, filtered_queries) == (6, 5, 5, 4)


# --- claims by hand and edits ----------------------------------------------------------------


def test_annotator_marks_a_claim_and_edits_it(annotator):
    article = ArticleFactory(text="Intro. About 30,000 people marched on Sunday. End.")
    start = article.text.index("About")
    end = article.text.index("Sunday.") + len("Sunday.")
    client = client_for(annotator)
    response = client.post(url(), {"article": article.id, "start": start, "end": end})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["quote"] == "About 30,000 people marched on Sunday."
    assert body["origin"] == "manual"
    assert set(body["allowed_actions"]) == {"queue", "dismiss"}
    response = client.patch(url(Claim(id=body["id"])), {"claimant": "Organisers"})
    assert response.status_code == 200
    assert response.json()["claimant"] == "Organisers"
    again = client.post(url(), {"article": article.id, "start": start, "end": end})
    assert again.status_code == 400
    assert "already a claim" in again.json()["detail"]
    missing = client.post(url(), {"article": 10**12, "start": 0, "end": 5})
    assert missing.status_code == 400
    assert "no article" in missing.json()["article"][0]


def test_moderators_cannot_mark_claims(moderator):
    article = ArticleFactory()
    response = client_for(moderator).post(url(), {"article": article.id, "start": 0, "end": 5})
    assert response.status_code == 403


def test_annotator_cannot_edit_a_claim_in_research(annotator, moderator):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    response = client_for(annotator).patch(url(claim), {"text": "Changed"}, format="json")
    assert response.status_code == 403


# --- transitions -----------------------------------------------------------------------------


def test_transition_answers_409_403_and_400(annotator, moderator, editor):
    claim = ClaimFactory()
    response = client_for(editor).post(url(claim, "transition/"), {"action": "approve"})
    assert response.status_code == 409
    assert "Cannot approve a claim that is new" in response.json()["detail"]
    response = client_for(moderator).post(url(claim, "transition/"), {"action": "queue"})
    assert response.status_code == 403
    response = client_for(annotator).post(url(claim, "transition/"), {"action": "fly"})
    assert response.status_code == 400
    claim = claim_in_review(annotator=annotator, moderator=moderator, claim=claim)
    response = client_for(editor).post(url(claim, "transition/"), {"action": "request_changes"})
    assert response.status_code == 400
    assert "needs a comment" in response.json()["detail"]


def test_editor_assigns_and_the_moderator_sees_it_as_theirs(annotator, editor, moderator):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    response = client_for(editor).post(
        url(claim, "transition/"), {"action": "assign", "assignee": moderator.id}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == {"id": moderator.id, "username": "moritz"}
    mine = client_for(moderator).get(url(), {"assignee": "me"}).json()["results"]
    assert [c["id"] for c in mine] == [claim.id]


def test_publishing_with_one_source_is_a_400_naming_the_rule(annotator, moderator, editor):
    claim = claim_in_review(
        annotator=annotator, moderator=moderator, sources=["https://www.unhcr.org/a"]
    )
    act(claim, editor, "approve")
    response = client_for(editor).post(url(claim, "transition/"), {"action": "publish"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "at least 2 independent sources" in detail
    assert "MIN_INDEPENDENT_SOURCES" in detail
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED


def test_bulk_reports_each_refused_claim(annotator):
    first, second = ClaimFactory(), ClaimFactory()
    act(second, annotator, "dismiss", comment="Opinion")
    response = client_for(annotator).post(
        url(suffix="bulk/"),
        {"ids": [first.id, second.id, 10**15], "action": "queue"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["succeeded"] == [first.id]
    refused = {e["id"]: e["detail"] for e in body["errors"]}
    assert set(refused) == {second.id, 10**15}
    assert "dismissed" in refused[second.id]
    assert "no claim" in refused[10**15]
    response = client_for(annotator).post(
        url(suffix="bulk/"), {"ids": [first.id], "action": "publish"}, format="json"
    )
    assert response.status_code == 400


# --- verdicts, evidence, comments, history ---------------------------------------------------


def test_verdict_draft_warns_about_a_long_claim_reviewed(annotator, moderator):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    client = client_for(moderator)
    long_text = "More than one million people have fled Ukraine in the first seven days of the war"
    response = client.post(
        url(claim, "verdicts/"), {"rating": "true", "claim_reviewed": long_text}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["warnings"] == [
        f"claim_reviewed is {len(long_text)} characters; ClaimReview recommends at most 75."
    ]
    response = client.post(
        url(claim, "verdicts/"),
        {"rating": "mostly-true", "claim_reviewed": "1 million people fled Ukraine"},
        format="json",
    )
    assert response.status_code == 200  # the draft was revised, not versioned
    assert response.json()["warnings"] == []
    assert response.json()["rating"]["label"] == "Mostly true"
    versions = client.get(url(claim, "verdicts/")).json()
    assert [v["version"] for v in versions] == [1]
    bad = client.post(url(claim, "verdicts/"), {"rating": "great", "claim_reviewed": "x"})
    assert bad.status_code == 400
    assert "Unknown rating" in bad.json()["detail"]


def test_evidence_is_attached_with_its_domain(annotator, moderator, editor):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    response = client_for(moderator).post(
        url(claim, "evidence/"),
        {"url": "https://data.unhcr.org/en/situations/ukraine", "stance": "supports"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["domain"] == "unhcr.org"
    assert response.json()["snapshot_status"] == "pending"
    listed = client_for(editor).get(url(claim, "evidence/")).json()
    assert [e["url"] for e in listed] == ["https://data.unhcr.org/en/situations/ukraine"]
    response = client_for(annotator).post(
        url(claim, "evidence/"), {"url": "https://example.org/x"}, format="json"
    )
    assert response.status_code == 403


def test_comments_come_back_rendered_and_sanitised(moderator):
    claim = ClaimFactory()
    client = client_for(moderator)
    response = client.post(
        url(claim, "comments/"),
        {"body": "See **[UNHCR](https://data.unhcr.org)** <script>alert(1)</script>"},
        format="json",
    )
    assert response.status_code == 201
    html = response.json()["body_html"]
    assert '<a href="https://data.unhcr.org" rel="nofollow noopener">UNHCR</a>' in html
    assert "<script" not in html
    assert [c["body"][:3] for c in client.get(url(claim, "comments/")).json()] == ["See"]


def test_history_lists_who_changed_what(annotator, moderator, editor):
    claim = claim_in_review(annotator=annotator, moderator=moderator)
    act(claim, editor, "approve")
    entries = client_for(editor).get(url(claim, "history/")).json()
    status_changes = [
        (e["who"], c["old"], c["new"])
        for e in entries
        if e["object_type"] == "claim"
        for c in e["changes"]
        if c["field"] == "status"
    ]
    assert status_changes == [
        (None, None, "new"),  # created by the factory, outside any request
        ("anna", "new", "queued"),
        ("moritz", "queued", "in_progress"),
        ("moritz", "in_progress", "in_review"),
        ("edith", "in_review", "approved"),
    ]
    approval = next(
        e for e in entries if e["object_type"] == "verdict" and e["reason"] == "approved"
    )
    assert approval["who"] == "edith"
    assert {"field": "approved_by", "old": None, "new": "edith"} in approval["changes"]
    evidence = [e for e in entries if e["object_type"] == "evidence"]
    # Created, then each given an archive copy (claim_in_review preserves its sources).
    assert [e["change"] for e in evidence] == ["created", "created", "changed", "changed"]
    assert [e["when"] for e in entries] == sorted(e["when"] for e in entries)


def test_unknown_claims_are_404(editor):
    client = client_for(editor)
    assert client.get("/api/v1/claims/999999/").status_code == 404
    assert client.get("/api/v1/claims/99999999999999999999999/").status_code == 404
    assert client.post("/api/v1/claims/999999/transition/", {"action": "queue"}).status_code == 404


def test_a_claim_without_outlet_reads_as_null(editor):
    claim = ClaimFactory(article=ArticleFactory(outlet=None))
    body = client_for(editor).get(url(claim)).json()
    assert body["outlet"] is None
    assert body["current_verdict"] is None


def test_retraction_through_the_api_needs_its_public_notice(annotator, moderator, editor):
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    client = client_for(editor)
    response = client.post(url(claim, "transition/"), {"action": "retract"}, format="json")
    assert response.status_code == 400
    assert "Public retraction notice" in response.json()["detail"]
    response = client.post(
        url(claim, "transition/"),
        {"action": "retract", "comment": "The article we checked was withdrawn."},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["retraction_note"]) == (
        "retracted",
        "The article we checked was withdrawn.",
    )
    assert body["allowed_actions"] == []


def test_verdicts_come_with_their_summary_rendered_and_sanitised(annotator, moderator):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    client = client_for(moderator)
    summary = "UNHCR counted **1,045,459** <script>alert(1)</script>"
    response = client.post(
        url(claim, "verdicts/"),
        {"rating": "true", "claim_reviewed": "1 million fled", "summary": summary},
        format="json",
    )
    assert response.json()["summary"] == summary
    html = client.get(url(claim, "verdicts/")).json()[0]["summary_html"]
    assert "<strong>1,045,459</strong>" in html
    assert "<script>" not in html
