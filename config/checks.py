"""System checks of the deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate limits are counted in the cache: one per worker process would multiply them."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            "Production has no shared cache, so each worker counts rate limits on its own.",
            hint="Set REDIS_URL (redis://host:6379/0) for every app server.",
            id="whosaid.E001",
        )
    ]
