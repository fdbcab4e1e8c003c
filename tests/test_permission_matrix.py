"""Every route of the project x every persona x every kind of object: no unexpected access.

The routes are read from the URL resolver, so a route added anywhere is walked too; a route
missing from ``EXPECTED`` fails the test with its name ("new route without a permission rule").
Each cell requests the route with an empty body (a POST that gets in answers 400 or re-renders
its form: that is access) and sorts the answer into:

- ``OK``: the request got through (2xx, a redirect that is not to a login page, 400, 409);
- ``NO``: refused (401, 403, or a redirect to a login page);
- ``GONE``: 404, the object is not visible there (a draft's public page);
- a method not listed for a route must answer 405 or be refused.

The object rules (assignee, two-person rule, state) are the services' and are tested in
``tests/claims/test_review_services.py``; this matrix guards the gates in front of them.
Newsroom API keys (every scope, revoked, expired, another newsroom's) are the callers of
``tests/api/test_api_matrix.py``, which walks every API operation the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from claims.models import (
    Evidence,
    ImportJob,
    ImportSource,
    MatchSuggestion,
    Newsroom,
    Notification,
    WebhookDelivery,
    WebhookEvent,
)
from claims.workflow import roles_of
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.review_helpers import act, published_claim

pytestmark = pytest.mark.django_db

OK, NO, GONE = "ok", "refused", "not found"
PERSONAS = ("anonymous", "norole", "annotator", "moderator", "editor", "admin")
STATES = ("own", "others", "draft", "published")


def everyone(outcome):
    return dict.fromkeys(PERSONAS, outcome)


PUBLIC = everyone(OK)
STAFF = {**everyone(OK), "anonymous": NO, "norole": NO}  # any workbench role
ADMINS = {**everyone(NO), "admin": OK}
SIGNED_IN = {**everyone(OK), "anonymous": NO}
STAFF_NOT_FOUND = {**STAFF, **dict.fromkeys(("annotator", "moderator", "editor", "admin"), GONE)}
KEY_ONLY = everyone(NO)  # newsroom API keys only; no persona here has one


def by_state(**outcomes):
    """A rule that depends on the object: ``by_state(draft=..., published=...)``."""
    return outcomes


# route name -> {method: outcome per persona, or by_state(...) of those}.
EXPECTED: dict[str, dict[str, dict]] = {
    # Public.
    "healthz": {"GET": PUBLIC},
    "factcheck_index": {"GET": PUBLIC},
    "factcheck_detail": {"GET": by_state(draft=everyone(GONE), published=PUBLIC)},
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "logout": {"POST": PUBLIC},
    "api_schema": {"GET": PUBLIC},
    "api_docs": {"GET": PUBLIC},
    "feed_factchecks_atom": {"GET": PUBLIC},
    # Any signed-in account.
    "password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
    # The workbench pages: every role.
    "home": {"GET": STAFF},
    "article_list": {"GET": STAFF},
    "article_reader": {"GET": STAFF},
    "article_claim_add": {"POST": STAFF},
    "queue": {"GET": STAFF},
    "queue_bulk": {"POST": STAFF},
    "claim_detail": {"GET": STAFF},
    "claim_panel": {"GET": STAFF},
    "claim_transition": {"POST": STAFF},
    "claim_edit": {"POST": STAFF},
    "claim_verdict": {"POST": STAFF},
    "claim_evidence": {"POST": STAFF},
    "claim_comment": {"POST": STAFF},
    # Confirming or rejecting a match: an empty POST is a 400 for every role.
    "claim_match_decide": {"POST": STAFF},
    # Fixing evidence: an empty POST is a 400 for every role (the services then decide who may);
    # the archived file is served to staff only, and only where there is one (published here).
    "evidence_edit": {"POST": STAFF},
    "evidence_remove": {"POST": STAFF},
    "evidence_snapshot_retry": {"POST": STAFF},
    "evidence_archive": {"POST": STAFF},
    "evidence_archive_file": {
        "GET": by_state(
            own=STAFF_NOT_FOUND, others=STAFF_NOT_FOUND, draft=STAFF_NOT_FOUND, published=STAFF
        )
    },
    "notification_list": {"GET": STAFF, "POST": STAFF},
    "notification_settings": {"GET": STAFF, "POST": STAFF},
    # One's own notification opens its claim; someone else's is not found.
    "notification_open": {"GET": by_state(own=STAFF, others=STAFF_NOT_FOUND)},
    "imports": {"GET": STAFF, "POST": STAFF},
    "import_detail": {"GET": STAFF},
    "import_progress": {"GET": STAFF},
    "import_retry": {"POST": STAFF},
    # The review API: staff only.
    "api-root": {"GET": SIGNED_IN},
    "claim-list": {"GET": STAFF, "POST": STAFF},
    # Editing is gated by the object: annotators before research, moderators on their own
    # claim in research, editors always (claims.workflow.can_edit_claim).
    "claim-detail": {
        "GET": STAFF,
        "PATCH": by_state(
            own=STAFF,
            others={**STAFF, "annotator": NO, "moderator": NO},
            draft={**STAFF, "moderator": NO},
            published={**STAFF, "annotator": NO, "moderator": NO},
        ),
    },
    "claim-transition": {"POST": STAFF},
    "claim-bulk": {"POST": STAFF},
    "claim-verdicts": {"GET": STAFF, "POST": STAFF},
    "claim-evidence": {"GET": STAFF, "POST": STAFF},
    "claim-comments": {"GET": STAFF, "POST": STAFF},
    "claim-history": {"GET": STAFF},
    # Published fact-checks for newsrooms (and staff); drafts are never found.
    "factcheck-list": {"GET": STAFF},
    "factcheck-detail": {
        "GET": by_state(
            own=STAFF_NOT_FOUND, others=STAFF_NOT_FOUND, draft=STAFF_NOT_FOUND, published=STAFF
        )
    },
    "export_factchecks_csv": {"GET": STAFF},
    "export_factchecks_ndjson": {"GET": STAFF},
    "export_claimreview": {"GET": STAFF},
    "export_claims_csv": {"GET": STAFF},
    "export_claims_ndjson": {"GET": STAFF},
    "matches": {"POST": STAFF},
    "newsroom_webhook": {"GET": KEY_ONLY, "PUT": KEY_ONLY},
    "webhook-delivery-list": {"GET": ADMINS},
    "webhook-delivery-detail": {"GET": ADMINS},
    "webhook-delivery-redeliver": {"POST": ADMINS},
    # Imports API (a newsroom key with write:imports reads its own newsroom's jobs: see
    # tests/api/test_api_matrix.py).
    "import-list": {"GET": STAFF, "POST": STAFF},
    "import-detail": {"GET": STAFF},
    "import-retry": {"POST": STAFF},
}


# --- the routes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    callback: object
    params: tuple[str, ...]


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns == "admin":
                continue  # the Django admin is Django's; checked as a whole below
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = entry.name or f"<unnamed {prefix}{entry.pattern}>"
            params = tuple(entry.pattern.regex.groupindex)
            yield Route(name, prefix + str(entry.pattern), entry.callback, params)


def all_routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


def methods_of(route: Route) -> list[str]:
    """The methods a route answers to: read from DRF and class-based views; function views
    are asked GET and POST (a method they refuse answers 405)."""
    actions = getattr(route.callback, "actions", None)
    if actions:
        return sorted(m.upper() for m in actions if m not in ("options", "head"))
    view_class = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    if view_class is not None:
        return sorted(
            m.upper()
            for m in view_class.http_method_names
            if hasattr(view_class, m) and m not in ("options", "head")
        )
    return ["GET", "POST"]


# --- the world the requests see ----------------------------------------------------------------


@pytest.fixture
def world(annotator, moderator, other_moderator, editor, admin_user, no_role_user, settings,
          tmp_path):  # fmt: skip
    settings.MEDIA_ROOT = tmp_path
    # Anonymous calls to every route from one address: the per-address API throttle would
    # answer 429 before the access rule this test checks.
    settings.ANONYMOUS_API_THROTTLE_RATE = "100000/min"
    users = {
        "norole": no_role_user,
        "annotator": annotator,
        "moderator": moderator,
        "editor": editor,
        "admin": admin_user,
    }
    stranger = UserFactory(username="stranger-mod", roles=["moderator"])
    published = published_claim(annotator=annotator, moderator=other_moderator, editor=editor)
    published.refresh_from_db()
    draft = ClaimFactory(article=ArticleFactory(), slug="draft-claim")

    def claim_of(user):
        claim = ClaimFactory()
        act(claim, annotator, "queue")
        assignee = user if user is not None and "moderator" in roles_of(user) else None
        if assignee is not None:
            act(claim, assignee, "start")
        return claim

    others_claim = claim_of(stranger)
    own_claims = {p: claim_of(u) for p, u in users.items()}
    own_claims["anonymous"] = claim_of(None)
    jobs = {
        p: ImportJob.objects.create(source=ImportSource.URLS, created_by=u)
        for p, u in users.items()
    }
    jobs["anonymous"] = ImportJob.objects.create(source=ImportSource.URLS)
    others_job = ImportJob.objects.create(source=ImportSource.URLS, created_by=stranger)
    delivery = WebhookDelivery.objects.create(
        newsroom=Newsroom.objects.create(name="Daily Planet", webhook_url="https://example.org/"),
        event_id="evt-1",
        event_type=WebhookEvent.PUBLISHED,
        claim=published,
        payload={},
    )
    # The published claim's first source has an archived file; other claims get a plain source
    # when a route asks for one.
    archived = published.evidence.order_by("id").first()
    archived.archive_file.save("copy.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
    archived.archive_content_type = "application/pdf"
    archived.save()

    def evidence_of(claim):
        return claim.evidence.order_by("id").first() or Evidence.objects.create(
            claim=claim,
            url="https://www.unhcr.org/figures",
            domain="unhcr.org",
            accessed_at=timezone.now(),
            added_by=stranger,
        )

    notifications = {
        p: Notification.objects.create(user=u, claim=draft, kind="assigned", message="m")
        for p, u in [*users.items(), ("anonymous", stranger)]
    }

    def match_of(claim):
        target = others_claim if claim != others_claim else draft
        return MatchSuggestion.objects.get_or_create(
            claim=claim, target_claim=target, defaults={"kind": "claim", "score": 0.9}
        )[0]

    return {
        "match_of": match_of,
        "evidence_of": evidence_of,
        "users": users,
        "notifications": notifications,
        "others_notification": Notification.objects.create(
            user=stranger, claim=draft, kind="assigned", message="m"
        ),
        "claims": {"others": others_claim, "draft": draft, "published": published},
        "own_claims": own_claims,
        "jobs": {"others": others_job, "draft": others_job, "published": others_job},
        "own_jobs": jobs,
        "delivery": delivery,
    }


def fill(route: Route, state: str, persona: str, world) -> dict | None:
    """Values for the route's parameters for one object state; None: the state does not
    apply to this route."""
    values = {}
    where = route.pattern.replace("^", "")
    for param in route.params:
        if param == "format":
            values[param] = "json"
        elif param == "slug":
            if state not in ("draft", "published"):
                return None
            values[param] = world["claims"][state].slug
        elif param == "pk" and where.startswith(("imports/", "api/v1/imports/")):
            values[param] = (
                world["own_jobs"][persona] if state == "own" else world["jobs"][state]
            ).pk
        elif param == "pk" and where.startswith("notifications/"):
            if state not in ("own", "others"):
                return None
            notification = (
                world["notifications"][persona] if state == "own" else world["others_notification"]
            )
            values[param] = notification.pk
        elif param == "pk" and where.startswith("api/v1/webhook-deliveries/"):
            if state != "published":
                return None
            values[param] = world["delivery"].pk
        elif param == "pk":
            claim = world["own_claims"][persona] if state == "own" else world["claims"][state]
            values[param] = claim.article_id if where.startswith("articles/") else claim.pk
        elif param == "match_id":
            claim = world["own_claims"][persona] if state == "own" else world["claims"][state]
            values[param] = world["match_of"](claim).pk
        elif param == "evidence_id":
            claim = world["own_claims"][persona] if state == "own" else world["claims"][state]
            values[param] = world["evidence_of"](claim).pk
        else:
            pytest.fail(f"the matrix does not know how to fill {param!r} of {route.pattern!r}")
    return values


# --- requests and verdicts -------------------------------------------------------------------


def outcome_of(response) -> str:
    code = response.status_code
    if code in (401, 403):
        return NO
    if code == 404:
        return GONE
    if code == 405:
        return "405"
    if code in (301, 302, 303):
        # login_required sends visitors to the login page with ?next=; other redirects
        # (after a successful POST, after logging out) are answers.
        location = response.headers.get("Location", "")
        return NO if "login/" in location and "next=" in location else OK
    if code < 300 or code in (400, 409):
        return OK
    if code == 503 and response.headers.get("Content-Type") == "application/json":
        return OK  # /healthz naming a dependency that is down: an answer, not a crash
    return f"HTTP {code}"


def request(route: Route, method: str, values: dict, user) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method.lower())(reverse(route.name, kwargs=values))
    return outcome_of(response)


def test_every_route_has_a_rule():
    missing = sorted({r.name for r in all_routes()} - set(EXPECTED))
    assert not missing, "new route without a permission rule: " + ", ".join(missing)
    gone = sorted(set(EXPECTED) - {r.name for r in all_routes()})
    assert not gone, "rules for routes that no longer exist: " + ", ".join(gone)


def test_no_unexpected_access(world):
    dump = os.environ.get("PERMISSION_MATRIX_DUMP")
    problems = []
    for route in all_routes():
        rules = EXPECTED.get(route.name)
        if rules is None:
            continue  # reported by test_every_route_has_a_rule
        for method in sorted(set(methods_of(route)) | set(rules)):
            for state in STATES if route.params else ("-",):
                for persona in PERSONAS:
                    values = fill(route, state, persona, world) if route.params else {}
                    if values is None:
                        continue
                    user = world["users"].get(persona)
                    got = request(route, method, values, user)
                    expected = _expected(rules, method, state, persona)
                    if dump:
                        print(f"{route.name:28} {method:6} {state:9} {persona:10} {got}")
                    if got not in expected:
                        problems.append(
                            f"{method} {route.pattern} ({route.name}) as {persona}, "
                            f"{state} object: {got}, expected {' or '.join(sorted(expected))}"
                        )
    assert not problems, f"{len(problems)} unexpected answers:\n" + "\n".join(problems)


def _expected(rules, method, state, persona) -> set[str]:
    rule = rules.get(method)
    if rule is None:
        # A method the route does not list: refused, or answered like GET (a function view
        # that does not restrict methods renders the same page behind the same gate).
        return {"405", NO} | (_expected(rules, "GET", state, persona) if "GET" in rules else set())
    if set(rule) <= set(STATES):
        rule = rule.get(state) or rule.get("published")
    return {rule[persona]}


def test_the_admin_is_for_staff_accounts_only(world):
    for persona, user in [("anonymous", None), *world["users"].items()]:
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get("/admin/")
        if persona == "admin":
            assert response.status_code == 200, persona
        else:
            assert response.status_code == 302, persona
            assert response.headers["Location"].startswith("/admin/login/"), persona
