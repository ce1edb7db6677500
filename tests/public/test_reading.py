"""What readers of a Vietnamese news site expect: where they are (breadcrumb), when an article
was published (date and time), the archive by month, the feed in the page head, and what to
read next beside the article."""

import datetime
import re

import pytest
from django.utils import timezone

from columns.counting import add_view
from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db


def moment(year, month, day, hour=8, minute=30):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def test_an_article_shows_where_it_is_when_it_was_published_and_what_to_read_next(client, tree):
    column = make_column()
    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    article = make_article(column, tree.a1, title="Chủ nhật xanh", published=moment(2026, 11, 2))
    newer = make_article(other, tree.b1, title="Ý tưởng mới", published=moment(2026, 11, 20))
    add_view(newer, timezone.localdate())

    html = client.get(article.url).content.decode()

    crumbs = html.split('class="breadcrumb"')[1].split("</nav>")[0]
    assert re.findall(r"<li>(.*?)</li>", crumbs) == [
        '<a href="/">Trang chủ</a>',
        f'<a href="{column.url}">Mỗi ngày 1 tin tốt</a>',
        '<span aria-current="page">Chủ nhật xanh</span>',
    ]
    assert '<time datetime="2026-11-02T08:30:00+07:00">08:30 02/11/2026</time>' in html
    aside = html.split('class="reading-list"')[1].split("</aside>")[0]
    latest = aside.split("Bài viết mới")[1].split("</section>")[0]
    assert "Ý tưởng mới" in latest and "Chủ nhật xanh" not in latest  # never itself
    if newer.first_published_at.month == timezone.localdate().month:
        assert "Ý tưởng mới" in aside.split("Đọc nhiều trong tháng")[1]


def test_every_page_names_the_sites_feed_in_its_head(client, tree):
    column = make_column()
    for url in ("/", column.url):
        head = client.get(url).content.decode().split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert 'href="/feeds/"' in head
    column_head = client.get(column.url).content.decode().split("</head>")[0]
    assert f'href="/feeds/{column.slug}/"' in column_head


def test_a_column_pages_through_its_archive_by_month(client, tree):
    column = make_column()
    make_article(column, tree.a1, title="Tin tháng mười", published=moment(2026, 10, 5))
    make_article(column, tree.a1, title="Tin tháng mười một", published=moment(2026, 11, 5))
    make_article(column, tree.a1, title="Tin nữa tháng mười một", published=moment(2026, 11, 6))

    html = client.get(column.url).content.decode()
    archive = html.split('id="archive-title"')[1].split("</nav>")[0]
    assert "Tháng 11/2026 (2 bài)" in archive and "Tháng 10/2026 (1 bài)" in archive

    html = client.get(column.url, {"thang": "2026-10"}).content.decode()
    assert "Bài viết tháng 10/2026" in html
    assert "Tin tháng mười" in html and "Tin tháng mười một" not in html

    # A month that is not in the archive, or nonsense, shows everything rather than failing.
    for junk in ("2030-01", "<script>", "x" * 500):
        response = client.get(column.url, {"thang": junk})
        assert response.status_code == 200 and "Tin tháng mười một" in response.content.decode()


def test_a_document_page_has_a_breadcrumb_to_the_list(client, tree):
    from tests.factories.directives import document_index, make_document

    index = document_index()
    document = make_document(index, tree.school)
    crumbs = client.get(document.url).content.decode().split('class="breadcrumb"')[1]
    assert f'<a href="{index.url}">{index.title}</a>' in crumbs.split("</nav>")[0]
