import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from columns.counting import add_view
from columns.models import ArticlePage, ArticleView, ColumnIndexPage, Comment
from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db


def test_home_shows_latest_each_column_and_most_read(client, tree):
    news = make_column()
    startups = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    empty = make_column(title="Học tập và làm theo lời Bác", slug="hoc-tap-va-lam-theo-loi-bac")
    base = timezone.localdate() - datetime.timedelta(days=10)
    for n in range(10):
        make_article(news, tree.a1, title=f"Tin tốt {n}", published=base + datetime.timedelta(n))
    popular = make_article(startups, tree.b1, title="Ý tưởng nổi bật", published=base)
    for _ in range(3):
        add_view(popular, timezone.localdate())
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    old = make_article(startups, tree.b1, title="Bài tháng trước", published=base)
    ArticleView.objects.create(page=old, day=last_month, count=999)

    html = client.get("/").content.decode()
    latest = html.split("Bài viết mới")[1].split("</section>")[0]
    assert latest.index("Tin tốt 9") < latest.index("Tin tốt 8")
    assert "Tin tốt 4" in latest and "Tin tốt 3" not in latest  # the latest six
    news_block = html.split(f'href="{news.url}">')[1].split("</section>")[0]
    # The column's block goes on where "Latest articles" stopped: no card shown twice.
    assert "Tin tốt 9" not in news_block and "Tin tốt 4" not in news_block
    assert "Tin tốt 3" in news_block and "Tin tốt 1" in news_block
    assert "Tin tốt 0" not in news_block  # only three
    assert "Chuyên mục chưa có bài viết." in html.split(empty.title)[1]
    most_read = html.split("Đọc nhiều trong tháng")[1].split("</section>")[0]
    assert "Ý tưởng nổi bật" in most_read and "3 lượt xem" in most_read
    assert "Bài tháng trước" not in most_read


def test_an_empty_site_shows_the_home_pages_own_empty_state(client):
    html = client.get("/").content.decode()
    assert "Tin tức của Đoàn trường sẽ sớm được đăng tại đây." in html


def test_demo_content_fills_every_listing():
    call_command("load_demo", stdout=io.StringIO())
    assert ColumnIndexPage.objects.filter(locale__language_code="vi").count() == 4
    vietnamese = ArticlePage.objects.filter(locale__language_code="vi")
    assert vietnamese.count() >= 24
    assert ArticlePage.objects.filter(locale__language_code="en").count() >= 3
    assert vietnamese.values("unit").distinct().count() >= 8
    # The workflow demo adds unpublished articles (drafts, in review): only live ones count.
    months = {a.first_published_at.strftime("%Y-%m") for a in vietnamese.live()}
    assert len(months) >= 3
    assert Comment.objects.filter(status="approved").exists()
    assert Comment.objects.filter(status="pending").exists()
    client = Client()
    html = client.get("/").content.decode()
    assert "Đọc nhiều trong tháng" in html
    assert client.get("/mot-ngay-mot-tin-tot/?page=2").status_code == 200
    assert "Trang 2 / 2" in client.get("/mot-ngay-mot-tin-tot/?page=2").content.decode()
    english = client.get("/en/")
    assert "A green Sunday at the dormitory" in english.content.decode()
