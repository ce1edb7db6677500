import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from columns.models import ArticlePage, ColumnIndexPage
from home.models import HomePage
from tests.factories.columns import make_article

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
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)
        self.assertAllowedSubpageTypes(ColumnIndexPage, {ArticlePage})
        self.assertAllowedSubpageTypes(ArticlePage, set())


def test_an_article_renders_with_its_unit(client, column, tree):
    article = make_article(column, tree.a1, title="Chủ nhật xanh")
    assert article.unit == tree.a1
    response = client.get(article.url)
    assert response.status_code == 200
    assert "Chủ nhật xanh" in response.content.decode()
