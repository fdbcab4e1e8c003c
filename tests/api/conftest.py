"""Fixtures every API test shares."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The per-key throttle counts in the cache: each test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()
