"""The register in the Wagtail admin, driven as a secretary would: log in, list, search,
upload, preview, confirm, export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from members.models import Member, PendingImport
from tests.factories.members import MemberFactory

from .conftest import csv_file, rows, sample

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def upload(client, name, content, **data):
    return client.post(
        reverse("members:import"), {"file": SimpleUploadedFile(name, content), **data}
    )


def confirm(client, response):
    pending = response.context["pending"]
    return client.post(reverse("members:confirm", args=[pending.pk]), follow=True)


# ---------------------------------------------------------------- listing


def test_listing_shows_only_the_users_units(client, tree, people):
    MemberFactory(full_name="Quàng Thị Hạnh", chapter=tree.a1)
    MemberFactory(full_name="Sùng A Chứ", chapter=tree.b1)
    page = login(client, people.member_manager).get(reverse("members:index")).content.decode()
    assert "Quàng Thị Hạnh" in page and "Sùng A Chứ" not in page


def test_search_without_marks_finds_the_name(client, tree, people):
    MemberFactory(full_name="Quàng Thị Hạnh", chapter=tree.a1)
    MemberFactory(full_name="Lò Văn Đức", chapter=tree.a1)
    client = login(client, people.superuser)
    page = client.get(reverse("members:index"), {"q": "Quang Thi Hanh"}).content.decode()
    assert "Quàng Thị Hạnh" in page and "Lò Văn Đức" not in page
    page = client.get(reverse("members:index"), {"q": "duc"}).content.decode()
    assert "Lò Văn Đức" in page and "Quàng Thị Hạnh" not in page


def test_filters_by_unit_and_app_updated(client, tree, people):
    MemberFactory(full_name="Lò Thị Mai", chapter=tree.a1, app_updated=True)
    MemberFactory(full_name="Cà Thị Hoa", chapter=tree.a2, app_updated=False)
    client = login(client, people.superuser)
    MemberFactory(full_name="Sùng Thị Dua", chapter=tree.b1)
    page = client.get(reverse("members:index"), {"unit": tree.a2.pk}).content.decode()
    assert "Cà Thị Hoa" in page and "Lò Thị Mai" not in page
    page = client.get(reverse("members:index"), {"unit": tree.fed1.pk}).content.decode()
    assert "Cà Thị Hoa" in page and "Lò Thị Mai" in page and "Sùng Thị Dua" not in page
    page = client.get(reverse("members:index"), {"app_updated": "true"}).content.decode()
    assert "Lò Thị Mai" in page and "Cà Thị Hoa" not in page


def test_listing_sorts_and_paginates(client, tree, people):
    for number in range(55):
        MemberFactory(
            code=f"P{number:03d}", full_name=f"Lò Văn Tú {chr(65 + number % 26)}", chapter=tree.a1
        )
    client = login(client, people.superuser)
    response = client.get(reverse("members:index"), {"ordering": "-code"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("P054") < page.index("P053")
    assert "P000" not in page  # on page 2
    assert (
        "P000"
        in client.get(reverse("members:index"), {"ordering": "-code", "p": 2}).content.decode()
    )


# ---------------------------------------------------------------- create and edit


def form_data(chapter, **changes):
    data = {
        "code": "SV500",
        "full_name": "Lường  Thị   Hoa",
        "date_of_birth": "2004-02-01",
        "gender": "female",
        "ethnicity": "Thái",
        "chapter": chapter.pk,
        "joined_on": "2019-03-26",
        "card_number": "",
        "phone": "+84 912 345 678",
        "email": "",
        "status": "active",
    }
    return {**data, **changes}


def test_create_form_normalises_and_saves(client, tree, people):
    client = login(client, people.member_manager)
    response = client.post(reverse("members:add"), form_data(tree.a1), follow=True)
    assert response.status_code == 200
    member = Member.objects.get(code="SV500")
    assert member.full_name == "Lường Thị Hoa" and member.phone == "0912345678"
    assert member.search_text == "luong thi hoa sv500"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"joined_on": "2003-01-01"}, "Ngày vào Đoàn không thể trước ngày sinh."),
        ({"phone": "12345"}, "Không phải số di động Việt Nam"),
        ({"full_name": "=cmd|' /C calc'!A0"}, "công thức bảng tính"),
        ({"code": "SV 1"}, "Mã đoàn viên chỉ gồm"),
        ({"date_of_birth": "2099-01-01"}, "tương lai"),
    ],
)
def test_create_form_has_the_import_rules(client, tree, people, changes, message):
    client = login(client, people.member_manager)
    response = client.post(reverse("members:add"), form_data(tree.a1, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Member.objects.exists()


def test_create_form_refuses_a_chapter_outside_the_users_units(client, tree, people):
    client = login(client, people.member_manager)
    response = client.post(reverse("members:add"), form_data(tree.b1))
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Member.objects.exists()


def test_duplicate_card_number_is_refused_by_the_form(client, tree, people):
    MemberFactory(chapter=tree.a1, card_number="T1")
    client = login(client, people.member_manager)
    response = client.post(reverse("members:add"), form_data(tree.a1, card_number="T1"))
    assert "Số thẻ đoàn này đã thuộc về một đoàn viên khác." in response.content.decode()


def test_edit_of_another_units_member_is_not_found(client, tree, people):
    other = MemberFactory(chapter=tree.b1)
    client = login(client, people.member_manager)
    assert client.get(reverse("members:edit", args=[other.pk])).status_code == 404
    assert client.get(reverse("members:delete", args=[other.pk])).status_code == 404
    assert client.get(reverse("members:history", args=[other.pk])).status_code == 404
    own = MemberFactory(chapter=tree.a2)
    assert client.get(reverse("members:edit", args=[own.pk])).status_code == 200


# ---------------------------------------------------------------- import flow


def test_upload_preview_confirm(client, tree, people):
    client = login(client, people.superuser)
    assert client.get(reverse("members:import")).status_code == 200
    response = upload(client, "good.xlsx", sample("good.xlsx"))
    page = response.content.decode()
    assert "3 đoàn viên mới, 0 thay đổi, 0 không đổi." in page
    assert "Quàng Thị Hạnh" in page
    assert not Member.objects.exists()  # the preview writes nothing
    result = confirm(client, response)
    assert "Đã nhập tệp good.xlsx: 3 đoàn viên mới, 0 cập nhật, 0 không đổi." in (
        result.content.decode()
    )
    assert Member.objects.count() == 3
    # The record stays for the result page; the rows themselves are gone from it.
    done = PendingImport.objects.get()
    assert done.state == "done" and bytes(done.content) == b""


def test_preview_lists_changed_fields(client, tree, people):
    MemberFactory(
        code="SV100",
        full_name="Cà Thị Xuân",
        chapter=tree.a1,
        email="xuan@example.com",
        phone="0987654321",
        date_of_birth="2004-02-01",
        joined_on="2019-03-26",
    )
    client = login(client, people.superuser)
    response = upload(client, "c.csv", csv_file({}, {"Mã đoàn viên": "SV101"}))
    page = response.content.decode()
    assert "1 đoàn viên mới, 1 thay đổi, 0 không đổi." in page
    assert "Đã cập nhật trên ứng dụng Thanh niên Việt Nam" in page  # the changed column


def test_preview_lists_every_error_and_offers_no_confirm(client, tree, people):
    client = login(client, people.member_manager)
    content = csv_file({"Ngày sinh": "31/02/2004"}, {"Mã đoàn viên": "SV2", "Chi đoàn": "B1"})
    page = upload(client, "bad.csv", content).content.decode()
    assert "Tệp có 2 lỗi." in page
    assert "không phải là ngày có thật" in page
    assert "Bạn không được quản lý đoàn viên của Chi đoàn B1." in page
    assert "Xác nhận nhập" not in page
    assert not PendingImport.objects.exists() and not Member.objects.exists()


@override_settings(MEMBERS_IMPORT_MAX_BYTES=100)
def test_oversized_upload_is_refused_before_reading(client, tree, people):
    client = login(client, people.superuser)
    page = upload(client, "big.csv", csv_file(*rows(5))).content.decode()
    assert "vượt giới hạn" in page


def test_confirm_uses_the_stored_file_not_a_new_upload(client, tree, people):
    client = login(client, people.superuser)
    response = upload(client, "good.csv", sample("good.csv"))
    pending = response.context["pending"]
    # A second upload in the confirm post is ignored: what was previewed is imported.
    client.post(
        reverse("members:confirm", args=[pending.pk]),
        {"file": SimpleUploadedFile("evil.csv", csv_file(*rows(3, chapter="B1")))},
    )
    assert sorted(Member.objects.values_list("code", flat=True)) == ["SV001", "SV002", "SV003"]


def test_confirm_is_only_for_the_uploader(client, tree, people):
    login(client, people.superuser)
    pending = upload(client, "good.csv", sample("good.csv")).context["pending"]
    client.force_login(people.member_manager)
    assert client.post(reverse("members:confirm", args=[pending.pk])).status_code == 404
    assert not Member.objects.exists()


def test_confirm_revalidates(client, tree, people):
    client = login(client, people.superuser)
    response = upload(client, "good.csv", sample("good.csv"))
    MemberFactory(code="X9", chapter=tree.a1, card_number="T001")  # taken meanwhile
    result = confirm(client, response).content.decode()
    assert "Chưa nhập gì" in result and "Số thẻ đoàn này đã thuộc về một đoàn viên khác" in result
    assert Member.objects.count() == 1


def test_templates_download_and_import_back(client, tree, people):
    client = login(client, people.superuser)
    xlsx = client.get(reverse("members:template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Đoàn viên", "Giá trị cho phép"]
    assert workbook["Đoàn viên"]["A1"].value == "Mã đoàn viên"
    allowed = {
        column[0].value: [cell.value for cell in column[1:] if cell.value]
        for column in workbook["Giá trị cho phép"].iter_cols()
    }
    assert "Mông" in allowed["Dân tộc"] and "Trưởng thành Đoàn" in allowed["Trạng thái"]
    assert allowed["Chi đoàn"][:2] == ["A1", "A2"]
    assert allowed["Tên chi đoàn"][:2] == ["Chi đoàn A1", "Chi đoàn A2"]
    csv = client.get(reverse("members:template", args=["csv"])).content.decode("utf-8-sig")
    assert csv.startswith("Mã đoàn viên,Họ và tên") and "# Giới tính: Nam / Nữ / Khác" in csv


def test_import_is_recorded_in_history_without_member_data(client, tree, people):
    client = login(client, people.superuser)
    confirm(client, upload(client, "good.csv", sample("good.csv")))
    entry = ModelLogEntry.objects.get(action="members.import")
    assert entry.user == people.superuser
    assert entry.data == {
        "file_name": "good.csv", "unit": "DT", "rows": 3, "created": 3, "updated": 0,
        "unchanged": 0, "errors": 0,
    }  # fmt: skip
    assert "Quàng" not in str(entry.data) and "SV001" not in str(entry.data)
    assert "Đã nhập tệp good.csv: 3 mới" in entry.message


def test_users_without_import_permission_are_refused(client, tree, people):
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    client = login(client, people.reviewer_fed1)
    assert client.get(reverse("members:import")).url == reverse("wagtailadmin_home")
    assert client.get(reverse("members:template", args=["csv"])).url == reverse("wagtailadmin_home")
    response = client.post(reverse("members:import"), {"file": SimpleUploadedFile("g.csv", b"")})
    assert response.url == reverse("wagtailadmin_home")


def test_history_entries_name_members_by_number_only(client, tree, people):
    client = login(client, people.member_manager)
    client.post(reverse("members:add"), form_data(tree.a1), follow=True)
    member = Member.objects.get(code="SV500")
    client.post(reverse("members:edit", args=[member.pk]), form_data(tree.a1, status="graduated"))
    client.force_login(people.superuser)
    client.post(reverse("members:delete", args=[member.pk]))
    entries = ModelLogEntry.objects.filter(object_id=str(member.pk)).order_by("timestamp")
    assert [entry.action for entry in entries] == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.delete",
    ]
    assert {entry.label for entry in entries} == {f"Đoàn viên #{member.pk}"}
