"""Helpers for the member register's tests: sample files and member rows in the file format."""

import csv
import io
from pathlib import Path

import pytest

from members.columns import HEADERS

DATA = Path(__file__).resolve().parent.parent / "data"

# A valid row for chapter A1 of the `tree` fixture; tests change one cell at a time.
GOOD_ROW = {
    "Mã đoàn viên": "SV100",
    "Họ và tên": "Cà Thị Xuân",
    "Ngày sinh": "01/02/2004",
    "Giới tính": "Nữ",
    "Dân tộc": "Thái",
    "Chi đoàn": "A1",
    "Ngày vào Đoàn": "26/03/2019",
    "Số thẻ đoàn": "",
    "Số điện thoại": "0987654321",
    "Email": "xuan@example.com",
    "Đảng viên": "Không",
    "Đã cập nhật trên ứng dụng Thanh niên Việt Nam": "Có",
    "Trạng thái": "Đang sinh hoạt",
}


def sample(name):
    return (DATA / name).read_bytes()


def csv_file(*rows, headers=HEADERS, delimiter=","):
    """A UTF-8 CSV file of ``rows`` (dicts by header, missing cells taken from GOOD_ROW)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([{**GOOD_ROW, **row}.get(header, "") for header in headers])
    return buffer.getvalue().encode("utf-8")


def rows(count, chapter="A1", start=0):
    return [
        {
            "Mã đoàn viên": f"SV{start + number:05d}",
            "Họ và tên": f"Lò Văn Tú {'ABCDEFGHIJ'[number % 10]}",
            "Chi đoàn": chapter,
            "Số thẻ đoàn": f"T{start + number:05d}",
        }
        for number in range(count)
    ]


@pytest.fixture
def a1_manager(tree):
    from organisation.models import Role
    from tests.factories.organisation import UnitRoleFactory, UserFactory

    user = UserFactory(username="manager_a1")
    UnitRoleFactory(user=user, unit=tree.a1, role=Role.MEMBER_MANAGER)
    return user
