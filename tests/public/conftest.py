import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache, rate limits and view de-duplication live in the cache."""
    cache.clear()
    yield
    cache.clear()
