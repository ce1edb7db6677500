import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from columns.models import (
    ARTICLES_PER_PAGE,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    ColumnIndexPage,
)
from home.models import HomePage
from organisation.models import UnitKind
from tests.factories.columns import ImageFactory, make_article, make_column
from tests.factories.organisation import UnitFactory

pytestmark = pytest.mark.django_db


class TestCreationRules(WagtailPageTestCase):
    def test_columns_live_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, ColumnIndexPage)
        self.assertCanNotCreateAt(Page, ColumnIndexPage)
        self.assertCanNotCreateAt(ColumnIndexPage, ColumnIndexPage)
        self.assertCanNotCreateAt(ArticlePage, ColumnIndexPage)

    def test_articles_live_under_a_column_only(self):
        self.assertCanCreateAt(ColumnIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(Page, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(ColumnIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())
        self.assertAllowedParentPageTypes(ArticlePage, {ColumnIndexPage})

    def test_pages_are_renderable(self):
        column = make_column()
        school = UnitFactory(code="DT", kind=UnitKind.SCHOOL, parent=None)
        article = make_article(column, school, title="Chủ nhật xanh")
        self.assertPageIsRenderable(column)
        self.assertPageIsRenderable(column, query_data={"tag": "x", "page": "2"})
        self.assertPageIsRenderable(article)


def test_an_editor_creates_an_article_through_the_admin(client, column, people, tree):
    client.force_login(people.superuser)
    image = ImageFactory()
    url = f"/admin/pages/add/columns/articlepage/{column.pk}/"
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Ngày hội đọc sách",
            "slug": "ngay-hoi-doc-sach",
            "lead": "Chi đoàn A1 tổ chức ngày hội đọc sách.",
            "kind": "news",
            "unit": tree.a1.pk,
            "author_name": "Lò Văn Thành",
            "tags": "sách, đọc",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Hơn 100 bạn tham gia.</p>")),
                    ("image", {"image": image.pk, "caption": "Khai mạc", "credit": ""}),
                ]
            ),
            "related_links": inline_formset([]),
        }
    )
    data["action-publish"] = "publish"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    article = ArticlePage.objects.get(slug="ngay-hoi-doc-sach")
    assert article.live and article.unit == tree.a1
    assert sorted(tag.name for tag in article.tags.all()) == ["sách", "đọc"]
    assert article.reading_minutes == 1


