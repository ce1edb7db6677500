"""The number of queries a page needs must not grow with what it shows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from columns.counting import add_view
from columns.models import ArticleRelatedLink, CommentStatus
from tests.factories.columns import CommentFactory, ImageFactory, make_article

pytestmark = pytest.mark.django_db


def queries_for(url):
    client = Client()
    assert client.get(url).status_code == 200  # renditions are made on the first view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def rich_article(column, unit, size, picks=()):
    images = ImageFactory.create_batch(size + 1)
    body = [("paragraph", "<p>Mở đầu.</p>")]
    body += [("image", {"image": image, "caption": "Ảnh", "credit": ""}) for image in images[1:]]
    body.append(("gallery", {"title": "", "images": [{"image": i} for i in images[1:3]]}))
    article = make_article(
        column,
        unit,
        title=f"Bài có {size}",
        hero_image=images[0],
        tags=[f"thẻ {n}" for n in range(size)],
        body=body,
    )
    for n in range(size):
        CommentFactory(page=article, body=f"Bình luận {n}")
        CommentFactory(page=article, body="Chờ", status=CommentStatus.PENDING)
    for pick in picks:
        ArticleRelatedLink.objects.create(page=article, article=pick)
    add_view(article, timezone.localdate())
    return article


def test_article_page_queries_do_not_grow(column, tree, django_assert_num_queries):
    small = rich_article(column, tree.a1, 2)
    neighbours = [
        make_article(
            column, tree.a1, title=f"Hàng xóm {n}", tags=["thẻ 1"], hero_image=ImageFactory()
        )
        for n in range(10)
    ]
    large = rich_article(column, tree.a1, 10, picks=neighbours[:3])
    few = queries_for(small.url)
    assert few == ARTICLE_QUERIES
    Client().get(large.url)
    with django_assert_num_queries(few):
        html = Client().get(large.url).content.decode()
    assert "Bình luận (10)" in html and "Ảnh 10:" in html and "Hàng xóm" in html


def test_column_page_queries_do_not_grow(column, tree, django_assert_num_queries):
    for n in range(3):
        make_article(column, tree.a1, title=f"Bài {n}", hero_image=ImageFactory())
    few = queries_for(column.url)
    assert few == COLUMN_QUERIES
    for n in range(3, 30):
        make_article(column, tree.b1, title=f"Bài {n}", hero_image=ImageFactory())
    Client().get(column.url)
    with django_assert_num_queries(few):
        html = Client().get(column.url).content.decode()
    assert html.count('class="card article-card"') == 12


def test_home_page_queries_do_not_grow(column, tree, django_assert_num_queries):
    from tests.factories.columns import make_column

    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    # Enough that the column's block has cards beyond the six "latest articles" above it.
    for n in range(8):
        article = make_article(column, tree.a1, title=f"Bài {n}", hero_image=ImageFactory())
        add_view(article, timezone.localdate())
    few = queries_for("/")
    assert few == HOME_QUERIES
    for n in range(8, 30):
        article = make_article(
            other if n % 2 else column, tree.a1, title=f"Bài {n}", hero_image=ImageFactory()
        )
        add_view(article, timezone.localdate())
    Client().get("/")
    with django_assert_num_queries(few):
        html = Client().get("/").content.decode()
    assert "Đọc nhiều trong tháng" in html and "Sáng tạo khởi nghiệp" in html


# The exact budgets; a change here is a change in what every reader's request costs.
ARTICLE_QUERIES = 32  # with the breadcrumb and the side column (latest, most read)
COLUMN_QUERIES = 18  # with the breadcrumb and the months of the archive
HOME_QUERIES = 23  # with the latest documents section (directives)
