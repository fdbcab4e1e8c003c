"""Load the demo: an outlet, one user per role, and three articles imported like any other."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.models import Article, ImportSource, Outlet, content_hash
from claims.services.import_jobs import import_job_create

DEMO_ARTICLES = Path(__file__).resolve().parents[2] / "demo" / "articles.json"

# Known demo passwords, printed on every run, so the README can tell people how to log in.
# load_demo refuses to run with DEBUG off unless --force: these accounts are for trying it out.
DEMO_USERS = [
    ("annotator", "Anna", "annotator", "demo-annotator-pass"),
    ("moderator", "Moritz", "moderator", "demo-moderator-pass"),
    ("editor", "Edith", "editor", "demo-editor-pass"),
    ("admin", "Ada", "admin", "demo-admin-pass"),
]


class Command(BaseCommand):
    help = "Create the demo outlet, users (one per role) and import the demo articles."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("The demo creates users with known passwords; use --force.")
        with transaction.atomic():
            outlet, _ = Outlet.objects.get_or_create(
                slug="demo-wire",
                defaults={"name": "Demo Wire", "homepage": "https://demo.claim-workbench.example/"},
            )
            self._users()
            self._articles(outlet)

    def _users(self) -> None:
        self.stdout.write("Demo users (username / password):")
        for username, first_name, role, password in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first_name, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(password)
            user.is_staff = role == "admin"
            user.save()
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(f"  {username:<10} {password}   ({role})")

    def _articles(self, outlet: Outlet) -> None:
        records = json.loads(DEMO_ARTICLES.read_text(encoding="utf-8"))
        hashes = {content_hash(r["text"]) for r in records}
        if Article.objects.filter(content_hash__in=hashes).count() == len(hashes):
            self.stdout.write("Demo articles are already imported.")
            return
        job = import_job_create(
            source=ImportSource.DEMO, records=records, outlet=outlet, label="Demo articles"
        )
        self.stdout.write(
            f"Queued import {job.pk} with {job.total} demo articles; the worker imports them."
        )
