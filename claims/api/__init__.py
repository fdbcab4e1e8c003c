"""The REST API at /api/v1/: DRF serializers, views, filters and permissions by area."""
