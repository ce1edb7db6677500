"""A member manager keeps the register in the admin, in a real browser: downloads the import
template, fills it in, uploads it and sees the one wrong cell named, fixes it, confirms, finds
the new members in the listing and exports them."""

import csv
import io
import random
import re
import uuid

import pytest
from openpyxl import load_workbook

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

HEADERS = [
    "Mã đoàn viên",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Dân tộc",
    "Chi đoàn",
    "Ngày vào Đoàn",
    "Số thẻ đoàn",
    "Số điện thoại",
    "Email",
    "Đảng viên",
    "Đã cập nhật trên ứng dụng Thanh niên Việt Nam",
    "Trạng thái",
]


def header_menu(page, item):
    """An item of the listing's header menu (the "…" button: import, export, progress)."""
    page.locator("button.w-h-slim-header[data-w-dropdown-target=toggle]").first.click()
    return page.get_by_role("link", name=item)


def fill_template(path, rows):
    """Replace the template's example row with ours, as a secretary would in Excel."""
    workbook = load_workbook(path)
    sheet = workbook.active
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_member_manager_imports_a_corrected_file_and_exports_the_register(open_page, tmp_path):
    tag = uuid.uuid4().hex[:5].upper()
    first, second = f"BR{tag}1", f"BR{tag}2"
    manager = open_page(user="quanly")
    manager.goto("/admin/members/")
    expect(manager.get_by_role("heading", level=1)).to_have_text("Đoàn viên")
    header_menu(manager, "Nhập từ tệp").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Nhập danh sách đoàn viên")

    # The template: the Vietnamese headers of the design, nothing else.
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Tệp mẫu (XLSX)").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"
    header, example = load_workbook(template).active.iter_rows(max_row=2, values_only=True)
    assert list(header) == HEADERS
    assert example[0], "the template shows an example row"

    good = [first, "Lò Thị Thanh", "14/08/2005", "Nữ", "Thái", "K20-MNA", "26/03/2020"]
    good += ["", "0912345678", "", "Không", "Có", "Đang sinh hoạt"]
    wrong = [second, "Quàng Văn Khánh", "31/02/2005", "Nam", "Thái", "K20-MNA", "19/05/2020"]
    wrong += ["", "", "", "Không", "Không", "Đang sinh hoạt"]

    def upload(rows):
        manager.locator("input[type=file]").set_input_files(
            {
                "name": "danh-sach-k20-mna.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": fill_template(template, rows),
            }
        )
        manager.get_by_role("button", name="Kiểm tra tệp").click()

    # One impossible date: the whole file is refused, the cell named by line and column.
    upload([good, wrong])
    expect(manager.get_by_role("alert")).to_contain_text("1 lỗi")
    errors = manager.locator("#import-errors tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first.locator("td").nth(0)).to_have_text("3")
    expect(errors.first.locator("td").nth(1)).to_contain_text("Ngày sinh")

    # Fixed: a preview of two new members, written only on confirmation.
    wrong[2] = "28/02/2005"
    upload([good, wrong])
    expect(manager.locator("#import-summary")).to_contain_text("2")
    expect(manager.get_by_role("main")).to_contain_text("Quàng Văn Khánh")
    manager.get_by_role("button", name="Xác nhận nhập").click()
    manager.wait_for_url(re.compile(r"/admin/members/"))
    expect(manager.get_by_role("main")).to_contain_text(re.compile(r"\b2\b"))

    # In the register, found by name without diacritics.
    manager.goto("/admin/members/")
    manager.get_by_role("search").get_by_role("textbox").fill("quang van khanh")
    manager.keyboard.press("Enter")
    expect(manager.get_by_role("row", name=re.compile(second))).to_contain_text("Quàng Văn Khánh")

    # Export what is listed: the search's members, with the file's Vietnamese headers.
    with manager.expect_download() as download:
        header_menu(manager, "Tải về CSV").click()
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(exported)) if row]
    # The template's headers, with the chapter's name beside its code.
    assert rows[0] == [*HEADERS[:6], "Tên chi đoàn", *HEADERS[6:]]
    codes = {row[0] for row in rows[1:]}
    assert second in codes and first not in codes
    assert all("Khánh" in row[1] for row in rows[1:])


def test_a_member_manager_moves_two_members_to_another_chapter(open_page, site):
    """Bulk move: tick two members, pick the action in the footer, choose the chapter, confirm,
    and find both in the other chapter."""
    # Letters only: a name with digits is not a valid name.
    tag = "".join(random.choice("BCDGHKLMNPQRSTVX") for _ in range(6))
    names = [f"Lò Thị {tag.capitalize()} An", f"Cà Văn {tag.capitalize()} Bình"]
    site.shell(
        "import datetime\n"
        "from members.models import Member\n"
        "from organisation.models import Unit\n"
        "chapter = Unit.objects.get(code='K20-MNA')\n"
        f"for number, name in enumerate({names!r}):\n"
        f"    Member.objects.create(code=f'MV{tag}{{number}}', full_name=name, chapter=chapter,\n"
        "        date_of_birth=datetime.date(2004, 5, 1), joined_on=datetime.date(2019, 3, 26),\n"
        "        gender='female', ethnicity='Thái')\n"
    )
    manager = open_page(user="quanly")
    manager.goto(f"/admin/members/?q={tag}")
    for name in names:
        row = manager.get_by_role("row", name=re.compile(name))
        expect(row).to_contain_text("Chi đoàn K20 Giáo dục Mầm non A")
        row.get_by_role("checkbox").check()
    footer = manager.locator("[data-bulk-action-footer]")
    expect(footer).to_contain_text("2")
    footer.get_by_role("link", name="Chuyển các đoàn viên đã chọn sang chi đoàn khác").click()

    expect(manager.get_by_role("heading", level=1)).to_have_text(
        "Chuyển các đoàn viên đã chọn sang chi đoàn khác"
    )
    for name in names:
        expect(manager.get_by_role("main")).to_contain_text(name)
    manager.get_by_label("Chuyển đến chi đoàn").select_option(
        label="Chi đoàn K21 Giáo dục Tiểu học (K21-TH)"
    )
    manager.get_by_role("button", name="Đồng ý, chuyển").click()

    manager.wait_for_url(re.compile(r"/admin/members/"))
    expect(manager.get_by_role("status").or_(manager.locator(".messages"))).to_contain_text(
        "Đã chuyển 2 đoàn viên"
    )
    manager.goto(f"/admin/members/?q={tag}")
    for name in names:
        expect(manager.get_by_role("row", name=re.compile(name))).to_contain_text(
            "Chi đoàn K21 Giáo dục Tiểu học"
        )
