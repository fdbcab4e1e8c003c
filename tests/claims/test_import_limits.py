"""Import limits, the same on every path: items per import, characters per article, claims and
quantities per article, bytes per upload (parsed as a stream), imports per hour. Over a limit:
a 4xx naming the setting, and nothing stored."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIRequestFactory, force_authenticate

from claims.api.imports import ImportJobViewSet
from claims.models import (
    Article,
    Claim,
    ImportItem,
    ImportJob,
    ImportSource,
    ItemStatus,
    Quantity,
    Scope,
)
from claims.services import import_items
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create
from tests.api.helpers import key_header, make_key

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"
TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _records(n: int) -> list[dict]:
    return [{"text": f"{TEXT} ({i})"} for i in range(n)]


def _post_file(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def _assert_nothing_stored():
    assert not ImportJob.objects.exists()
    assert not ImportItem.objects.exists()


# --- items per import -----------------------------------------------------------------------------

FOUR_RECORDS = {
    "json array": ("four.json", json.dumps(_records(4)).encode()),
    "json object": ("four.json", json.dumps({"records": _records(4)}).encode()),
    "ndjson": ("four.ndjson", "\n".join(json.dumps(r) for r in _records(4)).encode()),
    "csv": ("four.csv", ("text\n" + "\n".join(f'"{r["text"]}"' for r in _records(4))).encode()),
    "zip": ("four.zip", _zip({f"{i}.txt": f"{TEXT} {i}".encode() for i in range(4)})),
}


@pytest.mark.parametrize("shape", FOUR_RECORDS)
def test_an_upload_over_the_items_limit_is_refused_with_413_and_nothing_stored(
    client, admin_user, settings, shape
):
    settings.IMPORT_MAX_ITEMS = 3
    client.force_login(admin_user)
    response = _post_file(client, *FOUR_RECORDS[shape])
    assert response.status_code == 413, response.content
    assert response.json()["limit"] == "IMPORT_MAX_ITEMS"
    assert "at most 3 items" in response.json()["detail"]
    _assert_nothing_stored()


@pytest.mark.parametrize("shape", FOUR_RECORDS)
def test_an_upload_at_the_items_limit_is_accepted(client, admin_user, settings, shape):
    settings.IMPORT_MAX_ITEMS = 4
    client.force_login(admin_user)
    response = _post_file(client, *FOUR_RECORDS[shape])
    assert response.status_code == 201, response.content
    assert response.json()["total"] == 4


def test_two_files_count_together_against_the_items_limit(client, admin_user, settings):
    settings.IMPORT_MAX_ITEMS = 3
    client.force_login(admin_user)
    files = [SimpleUploadedFile(f"{i}.txt", f"{TEXT} {i}".encode()) for i in range(2)]
    response = client.post(URL, {"file": files, "urls": ["https://e.org/a", "https://e.org/b"]})
    assert response.status_code == 413, response.content
    _assert_nothing_stored()


@pytest.mark.parametrize("field", ["articles", "urls"])
def test_api_articles_or_urls_over_the_items_limit_get_413(client, admin_user, settings, field):
    settings.IMPORT_MAX_ITEMS = 3
    client.force_login(admin_user)
    values = _records(4) if field == "articles" else [f"https://e.org/{i}" for i in range(4)]
    response = client.post(URL, {field: values}, content_type="application/json")
    assert response.status_code == 413, response.content
    assert response.json()["limit"] == "IMPORT_MAX_ITEMS"
    _assert_nothing_stored()


def test_the_import_page_refuses_an_upload_over_the_items_limit(client, annotator, settings):
    settings.IMPORT_MAX_ITEMS = 3
    client.force_login(annotator)
    name, data = FOUR_RECORDS["ndjson"]
    response = client.post(reverse("imports"), {"files": SimpleUploadedFile(name, data)})
    assert response.status_code == 413
    assert "IMPORT_MAX_ITEMS" in response.content.decode()
    _assert_nothing_stored()


def test_a_feed_grows_its_job_only_up_to_the_items_limit(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from claims.ingest.fetching import FetchedPage

    settings.IMPORT_MAX_ITEMS = 3
    entries = "".join(
        f"<item><title>{i}</title><link>https://e.org/{i}</link></item>" for i in range(5)
    )
    body = f'<rss version="2.0"><channel><title>F</title>{entries}</channel></rss>'

    def fetch(url, **kwargs):
        return FetchedPage(url, 200, "application/rss+xml", "utf-8", body.encode())

    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.FEED, feeds=["https://e.org/feed"])
        feed_item = job.items.get()
        monkeypatch.setattr(import_items, "fetch_url", fetch)
        import_item_process(item_id=feed_item.id)
    job.refresh_from_db()
    feed_item.refresh_from_db()
    assert job.total == 3 == job.items.count()
    assert "3 more were left out" in feed_item.message
    assert "IMPORT_MAX_ITEMS" in feed_item.message


# --- characters per article -----------------------------------------------------------------------


def test_an_api_article_longer_than_the_limit_is_refused_with_413(client, admin_user, settings):
    settings.ARTICLE_MAX_CHARS = 100
    client.force_login(admin_user)
    articles = [{"text": TEXT}, {"text": "x" * 101}]
    response = client.post(URL, {"articles": articles}, content_type="application/json")
    assert response.status_code == 413, response.content
    assert response.json()["limit"] == "ARTICLE_MAX_CHARS"
    _assert_nothing_stored()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("long.txt", b"x" * 101),
        ("long.json", json.dumps([{"text": "x" * 101}]).encode()),
        ("long.csv", b"text\n" + b"x" * 101 + b"\n"),
    ],
)
def test_an_uploaded_article_longer_than_the_limit_is_refused_with_413(
    client, admin_user, settings, name, data
):
    settings.ARTICLE_MAX_CHARS = 100
    client.force_login(admin_user)
    response = _post_file(client, name, data)
    assert response.status_code == 413, response.content
    assert response.json()["limit"] == "ARTICLE_MAX_CHARS"
    _assert_nothing_stored()


def test_a_fetched_article_longer_than_the_limit_fails_its_item_naming_the_limit(
    settings, django_capture_on_commit_callbacks, monkeypatch
):
    from claims.ingest.records import ArticleInput

    settings.ARTICLE_MAX_CHARS = 100
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.URLS, urls=["https://e.org/long"])
    item = job.items.get()
    monkeypatch.setattr(
        import_items, "fetch_article", lambda url, **kwargs: ArticleInput(text="x " * 100, url=url)
    )
    import_item_process(item_id=item.id)
    item.refresh_from_db()
    assert item.status == ItemStatus.FAILED
    assert "ARTICLE_MAX_CHARS" in item.message
    assert not Article.objects.exists()


# --- claims and quantities per article ------------------------------------------------------------


@pytest.fixture
def seed_text(shared_data) -> str:
    return (shared_data / "seed" / "ukraine-safe-corridors-2022-03-03.txt").read_text()


def _import_text(text: str) -> ImportItem:
    job = import_job_create(source=ImportSource.API, records=[{"text": text, "language": "en"}])
    item = job.items.get()
    import_item_process(item_id=item.id)
    item.refresh_from_db()
    return item


def test_an_article_keeps_its_highest_scored_claims_and_records_the_cap(
    settings, seed_text, django_capture_on_commit_callbacks
):
    from claims.extraction import extract_claims

    drafts = extract_claims(seed_text, language="en")
    assert len(drafts) > 3
    settings.ARTICLE_MAX_CLAIMS = 3
    with django_capture_on_commit_callbacks(execute=False):
        item = _import_text(seed_text)
    article = item.article
    assert article.text == seed_text.strip(), "the text stays whole"
    kept = sorted(Claim.objects.filter(article=article).values_list("score", flat=True))
    best = sorted(min(max(d.score, 0.0), 1.0) for d in drafts)[-3:]
    assert kept == pytest.approx(best)
    assert article.claims_dropped == len(drafts) - 3
    assert "ARTICLE_MAX_CLAIMS" in item.message
    assert item.claims_found == 3


def test_an_article_keeps_at_most_the_quantities_limit(
    settings, seed_text, django_capture_on_commit_callbacks
):
    from claims.extraction import extract_claims

    found = sum(len(d.quantities) for d in extract_claims(seed_text, language="en"))
    assert found > 2
    settings.ARTICLE_MAX_QUANTITIES = 2
    with django_capture_on_commit_callbacks(execute=False):
        item = _import_text(seed_text)
    assert Quantity.objects.filter(claim__article=item.article).count() == 2
    assert item.article.quantities_dropped == found - 2


def test_the_reader_says_when_the_proposals_were_capped(
    client, annotator, settings, seed_text, django_capture_on_commit_callbacks
):
    settings.ARTICLE_MAX_CLAIMS = 3
    with django_capture_on_commit_callbacks(execute=False):
        article = _import_text(seed_text).article
    client.force_login(annotator)
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert 'id="proposals-capped"' in page
    assert f"{article.claims_dropped} lower-scored claims" in page


def test_the_reader_of_an_article_under_the_caps_says_nothing(
    client, annotator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        article = _import_text(TEXT).article
    client.force_login(annotator)
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert 'id="proposals-capped"' not in page


# --- bytes per upload, parsed as a stream ---------------------------------------------------------


def test_an_upload_over_the_bytes_limit_is_refused_with_413(client, admin_user, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    client.force_login(admin_user)
    response = _post_file(client, "big.txt", b"x" * 1001)
    assert response.status_code == 413, response.content
    assert response.json()["limit"] == "UPLOAD_MAX_BYTES"
    _assert_nothing_stored()


@pytest.mark.parametrize("shape", ["json", "ndjson"])
def test_a_20_mb_upload_is_parsed_in_a_few_mb_of_memory(admin_user, shape):
    """The web process reads an upload a chunk at a time and writes its items in batches: its
    memory grows by a small fraction of the file (before: the file, its text and its parsed
    objects at once, several times its size)."""
    records = [{"title": f"A {i}", "text": f"{TEXT} {i} " + "word " * 800} for i in range(5000)]
    if shape == "json":
        data = json.dumps(records).encode()
    else:
        data = "\n".join(json.dumps(r) for r in records).encode()
    assert len(data) > 20_000_000
    request = APIRequestFactory().post(
        URL, {"file": SimpleUploadedFile(f"big.{shape}", data)}, format="multipart"
    )
    del data, records
    force_authenticate(request, user=admin_user)
    view = ImportJobViewSet.as_view({"post": "create"})
    tracemalloc.start()
    try:
        response = view(request)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 201, response.data
    assert ImportItem.objects.count() == 5000
    print(f"tracemalloc peak for a 20 MB {shape} upload: {peak / 1e6:.1f} MB")
    assert peak < 10_000_000, "half the file at most (it was several times the file)"


# --- imports per hour -----------------------------------------------------------------------------


def test_a_user_past_the_hourly_imports_gets_429_with_retry_after(client, admin_user, settings):
    settings.IMPORTS_PER_HOUR = 2
    client.force_login(admin_user)
    for _ in range(2):
        body = {"articles": [{"text": TEXT}]}
        assert client.post(URL, body, content_type="application/json").status_code == 201
    response = client.post(URL, {"articles": [{"text": TEXT}]}, content_type="application/json")
    assert response.status_code == 429, response.content
    assert response.json()["limit"] == "IMPORTS_PER_HOUR"
    assert 3500 <= int(response["Retry-After"]) <= 3601
    assert ImportJob.objects.count() == 2


def test_an_api_key_past_the_hourly_imports_gets_429_and_other_keys_do_not(client, settings):
    settings.IMPORTS_PER_HOUR = 1
    _, first = make_key(scopes=[Scope.WRITE_IMPORTS], name="first")
    _, second = make_key(scopes=[Scope.WRITE_IMPORTS], name="second")
    body = {"articles": [{"text": TEXT}]}

    def post(key):
        return client.post(URL, body, content_type="application/json", **key_header(key))

    assert post(first).status_code == 201
    assert post(first).status_code == 429
    assert post(second).status_code == 201


def test_imports_older_than_an_hour_do_not_count(client, admin_user, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.IMPORTS_PER_HOUR = 1
    client.force_login(admin_user)
    old = ImportJob.objects.create(source=ImportSource.API, created_by=admin_user)
    ImportJob.objects.filter(id=old.id).update(created_at=timezone.now() - timedelta(minutes=61))
    response = client.post(URL, {"articles": [{"text": TEXT}]}, content_type="application/json")
    assert response.status_code == 201, response.content


def test_the_import_page_refuses_past_the_hourly_imports_with_429(client, annotator, settings):
    settings.IMPORTS_PER_HOUR = 1
    client.force_login(annotator)
    ImportJob.objects.create(source=ImportSource.URLS, created_by=annotator)
    response = client.post(reverse("imports"), {"urls": "https://e.org/a"})
    assert response.status_code == 429
    assert "IMPORTS_PER_HOUR" in response.content.decode()
    assert ImportJob.objects.count() == 1
