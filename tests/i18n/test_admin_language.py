"""The admin speaks Vietnamese to anyone who has not chosen otherwise, whatever their browser
asks for, in its HTML and in the translations its JavaScript loads."""

import json
import re

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.i18n.screens import english_words_in, visible_text

pytestmark = pytest.mark.django_db

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_the_login_page_is_vietnamese_for_an_english_browser(client):
    response = client.get(reverse("wagtailadmin_login"), **ENGLISH_BROWSER)
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Đăng nhập" in html and "Quên mật khẩu?" in html
    assert not english_words_in(visible_text(html))


def test_a_user_with_no_preference_gets_vietnamese(client, people):
    assert not UserProfile.get_for_user(people.editor_a1).preferred_language
    client.force_login(people.editor_a1)
    response = client.get(reverse("wagtailadmin_home"), **ENGLISH_BROWSER)
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Bảng điều khiển" in html
    assert not english_words_in(visible_text(html))


def test_a_user_who_chose_english_gets_english(client, people):
    """The other side of the screen check: an English admin is caught by it."""
    profile = UserProfile.get_for_user(people.editor_a1)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(people.editor_a1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<html lang="en"' in html
    english = set(english_words_in(visible_text(html)))
    assert {"Dashboard", "Search", "Account", "Log out"} <= english


def javascript_catalogue(response):
    """The {msgid: translation} that Django's JavaScriptCatalog hands the browser."""
    source = response.content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});\n", source, re.DOTALL)
    assert found, "no catalogue in the JavaScript"
    return json.loads(found.group(1)), source


def test_wagtails_javascript_gets_our_vietnamese(client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"), **ENGLISH_BROWSER)
    catalogue, source = javascript_catalogue(response)
    # Messages Wagtail ships no Vietnamese for: they can only come from locale/upstream.
    assert catalogue["Autosave in progress…"] == "Đang tự động lưu…"
    assert catalogue["Write something or type ‘/’ to insert a block"] == (
        "Viết nội dung hoặc gõ ‘/’ để chèn khối"
    )
    # Plural messages have one form in Vietnamese.
    assert catalogue["%(num)s error"] == ["%(num)s lỗi"]
    assert "const v = 0;" in source, "every count takes the one Vietnamese form"


def test_wagtail_localizes_javascript_gets_our_vietnamese(client, people):
    client.force_login(people.superuser)
    response = client.get(reverse("wagtail_localize:javascript_catalog"))
    catalogue, _ = javascript_catalogue(response)
    assert catalogue["Download PO file"] == "Tải về tệp PO"
    assert catalogue["Stop Synced translation"] == "Dừng dịch đồng bộ"


def write_catalogue(locale_dir, entries):
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in entries:
        catalogue.append(entry)
    target = locale_dir / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    catalogue.save_as_mofile(str(target / "django.mo"))


def test_locale_paths_win_with_contexts_and_plurals(tmp_path):
    """How our catalogues take effect: an entry in LOCALE_PATHS beats the installed apps' own,
    contexts and plural forms included, and the first LOCALE_PATHS entry (the project's
    locale/) beats the later ones (locale/upstream/)."""
    write_catalogue(
        tmp_path,
        [
            polib.POEntry(msgctxt="abbrev. month", msgid="Jan.", msgstr="Th1 (thử)"),
            polib.POEntry(
                msgctxt="naturaltime-past",
                msgid="%(num)d minute",
                msgid_plural="%(num)d minutes",
                msgstr_plural={0: "%(num)d phút (thử)"},
            ),
            polib.POEntry(msgid="Unpublish", msgstr="Ngừng xuất bản (thử)"),
        ],
    )
    with translation.override("vi"):
        assert translation.pgettext("abbrev. month", "Jan.") != "Th1 (thử)"
        assert translation.gettext("Unpublish") == "Gỡ xuất bản"
    with (
        override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]),
        translation.override("vi"),
    ):
        assert translation.pgettext("abbrev. month", "Jan.") == "Th1 (thử)"
        for count in (1, 5):
            assert translation.npgettext(
                "naturaltime-past", "%(num)d minute", "%(num)d minutes", count
            ) == ("%(num)d phút (thử)")
        assert translation.gettext("Unpublish") == "Ngừng xuất bản (thử)"
