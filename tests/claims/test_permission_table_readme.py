"""The README's permission table is the output of ``manage.py permission_table``."""

import io
import re
from pathlib import Path

from django.core.management import call_command

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = re.compile(
    r"<!-- permission-table:start -->\n(.*?)<!-- permission-table:end -->", re.DOTALL
)


def test_readme_shows_the_current_permission_table():
    out = io.StringIO()
    call_command("permission_table", stdout=out)
    found = SECTION.findall(README.read_text(encoding="utf-8"))
    assert len(found) == 1, "README.md needs exactly one permission-table section"
    assert found[0] == out.getvalue(), (
        "README.md's permission table is out of date: paste the output of "
        "`python manage.py permission_table` between its markers."
    )


def test_the_table_has_a_row_per_action_and_a_column_per_role():
    out = io.StringIO()
    call_command("permission_table", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "| action | annotator | moderator | editor | admin |"
    assert "| `approve` | — | — | yes | yes |" in lines
    assert "| `start`: take and start research | — | yes | — | yes |" in lines
