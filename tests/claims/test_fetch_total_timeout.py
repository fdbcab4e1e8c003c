"""FETCH_TOTAL_TIMEOUT bounds a whole fetch: a server dripping a byte at a time (never long
enough to trip the read timeout), redirects, and an item's retries all together."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import pytest

from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.fetching import FetchLimits, fetch_url
from claims.models import ImportSource, ItemStatus
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create

HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


@contextmanager
def drip_server(*, head: bytes = b"", drip: bytes = b"<p>", every: float = 0.2):
    """A server on 127.0.0.1 that sends ``head`` at once, then ``drip`` one byte at a time,
    one every ``every`` seconds, for at most 60 s per connection (silence if ``drip`` is
    empty); yields its base URL and the number of connections it served."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()
    served = []

    def talk(conn):
        with conn:
            try:
                conn.recv(65536)
                conn.sendall(head)
                deadline = time.monotonic() + 60
                position = 0
                while not stop.is_set() and time.monotonic() < deadline:
                    if drip:
                        conn.sendall(drip[position % len(drip) : position % len(drip) + 1])
                        position += 1
                    stop.wait(every)
            except OSError:
                return  # the client hung up, as it should

    def accept():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            served.append(conn)
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", served
    finally:
        stop.set()
        listener.close()


LIMITS = FetchLimits(allowed_hosts=("127.0.0.1",), read_timeout=1.0, total_timeout=1.5)


def _timed(call):
    started = time.monotonic()
    with pytest.raises(FetchRefused, match="FETCH_TOTAL_TIMEOUT") as refused:
        call()
    return time.monotonic() - started, refused


def test_a_body_dripped_a_byte_at_a_time_is_cut_at_the_total_timeout():
    with drip_server(head=HEADERS) as (base, _):
        elapsed, _ = _timed(lambda: fetch_url(f"{base}/drip", limits=LIMITS))
    assert elapsed < 2.5


def test_headers_dripped_a_byte_at_a_time_are_cut_at_the_total_timeout():
    with drip_server(drip=HEADERS) as (base, _):
        elapsed, _ = _timed(lambda: fetch_url(f"{base}/drip", limits=LIMITS))
    assert elapsed < 2.5


def test_a_body_without_a_length_that_drips_is_refused_not_taken_as_complete():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n"
    with drip_server(head=head) as (base, _):
        elapsed, _ = _timed(lambda: fetch_url(f"{base}/drip", limits=LIMITS))
    assert elapsed < 2.5


def test_a_silent_server_is_still_a_transient_read_timeout():
    limits = FetchLimits(allowed_hosts=("127.0.0.1",), read_timeout=0.5, total_timeout=5)
    with drip_server(drip=b"") as (base, _), pytest.raises(TransientFetchError):
        fetch_url(f"{base}/silent", limits=limits)


@pytest.mark.django_db
def test_an_items_tries_together_stay_within_the_total_timeout(
    settings, django_capture_on_commit_callbacks
):
    """A silent server: each try times out (1 s, transient, retried), until the item's tries
    have used FETCH_TOTAL_TIMEOUT; then it fails for good, naming the limit (it used to take
    6 tries of up to 45 s each)."""
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FETCH_READ_TIMEOUT = 1.0
    settings.FETCH_TOTAL_TIMEOUT = 2.5
    with drip_server(drip=b"") as (base, served):
        with django_capture_on_commit_callbacks(execute=False):
            job = import_job_create(source=ImportSource.URLS, urls=[f"{base}/silent"])
        item = job.items.get()
        started = time.monotonic()
        for _ in range(6):  # the task's tries: the first and five retries
            try:
                import_item_process(item_id=item.id)
            except TransientFetchError:
                continue
            break
        elapsed = time.monotonic() - started
    item.refresh_from_db()
    assert item.status == ItemStatus.FAILED
    assert "FETCH_TOTAL_TIMEOUT" in item.message
    assert len(served) == 3, "two 1 s timeouts, then the last 0.5 s"
    assert 2.5 <= item.fetch_seconds < 3.5
    assert elapsed < 4
