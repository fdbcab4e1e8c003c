"""manage.py import_articles: files, folders, URLs and feeds in; --wait follows the job."""

import json
import re
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims.models import Article, ImportItem, ImportJob, ImportSource, ItemKind
from claims.services import import_items, import_jobs
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db

TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


@pytest.fixture
def background_worker(monkeypatch):
    """Stand-in for a worker: once the job is committed, a thread imports its items one by
    one, a little apart, while the command polls the job from the test's thread."""
    threads = []

    def send(item_ids, **kwargs):
        def work():
            try:
                for item_id in item_ids:
                    time.sleep(0.3)
                    import_items.import_item_process(item_id=item_id)
            finally:
                connection.close()

        threads.append(threading.Thread(target=work))
        threads[-1].start()
        return True

    monkeypatch.setattr(import_jobs, "import_items_send", send)
    yield
    for thread in threads:
        thread.join(timeout=60)


@pytest.mark.django_db(transaction=True)
def test_files_and_folders_import_and_wait_follows_the_job(tmp_path, capsys, background_worker):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.jsonl").write_text(
        json.dumps({"text": TEXT + " Again."}) + "\n" + json.dumps({"title": "no text"}) + "\n"
    )
    single = tmp_path / "c.html"
    single.write_text(f"<html><body><article><p>{TEXT} Third.</p></article></body></html>")
    call_command(
        "import_articles", str(folder), str(single), "--wait", "--interval", "0.1", "--timeout",
        "60",
    )  # fmt: skip
    out, err = capsys.readouterr()
    job = ImportJob.objects.get()
    assert (job.source, job.total, job.done, job.failed) == (ImportSource.CLI, 4, 3, 1)
    assert f"Import {job.pk}: 4 item(s) queued" in out
    assert f"Import {job.pk} finished: 4 total, 3 imported, 0 duplicate, 1 failed." in out
    assert "failed: " in out
    assert "has no text" in out
    # --wait saw the job unfinished before it saw it done.
    assert re.search(r"\] +\d+% [0-3]/4", err), err
    assert "[##############################] 100% 4/4" in err
    assert Article.objects.count() == 3


def test_urls_feeds_and_outlets(capsys):
    reuters = OutletFactory(name="Reuters")
    call_command("import_articles", "https://e.org/a", "https://e.org/b", "--outlet", "Reuters")
    call_command("import_articles", "https://e.org/rss", "--feed")
    first, second = ImportJob.objects.order_by("id")
    assert first.outlet == reuters
    assert list(first.items.values_list("kind", flat=True)) == [ItemKind.URL, ItemKind.URL]
    assert second.items.get().kind == ItemKind.FEED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], r"neither an http\(s\) URL nor a file or folder"),
        (["https://e.org/a", "--outlet", "Nobody"], "no outlet named 'Nobody'"),
        (["https://e.org/a", "https://e.org/b", "--feed"], "exactly one feed URL"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_stored(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_articles", *args)
    assert ImportItem.objects.count() == 0


def test_a_refused_file_stores_nothing(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.5 ...")
    with pytest.raises(CommandError, match="is a PDF document"):
        call_command("import_articles", str(bad))
    assert ImportJob.objects.count() == 0


def test_wait_gives_up_after_the_timeout_without_a_worker():
    with pytest.raises(CommandError, match="is not finished after 0s"):
        call_command("import_articles", "https://e.org/a", "--wait", "--timeout", "0")
