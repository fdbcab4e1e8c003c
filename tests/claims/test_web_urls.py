"""Only http(s) addresses are stored, and no other scheme ever leaves the workbench."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import (
    Article,
    Evidence,
    EvidenceSnapshot,
    Feed,
    Newsroom,
    Outlet,
    WebhookDelivery,
)
from claims.services.reviews import evidence_add
from claims.services.webhooks import newsroom_set_webhook, webhook_deliveries_create
from claims.weburls import validate_web_url, web_url, web_url_clean
from claims.workflow import ActionInvalid
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, UserFactory
from tests.legacy_rows import lift_constraints

# Spellings a browser runs as script: it drops leading spaces and C0 controls, and tabs and
# newlines anywhere in the scheme; schemes are case-insensitive.
UNSAFE = [
    "javascript:alert(document.domain)//",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x00javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "ftp://files.example.org/a",
    "file:///etc/passwd",
    "//evil.example.org/x",
    "https:/\x00/example.org",
    "https://example.org/\x0bpath",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_no_other_scheme_passes_the_output_helper(url):
    assert web_url(url) == ""


@pytest.mark.parametrize("url", UNSAFE)
def test_no_other_scheme_is_accepted_as_input(url):
    with pytest.raises(ValidationError):
        web_url_clean(url)
    with pytest.raises(ValidationError):
        validate_web_url(url)


def test_web_addresses_in_other_spellings_are_stored_in_normal_form():
    assert web_url_clean("  HTTPS://Example.org/A?b=1 ") == "https://Example.org/A?b=1"
    assert web_url_clean("Http://example.org") == "http://example.org"
    assert web_url_clean("") == ""
    assert web_url("https://example.org/a") == "https://example.org/a"


# --- input: every place a URL is stored -----------------------------------------------------


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: OutletFactory.build(), "homepage"),
        (lambda: ArticleFactory.build(outlet=None), "url"),
        (lambda: Feed(url="https://example.org/feed"), "url"),
        (lambda: Newsroom(name="Daily Example"), "webhook_url"),
    ],
)
@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:x,1"])
def test_model_validation_refuses_other_schemes(db, make, field, url):
    # Model validation is what the Django admin and every model form run.
    obj = make()
    setattr(obj, field, url)
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Outlet, "homepage"),
        (Article, "url"),
        (Feed, "url"),
        (Evidence, "url"),
        (EvidenceSnapshot, "final_url"),
        (Newsroom, "webhook_url"),
    ],
)
def test_the_database_refuses_other_schemes(db, model, field):
    make_factcheck(sources=1)
    Feed.objects.create(url="https://example.org/feed")
    Newsroom.objects.create(name="Daily Example", webhook_url="https://hooks.example.org/")
    EvidenceSnapshot.objects.create(
        evidence=Evidence.objects.first(),
        final_url="https://source0.example.org/",
        content_type="text/html",
        text="x",
        sha256="0" * 64,
        fetched_at=timezone.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.all().update(**{field: "javascript:alert(1)"})


def test_the_admin_refuses_an_outlet_homepage_with_another_scheme(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/claims/outlet/add/",
        {"name": "Evil", "slug": "evil", "homepage": "javascript:alert(1)", "language": ""},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not Outlet.objects.filter(slug="evil").exists()


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "JaVaScRiPt:alert(1)", "data:x,1"])
def test_an_imported_record_with_another_scheme_fails_and_stores_nothing(
    db, url, django_capture_on_commit_callbacks
):
    from claims.models import ImportItem, ItemStatus
    from claims.services.import_items import import_item_process
    from claims.services.import_jobs import import_job_submit

    job = import_job_submit(
        source="api", articles=[{"text": "More than 1 million people fled.", "url": url}]
    )
    (item,) = ImportItem.objects.filter(job=job)
    import_item_process(item_id=item.id)
    item.refresh_from_db()
    assert item.status == ItemStatus.FAILED
    assert "http" in item.message
    assert not Article.objects.exists()


def test_an_imported_record_address_is_stored_in_normal_form(db):
    from claims.models import ImportItem
    from claims.services.import_items import import_item_process
    from claims.services.import_jobs import import_job_submit

    job = import_job_submit(
        source="api",
        articles=[
            {"text": "More than 1 million people fled.", "url": " HTTPS://news.example.org/a"}
        ],
    )
    import_item_process(item_id=ImportItem.objects.get(job=job).id)
    assert Article.objects.get().url == "https://news.example.org/a"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:x,1"])
def test_the_import_api_refuses_records_and_urls_with_another_scheme(client, db, url):
    from claims.models import ImportJob, Scope

    _, key = make_key(scopes=[Scope.WRITE_IMPORTS])
    for body in (
        {"articles": [{"text": "Some article text.", "url": url}]},
        {"urls": [url]},
        {"feed": url},
    ):
        response = client.post(
            "/api/v1/imports/", body, content_type="application/json", **key_header(key)
        )
        assert response.status_code == 400, body
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("url", ["JaVaScRiPt:alert(1)", "\x01javascript:alert(1)", "data:x,1"])
def test_evidence_with_another_scheme_is_refused(db, url):
    moderator = UserFactory(roles=["moderator"])
    claim = ClaimFactory(status="in_progress", assignee=moderator)
    with pytest.raises(ActionInvalid, match="http or https"):
        evidence_add(claim_id=claim.id, user=moderator, url=url)
    assert not Evidence.objects.exists()
    evidence_add(claim_id=claim.id, user=moderator, url=" HTTPS://source.example.org/x")
    assert Evidence.objects.get().url == "https://source.example.org/x"


def test_a_newsroom_cannot_set_a_webhook_with_another_scheme(db):
    newsroom = Newsroom.objects.create(name="Daily Example")
    with pytest.raises(ValidationError):
        newsroom_set_webhook(newsroom=newsroom, url="JaVaScRiPt:alert(1)")
    assert Newsroom.objects.get().webhook_url == ""


# --- output: rows stored before the rule -------------------------------------------------------

BAD_ARTICLE_URL = "javascript:alert(document.domain)//"
BAD_SOURCE_URL = "data:text/html,<script>alert(1)</script>"
BAD_HOMEPAGE = "vbscript:msgbox(1)"
BAD_MARKERS = ("javascript:", "data:text", "vbscript:")


def _clean(text: str) -> bool:
    lowered = text.lower()
    return not any(marker in lowered for marker in BAD_MARKERS)


@pytest.fixture
def legacy_factcheck(db):
    """A published fact-check whose article, outlet and a source carry addresses stored
    before the constraints (PostgreSQL: the test drops them inside its transaction)."""
    outlet = OutletFactory(name="Kyiv Post", slug="kyiv-post")
    claim = make_factcheck(outlet=outlet)
    lift_constraints("article_url_web_url", "evidence_url_web_url", "outlet_homepage_web_url")
    Article.objects.filter(id=claim.article_id).update(url=BAD_ARTICLE_URL, canonical_url=None)
    Outlet.objects.filter(id=outlet.id).update(homepage=BAD_HOMEPAGE)
    Evidence.objects.filter(id=claim.evidence.first().id).update(url=BAD_SOURCE_URL)
    return claim


def _read(response) -> str:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.postgres
def test_newsroom_outputs_never_carry_another_scheme(client, legacy_factcheck):
    _, key = make_key()
    headers = key_header(key)
    api = client.get("/api/v1/fact-checks/", **headers).json()
    (item,) = api["results"]
    assert item["appearance"]["url"] == ""
    assert len(item["sources"]) == 2
    for path in (
        "/api/v1/fact-checks/",
        f"/api/v1/fact-checks/{legacy_factcheck.id}/",
        f"/api/v1/fact-checks/{legacy_factcheck.id}/?format=jsonld",
        "/api/v1/fact-checks/?format=jsonld",
        "/api/v1/exports/fact-checks.csv",
        "/api/v1/exports/fact-checks.ndjson",
        "/api/v1/exports/claimreview.json",
        "/api/v1/feeds/fact-checks.atom",
    ):
        assert _clean(_read(client.get(path, **headers))), path
    ndjson = json.loads(_read(client.get("/api/v1/exports/fact-checks.ndjson", **headers)))
    assert ndjson["appearance_url"] == ""
    assert ndjson["sources"] == f"https://source1.example.org/report/{legacy_factcheck.id}"


@pytest.mark.postgres
def test_webhook_payloads_never_carry_another_scheme(legacy_factcheck):
    Newsroom.objects.create(name="Daily Example", webhook_url="https://hooks.example.org/in")
    (delivery,) = webhook_deliveries_create(claim=legacy_factcheck, event="factcheck.published")
    assert delivery.payload["data"]["appearance"]["url"] == ""
    assert _clean(json.dumps(delivery.payload))


@pytest.mark.postgres
def test_pages_never_link_another_scheme(client, legacy_factcheck, admin_user):
    public = _read(client.get(f"/fact-checks/{legacy_factcheck.slug}/"))
    assert _clean(public)
    client.force_login(admin_user)
    for path in (
        f"/articles/{legacy_factcheck.article_id}/",
        f"/claims/{legacy_factcheck.id}/",
        f"/api/v1/claims/{legacy_factcheck.id}/evidence/",
        "/api/v1/exports/claims.csv",
        "/api/v1/exports/claims.ndjson",
    ):
        assert _clean(_read(client.get(path))), path


@pytest.mark.postgres
def test_the_migration_neutralises_stored_addresses(db):
    claim = make_factcheck(sources=2)
    feed = Feed.objects.create(url="https://example.org/feed")
    newsroom = Newsroom.objects.create(name="Daily Example")
    lift_constraints(
        "article_url_web_url",
        "evidence_url_web_url",
        "outlet_homepage_web_url",
        "feed_url_web_url",
        "newsroom_webhook_web_url",
    )
    Article.objects.filter(id=claim.article_id).update(url=" JaVaScRiPt:alert(1)")
    Outlet.objects.filter(id=claim.article.outlet_id).update(homepage=" HTTPS://Outlet.example/")
    first, second = claim.evidence.order_by("id")
    Evidence.objects.filter(id=first.id).update(url="data:x,1")
    Evidence.objects.filter(id=second.id).update(url="HTTP://source1.example.org/r")
    Feed.objects.filter(id=feed.id).update(url="vbscript:x")
    Newsroom.objects.filter(id=newsroom.id).update(webhook_url="ftp://hooks.example.org/")
    pending = WebhookDelivery.objects.create(
        newsroom=newsroom,
        event_id="msg_old",
        event_type="factcheck.published",
        payload={
            "data": {
                "appearance": {"url": "javascript:alert(1)//"},
                "sources": [{"url": "data:x,1"}, {"url": "https://ok.example.org/"}],
            }
        },
    )

    migration = importlib.import_module("claims.migrations.0008_web_urls")
    migration.neutralise_unsafe_urls(apps, None)

    assert Article.objects.get(id=claim.article_id).url == ""
    assert Outlet.objects.get(id=claim.article.outlet_id).homepage == "https://Outlet.example/"
    assert list(claim.evidence.values_list("url", flat=True)) == ["http://source1.example.org/r"]
    assert not Feed.objects.exists()
    assert Newsroom.objects.get().webhook_url == ""
    pending.refresh_from_db()
    assert pending.payload["data"]["appearance"]["url"] == ""
    assert [s["url"] for s in pending.payload["data"]["sources"]] == ["", "https://ok.example.org/"]
