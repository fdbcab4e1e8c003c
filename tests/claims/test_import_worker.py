"""Imports end to end on real PostgreSQL, Redis and Celery workers (not eager mode).

Pages are served by the test on 127.0.0.1; the worker may fetch from exactly that host and
port (FETCH_ALLOWED_HOSTS), so every other loopback address stays refused. No traffic goes
anywhere but loopback.
"""

from __future__ import annotations

import gzip
import io
import os
import signal
import time
import zipfile

import pytest
from django.db.models import Sum

from claims.ingest.errors import LimitExceeded
from claims.ingest.files import UploadRefused
from claims.models import Article, Claim, ImportItem, ImportJob, ImportSource, ItemStatus
from claims.services.import_jobs import import_job_create, import_job_submit
from claims.tasks import sweep_import_items_task
from tests.pages import Page, article_html, serve
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

FIGURES = [
    "More than {n} million people have fled the region since the fighting began, the UN said.",
    "Exports fell by {n} percent in the first quarter compared with a year earlier.",
    "The minister said the city accounts for about one-quarter of the country's power.",
    "Prices rose {n}.5 percent in March, the fastest pace in {n} years, the agency reported.",
]


def _article(i: int) -> bytes:
    paragraphs = [f"Report {i} from the regional desk."] + [
        figure.format(n=i + k + 2) for k, figure in enumerate(FIGURES)
    ]
    return article_html(f"Report {i}", paragraphs)


def _finished(job):
    def check():
        job.refresh_from_db()
        return job.is_finished

    return check


def _worker_env(server) -> dict:
    return {"FETCH_ALLOWED_HOSTS": f"127.0.0.1:{server.port}"}


def test_fifty_served_articles_import_with_their_claims_and_again_adds_no_row(tmp_path):
    routes = {f"/news/{i}": Page(_article(i)) for i in range(50)}
    with (
        serve(routes) as server,
        celery_worker(extra_env=_worker_env(server), log_path=tmp_path / "w.log") as worker,
    ):
        urls = [f"{server.base}/news/{i}?utm_source=feed" for i in range(50)]
        job = import_job_create(source=ImportSource.URLS, urls=urls)
        wait_for(_finished(job), timeout=120, what="50 articles")
        assert (job.total, job.done, job.duplicate, job.failed) == (50, 50, 0, 0), list(
            job.items.exclude(status=ItemStatus.DONE).values_list("message", flat=True)
        )
        articles = Article.objects.all()
        assert articles.count() == 50
        assert all(a.language == "en" and a.title.startswith("Report") for a in articles)
        assert not articles.filter(canonical_url__contains="utm_source").exists()
        claims = Claim.objects.count()
        assert claims >= 100, "the extractor ran on every article"
        assert claims == job.items.aggregate(n=Sum("claims_found"))["n"]

        again = import_job_create(source=ImportSource.URLS, urls=urls)
        wait_for(_finished(again), timeout=120, what="the second import")
        assert (again.done, again.duplicate, again.failed) == (0, 50, 0)
        assert (Article.objects.count(), Claim.objects.count()) == (50, claims)
        assert worker.poll() is None


def test_an_import_survives_kill_9_of_the_worker_and_a_restart(tmp_path, settings):
    # A short lease so the sweeper takes back the items the killed worker held.
    settings.IMPORT_RUNNING_LEASE_SECONDS = 3
    settings.IMPORT_QUEUED_GRACE_SECONDS = 5
    env = {"IMPORT_RUNNING_LEASE_SECONDS": "3", "IMPORT_HEARTBEAT_SECONDS": "1"}
    records = [
        {"text": " ".join(f.format(n=i + 2) for f in FIGURES) + f" Item {i}.", "title": f"R{i}"}
        for i in range(500)
    ]
    records[7] = {"title": "no text"}  # one that fails with a reason
    with celery_worker(extra_env=env, log_path=tmp_path / "first.log") as first:
        queue = first.args[first.args.index("-Q") + 1]
        job = import_job_create(source=ImportSource.API, records=records)

        def midway():
            job.refresh_from_db()
            return job.processed >= 50

        wait_for(midway, timeout=120, interval=0.05, what="the first 50 items")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    job.refresh_from_db()
    assert job.processed < 500, "killed midway"
    with celery_worker(extra_env=env, log_path=tmp_path / "second.log", queue=queue) as second:
        deadline = time.monotonic() + 180
        while not _finished(job)() and time.monotonic() < deadline:
            sweep_import_items_task()  # what beat runs every minute
            time.sleep(1)
        assert second.poll() is None
    assert job.is_finished, f"{job.processed} of 500 after the restart"
    statuses = dict(
        ImportItem.objects.filter(job=job).values_list("status").annotate(n=Sum(1)).order_by()
    )
    assert set(statuses) <= {ItemStatus.DONE, ItemStatus.FAILED, ItemStatus.DUPLICATE}
    assert (job.total, job.done + job.duplicate, job.failed) == (500, 499, 1)
    assert "has no text" in job.items.get(status=ItemStatus.FAILED).message
    # None doubled: one article per record, and exactly the claims the items reported.
    assert Article.objects.count() == 499
    assert Claim.objects.count() == job.items.aggregate(n=Sum("claims_found"))["n"]


