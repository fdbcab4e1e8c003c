"""Server time of the article reader with 200 highlighted claims.

    .venv/bin/python bench/ui.py [--claims 200] [--requests 50]

Builds a throwaway SQLite database (migrated from scratch in a temporary folder), one article
with --claims claims (a third each new, queued and published, some overlapping), and requests
the reader with Django's test client as a signed-in annotator. Prints the median and p95 of the
server time (wall clock, and the process's CPU time, which a busy machine does not inflate)
and the number of queries per request. Prints figures only. Target: < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(folder: str) -> None:
    os.environ["WORKBENCH_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's "testserver" host in
    call_command("migrate", verbosity=0)


def _article(n_claims: int):
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from claims.models import Article, Claim, ClaimStatus, Outlet

    sentence = "Officials said 12 percent of the 3 million residents left within 2 weeks. "
    text = sentence * n_claims
    article = Article.objects.create(
        outlet=Outlet.objects.create(name="Bench", slug="bench"),
        title="Bench article",
        text=text,
        language="en",
        published_at=timezone.now(),
    )
    # Approved, not published: a published claim needs a verdict (claim_public_has_verdict).
    statuses = [ClaimStatus.NEW, ClaimStatus.QUEUED, ClaimStatus.APPROVED]
    claims = []
    for i in range(n_claims):
        start = i * len(sentence)
        # Every fifth claim runs into the next sentence, overlapping the next claim.
        end = start + len(sentence) - 1 + (20 if i % 5 == 0 and i < n_claims - 1 else 0)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                quote=text[start:end],
                text=f"Claim {i}",
                score=(i % 10) / 10,
                status=statuses[i % 3],
                published_at=timezone.now(),
                slug=f"bench-{i}",
            )
        )
    Claim.objects.bulk_create(claims)
    user = User.objects.create_user("bench", password="bench-password-123")
    user.groups.add(Group.objects.get(name="annotator"))
    return article, user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        article, user = _article(args.claims)
        client = Client()
        client.force_login(user)
        url = reverse("article_reader", args=[article.pk])
        for _ in range(3):  # warm up templates and caches
            assert client.get(url).status_code == 200
        times, cpu, queries = [], [], []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as captured:
                began, began_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
            assert response.status_code == 200
            queries.append(len(captured))
        marks = response.content.count(b"<mark ")
        times.sort()
        cpu.sort()

        def p95(values):
            return values[min(len(values) - 1, round(0.95 * len(values)) - 1)]

        print(f"reader of an article with {args.claims} claims ({marks} highlighted pieces), "
              f"{len(response.content) // 1024} KB of HTML, {args.requests} requests")  # fmt: skip
        print(f"server time: median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms "
              f"(target < 100 ms)")  # fmt: skip
        # CPU time of this process: what the request costs, whatever else the machine runs.
        print(f"CPU time:    median {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms")
        print(f"queries per request: {min(queries)}-{max(queries)}")


if __name__ == "__main__":
    main()
