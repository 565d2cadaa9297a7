"""The shared cache (Redis) as an optional dependency: when it fails, requests go on without it.

Rate limits and cached values live in Redis when ``REDIS_URL`` is set. If Redis stops
answering, each call answers as a cache miss (a read finds nothing, a write stores nothing), so
requests are served unthrottled and uncached rather than failing; the failure is logged once,
``/healthz`` reports ``"cache": "unavailable"``, and Redis is tried again after
``RETRY_SECONDS`` (not on every call, which would add a timeout to each request).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class _Availability:
    """Whether Redis answered last time, per process."""

    def __init__(self):
        self.down_until = 0.0
        self.error: str | None = None

    def skipping(self) -> bool:
        return time.monotonic() < self.down_until

    def failed(self, error: Exception):
        if self.error is None:
            logger.error("The cache (Redis) is unavailable; serving without it: %s", error)
        self.error = str(error) or type(error).__name__
        self.down_until = time.monotonic() + RETRY_SECONDS

    def answered(self):
        if self.error is not None:
            logger.warning("The cache (Redis) answers again.")
        self.error, self.down_until = None, 0.0


availability = _Availability()


def cache_state() -> str:
    """ "unavailable" while the last call to Redis failed (no call is made here), else "ok"."""
    return "unavailable" if availability.error is not None else "ok"


def _guarded(name: str, miss):
    """RedisCacheClient's method ``name``, answering ``miss(*args)`` when Redis fails."""
    method = getattr(RedisCacheClient, name)

    def call(self, *args, **kwargs):
        if availability.skipping():
            return miss(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            availability.failed(error)
            return miss(*args, **kwargs)
        availability.answered()
        return result

    call.__name__ = name
    return call


def _no_number(key, delta):
    raise ValueError(f"Key '{key}' not found (the cache is unavailable).")


class ResilientRedisCacheClient(RedisCacheClient):
    add = _guarded("add", lambda key, value, timeout: False)
    get = _guarded("get", lambda key, default: default)
    set = _guarded("set", lambda key, value, timeout: None)
    touch = _guarded("touch", lambda key, timeout: False)
    delete = _guarded("delete", lambda key: False)
    get_many = _guarded("get_many", lambda keys: {})
    has_key = _guarded("has_key", lambda key: False)
    incr = _guarded("incr", _no_number)
    set_many = _guarded("set_many", lambda data, timeout: None)
    delete_many = _guarded("delete_many", lambda keys: None)
    clear = _guarded("clear", lambda: False)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, degrading to a cache that holds nothing while Redis is down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient
