"""Write the sample member files of tests/data/ (run again after changing the format).

Good files hold the same three members of the test tree's chapters (A1, A2 under LCĐ I; B1
under LCĐ II) in every encoding and shape; hostile files each break one rule.
"""

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
HEADERS = [
    "Mã đoàn viên", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chi đoàn",
    "Ngày vào Đoàn", "Số thẻ đoàn", "Số điện thoại", "Email", "Đảng viên",
    "Đã cập nhật trên ứng dụng Thanh niên Việt Nam", "Trạng thái",
]  # fmt: skip
ROWS = [
    ["SV001", "Quàng Thị Hạnh", "12/03/2003", "Nữ", "Thái", "A1", "26/03/2018", "T001",
     "0912345678", "hanh@example.com", "Không", "Có", "Đang sinh hoạt"],
    ["SV002", "Giàng A Páo", "2002-07-01", "Nam", "H'Mông", "A2", "01/09/2017", "",
     "+84 388 123 456", "", "Không", "Không", "Đang sinh hoạt"],
    ["SV003", "Lường Văn Dũng", "05/11/2003", "Nam", "Khơ Mú", "B1", "19/05/2019", "T003",
     "", "", "Có", "Không", "Chuyển sinh hoạt"],
]  # fmt: skip


def csv_text(rows, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(rows, extra_sheet=False, merge=None, formula=False):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đoàn viên"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    if formula:
        sheet["B2"] = '=HYPERLINK("http://evil.example","Bấm vào")'
    if merge:
        sheet.merge_cells(merge)
    if extra_sheet:
        workbook.create_sheet("Trang tính 2").append(["ghi chú"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    text = csv_text(ROWS)
    files = {
        "good.csv": text.encode("utf-8"),
        "good_bom_semicolon.csv": ("\ufeff" + csv_text(ROWS, ";")).encode("utf-8"),
        "good_utf16.csv": text.encode("utf-16"),
        # Windows-1258 keeps tone marks apart from their letters (decomposed).
        "good_cp1258.csv": _cp1258(text),
        "good.xlsx": xlsx_bytes(ROWS),
        "empty.csv": b"",
        "headers_only.csv": csv_text([]).encode("utf-8"),
        "wrong_headers.csv": csv_text(ROWS).replace("Họ và tên", "Tên").encode("utf-8"),
        "binary_renamed.csv": bytes(range(256)) * 8,
        "several_sheets.xlsx": xlsx_bytes(ROWS, extra_sheet=True),
        "merged_header.xlsx": xlsx_bytes(ROWS, merge="A1:B1"),
        "formula.xlsx": xlsx_bytes(ROWS, formula=True),
        "formula.csv": csv_text([["SV009", "=1+1", *ROWS[0][2:]]]).encode("utf-8"),
    }
    for name, content in files.items():
        (HERE / name).write_bytes(content)
    zipped = HERE / "not_a_workbook.xlsx"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("hello.txt", "không phải bảng tính")


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text):
    import unicodedata

    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            # Base letter (with its circumflex, breve or horn) then the tone mark apart.
            marks = unicodedata.normalize("NFD", char)
            tones = "".join(mark for mark in marks if mark in TONES)
            base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in TONES))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


if __name__ == "__main__":
    main()
