"""The import pages: who may see them, the form, the live progress partial."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Article, ImportItem, ImportJob, ImportSource, ItemKind, ItemStatus
from claims.services import import_jobs
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create

pytestmark = pytest.mark.django_db

TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


@pytest.fixture
def job(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return import_job_create(
            source=ImportSource.API,
            records=[{"text": TEXT, "_source": "fled.txt"}, {"title": "empty"}],
            label="Two records",
        )


def _pages(job):
    return [
        reverse("imports"),
        reverse("import_detail", args=[job.pk]),
        reverse("import_progress", args=[job.pk]),
    ]


def test_anonymous_users_are_sent_to_login(client, job):
    for url in _pages(job):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_users_without_a_role_get_403(client, no_role_user, job):
    client.force_login(no_role_user)
    for url in _pages(job):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("persona", ["annotator", "moderator", "editor", "admin_user"])
def test_every_role_sees_the_imports(client, persona, request, job):
    client.force_login(request.getfixturevalue(persona))
    for url in _pages(job):
        assert client.get(url).status_code == 200
    listing = client.get(reverse("imports")).content.decode()
    assert "Two records" in listing
    assert 'href="/imports/"' in listing, "the nav links to the imports"


def test_the_progress_partial_polls_until_the_job_is_finished(client, annotator, job):
    client.force_login(annotator)
    partial = reverse("import_progress", args=[job.pk])
    running = client.get(partial).content.decode()
    assert 'hx-trigger="every 2s"' in running
    assert f'hx-get="{partial}"' in running
    assert "0 of 2 items" in running
    for item in job.items.all():
        import_item_process(item_id=item.id)
    finished = client.get(partial).content.decode()
    assert "hx-trigger" not in finished, "a finished job stops polling"
    assert "Imported: <strong>1</strong>" in finished
    assert "Failed: <strong>1</strong>" in finished
    assert "The record has no text" in finished, "the failed item says why"
    detail = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert '<script src="/static/claims/vendor/htmx.min.js"' in detail
    assert "<script>" not in detail, "no inline script under the CSP"
    assert "style=" not in detail, "no inline style under the CSP"


def test_pasting_urls_starts_a_job(client, annotator, django_capture_on_commit_callbacks):
    client.force_login(annotator)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("imports"),
            {"urls": "https://news.example.org/a\n\n  https://news.example.org/b  \n"},
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("import_detail", args=[job.pk])
    assert list(job.items.values_list("source", flat=True)) == [
        "https://news.example.org/a",
        "https://news.example.org/b",
    ]
    assert (job.source, job.created_by) == (ImportSource.URLS, annotator)
    assert len(queued) == 1


def test_a_feed_url_starts_a_feed_job(client, annotator):
    client.force_login(annotator)
    client.post(reverse("imports"), {"feed": "https://news.example.org/rss"})
    item = ImportItem.objects.get()
    assert (item.kind, item.job.source) == (ItemKind.FEED, ImportSource.FEED)


def test_uploading_files(client, annotator):
    client.force_login(annotator)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", TEXT)
        z.writestr("b.txt", TEXT + " Again.")
    files = [
        SimpleUploadedFile("batch.zip", archive.getvalue()),
        SimpleUploadedFile("one.html", f"<html><body><p>{TEXT}</p></body></html>".encode()),
    ]
    response = client.post(reverse("imports"), {"files": files})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert (job.source, job.total, job.label) == (ImportSource.UPLOAD, 3, "batch.zip, one.html")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste URLs or an article&#x27;s text, give a feed URL or choose files to import."),
        ({"urls": "https://e.org/a\nfile:///etc/passwd"}, "URL 2 is not an http(s) address"),
        (
            {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4 ...")]},
            "x.pdf is a PDF document, not text, HTML, JSON or CSV.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(client, annotator, data, message):
    client.force_login(annotator)
    response = client.post(reverse("imports"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


def test_an_oversized_upload_is_refused(client, annotator, settings):
    settings.UPLOAD_MAX_BYTES = 100
    client.force_login(annotator)
    response = client.post(reverse("imports"), {"files": [SimpleUploadedFile("a.txt", b"a" * 101)]})
    assert response.status_code == 400
    assert "files larger than 100 bytes are not accepted" in response.content.decode()


def test_pasting_an_article_imports_it_with_what_was_given(client, annotator, monkeypatch):
    monkeypatch.setattr(import_jobs, "import_items_send", lambda item_ids, **kwargs: None)
    client.force_login(annotator)
    response = client.post(
        reverse("imports"),
        {"text": f"Ships leave Odesa\n{TEXT}", "url": "https://news.example.org/ships",
         "published": "2022-03-03"},
    )  # fmt: skip
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.source == ImportSource.PASTE
    import_item_process(item_id=job.items.get().id)
    article = Article.objects.get()
    assert article.title == "Ships leave Odesa"  # its first line, no title given
    assert article.url == "https://news.example.org/ships"
    assert article.published_at.date().isoformat() == "2022-03-03"


def test_one_unreadable_file_fails_by_name_and_the_others_import(client, annotator, monkeypatch):
    monkeypatch.setattr(import_jobs, "import_items_send", lambda item_ids, **kwargs: None)
    client.force_login(annotator)
    lines = [
        json.dumps({"text": TEXT + " One."}),
        "{not json",
        json.dumps({"text": TEXT + " Two."}),
    ]
    files = [
        SimpleUploadedFile("good.txt", TEXT.encode()),
        SimpleUploadedFile("scan.pdf", b"%PDF-1.4 ..."),
        SimpleUploadedFile("batch.jsonl", "\n".join(lines).encode()),
    ]
    response = client.post(reverse("imports"), {"files": files})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    for item in job.items.all():
        import_item_process(item_id=item.id)
    failed = dict(job.items.filter(status=ItemStatus.FAILED).values_list("source", "message"))
    assert failed == {
        "scan.pdf": "scan.pdf is a PDF document, not text, HTML, JSON or CSV.",
        "batch.jsonl line 2": "batch.jsonl line 2 is not valid JSON: Expecting property name "
        "enclosed in double quotes.",
    }
    assert job.items.filter(status=ItemStatus.DONE).count() == 3


def test_with_htmx_only_the_errors_come_back_so_the_chosen_files_stay(client, annotator):
    client.force_login(annotator)
    response = client.post(
        reverse("imports"),
        {"files": [SimpleUploadedFile("x.pdf", b"%PDF-1.4 ...")]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('<div id="import-form-errors">') :]
    assert "x.pdf is a PDF document" in errors[: errors.index("</form>")]
    assert 'hx-select="#import-form-errors"' in html


def test_with_htmx_a_started_import_opens_its_page(client, annotator, monkeypatch):

    monkeypatch.setattr(import_jobs, "import_items_send", lambda item_ids, **kwargs: None)
    client.force_login(annotator)
    response = client.post(reverse("imports"), {"text": TEXT}, HTTP_HX_REQUEST="true")
    job = ImportJob.objects.get()
    assert response["HX-Redirect"] == reverse("import_detail", args=[job.pk])
