"""Every limit/offset list takes any ``limit`` and ``offset`` a client sends: beyond the
bounds they are capped, never passed on to SQL (where they overflow: a 500)."""

import pytest
from rest_framework.test import APIClient

from claims.models import ImportJob, Newsroom, WebhookDelivery
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


@pytest.fixture
def rows():
    ClaimFactory()
    ImportJob.objects.create(source="api", label="wire")
    WebhookDelivery.objects.create(
        newsroom=Newsroom.objects.create(name="Daily Example"),
        event_id="evt-1",
        event_type="factcheck.published",
        payload={},
    )


@pytest.mark.parametrize(
    "path", ["/api/v1/claims/", "/api/v1/imports/", "/api/v1/webhook-deliveries/"]
)
@pytest.mark.parametrize("params", [{"limit": HUGE}, {"limit": HUGE, "offset": HUGE}])
def test_a_huge_limit_or_offset_is_capped(admin_user, rows, path, params):
    client = APIClient()
    client.force_authenticate(admin_user)
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) <= 500
