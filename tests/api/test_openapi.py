"""The OpenAPI schema: valid, warning-free, served; the docs page uses vendored assets."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_schema_validates_with_no_warnings(tmp_path):
    # --fail-on-warn turns any drf-spectacular warning (an untyped field, an unresolvable
    # serializer, a name collision) into an error.
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/fact-checks/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["newsroomKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": 'A newsroom key, sent as "Api-Key <key>".',
    }


@pytest.mark.django_db
def test_every_operation_documents_its_errors(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    missing = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
        and "security" in operation
        and {} not in operation["security"]
        and not {"401", "403"} & set(operation["responses"])
    ]
    assert not missing, f"operations that do not document their auth errors: {missing}"


@pytest.mark.django_db
def test_docs_page_loads_only_vendored_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert source.startswith("/"), f"{source} is not served by us"
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), f"{source} is not vendored"
    assert "<style>" not in html  # blocked by our CSP; the styles come from a static file
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
