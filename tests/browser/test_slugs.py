"""Page addresses from Vietnamese titles, as an editor sees them form in the admin: in the page
editor and in the copy-page form, which Wagtail builds separately."""

import re
import uuid

import pytest

from .test_approval import COLUMN, HOME, explore

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def type_into(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)
    field.blur()


def test_the_slug_follows_a_vietnamese_title_in_the_editor_and_in_the_copy_form(open_page):
    tag = uuid.uuid4().hex[:4]
    editor = open_page(user="bithu.mna")
    explore(editor, HOME, COLUMN)
    editor.locator("a[href$='/add_subpage/']").first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/columns/articlepage/\d+/"))
    type_into(editor, "#id_title", f"Đoàn viên tình nguyện {tag}")
    # Wagtail alone would show "djoan-vien-tinh-nguyen".
    expect(editor.locator("#id_slug")).to_have_value(f"doan-vien-tinh-nguyen-{tag}")
    editor.locator("#id_lead").fill("Chi đoàn ra quân tiếp sức mùa thi.")
    editor.locator("footer button.action-save").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    article_id = re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1)

    editor.goto(f"/admin/pages/{article_id}/copy/")
    expect(editor.locator("#id_new_slug")).to_have_value(f"doan-vien-tinh-nguyen-{tag}")
    type_into(editor, "#id_new_title", f"Chuyển đổi số ở chi đoàn {tag}")
    expect(editor.locator("#id_new_slug")).to_have_value(f"chuyen-doi-so-o-chi-doan-{tag}")
    # An address typed by hand is folded too when the field is left.
    type_into(editor, "#id_new_slug", f"Đêm hội Điện Biên {tag}")
    expect(editor.locator("#id_new_slug")).to_have_value(f"dem-hoi-dien-bien-{tag}")


def test_a_tag_typed_without_diacritics_is_offered_the_existing_one(open_page):
    editor = open_page(user="bithu.mna")
    explore(editor, HOME, COLUMN)
    editor.locator("a[href$='/add_subpage/']").first.click()
    editor.wait_for_url(re.compile(r"/admin/pages/add/columns/articlepage/\d+/"))
    tags = editor.locator("ul.tagit input[type=text]")
    tags.click()
    tags.press_sequentially("hien")
    suggestion = editor.locator("ul.ui-autocomplete").get_by_text("hiến máu", exact=True)
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(editor.locator("ul.tagit")).to_contain_text("hiến máu")