def test_the_unit_is_required(client, column, people):
    client.force_login(people.superuser)
    url = f"/admin/pages/add/columns/articlepage/{column.pk}/"
    data = nested_form_data(
        {
            "title": "Không đơn vị",
            "slug": "khong-don-vi",
            "lead": "Thiếu đơn vị.",
            "kind": "news",
            "unit": "",
            "body": streamfield([]),
            "related_links": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="khong-don-vi").exists()
    assert "Trường này là bắt buộc" in response.content.decode()


def test_captions_are_numbered_in_reading_order(client, column, tree):
    images = ImageFactory.create_batch(5)
    body = [
        ("paragraph", "<p>Mở đầu.</p>"),
        ("image", {"image": images[0], "caption": "Lễ ra quân", "credit": ""}),
        ("quote", {"text": "Đâu cần thanh niên có.", "source": ""}),
        ("image", {"image": images[1], "caption": "Dọn vệ sinh", "credit": ""}),
        (
            "gallery",
            {"title": "", "images": [{"image": images[3]}, {"image": images[4]}]},
        ),
        ("image", {"image": images[2], "caption": "Tổng kết", "credit": "Ban Tuyên giáo"}),
    ]
    article = make_article(column, tree.a1, body=body)
    html = client.get(article.url).content.decode()
    captions = re.findall(r"Ảnh (\d+):</span> ([^<(]+?)\s*[<(]", html)
    assert captions == [("1", "Lễ ra quân"), ("2", "Dọn vệ sinh"), ("3", "Tổng kết")]
    assert "(Ban Tuyên giáo)" in html


def test_article_page_shows_author_unit_views_and_reading_time(client, column, tree):
    long_text = "<p>" + " ".join(["chữ"] * 450) + "</p>"
    article = make_article(
        column, tree.a1, author_name="Lò Thị Mai", body=[("paragraph", long_text)]
    )
    assert article.reading_minutes == 3
    html = client.get(article.url).content.decode()
    assert "Tác giả: <strong>Lò Thị Mai</strong>" in html
    assert "Chi đoàn A1" in html
    assert f'style="--column-colour: {column.colour}">{column.title}</a>' in html
    assert "Lượt xem" in html
    assert "3 phút đọc" in html


def test_listing_is_newest_first_and_paginated(client, column, tree):
    for number in range(ARTICLES_PER_PAGE + 2):
        make_article(column, tree.a1, title=f"Tin số {number:02d}", published=_day(number))
    html = client.get(column.url).content.decode()
    titles = re.findall(r"Tin số (\d\d)", html)
    assert titles == [f"{n:02d}" for n in range(13, 1, -1)]
    assert "Trang 1 / 2" in html and "Trang sau" in html
    second = client.get(column.url + "?page=2").content.decode()
    assert re.findall(r"Tin số (\d\d)", second) == ["01", "00"]
    assert "Trang trước" in second
    # Nonsense page numbers fall back instead of failing.
    assert client.get(column.url + "?page=abc").status_code == 200
    assert client.get(column.url + "?page=99").status_code == 200


def test_listing_filters_by_tag(client, column, tree):
    article = make_article(column, tree.a1, title="Hiến máu tháng Mười", tags=["hiến máu"])
    make_article(column, tree.a1, title="Trồng cây đầu xuân", tags=["môi trường"])
    # The tag's address is ASCII, like the pages': it survives Zalo and SMS.
    assert 'href="/mot-ngay-mot-tin-tot/?tag=hien-mau"' in client.get(article.url).content.decode()
    html = client.get(column.url, {"tag": "hien-mau"}).content.decode()
    assert "Hiến máu tháng Mười" in html and "Trồng cây đầu xuân" not in html
    assert "Bài viết gắn thẻ “hiến máu”" in html
    # A link shared before tags had ASCII addresses still finds them.
    html = client.get(column.url, {"tag": "hiến-máu"}).content.decode()
    assert "Hiến máu tháng Mười" in html and "Trồng cây đầu xuân" not in html
    # An unknown tag lists nothing rather than everything.
    html = client.get(column.url, {"tag": "khong-co"}).content.decode()
    assert "Hiến máu tháng Mười" not in html and "Trồng cây đầu xuân" not in html


def test_tags_that_fold_alike_get_distinct_addresses(column, tree):
    make_article(column, tree.a1, title="Đọc sách", tags=["đọc", "Đọc sách"])
    make_article(column, tree.a1, title="Dọc đường", tags=["dọc"])
    assert dict(ArticleTag.objects.values_list("name", "slug")) == {
        "đọc": "doc",
        "Đọc sách": "doc-sach",
        "dọc": "doc-2",
    }


def test_listing_shows_only_live_articles_of_the_column(client, column, tree):
    other = make_column(title="Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    make_article(other, tree.a1, title="Bài cột khác")
    draft = make_article(column, tree.a1, title="Bản nháp chưa đăng")
    draft.unpublish()
    make_article(column, tree.a1, title="Bài đã đăng")
    html = client.get(column.url).content.decode()
    assert "Bài đã đăng" in html
    assert "Bản nháp chưa đăng" not in html and "Bài cột khác" not in html


def test_related_articles_prefer_the_editors_picks(client, column, tree):
    picked = make_article(column, tree.a1, title="Bài được chọn")
    make_article(column, tree.a1, title="Cùng thẻ", tags=["sách"])
    article = make_article(column, tree.a1, title="Bài chính", tags=["sách"])

    def related():  # the "Related articles" section, not the latest list beside the article
        html = client.get(article.url).content.decode()
        return html.split("Bài viết liên quan")[1].split("</section>")[0]

    assert "Cùng thẻ" in related()  # no picks: same column and tags first
    ArticleRelatedLink.objects.create(page=article, article=picked)
    assert "Bài được chọn" in related() and "Cùng thẻ" not in related()


def test_sharing_meta_and_structured_data(client, column, tree):
    article = make_article(column, tree.a1, title="Tin <tốt> & đẹp", hero_image=ImageFactory())
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:image" content="http://testserver/media/images/' in html
    assert 'name="twitter:card" content="summary_large_image"' in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<tốt>" not in ld and "\\u003Ctốt\\u003E" in ld
    assert '"@type": "NewsArticle"' in ld
    # Share links are plain links; no third-party script is loaded.
    assert "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Ftestserver" in html
    assert "zalo" in html.lower() and "data-copy-link" in html
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assert scripts and all(src.startswith("/static/") for src in scripts)


def _day(number):
    import datetime

    return datetime.date(2026, 1, 1) + datetime.timedelta(days=number)


def test_search_covers_title_lead_body_author_and_unit(column, tree):
    from wagtail.search.backends import get_search_backend

    article = make_article(
        column,
        tree.b1,
        title="Ngày hội đọc sách",
        lead="Sân trường rộn ràng.",
        author_name="Giàng A Páo",
        body=[("paragraph", "<p>Hơn một trăm cuốn truyện tranh.</p>")],
    )
    make_article(column, tree.a1, title="Bài khác", lead="Không liên quan.")
    backend = get_search_backend()
    for words in ["đọc sách", "rộn ràng", "truyện tranh", "Giàng", "Chi đoàn B1"]:
        found = list(backend.search(words, ArticlePage.objects.live()))
        assert found == [article], words


def test_the_editor_tag_field_suggests_article_tags(client, column, tree, people):
    make_article(column, tree.a1, title="Hiến máu tháng Mười", tags=["hiến máu"])
    client.force_login(people.editor_a1)
    form = client.get(f"/admin/pages/add/columns/articlepage/{column.pk}/").content.decode()
    url = re.search(r'data-w-tag-url-value=\\?"([^"\\]+)', form).group(1)
    # Typed on a phone without diacritics, the existing tag is offered, not a new one made.
    for term in ("hiến", "hien", "HIEN M", "Hiến máu"):
        assert client.get(url, {"term": term}).json() == ["hiến máu"], term
    assert client.get(url, {"term": "hiv"}).json() == []
    assert client.get(url, {"term": ""}).json() == []
    client.logout()
    assert client.get(url, {"term": "hien"}).status_code == 302  # to the admin login
