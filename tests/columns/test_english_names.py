"""The English pages name units and tags in English (issue #15): what the school union wrote
in "name in English", else the Vietnamese name; the Vietnamese pages are unchanged."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from columns.models import ArticleTag
from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(tree):
    tree.a1.name_en = "A1 chapter"
    tree.a1.save()
    article = make_article(make_column(), tree.a1, title="Ngày hội hiến máu", tags=["hiến máu"])
    ArticleTag.objects.filter(name="hiến máu").update(name_en="blood donation")
    return article


def translate(article):
    english = Locale.objects.get(language_code="en")
    column = article.get_parent()
    column.get_parent().copy_for_translation(english).save_revision().publish()
    column.specific.copy_for_translation(english).save_revision().publish()
    translation = article.copy_for_translation(english)
    translation.title = "Blood donation day"
    translation.save_revision().publish()
    return translation


def test_the_english_article_names_its_unit_and_tags_in_english(client, article):
    page = client.get(translate(article).url).content.decode()
    assert "A1 chapter" in page and "Chi đoàn A1" not in page
    assert (
        "#blood donation" in page
        and '<meta property="article:tag" content="blood donation">' in page
    )
    assert "hiến máu</a>" not in page


def test_the_vietnamese_article_keeps_the_vietnamese_names(client, article):
    page = client.get(article.url).content.decode()
    assert "Chi đoàn A1" in page and "A1 chapter" not in page
    assert "#hiến máu" in page and "blood donation" not in page


def test_without_an_english_name_the_english_page_shows_the_vietnamese_one(client, article, tree):
    tree.a1.name_en = ""
    tree.a1.save()
    ArticleTag.objects.update(name_en="")
    page = client.get(translate(article).url).content.decode()
    assert "Chi đoàn A1" in page and "#hiến máu" in page


def test_the_english_column_filtered_by_tag_names_it_in_english(client, article):
    column = translate(article).get_parent()
    page = client.get(column.url, {"tag": "hien-mau"}).content.decode()
    assert "“blood donation”" in page


def test_the_school_union_names_a_tag_in_english_from_the_admin(client, article, people):
    tag = ArticleTag.objects.get(name="hiến máu")
    client.force_login(people.approver)
    listing = client.get(reverse("article_tags:index")).content.decode()
    assert "hiến máu" in listing and "blood donation" in listing
    response = client.post(
        reverse("article_tags:edit", args=[tag.pk]),
        {"name": "hiến máu", "name_en": "giving blood"},
    )
    assert response.status_code == 302
    tag.refresh_from_db()
    # The slug stays: links made with it keep working.
    assert (tag.name_en, tag.slug) == ("giving blood", "hien-mau")


def test_a_chapter_editor_cannot_rename_tags(client, article, people):
    tag = ArticleTag.objects.get(name="hiến máu")
    client.force_login(people.editor_a1)
    assert client.get(reverse("article_tags:index")).status_code in (302, 403)
    client.post(reverse("article_tags:edit", args=[tag.pk]), {"name": "sai", "name_en": "wrong"})
    tag.refresh_from_db()
    assert (tag.name, tag.name_en) == ("hiến máu", "blood donation")
