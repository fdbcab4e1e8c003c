"""Import throughput end to end: upload, Redis, Celery workers, PostgreSQL, extraction included.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/imports.py [--big 10000]

Uses its own database (BENCH_DATABASE_URL, by default ``workbench_bench`` on 127.0.0.1; dropped,
created and migrated here; a name not ending in "bench" is refused, so it can never be the dev or
test database) and its own queue. Starts one ``celery worker --concurrency=2`` (two
pool processes), then times:

1. the 330 articles of shared/data/news/ct22_news330.jsonl as one JSONL upload;
2. ``--big`` articles (the 330 varied to be unique) as one JSONL upload.

Matching is on: a second worker consumes the run's matching queue with one pool process at
``nice 19`` (``--no-matching``: none), and each run also prints how many claims it matched
meanwhile, its CPU per claim and its peak RSS (with the model loaded).

For each it prints seconds (from submitting the upload to the job's last item), articles/s,
claims/s, the peak resident memory of the worker's pool processes (sampled every 0.2 s) and
the CPU time per article (user + system; on a shared machine the wall-clock figures depend on
what else runs, these much less) of: the worker (its pool processes and the main process that
reads the queue), PostgreSQL (the backends serving the benchmark database, the server's
background writers and, through the postmaster's children counters, backends that exited;
another database's backend that exits meanwhile counts too), Redis (the whole server) and this
process (reading the upload, storing the job and sending the tasks).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "news" / "ct22_news330.jsonl"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/workbench_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=int, default=10_000, help="articles in the second run")
    parser.add_argument("--concurrency", type=int, default=2, help="worker pool processes")
    parser.add_argument("--data", type=Path, default=DATA, help="the JSONL of news articles")
    parser.add_argument(
        "--no-matching", action="store_true", help="no matching worker (matching tasks wait)"
    )
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    if not urlsplit(database_url).path.strip("/").endswith("bench"):
        sys.exit(f"Refusing {database_url}: the benchmark database name must end in 'bench'.")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    os.environ["CELERY_QUEUE"] = f"bench-{uuid.uuid4().hex[:8]}"
    os.environ["CELERY_MATCHING_QUEUE"] = f"{os.environ['CELERY_QUEUE']}-matching"
    os.environ["UPLOAD_MAX_BYTES"] = str(500_000_000)
    os.environ["DJANGO_SETTINGS_MODULE"] = "workbench.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    _recreate_database(database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    worker = _start_worker(args.concurrency)
    matcher = None if args.no_matching else _start_matching_worker()
    try:
        _run("warm-up (2 articles)", _jsonl(rows[:2], variant="warm"), worker, show=False)
        _run(f"{len(rows)} articles, one upload", _jsonl(rows), worker, matcher)
        big = [rows[i % len(rows)] for i in range(args.big)]
        _run(f"{args.big:,} articles, one upload", _jsonl(big, variant="copy"), worker, matcher)
    finally:
        for process in (worker, matcher):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _jsonl(rows: list[dict], *, variant: str = "") -> bytes:
    lines = []
    for i, row in enumerate(rows):
        text = row["text"]
        if variant:
            # A distinct first sentence makes every copy a new article (new content hash).
            text = f"{variant.capitalize()} {i}: {text}"
        lines.append(json.dumps({"text": text, "title": f"{row.get('public_id', i)}"}))
    return ("\n".join(lines) + "\n").encode()


def _start_worker(concurrency: int) -> subprocess.Popen:
    return _celery_worker(os.environ["CELERY_QUEUE"], concurrency)


def _start_matching_worker() -> subprocess.Popen:
    """The matching queue's worker, one pool process at the lowest CPU priority: matching
    (~20 ms of CPU per text embedded) may lag behind an import, never slow it down."""
    return _celery_worker(os.environ["CELERY_MATCHING_QUEUE"], 1, prefix=("nice", "-n", "19"))


def _celery_worker(queue: str, concurrency: int, prefix: tuple[str, ...] = ()) -> subprocess.Popen:
    return subprocess.Popen(
        [
            *prefix,
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workbench",
            "worker",
            "-Q",
            queue,
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _matched() -> int:
    from claims.models import ClaimVector

    return ClaimVector.objects.count()


def _pool(parent: int) -> list[tuple[float, float]]:
    """(resident MB, CPU seconds) of the worker's child processes (the pool), from /proc."""
    found = []
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != parent:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                found.append((int(line.split()[1]) / 1024, cpu))
    return found


