"""Print the permission table (action x role) in Markdown, computed from claims/workflow.py.

The README carries its output between ``<!-- permission-table:start -->`` and
``<!-- permission-table:end -->``; a test fails when the two differ.
"""

from django.core.management.base import BaseCommand

from claims.workflow import permission_table_markdown


class Command(BaseCommand):
    help = "Print the Markdown table of which role may take which action."

    def handle(self, *args, **options):
        self.stdout.write(permission_table_markdown(), ending="")
