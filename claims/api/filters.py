"""Filters shared by the API's filter sets."""

from __future__ import annotations

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_filters.fields import IsoDateTimeField


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, converted to UTC before it reaches the database.

    Offsets are valid ISO up to ±23:59, but PostgreSQL refuses those beyond ±15:59 (a 500
    instead of an answer), and a date near year 1 with an offset leaves Python's range. In UTC
    every valid value is fine, and one outside the range is an invalid date-time (400).
    """

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None or not timezone.is_aware(parsed):
            return parsed
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField
