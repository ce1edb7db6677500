"""English pages through wagtail-localize, driven in the admin as an editor does it, and what
readers see of them: the language switcher and the hreflang alternates."""

import datetime

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from columns.models import ArticlePage
from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home, tree):
    column = make_column("Sáng tạo khởi nghiệp", slug="sang-tao-khoi-nghiep")
    return make_article(
        column,
        tree.a1,
        title="Ngày hội khởi nghiệp",
        lead="Sinh viên trình bày ý tưởng khởi nghiệp.",
        published=datetime.date(2022, 4, 26),
    )


ENGLISH = {
    "Ngày hội khởi nghiệp": "Start-up day",
    "Sinh viên trình bày ý tưởng khởi nghiệp.": "Students pitch their start-up ideas.",
    "Sinh viên trình bày ý tưởng và nhận góp ý.": "Students pitch ideas and get feedback.",
    "Sáng tạo khởi nghiệp": "Creativity and start-ups",
    "Trang chủ": "Home",
}


def translate_in_the_editor(client, translation, capture):
    """Fill every string of the translation as the editor's form does, then publish."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        english = ENGLISH.get(segment.string.data, segment.string.data)
        url = f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/"
        # The editor's JavaScript sends a multipart PUT.
        body = encode_multipart(BOUNDARY, {"value": english})
        response = client.put(url, body, content_type=MULTIPART_CONTENT)
        assert response.status_code in (200, 201), response.content
    page = translation.get_target_instance()
    # wagtail-localize publishes once the transaction commits.
    with capture(execute=True):
        response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302


def submit_for_translation(client, page, locale):
    response = client.post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]}, follow=True
    )
    assert response.status_code == 200
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def test_an_article_is_translated_into_english_and_kept_in_sync(
    client, people, article, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    client.force_login(people.superuser)
    en = Locale.objects.get(language_code="en")
    home_translation = submit_for_translation(client, article.get_parent().get_parent(), en)
    translate_in_the_editor(client, home_translation, capture)
    column_translation = submit_for_translation(client, article.get_parent(), en)
    translate_in_the_editor(client, column_translation, capture)
    translation = submit_for_translation(client, article, en)
    translate_in_the_editor(client, translation, capture)

    english = article.get_translation(en)
    assert english.live and english.title == "Start-up day"
    html = client.get(english.url).content.decode()
    assert "Students pitch their start-up ideas." in html

    # The Vietnamese article changes; the editor syncs the translation and translates the new
    # sentence, and the English page follows.
    article.lead = "Sinh viên trình bày ý tưởng và nhận góp ý."
    article.save_revision().publish()
    response = client.post(f"/admin/localize/update/{translation.source.pk}/", {}, follow=True)
    assert response.status_code == 200
    translate_in_the_editor(client, Translation.objects.get(pk=translation.pk), capture)
    english = ArticlePage.objects.get(pk=english.pk)
    assert english.lead == "Students pitch ideas and get feedback."


def test_the_switcher_and_hreflang_link_only_to_live_translations(client, article, english_home):
    en = Locale.objects.get(language_code="en")
    article.get_parent().copy_for_translation(en).save_revision().publish()
    english = article.copy_for_translation(en)
    html = client.get(article.url).content.decode()
    assert 'hreflang="en"' not in html, "a draft translation is a 404 for readers: no link"

    english.title = "Start-up day"
    english.save_revision().publish()
    english.refresh_from_db()
    html = client.get(article.url).content.decode()
    assert f'href="{english.url}" hreflang="en"' in html  # the switcher
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{english.url}">' in html
    assert f'<link rel="alternate" hreflang="vi" href="http://testserver{article.url}">' in html
    assert 'hreflang="x-default"' in html
    assert client.get(english.url).status_code == 200

    english.unpublish()
    html = client.get(article.url).content.decode()
    assert 'hreflang="en"' not in html
