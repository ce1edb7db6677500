"""Hostile member files, built in memory: each breaks one rule of members/files.py.

Used by tests/members/test_hostile.py (what each file gets: refused where, or accepted) and by
bench/uploads.py (the memory each costs). ``KINDS`` maps a kind's name to a function returning
(file name, bytes). The good rows are those of the test tree's chapters A1 and A2.
"""

import base64
import csv
import io
import random
import struct
import zipfile

from cms.spreadsheets import column_letter

HEADERS = [
    "Mã đoàn viên", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chi đoàn",
    "Ngày vào Đoàn", "Số thẻ đoàn", "Số điện thoại", "Email", "Đảng viên",
    "Đã cập nhật trên ứng dụng Thanh niên Việt Nam", "Trạng thái",
]  # fmt: skip
GOOD = ["SV001", "Quàng Thị Hạnh", "12/03/2003", "Nữ", "Thái", "A1", "26/03/2018", "T001",
        "0912345678", "hanh@example.com", "Không", "Có", "Đang sinh hoạt"]  # fmt: skip
MB = 1024 * 1024
INLINE_CELL = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
FAR_CELL = '<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row>'


def row(**cells):
    """GOOD with some cells replaced, by position name (code, name, card, phone, email)."""
    positions = {"code": 0, "name": 1, "card": 7, "phone": 8, "email": 9}
    values = list(GOOD)
    for key, value in cells.items():
        values[positions[key]] = value
    return values


def csv_bytes(rows, headers=HEADERS, encoding="utf-8"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


# ---------------------------------------------------------------- XLSX by hand

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Đoàn viên" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_rows_xml(rows, start=1):
    parts = []
    for number, values in enumerate(rows, start):
        cells = "".join(
            INLINE_CELL.format(ref=f"{column_letter(col)}{number}", text=_escape(str(value)))
            for col, value in enumerate(values)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    return "".join(parts)


def sheet_xml(rows, before="", inside_end="", after=""):
    return (
        f"{SHEET_START}{before}<sheetData>{sheet_rows_xml(rows)}{inside_end}</sheetData>"
        f"{after}</worksheet>"
    )


def raw_xlsx(sheet, shared=None, extra=(), level=6):
    """An XLSX archive whose sheet XML (str or bytes) is ``sheet``; ``shared`` is the
    sharedStrings part, ``extra`` more (name, bytes) parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            _WORKBOOK_RELS.format(shared=_SHARED_REL if shared else ""),
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        for name, content in extra:
            archive.writestr(name, content)
    return buffer.getvalue()


def good_xlsx(rows=(GOOD,)):
    return raw_xlsx(sheet_xml([HEADERS, *rows]))


def _padded_sheet(megabytes):
    """Sheet XML with ``megabytes`` of spaces between two good rows (packs ~1000:1)."""
    pad = b" " * MB
    start = (SHEET_START + "<sheetData>" + sheet_rows_xml([HEADERS])).encode()
    end = (sheet_rows_xml([GOOD], start=2) + "</sheetData></worksheet>").encode()
    return start + pad * megabytes + end


def _lying_sizes(content, name):
    """The archive with ``name``'s unpacked size declared as 1 KB in both headers."""
    data = bytearray(content)
    encoded = name.encode()
    local = data.find(b"PK\x03\x04" + b"")
    while local >= 0:
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 22, 1024)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, 1024)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def _shared_strings(count, distinct=True):
    items = (f"<si><t>{n if distinct else 'a'}</t></si>" for n in range(count))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{count}">' + "".join(items) + "</sst>"
    ).encode()


def _billion_laughs():
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{sheet_rows_xml([HEADERS, row(name='&i;')])}</sheetData></worksheet>"
    ).replace("&amp;i;", "&i;")


def _many_parts(count):
    return raw_xlsx(
        sheet_xml([HEADERS, GOOD]),
        extra=[(f"xl/media/image{n}.xml", b"<x/>") for n in range(count)],
    )


