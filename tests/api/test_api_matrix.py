"""Every API operation x every kind of caller: no unexpected 2xx, a newsroom key never
receives an unpublished claim, and never another newsroom's import job.

The operations come from the OpenAPI schema, so a new route without a rule in ``RULES`` fails
here. A rule names who MAY succeed; everyone else must get a 4xx. (Whether a staff role may
take a given workflow action is the review workflow's own matrix; here staff roles "may".)
The callers with a key: the Daily Example's key with every scope (``newsroom_key``, whose
newsroom submitted the import job), its key that may only read (``reader_key``) or only
import (``importer_key``) and so may not touch the webhook, the Evening Post's key with every
scope (``other_newsroom_key``), and revoked and expired keys with every scope.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator

from claims.models import ClaimStatus, DeliveryStatus, ImportJob, Newsroom, Scope, WebhookDelivery
from claims.services.import_jobs import import_job_submit
from tests.api.helpers import ALL_SCOPES, key_header, make_factcheck, make_key
from tests.factories import UserFactory

STAFF = {"annotator", "moderator", "editor", "admin"}
READERS = {"newsroom_key", "reader_key", "other_newsroom_key"}  # keys with read:factchecks
IMPORTERS = {"newsroom_key", "importer_key", "other_newsroom_key"}  # keys with write:imports
WEBHOOK_MANAGERS = {"newsroom_key", "other_newsroom_key"}  # keys with manage:webhooks
DEAD_KEYS = {"revoked_key", "expired_key"}
EVERYONE = {"anonymous"} | READERS | IMPORTERS | DEAD_KEYS | STAFF
PERSONAS = sorted(EVERYONE)
# The Daily Example's job: only staff and the Daily Example's keys that may import read it.
JOB_MARKER = "DAILY-EXAMPLE-IMPORT-MARKER"
JOB_READERS = STAFF | {"newsroom_key", "importer_key"}

# (method, path pattern) -> who may get a 2xx.
RULES: list[tuple[str, str, set[str]]] = [
    ("*", r"/api/v1/claims/.*", STAFF),
    ("GET", r"/api/v1/fact-checks/(\{id\}/)?", STAFF | READERS),
    ("GET", r"/api/v1/exports/(fact-checks\.(csv|ndjson)|claimreview\.json)", STAFF | READERS),
    ("GET", r"/api/v1/exports/claims\.(csv|ndjson)", STAFF),
    # "Has this been checked?": published fact-checks only, for whoever may read them.
    ("POST", r"/api/v1/matches/", STAFF | READERS),
    # Public, like the fact-check pages; it ignores credentials, even bad ones.
    ("GET", r"/api/v1/feeds/fact-checks\.atom", EVERYONE),
    # A key lists its own newsroom's jobs (another newsroom's list is empty, not refused).
    ("GET", r"/api/v1/imports/", STAFF | IMPORTERS),
    ("GET", r"/api/v1/imports/\{id\}/", STAFF | IMPORTERS),  # narrowed per job in _targets
    ("POST", r"/api/v1/imports/", STAFF | IMPORTERS),
    ("POST", r"/api/v1/imports/\{id\}/retry/", STAFF | IMPORTERS),  # narrowed per job
    # Each key reads and sets its own newsroom's webhook; reading or importing is not enough.
    ("*", r"/api/v1/newsroom/webhook/", WEBHOOK_MANAGERS),
    ("*", r"/api/v1/webhook-deliveries/.*", {"admin"}),
]

BODIES = {
    ("POST", "/api/v1/claims/"): lambda t: {"article": t["article"], "start": 0, "end": 7},
    ("PATCH", "/api/v1/claims/{id}/"): lambda t: {"claimant": "Someone"},
    ("POST", "/api/v1/claims/{id}/comments/"): lambda t: {"body": "A comment."},
    ("POST", "/api/v1/claims/{id}/evidence/"): lambda t: {"url": "https://a.example.org/x"},
    ("POST", "/api/v1/claims/{id}/transition/"): lambda t: {"action": "queue"},
    ("POST", "/api/v1/claims/{id}/verdicts/"): lambda t: {
        "rating": "false",
        "claim_reviewed": "A claim",
    },
    ("POST", "/api/v1/claims/bulk/"): lambda t: {"ids": [t["draft"]], "action": "queue"},
    ("POST", "/api/v1/imports/"): lambda t: {"articles": [{"text": "Some article text."}]},
    ("PUT", "/api/v1/newsroom/webhook/"): lambda t: {"url": ""},
    # Words of the unpublished claims: a match must never hand one out.
    ("POST", "/api/v1/matches/"): lambda t: {"text": "UNPUBLISHED-MARKER in_review fled a week"},
}


def rule_for(method: str, path: str) -> set[str]:
    for rule_method, pattern, allowed in RULES:
        if rule_method in ("*", method) and re.fullmatch(pattern, path):
            return allowed
    raise AssertionError(f"{method} {path} has no rule in RULES: add one")


def operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted(
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )


@pytest.fixture
def world(db):
    """Published fact-checks, unpublished claims in every state, and one of each caller."""
    published = make_factcheck()
    unpublished = [
        make_factcheck(status=status, text=f"UNPUBLISHED-MARKER {status}")
        for status in (
            ClaimStatus.NEW,
            ClaimStatus.QUEUED,
            ClaimStatus.IN_PROGRESS,
            ClaimStatus.IN_REVIEW,
            ClaimStatus.CHANGES_REQUESTED,
            ClaimStatus.APPROVED,
            ClaimStatus.DISMISSED,
        )
    ]
    newsroom = Newsroom.objects.create(name="Daily Example")
    delivery = WebhookDelivery.objects.create(
        newsroom=newsroom,
        event_id="msg_matrix",
        event_type="factcheck.published",
        claim=published,
        payload={},
        status=DeliveryStatus.DELIVERED,
        delivered_at=published.published_at,
    )
    other_newsroom = Newsroom.objects.create(name="Evening Post")
    keys = {
        "newsroom_key": make_key(newsroom=newsroom, scopes=ALL_SCOPES, name="good"),
        "reader_key": make_key(newsroom=newsroom, scopes=[Scope.READ_FACTCHECKS], name="rd"),
        "importer_key": make_key(newsroom=newsroom, scopes=[Scope.WRITE_IMPORTS], name="im"),
        "other_newsroom_key": make_key(newsroom=other_newsroom, scopes=ALL_SCOPES, name="o"),
        "revoked_key": make_key(newsroom=newsroom, scopes=ALL_SCOPES, revoked=True, name="r"),
        "expired_key": make_key(newsroom=newsroom, scopes=ALL_SCOPES, expired=True, name="e"),
    }
    job = import_job_submit(source="api", articles=[{"text": "An imported article."}])
    ImportJob.objects.filter(id=job.id).update(
        newsroom=newsroom, api_key=keys["newsroom_key"][0], label=JOB_MARKER
    )
    staff_job = import_job_submit(source="api", articles=[{"text": "Imported by staff."}])
    users = {
        role: UserFactory(username=f"matrix-{role}", roles=[role], is_staff=role == "admin")
        for role in STAFF
    }
    return {
        "published": published,
        "unpublished": unpublished,
        "delivery": delivery,
        "job": job,
        "staff_job": staff_job,
        "keys": {persona: key for persona, (_, key) in keys.items()},
        "users": users,
    }


def _targets(world, path: str) -> list[dict]:
    """The ids to fill in: for claim and fact-check routes both a draft and a published one;
    for an import job the newsroom's and one staff submitted. ``who`` narrows the route's
    rule to those who may see that object."""
    draft = world["unpublished"][3]  # in review
    base = {"article": draft.article_id, "draft": draft.id}
    if "{id}" not in path:
        return [base]
    if path.startswith(("/api/v1/claims/", "/api/v1/fact-checks/")):
        return [{**base, "id": draft.id}, {**base, "id": world["published"].id}]
    if path.startswith("/api/v1/imports/"):
        return [
            {**base, "id": world["job"].id, "who": JOB_READERS},
            {**base, "id": world["staff_job"].id, "who": STAFF},
        ]
    return [{**base, "id": world["delivery"].id}]


def _call(client, world, persona: str, method: str, url: str, body):
    client.logout()
    headers = {}
    if persona in world["keys"]:
        headers = key_header(world["keys"][persona])
    elif persona in world["users"]:
        client.force_login(world["users"][persona])
    send = getattr(client, method.lower())
    if body is None:
        response = send(url, **headers)
    else:
        response = send(url, body, content_type="application/json", **headers)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


def test_every_operation_has_a_rule_and_no_caller_gets_more_than_it_may(client, world, settings):
    settings.NEWSROOM_API_THROTTLE_RATE = "100000/min"
    settings.ANONYMOUS_API_THROTTLE_RATE = "100000/min"
    cache.clear()
    unexpected, leaks, checked = [], [], 0
    for method, path in operations():
        for target in _targets(world, path):
            allowed = rule_for(method, path) & target.get("who", EVERYONE)
            url = path.replace("{id}", str(target.get("id", "")))
            body = BODIES.get((method, path), lambda t: {})(target) if method != "GET" else None
            for persona in PERSONAS:
                status, content = _call(client, world, persona, method, url, body)
                checked += 1
                assert status < 500, f"{persona} {method} {url}: {status} {content[:300]!r}"
                if 200 <= status < 300 and persona not in allowed:
                    unexpected.append(f"{persona} {method} {url} -> {status}")
                if persona in world["keys"] and b"UNPUBLISHED-MARKER" in content:
                    leaks.append(f"{persona} {method} {url}: an unpublished claim")
                if persona not in JOB_READERS and JOB_MARKER.encode() in content:
                    leaks.append(f"{persona} {method} {url}: the Daily Example's import job")
    assert not unexpected, "unexpected access:\n" + "\n".join(unexpected)
    assert not leaks, "leaks:\n" + "\n".join(leaks)
    assert checked >= 22 * len(PERSONAS)


def test_a_route_without_a_rule_fails():
    with pytest.raises(AssertionError, match="has no rule"):
        rule_for("GET", "/api/v1/something-new/")