HOSTILE = [
    "http://127.0.0.1/",
    "http://localhost/admin",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://[fd00:ec2::254]/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "ftp://127.0.0.1/",
]


def test_hostile_urls_are_refused_on_the_worker_with_clear_messages(tmp_path):
    routes = {}
    with serve(routes) as server:
        # Redirects from the allowed host:port to loopback addresses that are not allowed.
        routes["/to-localhost"] = Page(
            status=302, headers={"Location": f"http://localhost:{server.port}/x"}
        )
        routes["/to-other-port"] = Page(status=301, headers={"Location": "http://127.0.0.1:9/"})
        routes["/ok"] = Page(_article(1))
        urls = [*HOSTILE, f"{server.base}/to-localhost", f"{server.base}/to-other-port"]
        with celery_worker(extra_env=_worker_env(server), log_path=tmp_path / "w.log") as worker:
            job = import_job_create(source=ImportSource.URLS, urls=[*urls, f"{server.base}/ok"])
            wait_for(_finished(job), timeout=90, what="the hostile import")
            assert worker.poll() is None, "the worker keeps running"
    messages = dict(job.items.values_list("source", "message"))
    assert job.failed == len(urls)
    assert job.done == 1
    for url in urls:
        assert messages[url].startswith("Refused"), (url, messages[url])
    assert "loopback" in messages["http://0x7f000001/"]
    assert "cloud metadata" in messages["http://169.254.169.254/latest/meta-data/iam/"]
    assert "only http and https" in messages["file:///etc/passwd"]
    assert "localhost resolves to 127.0.0.1" in messages[f"{server.base}/to-localhost"]
    assert [path for path, _ in server.requests].count("/x") == 0, "never followed to loopback"


def test_hostile_inputs_are_refused_or_contained_and_the_worker_keeps_running(tmp_path):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * 50_000_000)
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w") as archive:
        archive.writestr("../../../tmp/evil.txt", "x")
    for name, data, refusal, reason in [
        ("bomb.zip", bomb.getvalue(), UploadRefused, "zip bomb"),
        ("slip.zip", slip.getvalue(), UploadRefused, "outside the archive"),
        ("huge.txt", b"a" * 60_000_000, LimitExceeded, "files larger than"),
    ]:
        with pytest.raises(refusal, match=reason):
            import_job_submit(source=ImportSource.UPLOAD, files=[(name, data)])
    assert ImportJob.objects.count() == 0, "a refused upload stores nothing"

    billion_laughs = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
        )
        + b']><rss version="2.0"><channel><title>&j;</title></channel></rss>'
    )
    deep = b"<html><body>" + b"<div>" * 100_000 + b"<p>deep</p>" + b"</div>" * 100_000
    routes = {
        "/laughs.xml": Page(billion_laughs, content_type="application/rss+xml"),
        "/deep": Page(deep),
        "/gzip-bomb": Page(
            gzip.compress(b"<p>" + b"a" * 30_000_000), headers={"Content-Encoding": "gzip"}
        ),
        "/ok": Page(_article(2)),
    }
    with (
        serve(routes) as server,
        celery_worker(extra_env=_worker_env(server), log_path=tmp_path / "w.log") as worker,
    ):
        job = import_job_submit(
            source=ImportSource.API,
            urls=[f"{server.base}/deep", f"{server.base}/gzip-bomb", f"{server.base}/ok"],
            feed_url=f"{server.base}/laughs.xml",
            articles=[{"html": deep.decode()}],
        )
        wait_for(_finished(job), timeout=90, what="the hostile inputs")
        assert worker.poll() is None, "the worker keeps running"
    messages = list(job.items.order_by("position").values_list("status", "message"))
    feed, deep_url, gzip_bomb, ok, deep_record = messages
    assert feed == (ItemStatus.FAILED, messages[0][1])
    assert "declares XML entities" in feed[1]
    assert deep_url == (ItemStatus.FAILED, "No article text was found in the HTML.")
    assert deep_record == (ItemStatus.FAILED, "No article text was found in the HTML.")
    assert gzip_bomb[0] == ItemStatus.FAILED
    assert "larger than 5,000,000 bytes" in gzip_bomb[1]
    assert ok[0] == ItemStatus.DONE


def test_an_item_over_the_soft_time_limit_fails_with_a_reason(tmp_path, monkeypatch):
    from claims.tasks import import_item_task

    def slow(handler):
        time.sleep(4)
        return Page(_article(3))

    # The sender writes the task's limits into the message, and the worker obeys the message.
    # Celery caches a task's send options on first use: drop the cache as well.
    monkeypatch.setattr(import_item_task, "soft_time_limit", 1)
    monkeypatch.setattr(import_item_task, "_exec_options", None)
    with serve({"/slow": slow}) as server:
        env = {**_worker_env(server), "CELERY_TASK_SOFT_TIME_LIMIT": "1"}
        with celery_worker(extra_env=env, log_path=tmp_path / "w.log") as worker:
            job = import_job_create(source=ImportSource.URLS, urls=[f"{server.base}/slow"])
            wait_for(_finished(job), timeout=60, what="the slow item")
            assert worker.poll() is None
    item = job.items.get()
    assert item.status == ItemStatus.FAILED
    assert "took longer than 1 seconds" in item.message
