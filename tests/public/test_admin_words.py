"""The admin's words as the union office reads them, each screen opened as its user would."""

import datetime
import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directives.models import DirectivePage  # noqa: F401  (registers the page type)
from members.choices import Status
from tests.factories.columns import make_column
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_sidebar_has_one_van_ban_and_the_file_library(client, people):
    client.force_login(people.superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = html.split('id="wagtail-sidebar-props"')[1].split(">", 1)[1].split("</script>")[0]
    sidebar = json.dumps(json.loads(props), ensure_ascii=False)
    assert sidebar.count('"Văn bản"') == 1
    assert '"Tệp tài liệu"' in sidebar


def test_the_progress_screen_shows_its_title_not_trang_chu(client, people):
    client.force_login(people.approver)
    html = client.get(reverse("directives_admin:progress")).content.decode()
    header = html.split("<header")[1].split("</header>")[0]
    crumbs = [text(item).strip() for item in re.findall(r"<li.*?</li>", header, re.S)]
    assert crumbs == ["Trang chủ", "Tiến độ triển khai"]


def test_the_article_form_names_the_type_and_capitalises_block_fields(client, people, tree):
    column = make_column()
    client.force_login(people.editor_a1)
    url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
    html = client.get(url).content.decode()
    assert re.search(r'<label[^>]*for="id_kind"[^>]*>\s*Loại bài', html)
    assert "Cấp" not in text(html.split('for="id_kind"')[1][:200])
    # The body's block definitions carry their field labels for the editor's JavaScript.
    definitions = unescape(html)
    for label in ("Chú thích", "Nguồn ảnh", "Trích dẫn"):
        assert f'"label": {json.dumps(label)}' in definitions
    assert f'"label": {json.dumps("chú thích")}' not in definitions
    # A chapter editor's only unit is offered without the tree's dashes.
    unit_select = html.split('name="unit"')[1].split("</select>")[0]
    assert ">Chi đoàn A1<" in unit_select and "—" not in unit_select


def test_the_member_list_writes_birth_dates_as_the_union_does(client, people, tree):
    MemberFactory(
        chapter=tree.a1, full_name="Lò Văn Sáng", date_of_birth=datetime.date(2004, 4, 26)
    )
    client.force_login(people.member_manager)
    html = client.get(reverse("members:index")).content.decode()
    assert "26/04/2004" in html and "tháng 4" not in html


def test_progress_counts_only_active_members_under_tỷ_lệ(client, people, tree):
    MemberFactory(chapter=tree.a1, app_updated=True)
    MemberFactory(chapter=tree.a1, app_updated=False)
    # Transferred away and updated long ago: no longer the chapter's to count.
    MemberFactory(chapter=tree.a1, app_updated=True, status=Status.TRANSFERRED)
    client.force_login(people.member_manager)
    html = client.get(reverse("members:progress")).content.decode()
    assert "Tỷ lệ" in text(html) and "Chia sẻ" not in text(html)
    row = text(html.split("Chi đoàn A1")[1].split("</tr>")[0])
    assert "50%" in row


def test_import_errors_are_headed_cot(client, people, tree):
    with open("tests/data/good.csv", encoding="utf-8") as sample:
        header = sample.readline()
    bad = header + "SV901,Lò Văn Sáng,31/02/2004,Nam,Thái,A1,,,,,Không,Không,Đang sinh hoạt\n"
    client.force_login(people.member_manager)
    html = client.post(
        reverse("members:import"),
        {"file": SimpleUploadedFile("bad.csv", bad.encode())},
    ).content.decode()
    errors = html.split("<thead>")[1].split("</thead>")[0]
    assert "Cột" in errors and "Chuyên mục" not in errors


def test_an_editor_finds_viet_bai_moi_for_their_unit_on_the_dashboard(client, people, tree):
    column = make_column()
    client.force_login(people.editor_a1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split('id="viet-bai-moi-section"')[1].split("</section>")[0]
    assert "Viết bài mới" in html and "Cho Chi đoàn A1, trong chuyên mục:" in text(panel)
    add_url = reverse("wagtailadmin_pages:add", args=["columns", "articlepage", column.pk])
    assert f'href="{add_url}"' in panel
    form = client.get(add_url).content.decode()
    assert re.search(r'<option value="\d+" selected>Chi đoàn A1</option>', form)


def test_someone_who_cannot_write_is_not_offered_viet_bai_moi(client, people, tree):
    make_column()
    client.force_login(people.member_manager)
    assert "columns-write" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_chapter_editor_is_not_offered_sua_van_ban_they_cannot_use(client, people, tree):
    from tests.factories.directives import AssignmentFactory, document_index, make_document

    document = make_document(document_index(), tree.school)
    AssignmentFactory(document=document, unit=tree.a1)
    url = reverse("directives_admin:assignments", args=[document.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[document.pk])

    client.force_login(people.editor_a1)
    page = client.get(url).content.decode()
    assert "Xem trên trang" in text(page)
    assert edit_url not in page and "Sửa văn bản" not in page

    client.force_login(people.approver)
    assert edit_url in client.get(url).content.decode()
