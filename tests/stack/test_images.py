"""Every image of the home page and of an article loads through the proxy, on a phone and on
a desktop (issue 13: production served no /media/ at all)."""

import pytest

from tests.stack.conftest import DESKTOP, PHONE, first_article_path, parse

pytestmark = pytest.mark.stack


@pytest.mark.parametrize("agent", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_and_article_load_every_image(stack, browse, agent):
    for path in ("/", first_article_path(stack)):
        page = browse(path, agent=agent)
        assert page.status_code == 200, path
        images = set(parse(page.text).images)
        assert images, f"{path} shows no image"
        for image in images:
            response = browse(image, agent=agent)
            assert response.status_code == 200, image
            assert response.headers["Content-Type"].startswith("image/"), image
