"""python manage.py import_factchecks FILE_OR_URL ... [--no-vectors]

Imports fact-checks published elsewhere into the reference library that claims are matched
against: ClaimReview JSON-LD (one object, a list, a @graph) or JSON lines (the CheckThat!
verified-claims fields, with url, rating and publisher where a file has them). Records are
deduplicated by URL; a record that cannot be read is reported with its line and skipped. URLs
are fetched through the SSRF-safe fetcher. The claims are then embedded here (a progress count
on stderr), so the workers' indexes take them in without embedding anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.services.factcheck_library import (
    library_fetch,
    library_import,
    library_vectors_fill,
    library_vectors_missing,
)

ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = "Import external fact-checks (ClaimReview JSON-LD or JSON lines) for claim matching."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument(
            "--no-vectors",
            action="store_true",
            help="Store the records only; the workers embed them (match_library_vectors_task).",
        )

    def handle(self, *args, **options):
        for source in options["sources"]:
            result = library_import(data=self._read(source), source=source)
            for error in result.errors[:ERRORS_SHOWN]:
                self.stderr.write(f"{source}: {error} (skipped)")
            if len(result.errors) > ERRORS_SHOWN:
                self.stderr.write(f"{source}: ... {len(result.errors) - ERRORS_SHOWN} more")
            self.stdout.write(f"{source}: {result.summary}")
        if not options["no_vectors"]:
            self._embed()

    def _read(self, source: str) -> bytes:
        if source.startswith(("http://", "https://")):
            try:
                return library_fetch(source)
            except (FetchRefused, TransientFetchError) as exc:
                raise CommandError(f"{source}: {exc}") from exc
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{source}: no such file")
        if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
            raise CommandError(f"{source}: larger than UPLOAD_MAX_BYTES")
        return path.read_bytes()

    def _embed(self) -> None:
        total = library_vectors_missing().count()
        if not total:
            return

        def progress(done: int) -> None:
            sys.stderr.write(f"\rEmbedding the library: {done}/{total}")
            sys.stderr.flush()

        done = library_vectors_fill(progress=progress)
        sys.stderr.write("\n")
        self.stdout.write(f"Embedded {done} fact-check(s) for matching.")
