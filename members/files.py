"""Reading an uploaded member file (CSV or XLSX) into rows, refusing what cannot be read.

Everything here runs before a row is interpreted: size and row limits, encoding, separator,
sheets, merged cells and headers. Each refusal carries a message for the secretary.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .columns import FIELD_OF_HEADER, FIELDS, HEADER_OF, HEADERS, HELP_SHEET
from .text import fold, nfc

DATE_FIELDS = {"date_of_birth", "joined_on"}


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``message`` says why, in the user's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class MemberRows:
    """The rows of a member file under canonical headers, with their line in the file."""

    name: str
    rows: list = field(default_factory=list)
    lines: list = field(default_factory=list)

    def dataset(self):
        return tablib.Dataset(*self.rows, headers=HEADERS)


def max_bytes():
    return settings.MEMBERS_IMPORT_MAX_BYTES


def max_rows():
    return settings.MEMBERS_IMPORT_MAX_ROWS


def read_member_file(name, content):
    """The member rows of ``content`` (bytes of a CSV or XLSX file called ``name``)."""
    if not content:
        raise FileRefused(_("The file is empty."))
    if len(content) > max_bytes():
        raise FileRefused(too_big(len(content)))
    if content.startswith(b"PK\x03\x04"):
        table = _xlsx_rows(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again.")
        )
    else:
        table = _csv_rows(content)
    return _member_rows(name, table)


def too_big(size):
    return _("The file is %(size)s MB; the limit is %(limit)s MB. Split it by chapter.") % {
        "size": _megabytes(size),
        "limit": _megabytes(max_bytes()),
    }


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# ---------------------------------------------------------------- CSV


def decode(content):
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 (BOM, or the zero bytes of
    plain Latin text), else Windows-1258, the old Vietnamese Windows code page."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif content[1:200:2].count(0) > 20:
        encodings = ["utf-16-le"]
    elif content[0:200:2].count(0) > 20:
        encodings = ["utf-16-be"]
    else:
        encodings = ["utf-8", "cp1258"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1258 writes tone marks as combining characters: compose them.
        return text
    raise FileRefused(_not_a_member_file())


def _not_a_member_file():
    return _(
        "This file cannot be read as a member list: it is neither CSV text nor an XLSX "
        "workbook. Download the template and save your list in that form."
    )


def _looks_binary(text):
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return "\x00" in sample or controls > len(sample) // 100 + 2


def _csv_rows(content):
    text = decode(content)
    if _looks_binary(text):
        raise FileRefused(_not_a_member_file())
    # Counting lines is cheap and happens before the CSV parser sees the file.
    if text.count("\n") > max_rows() + 50:
        raise FileRefused(_too_many_rows())
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileRefused(_not_a_member_file()) from error


def _too_many_rows():
    return ngettext(
        "The file has more than %(limit)d row; split it by chapter.",
        "The file has more than %(limit)d rows; split it by chapter.",
        max_rows(),
    ) % {"limit": max_rows()}


# ---------------------------------------------------------------- XLSX

_MERGE_RE = re.compile(rb'<mergeCell\s+ref="([A-Z0-9:]+)"')


def _xlsx_rows(content):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_not_a_member_file()) from error
    try:
        sheets = [sheet for sheet in workbook.worksheets if sheet.title != HELP_SHEET]
        if len(sheets) != 1:
            raise FileRefused(
                _(
                    "The workbook has %(count)d sheets (%(names)s). Keep the member list on "
                    "one sheet and remove the others."
                )
                % {"count": len(sheets), "names": ", ".join(s.title for s in sheets)}
            )
        sheet = sheets[0]
        if sheet.max_row is not None and sheet.max_row > max_rows() + 1:
            raise FileRefused(_too_many_rows())
        merged = _merged_ranges(content, workbook.worksheets.index(sheet))
        if merged:
            raise FileRefused(
                _("The sheet has merged cells (%(ranges)s). Unmerge them: one value per cell.")
                % {"ranges": ", ".join(merged[:5])}
            )
        table = []
        for values in sheet.iter_rows(values_only=True):
            table.append([_cell_text(value) for value in values])
            if len(table) > max_rows() + 1:
                raise FileRefused(_too_many_rows())
        return table
    finally:
        workbook.close()


def _merged_ranges(content, index):
    """Merged ranges of the sheet at ``index``: read-only openpyxl does not report them, so
    look in the sheet's XML (workbooks written by Excel and LibreOffice name sheets in order)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = sorted(
            (n for n in archive.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)),
            key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)),
        )
        if index >= len(names):
            return []
        return [ref.decode() for ref in _MERGE_RE.findall(archive.read(names[index]))]


def _cell_text(value):
    """Dates stay dates (Excel dates are real dates); whole numbers lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- headers and rows


def _member_rows(name, table):
    # Trailing empty rows and columns are what spreadsheets leave behind; they carry nothing.
    numbered = [
        (line, row) for line, row in enumerate(table, 1) if any(_text(cell) for cell in row)
    ]
    if not numbered:
        raise FileRefused(_("The file is empty."))
    header_line, header_row = numbered[0]
    columns = _columns(header_row)
    result = MemberRows(name=name)
    for line, row in numbered[1:]:
        if _text(row[0]).startswith("#"):
            continue  # the template's notes on allowed values
        cells = {}
        for position, field_name in columns.items():
            value = row[position] if position < len(row) else ""
            keep_date = isinstance(value, date) and field_name in DATE_FIELDS
            cells[field_name] = value if keep_date else nfc(value)
        result.rows.append([cells[field_name] for field_name in FIELDS])
        result.lines.append(line)
    if not result.rows:
        raise FileRefused(_("The file has the headers but no member rows."))
    if len(result.rows) > max_rows():
        raise FileRefused(_too_many_rows())
    return result


def _text(value):
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _columns(header_row):
    """Position of each field in the file, or a refusal naming the unknown and missing."""
    columns, unknown, repeated = {}, [], []
    for position, cell in enumerate(header_row):
        header = nfc(_text(cell))
        if not header:
            continue
        field_name = FIELD_OF_HEADER.get(fold(header))
        if field_name is None:
            unknown.append(header)
        elif field_name in columns.values():
            repeated.append(header)
        else:
            columns[position] = field_name
    missing = [HEADER_OF[name] for name in FIELDS if name not in columns.values()]
    problems = []
    if unknown:
        problems.append(_("unknown columns: %(names)s") % {"names": _quoted(unknown)})
    if repeated:
        problems.append(_("repeated columns: %(names)s") % {"names": _quoted(repeated)})
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": _quoted(missing)})
    if problems:
        raise FileRefused(
            _("The first row must hold the template's headers; %(problems)s.")
            % {"problems": "; ".join(problems)}
        )
    return columns


def _quoted(names):
    return ", ".join(f"“{name}”" for name in names)
