"""Latency of the newsroom API list endpoints and throughput of the full ClaimReview export.

    .venv/bin/python bench/api.py [--database-url postgres://postgres@127.0.0.1:5432/...]
                                  [--requests 200] [--reseed]

Runs on PostgreSQL in a database of its own (default ``workbench_bench_api``), which it creates,
migrates and fills once with 100,000 claims of which 20,000 are published fact-checks (two
sources each, one in ten corrected), bulk-inserted. Requests go through Django's test client
in this process: no network, and the figures are the server's own time (routing, auth,
queries, rendering). The export runs in a fresh process so that its peak RSS growth is its own.

Prints figures only; nothing here asserts. Targets: p95 <= 50 ms for a 50-item page; export
>= 10,000 fact-checks/s with RSS growth under 50 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/workbench_bench_api"
CLAIMS, FACTCHECKS, CLAIMS_PER_ARTICLE, OUTLETS = 100_000, 20_000, 10, 20
SINCE = "updated_since=2024-01-01T00:00:00Z&ordering=-updated_at"


def configure(database_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="workbench.settings",
        DATABASE_URL=database_url,
        DEBUG="False",  # production-like: no query log, no debug toolbar of any kind
        SECRET_KEY="bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="False",
        NEWSROOM_API_THROTTLE_RATE="100000000/min",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def create_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')  # name from our own argument


# --- data --------------------------------------------------------------------------------------


def seed(*, reseed: bool) -> None:
    from django.core.management import call_command
    from django.db import connection

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    if Claim.objects.count() == CLAIMS and not reseed:
        print(f"data: {CLAIMS:,} claims already there")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_evidence, claims_verdict, claims_quantity, claims_claim, "
            "claims_article, claims_outlet, claims_webhookdelivery, claims_newsroomapikey, "
            "claims_newsroom CASCADE"
        )
    _insert()
    with connection.cursor() as cursor:
        # What autovacuum does to a live database a minute later: statistics, and the
        # visibility map that lets COUNT(*) and index-only scans skip the table's pages.
        cursor.execute("VACUUM ANALYZE")
    print(f"data: {CLAIMS:,} claims inserted in {time.perf_counter() - started:.1f} s")


def _insert() -> None:
    from datetime import UTC, datetime, timedelta

    from django.contrib.auth.models import User
    from django.db import transaction

    from claims.models import Article, Claim, ClaimStatus, Evidence, Outlet, Rating, Verdict

    sentences = [
        f"Sentence {n}: the minister said that more than {n} million people left the region."
        for n in range(CLAIMS_PER_ARTICLE)
    ]
    base = datetime(2024, 1, 1, tzinfo=UTC)
    ratings = list(Rating.objects.filter(scale__is_default=True))
    author = User.objects.get_or_create(username="bench-author")[0]
    editor = User.objects.get_or_create(username="bench-editor")[0]
    with transaction.atomic():
        outlets = Outlet.objects.bulk_create(
            Outlet(name=f"Outlet {n}", slug=f"outlet-{n}", language="en") for n in range(OUTLETS)
        )
        articles = []
        for n in range(CLAIMS // CLAIMS_PER_ARTICLE):
            text = f"Article {n}. " + " ".join(sentences)
            article = Article(
                outlet=outlets[n % OUTLETS],
                url=f"https://news{n % OUTLETS}.example.org/{n}",
                canonical_url=f"https://news{n % OUTLETS}.example.org/{n}",
                title=f"Article {n}",
                text=text,
                language="en",
                published_at=base + timedelta(minutes=n),
            )
            article.content_hash = f"{n:064d}"  # bulk_create skips save(), which hashes
            articles.append(article)
        Article.objects.bulk_create(articles, batch_size=2000)
        claims = []
        for n, article in enumerate(articles):
            offset = len(f"Article {n}. ")
            for k, sentence in enumerate(sentences):
                number = n * CLAIMS_PER_ARTICLE + k
                published = number % (CLAIMS // FACTCHECKS) == 0
                claims.append(
                    Claim(
                        article=article,
                        start=offset,
                        end=offset + len(sentence),
                        quote=sentence,
                        text=sentence[:120],
                        claimant="Mykhailo Podolyak" if k % 2 else "",
                        score=0.5,
                        kinds=["quantity"],
                        # Published once their verdicts exist (claim_public_has_verdict).
                        status=ClaimStatus.APPROVED if published else ClaimStatus.QUEUED,
                        published_at=base + timedelta(minutes=number) if published else None,
                        slug=f"fact-check-{number}" if published else None,
                    )
                )
                offset += len(sentence) + 1
        Claim.objects.bulk_create(claims, batch_size=5000)
        published = [c for c in claims if c.status == ClaimStatus.APPROVED]
        verdicts, evidence = [], []
        for i, claim in enumerate(published):
            corrected = i % 10 == 0
            common = {
                "claim": claim,
                "rating": ratings[i % len(ratings)],
                "claim_reviewed": claim.text[:75],
                "summary": "Official figures say otherwise.",
                "author": author,
            }
            verdicts.append(
                Verdict(version=1, is_current=not corrected, approved_by=editor, **common)
            )
            if corrected:
                verdicts.append(
                    Verdict(
                        version=2,
                        is_current=True,
                        correction_note="A figure was corrected.",
                        **common,
                    )
                )
            for s in range(2):
                evidence.append(
                    Evidence(
                        claim=claim,
                        url=f"https://source{s}.example.org/report/{claim.pk}",
                        domain=f"source{s}.example.org",
                        title=f"Report {s}",
                        publisher=f"Source {s}",
                        stance="refutes",
                        accessed_at=base,
                        added_by=author,
                    )
                )
        Verdict.objects.bulk_create(verdicts, batch_size=5000)
        Evidence.objects.bulk_create(evidence, batch_size=5000)
        for verdict in verdicts:
            if verdict.is_current:
                verdict.claim.live_verdict = verdict
                verdict.claim.status = ClaimStatus.PUBLISHED
        Claim.objects.bulk_update(published, ["live_verdict", "status"], batch_size=5000)


# --- measurements --------------------------------------------------------------------------------


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]


def bench_lists(requests: int) -> None:
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic here
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from claims.models import Newsroom, NewsroomAPIKey, Scope

    newsroom, _ = Newsroom.objects.get_or_create(name="Bench newsroom")
    _, key = NewsroomAPIKey.objects.create_key(
        name="bench", newsroom=newsroom, scopes=[Scope.READ_FACTCHECKS]
    )
    keyed = Client(HTTP_AUTHORIZATION=f"Api-Key {key}")
    admin, _ = User.objects.get_or_create(username="bench-admin")
    admin.groups.add(Group.objects.get_or_create(name="admin")[0])
    staff = Client()
    staff.force_login(admin)

    # Deep pages: the cursor 100 pages (5,000 items) in, so the benchmark is not just page 1.
    deep = "/api/v1/fact-checks/?page_size=50"
    for _ in range(100):
        deep = keyed.get(deep).json()["next"]
    cases = [
        ("fact-checks, first page (key)", keyed, "/api/v1/fact-checks/?page_size=50"),
        ("fact-checks, page 101 (key)", keyed, deep),
        ("fact-checks, filtered (key)", keyed, "/api/v1/fact-checks/?rating=false&outlet=outlet-3"),
        ("fact-checks, JSON-LD (key)", keyed, "/api/v1/fact-checks/?format=jsonld"),
        ("fact-checks, updated_since (key)", keyed, f"/api/v1/fact-checks/?{SINCE}"),
        ("claims queue (admin)", staff, "/api/v1/claims/?limit=50"),
        ("claims queue, queued+new (admin)", staff, "/api/v1/claims/?status=queued&status=new"),
    ]  # fmt: skip
    print(f"\nlist endpoints, 50 items a page, {requests} requests each after 20 warm-up:")
    # CPU ms: this process's CPU time per request (the database's is not in it); on a machine
    # shared with other work the wall-clock percentiles also count waiting for a core.
    # queries / SQL ms: what one request asks of the database, and the database's own time
    # for it, steadier figures than wall-clock on a shared machine.
    print(
        f"  {'endpoint':<36} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms p50':>10} {'queries':>7} "
        f"{'SQL ms':>7}"
    )
    for label, client, url in cases:
        for _ in range(20):
            _check(client.get(url), label)
        samples, cpu = [], []
        for _ in range(requests):
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            _check(response, label)
        p50, p95 = _percentiles(samples)
        queries, sql_ms = _sql_cost(client, url)
        print(
            f"  {label:<36} {p50:8.1f} {p95:8.1f} {statistics.median(cpu):10.1f} {queries:7d} "
            f"{sql_ms:7.1f}"
        )


def _sql_cost(client, url: str) -> tuple[int, float]:
    """The queries one request runs, and PostgreSQL's execution time for them (the median of
    five EXPLAIN ANALYZE runs each, without per-node timing, which would inflate it)."""
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        _check(client.get(url), url)
    total = 0.0
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if not query["sql"].startswith("SELECT"):
                continue  # EXPLAIN ANALYZE would run a write again; a GET makes none
            runs = []
            for _ in range(5):
                cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0]
                runs.append((json.loads(plan) if isinstance(plan, str) else plan)[0])
            total += statistics.median(run["Execution Time"] for run in runs)
    return len(captured.captured_queries), total


def _check(response, label: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{label}: HTTP {response.status_code} {response.content[:200]!r}")


def bench_export() -> None:
    """In this (fresh) process: stream the full ClaimReview export through the view."""
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    from django.contrib.auth.models import Group, User
    from django.test import Client

    admin, _ = User.objects.get_or_create(username="bench-admin")
    admin.groups.add(Group.objects.get_or_create(name="admin")[0])
    client = Client()
    client.force_login(admin)
    client.get("/api/v1/fact-checks/?page_size=1")  # imports, URL resolver, connection warm
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    response = client.get("/api/v1/exports/claimreview.json")
    size, items = 0, 0
    for chunk in response.streaming_content:
        size += len(chunk)
        items += chunk.count(b'"@type": "ClaimReview"')
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    growth_mb = (after.ru_maxrss - before.ru_maxrss) / 1024
    # CPU seconds of this process: on a machine shared with other work, wall time also counts
    # the time spent waiting for a core; PostgreSQL's own time is in neither figure.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"\nClaimReview export: {items:,} fact-checks, {size / 1e6:.1f} MB in {elapsed:.2f} s "
        f"= {items / elapsed:,.0f} fact-checks/s ({items / cpu:,.0f} per CPU-second of this "
        f"process); peak RSS growth {growth_mb:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_only:
        configure(args.database_url)
        bench_export()
        return
    create_database(args.database_url)
    configure(args.database_url)
    seed(reseed=args.reseed)
    bench_lists(args.requests)
    # A fresh process: this one's peak RSS already holds the seeding.
    subprocess.run(
        [sys.executable, __file__, "--export-only", "--database-url", args.database_url],
        check=True,
    )


if __name__ == "__main__":
    main()