def _noise(size):
    """Text that does not compress: base64 of random bytes, about ``size`` bytes packed."""
    return base64.b64encode(random.Random(13).randbytes(size)).decode()


def _random_bytes(size, seed=14):
    generator = random.Random(seed)
    return bytes(generator.getrandbits(8) for _ in range(size))


# ---------------------------------------------------------------- the kinds

KINDS = {
    # Archives that unpack beyond the limits, or lie about it.
    "zip bomb: sheet padded with 100 MB of spaces": lambda: (
        "padded.xlsx",
        raw_xlsx(_padded_sheet(100), level=9),
    ),
    "zip bomb: 30 MB of spaces, under the size limit but packed 1000:1": lambda: (
        "ratio.xlsx",
        raw_xlsx(_padded_sheet(30), level=9),
    ),
    "zip bomb: 100 MB declared as 1 KB": lambda: (
        "lying.xlsx",
        _lying_sizes(raw_xlsx(_padded_sheet(100), level=9), "xl/worksheets/sheet1.xml"),
    ),
    "shared-string bomb: 2.5 million strings": lambda: (
        "sst.xlsx",
        raw_xlsx(sheet_xml([HEADERS, GOOD]), shared=_shared_strings(2_500_000, distinct=False)),
    ),
    "shared-string file: 650,000 distinct strings, within the limits": lambda: (
        "sst-distinct.xlsx",
        raw_xlsx(sheet_xml([HEADERS, GOOD]), shared=_shared_strings(650_000)),
    ),
    "shared-string file: 1 million distinct strings": lambda: (
        "sst-million.xlsx",
        raw_xlsx(sheet_xml([HEADERS, GOOD]), shared=_shared_strings(1_000_000)),
    ),
    "shared-string file of 4.6 MB: 1.75 million distinct strings": lambda: (
        "sst-large.xlsx",
        raw_xlsx(sheet_xml([HEADERS, GOOD]), shared=_shared_strings(1_750_000), level=9),
    ),
    "4.9 MB of incompressible text in one cell": lambda: (
        "noise.xlsx",
        raw_xlsx(sheet_xml([HEADERS, row(name=_noise(4_900_000))])),
    ),
    "1,000 parts in the archive": lambda: ("parts.xlsx", _many_parts(1000)),
    "a cell at XFD1048576 (a grid of 17 billion cells)": lambda: (
        "far.xlsx",
        raw_xlsx(
            sheet_xml(
                [HEADERS, GOOD],
                inside_end=FAR_CELL.format(ref="XFD1048576", row=1048576),
            )
        ),
    ),
    "a cell on row 900,000": lambda: (
        "deep.xlsx",
        raw_xlsx(
            sheet_xml(
                [HEADERS, GOOD],
                inside_end=FAR_CELL.format(ref="A900000", row=900000),
            )
        ),
    ),
    "a dimension that claims the whole sheet": lambda: (
        "dimension.xlsx",
        raw_xlsx(sheet_xml([HEADERS, GOOD], before='<dimension ref="A1:XFD1048576"/>')),
    ),
    "200 columns": lambda: (
        "wide.xlsx",
        raw_xlsx(sheet_xml([HEADERS + [f"Cột {n}" for n in range(187)], GOOD])),
    ),
    "entity expansion (billion laughs)": lambda: ("laughs.xlsx", raw_xlsx(_billion_laughs())),
    "truncated archive": lambda: ("cut.xlsx", good_xlsx()[:300]),
    "archive without a workbook": lambda: ("nobook.xlsx", _zip({"hello.txt": b"xin chao"})),
    "old Excel .xls": lambda: ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
    "formula cell in a workbook": lambda: (
        "formula.xlsx",
        raw_xlsx(
            sheet_xml(
                [HEADERS],
                inside_end='<row r="2"><c r="A2" t="inlineStr"><is><t>SV001</t></is></c>'
                '<c r="B2"><f>HYPERLINK("http://evil.example","x")</f><v>x</v></c></row>',
            )
        ),
    ),
    "210,000-character cell in a workbook": lambda: (
        "long.xlsx",
        good_xlsx([row(name="A" * 210_000)]),
    ),
    # CSV files and their encodings.
    "CSV named .xlsx": lambda: ("members.xlsx", csv_bytes([GOOD])),
    "XLSX named .csv": lambda: ("members.csv", good_xlsx()),
    "binary garbage": lambda: ("garbage.csv", _random_bytes(50_000)),
    "NUL bytes in line 3": lambda: (
        "nul.csv",
        csv_bytes([GOOD, row(code="SV002", name="Lò Văn\x00Tú", card="T002")]),
    ),
    "a bell character in a cell": lambda: ("bell.csv", csv_bytes([row(name="Lò Văn\x07 Tú")])),
    "210,000-character cell in a CSV": lambda: ("long.csv", csv_bytes([row(name="A" * 210_000)])),
    "5,000-character cell in a CSV": lambda: ("long5k.csv", csv_bytes([row(name="A" * 5_000)])),
    "UTF-8 lines then a Windows-1258 line": lambda: (
        "mixed.csv",
        csv_bytes([GOOD]) + "SV002,Đinh Văn Tú,01/01/2003\r\n".encode("cp1258"),
    ),
    "Windows-1258 lines then a UTF-8 line": lambda: (
        "mixed2.csv",
        "Ma doan vien,Đinh Văn Tú\r\n".encode("cp1258") + "SV002,Lò Văn Tú\r\n".encode(),
    ),
    "UTF-16 without a byte-order mark": lambda: (
        "utf16.csv",
        csv_bytes([GOOD], encoding="utf-16-le"),
    ),
    "zero-width space before =": lambda: ("zw.csv", csv_bytes([row(name="\u200b=1+1")])),
    "byte-order mark before = inside a cell": lambda: (
        "bom.csv",
        csv_bytes([row(name="\ufeff=HYPERLINK(1)")]),
    ),
    "no-break space before =": lambda: ("nbsp.csv", csv_bytes([row(name="\u00a0=1+1")])),
    "right-to-left override in a name": lambda: (
        "rtl.csv",
        csv_bytes([row(name="Quàng Thị\u202e Hạnh")]),
    ),
    "formula prefix =": lambda: ("eq.csv", csv_bytes([row(name="=1+1")])),
    "formula prefix + with letters": lambda: (
        "plus.csv",
        csv_bytes([row(email="+cmd|' /C calc'!A0@example.com")]),
    ),
    "formula prefix - with letters": lambda: ("minus.csv", csv_bytes([row(card="-SUM(A1)")])),
    "formula prefix @": lambda: ("at.csv", csv_bytes([row(name="@SUM(A1)")])),
    "formula prefix tab": lambda: ("tab.csv", csv_bytes([row(name="\t=1+1")])),
    "formula prefix carriage return": lambda: ("cr.csv", csv_bytes([row(name="\r=1+1")])),
    "formula prefix = in an email": lambda: (
        "eqmail.csv",
        csv_bytes([row(email="=1+1@example.com")]),
    ),
    "-1234 as a card number": lambda: ("negative.csv", csv_bytes([row(card="-1234")])),
    "an exported '-1234 card number": lambda: ("quoted.csv", csv_bytes([row(card="'-1234")])),
    "duplicate headers": lambda: (
        "dup.csv",
        csv_bytes([[*GOOD, "x"]], headers=[*HEADERS, "Email"]),
    ),
    "missing headers": lambda: ("missing.csv", csv_bytes([GOOD[:-2]], headers=HEADERS[:-2])),
    "headers only": lambda: ("headers.csv", csv_bytes([])),
    "empty file": lambda: ("empty.csv", b""),
    "blank lines before the headers": lambda: ("blank.csv", b"\r\n,,\r\n" + csv_bytes([GOOD])),
    "the template's example row": lambda: (
        "example.csv",
        csv_bytes([row(code="VÍ-DỤ"), row(code="SV002", card="T002")]),
    ),
}


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()
