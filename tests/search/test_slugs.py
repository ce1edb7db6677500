"""ASCII slugs from Vietnamese titles: on the server, and in the editor's live preview."""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import nested_form_data

from cms.search.slugs import FoldingSlugCopyForm
from columns.models import ColumnIndexPage
from home.models import HomePage

pytestmark = pytest.mark.django_db

CORE_JS = Path(wagtail.__file__).parent / "admin/static/wagtailadmin/js/core.js"
PREVIEW_JS = Path(__file__).parent / "js" / "slug_preview.mjs"
ADD_COLUMN = "/admin/pages/add/columns/columnindexpage/{}/"
OUR_APPS = {"home", "columns", "directives"}


def add_column(client, home, title, slug=""):
    data = nested_form_data({"title": title, "slug": slug, "intro": "", "colour": "#0b5cad"})
    response = client.post(ADD_COLUMN.format(home.pk), data, follow=True)
    assert response.status_code == 200
    return ColumnIndexPage.objects.get(title=title)


def test_unicode_slugs_are_off():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


@pytest.mark.parametrize(
    ("title", "slug"),
    [("Chuyển đổi số", "chuyen-doi-so"), ("Đoàn viên", "doan-vien"), ("Học tập", "hoc-tap")],
)
def test_a_page_created_without_a_slug_gets_the_folded_title(home, title, slug):
    # Django's slugify, which Wagtail uses here, would give "chuyen-oi-so" and "oan-vien".
    assert home.add_child(instance=HomePage(title=title)).slug == slug


def test_an_explicit_slug_is_kept(client, people, home):
    # The admin form requires a slug: the editor's preview fills it, the editor may change it.
    client.force_login(people.superuser)
    assert add_column(client, home, "Đoàn viên", slug="tin-doan-vien").slug == "tin-doan-vien"
    assert add_column(client, home, "Chuyển đổi số", slug="chuyen-doi-so").slug == "chuyen-doi-so"


def test_the_page_is_served_at_its_folded_slug(client, home):
    page = home.add_child(instance=HomePage(title="Đoàn viên tiêu biểu"))
    page.save_revision().publish()
    assert page.url == "/doan-vien-tieu-bieu/"
    assert client.get("/doan-vien-tieu-bieu/").status_code == 200


def test_a_second_page_with_the_same_title_gets_a_suffix(home):
    first = home.add_child(instance=HomePage(title="Đoàn trường"))
    second = home.add_child(instance=HomePage(title="Đoàn trường"))
    assert (first.slug, second.slug) == ("doan-truong", "doan-truong-2")


def test_a_published_page_keeps_its_url_when_its_title_changes(home):
    page = home.add_child(instance=HomePage(title="Tin cũ", slug="tin-cu"))
    page.title = "Đoàn viên"
    page.save()
    page.refresh_from_db()
    assert page.slug == "tin-cu"


def rendered_formatters(client, url):
    response = client.get(url)
    assert response.status_code == 200
    match = re.search(r'data-w-slug-formatters-value="([^"]*)"', response.content.decode())
    assert match, f"the slug field of {url} has no Vietnamese formatters"
    return html.unescape(match.group(1))


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_editor_preview_folds_like_the_server(client, people, home):
    """Wagtail's own urlify makes "djoan-vien" and "chuyn-dji-s"; with our formatters the
    preview gives what the server gives."""
    client.force_login(people.superuser)
    titles = ["Đoàn viên", "Chuyển đổi số", "ĐOÀN TRƯỜNG CĐSP Điện Biên", "Quàng Thị Hạnh"]

    def preview(formatters):
        result = subprocess.run(  # noqa: S603
            ["node", str(PREVIEW_JS), str(CORE_JS), formatters, *titles],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.split()

    assert preview("[]")[:2] == ["djoan-vien", "chuyn-dji-s"]  # Wagtail alone
    formatters = rendered_formatters(client, ADD_COLUMN.format(home.pk))
    assert json.loads(formatters)
    assert preview(formatters) == [
        "doan-vien",
        "chuyen-doi-so",
        "doan-truong-cdsp-dien-bien",
        "quang-thi-hanh",
    ]


def test_every_page_type_copies_with_the_folding_slug_form():
    """Wagtail's copy form builds its own slug field, which the editor's override misses."""
    ours = [model for model in get_page_models() if model._meta.app_label in OUR_APPS]
    assert len(ours) >= 6
    assert [m for m in ours if m.copy_form_class is not FoldingSlugCopyForm] == []


def test_the_copy_form_folds_the_slug_and_follows_the_new_title(client, people, home):
    client.force_login(people.superuser)
    page = home.add_child(instance=HomePage(title="Đoàn viên tiêu biểu"))
    url = f"/admin/pages/{page.pk}/copy/"
    assert rendered_formatters(client, url) == rendered_formatters(
        client, ADD_COLUMN.format(home.pk)
    )
    content = client.get(url).content.decode()
    title_input = re.search(r'<input[^>]*name="new_title"[^>]*>', content).group(0)
    assert 'data-controller="w-sync"' in title_input
    assert 'data-w-sync-target-value="#id_new_slug"' in title_input


def test_a_copy_is_made_under_the_slug_the_form_posts(client, people, home):
    client.force_login(people.superuser)
    column = add_column(client, home, "Đoàn viên tiêu biểu", slug="doan-vien-tieu-bieu")
    url = f"/admin/pages/{column.pk}/copy/"
    form = {"new_title": "Đoàn viên xuất sắc", "new_parent_page": home.pk}
    refused = client.post(url, {**form, "new_slug": "đoàn-viên-xuất-sắc"})
    assert refused.status_code == 200  # the form again, with the slug's error: no copy made
    assert refused.context["form"].errors["new_slug"]
    assert not ColumnIndexPage.objects.filter(title="Đoàn viên xuất sắc").exists()
    client.post(url, {**form, "new_slug": "doan-vien-xuat-sac"})
    assert ColumnIndexPage.objects.get(title="Đoàn viên xuất sắc").slug == "doan-vien-xuat-sac"
