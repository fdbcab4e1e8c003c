"""Django's Redis cache, made safe to share a Redis database with the Celery broker."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    """``clear()`` deletes this cache's keys only. Django's own flushes the whole Redis
    database, and with it the broker's queued tasks and queue bindings when the cache
    defaults to the broker's Redis (settings.py)."""

    def clear(self) -> None:
        client = self._cache.get_client(write=True)
        if not self.key_prefix:
            raise ValueError("PrefixedRedisCache needs a KEY_PREFIX to tell its keys apart.")
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
