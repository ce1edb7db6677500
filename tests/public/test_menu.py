"""The main menu marks where the reader is: the page itself, or the column an article is in,
and never a sibling whose tree path happens to be inside the reader's."""

import re

import pytest

from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db


def current_items(html):
    menu = html.split('aria-label="Menu chính"')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)" aria-current="(\w+)">', menu)


def test_an_article_marks_only_its_own_column(client, tree):
    columns = [
        make_column(title=f"Chuyên mục {n}", slug=f"chuyen-muc-{n}", show_in_menus=True)
        for n in range(2)
    ]
    make_article(columns[0], tree.a1, title="Bài thứ nhất")
    article = make_article(columns[0], tree.a1, title="Bài thứ hai")
    # The second column's tree path is inside the article's (…0001|0002 holds …00010002):
    # the old substring test lit up both columns.
    assert columns[1].path in article.path

    assert current_items(client.get(article.url).content.decode()) == [(columns[0].url, "true")]
    assert current_items(client.get(columns[1].url).content.decode()) == [(columns[1].url, "page")]
    assert current_items(client.get("/").content.decode()) == [("/", "page")]
