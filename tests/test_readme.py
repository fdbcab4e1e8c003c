"""The README's configuration table says what the settings read, once each."""

import re
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from claims.services.webhooks import retry_delay

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
TABLE = README.split("## Configuration", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
ROWS = [line for line in TABLE.splitlines() if line.startswith("| `")]


def _variables(row: str) -> list[str]:
    first_cell = row.split("|")[1]
    return re.findall(r"`([A-Z][A-Z0-9_]+)`", first_cell)


def test_each_variable_has_one_row():
    named = [name for row in ROWS for name in _variables(row)]
    assert sorted({n for n in named if named.count(n) > 1}) == []


def test_every_variable_the_settings_read_is_documented():
    source = (ROOT / "workbench" / "settings.py").read_text()
    read = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
    read |= set(re.findall(r"Env\(\)\.\w+\(\s*\"([A-Z][A-Z0-9_]+)\"", source))
    documented = {name for row in ROWS for name in _variables(row)}
    assert sorted(read - documented) == []


@override_settings(WEBHOOK_RETRY_BASE_SECONDS=30.0, WEBHOOK_RETRY_MAX_DELAY_SECONDS=6 * 3600)
def test_the_webhook_retry_span_in_the_readme_is_the_defaults():
    waits = sum(retry_delay(attempt) for attempt in range(1, settings.WEBHOOK_MAX_ATTEMPTS))
    said = re.search(r"`WEBHOOK_MAX_ATTEMPTS` \| `8` \|[^|]*about (\d+) hours", README)
    assert said is not None
    assert int(said.group(1)) == round(waits / 3600)


def test_every_option_of_load_demo_is_documented():
    assert "load_demo --force" in README
