"""The default page of list endpoints: ``?limit=`` and ``?offset=``, the limit clamped.

Without a ceiling ``?limit=99999999999999999999`` reached the database as a LIMIT larger than
a 64-bit integer and the request failed with a 500; a client asking for more than
``max_limit`` gets ``max_limit`` rows and the ``next`` link to the rest.
"""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 500


class Pagination(LimitOffsetPagination):
    max_limit = MAX_PAGE_SIZE
