import pytest

# The columns' fixtures: a column, and the default cache emptied around each test (view
# de-duplication and the page cache live there).
from tests.columns.conftest import _fresh_cache, column  # noqa: F401
from tests.factories.columns import make_article


@pytest.fixture
def article(column, tree):  # noqa: F811
    return make_article(column, tree.a1, title="Ngày hội đọc sách")
