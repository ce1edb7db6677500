# The page cache's tests use the columns' fixtures: an empty cache around each test, a column.
from tests.columns.conftest import _fresh_cache, column  # noqa: F401
