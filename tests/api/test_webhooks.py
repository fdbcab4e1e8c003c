"""Signed webhooks: created by the review services, sent through the SSRF guard, retried."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.utils import timezone

from claims.models import ClaimStatus, DeliveryStatus, Newsroom, Scope, WebhookDelivery
from claims.services.reviews import claim_transition
from claims.services.webhooks import (
    retry_delay,
    webhook_deliveries_create,
    webhook_delivery_attempt,
)
from tests.api.helpers import key_header, make_factcheck, make_key


@contextmanager
def receiver(statuses: list[int]):
    """A webhook receiver on 127.0.0.1 answering ``statuses`` in turn (then 200)."""
    received: list[dict] = []
    answers = list(statuses)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(
                {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
            )
            status = answers.pop(0) if answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hooks", received
    finally:
        server.shutdown()
        server.server_close()


def verify(secret: str, request: dict) -> bool:
    """Standard Webhooks verification, written from the spec (not from our code)."""
    headers = request["headers"]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    key = base64.b64decode(secret.split("_", 1)[1])
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        hmac.compare_digest(sig.split(",", 1)[1], expected)
        for sig in headers["webhook-signature"].split()
        if sig.startswith("v1,")
    )


@pytest.fixture(autouse=True)
def _loopback_allowed(settings):
    # The receiver lives on 127.0.0.1, which the SSRF guard refuses unless allow-listed.
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    cache.clear()


def _make_due(delivery_id: int) -> None:
    WebhookDelivery.objects.filter(id=delivery_id).update(next_attempt_at=timezone.now())


def test_receiver_down_three_times_gets_the_event_with_a_valid_signature(db):
    claim = make_factcheck()
    with receiver([503, 503, 503]) as (url, received):
        newsroom = Newsroom.objects.create(name="Daily Example", webhook_url=url)
        (delivery,) = webhook_deliveries_create(claim=claim, event="factcheck.published")
        delays = []
        for _ in range(4):
            _make_due(delivery.id)  # the retry's countdown has passed
            delays.append(webhook_delivery_attempt(delivery_id=delivery.id))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 4
    assert delivery.last_status_code == 200
    assert delays == [retry_delay(1), retry_delay(2), retry_delay(3), None]
    assert delays[0] < delays[1] < delays[2]
    assert len(received) == 4
    # Every try carries the same webhook-id and a valid signature of its own.
    assert len({r["headers"]["webhook-id"] for r in received}) == 1
    assert all(verify(newsroom.webhook_secret, r) for r in received)
    event = json.loads(received[-1]["body"])
    assert event["type"] == "factcheck.published"
    assert event["data"]["id"] == claim.id
    assert event["data"]["status"] == "published"


def test_a_tampered_body_fails_verification(db):
    claim = make_factcheck()
    with receiver([]) as (url, received):
        newsroom = Newsroom.objects.create(name="Daily Example", webhook_url=url)
        (delivery,) = webhook_deliveries_create(claim=claim, event="factcheck.published")
        webhook_delivery_attempt(delivery_id=delivery.id)
    tampered = {**received[0], "body": received[0]["body"].replace(b"published", b"retracted")}
    assert verify(newsroom.webhook_secret, received[0])
    assert not verify(newsroom.webhook_secret, tampered)


def test_retries_span_at_least_an_hour_then_give_up(db, settings):
    total = sum(retry_delay(n) for n in range(1, settings.WEBHOOK_MAX_ATTEMPTS))
    assert total >= 3600
    claim = make_factcheck()
    with receiver([500] * 20) as (url, received):
        Newsroom.objects.create(name="Daily Example", webhook_url=url)
        (delivery,) = webhook_deliveries_create(claim=claim, event="factcheck.published")
        for _ in range(settings.WEBHOOK_MAX_ATTEMPTS):
            _make_due(delivery.id)
            webhook_delivery_attempt(delivery_id=delivery.id)
    assert len(received) == settings.WEBHOOK_MAX_ATTEMPTS
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == settings.WEBHOOK_MAX_ATTEMPTS
    assert delivery.last_error == "The receiver answered 500."


def test_an_attempt_that_is_not_due_sends_nothing(db):
    claim = make_factcheck()
    with receiver([503]) as (url, received):
        Newsroom.objects.create(name="Daily Example", webhook_url=url)
        (delivery,) = webhook_deliveries_create(claim=claim, event="factcheck.published")
        assert webhook_delivery_attempt(delivery_id=delivery.id) == retry_delay(1)
        assert webhook_delivery_attempt(delivery_id=delivery.id) is None  # not due yet
    assert len(received) == 1


def test_review_services_create_deliveries_enqueued_after_commit(
    db, editor, other_editor, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_URL = ""  # no notification e-mails: every callback counted is a webhook
    approved = make_factcheck(status=ClaimStatus.APPROVED)
    Newsroom.objects.create(name="Daily Example", webhook_url="https://hooks.example.org/in")
    Newsroom.objects.create(name="Inactive", webhook_url="https://x.example.org/", active=False)
    Newsroom.objects.create(name="No hook")
    with django_capture_on_commit_callbacks() as callbacks:
        claim_transition(claim_id=approved.id, user=editor, action="publish")
    assert len(callbacks) == 1  # one newsroom with an active hook, sent after commit
    with django_capture_on_commit_callbacks() as callbacks:
        claim_transition(
            claim_id=approved.id,
            user=editor,
            action="correct",
            comment="The agency was misnamed.",
            verdict={"summary": "Corrected summary."},
        )
    # Newsrooms hear of a correction when it goes live, not when it is proposed.
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        claim_transition(claim_id=approved.id, user=other_editor, action="approve_correction")
        claim_transition(
            claim_id=approved.id, user=editor, action="retract", comment="Fabricated source."
        )
    assert len(callbacks) == 2
    events = list(
        WebhookDelivery.objects.order_by("created_at", "id").values_list("event_type", flat=True)
    )
    assert events == ["factcheck.published", "factcheck.corrected", "factcheck.retracted"]
    retracted = WebhookDelivery.objects.get(event_type="factcheck.retracted")
    assert retracted.payload["data"]["status"] == "retracted"
    assert retracted.payload["data"]["retraction_note"] == "Fabricated source."


def test_no_webhook_is_ever_built_from_an_unpublished_claim(db):
    draft = make_factcheck(status=ClaimStatus.APPROVED)
    Newsroom.objects.create(name="Daily Example", webhook_url="https://hooks.example.org/in")
    with pytest.raises(ValueError, match="not public"):
        webhook_deliveries_create(claim=draft, event="factcheck.published")
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:8000/admin/",
        "ftp://hooks.example.org/",
    ],
)
def test_a_newsroom_cannot_register_an_internal_url(client, db, settings, url):
    settings.FETCH_ALLOWED_HOSTS = []
    _, key = make_key(scopes=[Scope.MANAGE_WEBHOOKS])
    response = client.put(
        "/api/v1/newsroom/webhook/",
        {"url": url},
        content_type="application/json",
        **key_header(key),
    )
    assert response.status_code == 400
    assert "url" in response.json()
    assert Newsroom.objects.get().webhook_url == ""


def test_a_newsroom_registers_its_url_and_reads_its_secret(client, db, monkeypatch):
    import ipaddress

    from claims.ingest import fetching

    monkeypatch.setattr(
        fetching, "resolve", lambda host, port: [ipaddress.ip_address("93.184.215.14")]
    )
    _, key = make_key(scopes=[Scope.MANAGE_WEBHOOKS])
    response = client.put(
        "/api/v1/newsroom/webhook/",
        {"url": "https://hooks.example.org/in"},
        content_type="application/json",
        **key_header(key),
    )
    assert response.status_code == 200
    body = client.get("/api/v1/newsroom/webhook/", **key_header(key)).json()
    assert body["url"] == "https://hooks.example.org/in"
    assert body["secret"].startswith("whsec_")
    assert body["events"] == ["factcheck.published", "factcheck.corrected", "factcheck.retracted"]


@pytest.mark.parametrize("scopes", [[Scope.READ_FACTCHECKS], [Scope.WRITE_IMPORTS]])
def test_a_key_without_the_webhook_scope_can_neither_change_nor_read_the_webhook(
    client, db, scopes
):
    newsroom = Newsroom.objects.create(name="Daily Example", webhook_url="https://h.example.org/")
    _, key = make_key(newsroom=newsroom, scopes=scopes)
    url = "/api/v1/newsroom/webhook/"
    for method in ("put", "patch", "post", "delete"):
        response = getattr(client, method)(
            url, {"url": ""}, content_type="application/json", **key_header(key)
        )
        assert response.status_code == 403, method
        assert "manage:webhooks" in response.json()["detail"]
    response = client.get(url, **key_header(key))
    assert response.status_code == 403
    assert newsroom.webhook_secret not in response.content.decode()
    assert Newsroom.objects.get().webhook_url == "https://h.example.org/"


def test_the_admin_form_refuses_internal_urls(db, settings):
    from claims.admin_forms import NewsroomForm

    settings.FETCH_ALLOWED_HOSTS = []
    form = NewsroomForm(data={"name": "X", "active": True, "webhook_url": "http://127.0.0.1/"})
    assert not form.is_valid()
    assert "loopback" in form.errors["webhook_url"][0]


def test_admins_read_the_log_and_redeliver(
    client, db, admin_user, editor, django_capture_on_commit_callbacks
):
    claim = make_factcheck()
    newsroom = Newsroom.objects.create(name="Daily Example", webhook_url="https://h.example.org/")
    delivery = WebhookDelivery.objects.create(
        newsroom=newsroom,
        event_id="msg_1",
        event_type="factcheck.published",
        claim=claim,
        payload={"type": "factcheck.published"},
        status=DeliveryStatus.FAILED,
        attempts=8,
    )
    client.force_login(editor)
    assert client.get("/api/v1/webhook-deliveries/").status_code == 403
    assert client.post(f"/api/v1/webhook-deliveries/{delivery.id}/redeliver/").status_code == 403
    client.force_login(admin_user)
    log = client.get("/api/v1/webhook-deliveries/").json()
    assert [d["id"] for d in log["results"]] == [delivery.id]
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(f"/api/v1/webhook-deliveries/{delivery.id}/redeliver/")
    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert len(callbacks) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


def test_admin_redeliver_action(client, db, admin_user, django_capture_on_commit_callbacks):
    claim = make_factcheck()
    newsroom = Newsroom.objects.create(name="Daily Example", webhook_url="https://h.example.org/")
    delivery = WebhookDelivery.objects.create(
        newsroom=newsroom,
        event_id="msg_2",
        event_type="factcheck.published",
        claim=claim,
        payload={},
        status=DeliveryStatus.FAILED,
    )
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/admin/claims/webhookdelivery/",
            {"action": "redeliver", "_selected_action": [delivery.id]},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at <= timezone.now() + timedelta(seconds=1)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_real_worker_retries_a_down_receiver_until_it_gets_the_event(tmp_path):
    from tests.workers import celery_worker, wait_for

    claim = make_factcheck()
    with receiver([503, 503, 503]) as (url, received):
        newsroom = Newsroom.objects.create(name="Daily Example", webhook_url=url)
        worker_env = {"FETCH_ALLOWED_HOSTS": "127.0.0.1", "WEBHOOK_RETRY_BASE_SECONDS": "0.5"}
        with celery_worker(extra_env=worker_env, log_path=tmp_path / "worker.log"):
            (delivery,) = webhook_deliveries_create(claim=claim, event="factcheck.published")
            wait_for(
                lambda: WebhookDelivery.objects.filter(
                    id=delivery.id, status=DeliveryStatus.DELIVERED
                ).exists(),
                timeout=90,
                what="the delivery to succeed after three 503s",
            )
    delivery.refresh_from_db()
    assert delivery.attempts == 4
    assert [r["headers"]["webhook-id"] for r in received] == [delivery.event_id] * 4
    assert all(verify(newsroom.webhook_secret, r) for r in received)
