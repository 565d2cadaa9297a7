import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Problem reports are counted per client in the cache, across tests of one process."""
    cache.clear()
    yield
    cache.clear()
