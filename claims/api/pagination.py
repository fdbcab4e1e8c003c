"""Limit/offset pages with bounds: a client's ``?limit=`` or ``?offset=`` beyond what the
database's integers hold (99999999999999999999) would otherwise reach SQL and answer 500."""

from rest_framework.pagination import LimitOffsetPagination


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500
    max_offset = 10_000_000  # larger offsets would overflow SQLite's integers

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)
