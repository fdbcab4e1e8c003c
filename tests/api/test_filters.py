"""Date-time filters reach the database in UTC, whatever offset the caller wrote."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from claims.api.filters import UTCIsoDateTimeField
from tests.api.helpers import ALL_SCOPES, key_header, make_factcheck, make_key


def test_large_offsets_are_converted_to_utc():
    # Valid ISO 8601, but PostgreSQL refuses offsets beyond +-15:59.
    value = UTCIsoDateTimeField().clean("2022-03-03T12:00:00-23:19")
    assert value == datetime(2022, 3, 4, 11, 19, tzinfo=UTC)
    assert value.utcoffset().total_seconds() == 0


def test_a_date_time_that_leaves_the_calendar_in_utc_is_invalid():
    with pytest.raises(ValidationError):
        UTCIsoDateTimeField().clean("0001-01-01T00:00:00+14:00")


@pytest.mark.django_db
def test_fact_check_filters_accept_any_valid_offset(client):
    make_factcheck()
    headers = key_header(make_key(scopes=ALL_SCOPES)[1])
    response = client.get(
        "/api/v1/fact-checks/",
        {
            "updated_since": "0306-03-18T14:57:13.2+22:40",
            "published_after": "2000-01-01T00:00-23:59",
        },
        **headers,
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
    bad = client.get("/api/v1/fact-checks/", {"updated_since": "0001-01-01T00:00+14:00"}, **headers)
    assert bad.status_code == 400
