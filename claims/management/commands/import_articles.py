"""python manage.py import_articles PATH_OR_URL ... [--outlet NAME] [--feed] [--wait]

Files and folders are read here (so a broken file is refused before anything is stored); URLs
and feeds are fetched by the workers. With --wait the command follows the job with a progress
bar on stderr and prints its counters when it is finished.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.ingest.errors import LimitExceeded
from claims.ingest.files import UploadRefused
from claims.models import ImportJob, ImportSource, ItemStatus, Outlet
from claims.services.import_jobs import import_job_submit

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Import articles from files, folders, URLs or a feed, on the Celery workers."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--outlet", help="Name of the outlet every article belongs to.")
        parser.add_argument("--feed", action="store_true", help="The URLs are RSS/Atom feeds.")
        parser.add_argument("--wait", action="store_true", help="Wait until the job is finished.")
        parser.add_argument(
            "--timeout", type=float, default=None, help="With --wait: give up after N seconds."
        )
        parser.add_argument("--interval", type=float, default=0.5, help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        urls, files = self._split(options["sources"])
        if options["feed"] and len(urls) != 1:
            raise CommandError("--feed takes exactly one feed URL.")
        outlet = self._outlet(options["outlet"])
        try:
            job = import_job_submit(
                source=ImportSource.CLI,
                urls=[] if options["feed"] else urls,
                feed_url=urls[0] if options["feed"] else "",
                files=files,
                outlet=outlet,
            )
        except (UploadRefused, LimitExceeded) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Import {job.pk}: {job.total} item(s) queued ({job.label}).")
        if options["wait"]:
            job = self._wait(job, timeout=options["timeout"], interval=options["interval"])
            self._report(job)

    def _split(self, sources: list[str]) -> tuple[list[str], list[tuple[str, bytes]]]:
        urls, files = [], []
        for source in sources:
            if source.lower().startswith(("http://", "https://")):
                urls.append(source)
                continue
            path = Path(source)
            if path.is_dir():
                files += [(str(p), p.read_bytes()) for p in sorted(path.rglob("*")) if p.is_file()]
            elif path.is_file():
                files.append((path.name, path.read_bytes()))
            else:
                raise CommandError(f"{source} is neither an http(s) URL nor a file or folder.")
        return urls, files

    def _outlet(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        outlet = Outlet.objects.filter(name=name).first()
        if outlet is None:
            known = ", ".join(Outlet.objects.values_list("name", flat=True)[:20]) or "none yet"
            raise CommandError(f"There is no outlet named {name!r} (known: {known}).")
        return outlet

    def _wait(self, job: ImportJob, *, timeout: float | None, interval: float) -> ImportJob:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            job.refresh_from_db()
            sys.stderr.write("\r" + progress_bar(job))
            sys.stderr.flush()
            if job.is_finished:
                sys.stderr.write("\n")
                return job
            if deadline is not None and time.monotonic() > deadline:
                sys.stderr.write("\n")
                raise CommandError(
                    f"Import {job.pk} is not finished after {timeout:.0f}s "
                    f"({job.processed} of {job.total}); is a worker running?"
                )
            time.sleep(interval)

    def _report(self, job: ImportJob) -> None:
        self.stdout.write(
            f"Import {job.pk} finished: {job.total} total, {job.done} imported, "
            f"{job.duplicate} duplicate, {job.failed} failed."
        )
        for item in job.items.filter(status=ItemStatus.FAILED).order_by("position")[:50]:
            self.stdout.write(f"  failed: {item.source}: {item.message}")


def progress_bar(job: ImportJob) -> str:
    filled = round(BAR_WIDTH * job.percent / 100)
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return (
        f"[{bar}] {job.percent:3d}% {job.processed}/{job.total} "
        f"(imported {job.done}, duplicate {job.duplicate}, failed {job.failed})"
    )