def _cpu_of(pid: int, *, children: bool = False) -> float:
    """CPU seconds (user + system) of a process; with ``children``, plus its reaped children's."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime, stime, cutime, cstime (proc(5), counted after the command name)
    ticks = [int(f) for f in fields[11:15]]
    return sum(ticks if children else ticks[:2]) / os.sysconf("SC_CLK_TCK")


def _processes(name: str) -> list[tuple[int, int, str]]:
    """(pid, parent pid, command line) of the processes whose command name is ``name``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "comm").read_text().strip() != name:
                continue
            ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError, IndexError):
            continue
        found.append((int(proc.name), ppid, cmdline))
    return found


def _postgres_cpu(database: str) -> float:
    """The server's CPU for this benchmark: postmaster + reaped backends + live processes that
    are not another database's backend."""
    processes = _processes("postgres")
    pids = {pid for pid, _, _ in processes}
    total = 0.0
    for pid, ppid, cmdline in processes:
        if ppid not in pids:
            total += _cpu_of(pid, children=True)  # the postmaster: exited backends too
        elif cmdline.startswith("postgres: ") and "(" in cmdline:
            if f" {database} " in cmdline:
                total += _cpu_of(pid)
        else:
            total += _cpu_of(pid)
    return total


def _redis_cpu() -> float:
    return sum(_cpu_of(pid) for pid, _, _ in _processes("redis-server"))


def _run(name: str, upload: bytes, worker, matcher=None, *, show: bool = True) -> None:
    from django.db import connection

    from claims.models import Claim, ImportJob, ImportSource
    from claims.services.import_jobs import import_job_submit

    peak, samples, stop, matcher_peak = [0.0], [], threading.Event(), [0.0]

    def sample():
        while not stop.is_set():
            sizes = [rss for rss, _ in _pool(worker.pid)]
            if sizes:
                peak[0] = max(peak[0], *sizes)
                samples.append(max(sizes))
            if matcher is not None:
                matcher_peak[0] = max([matcher_peak[0], *(r for r, _ in _pool(matcher.pid))])
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    claims_before = Claim.objects.count()
    matched_before = _matched()
    matcher_cpu = sum(cpu for _, cpu in _pool(matcher.pid)) if matcher is not None else 0.0
    database = connection.settings_dict["NAME"]
    before = _cpu_figures(worker.pid, database)
    start = time.monotonic()
    submit_cpu = time.process_time()
    job = import_job_submit(source=ImportSource.UPLOAD, files=[("bench.jsonl", upload)])
    submit_cpu = time.process_time() - submit_cpu
    submitted = time.monotonic() - start
    while True:
        job = ImportJob.objects.get(id=job.id)
        if job.is_finished:
            break
        if worker.poll() is not None:
            sys.exit("the worker died")
        time.sleep(0.1)
    seconds = time.monotonic() - start
    after = _cpu_figures(worker.pid, database)
    matched = _matched() - matched_before
    if matcher is not None:
        matcher_cpu = sum(cpu for _, cpu in _pool(matcher.pid)) - matcher_cpu
    stop.set()
    sampler.join()
    claims = Claim.objects.count() - claims_before
    if not show:
        return
    per_article = {k: 1000 * (after[k] - before[k]) / job.total for k in before}
    quarter = max(1, len(samples) // 4)
    print(
        f"{name}: {seconds:.1f} s, {job.total / seconds:.0f} articles/s, "
        f"{claims / seconds:.0f} claims/s ({job.done} imported, {job.duplicate} duplicate, "
        f"{job.failed} failed, {claims} claims); peak worker RSS {peak[0]:.0f} MB "
        f"(first quarter {max(samples[:quarter], default=0):.0f} MB, "
        f"last quarter {max(samples[-quarter:], default=0):.0f} MB); load average "
        f"{os.getloadavg()[0]:.1f}\n"
        f"  CPU ms per article: worker pool {per_article['pool']:.1f} + worker main "
        f"{per_article['main']:.1f}, PostgreSQL {per_article['postgres']:.1f}, Redis "
        f"{per_article['redis']:.1f}, submitting {1000 * submit_cpu / job.total:.1f} "
        f"({submitted:.1f} s until the job was stored and its tasks sent)",
        flush=True,
    )
    if matcher is not None:
        print(
            f"  matching (nice 19, 1 process) meanwhile: {matched} claims matched "
            f"({matched / seconds:.1f}/s, {1000 * matcher_cpu / max(matched, 1):.0f} ms CPU "
            f"each); peak matching worker RSS {matcher_peak[0]:.0f} MB",
            flush=True,
        )


def _cpu_figures(worker: int, database: str) -> dict[str, float]:
    return {
        "pool": sum(cpu for _, cpu in _pool(worker)),
        "main": _cpu_of(worker),
        "postgres": _postgres_cpu(database),
        "redis": _redis_cpu(),
    }


if __name__ == "__main__":
    main()
