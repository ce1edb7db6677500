"""Readers from Facebook and Zalo get the cached page (X-Cache-Status is the proxy's own)."""

import pytest

from tests.stack.conftest import first_article_path

pytestmark = pytest.mark.stack


@pytest.mark.parametrize(
    "query", ["?fbclid=IwAR3xYz_aBc", "?utm_source=zalo&utm_medium=social", "?zarsrc=30"]
)
def test_shared_links_are_cache_hits(stack, browse, query):
    article = first_article_path(stack)
    browse(article)  # the first reader fills the cache
    response = browse(article + query)
    assert response.status_code == 200
    assert response.headers.get("X-Cache-Status") == "HIT", response.headers


def test_an_editor_never_gets_the_shared_copy(stack, browse):
    article = first_article_path(stack)
    browse(article)
    response = browse(article, cookies={"sessionid": "an-editor"})
    assert response.headers.get("X-Cache-Status") == "PASS"
