"""Reading an uploaded member file (CSV or XLSX) into rows, refusing what cannot be read.

Everything here runs before a row is interpreted: size and row limits, the archive bounds of
an XLSX file (unpacked size, parts, packing ratio, sheet extent), encoding, separator, sheets,
merged cells, formulas, control characters and headers. Each refusal carries a message for the
secretary and, where it has one, the line and column it concerns.
"""

import csv
import io
import json
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.spreadsheets import column_letter, unescape_formula

from .choices import NO, YES
from .columns import (
    EXAMPLE_CODE,
    FIELD_OF_HEADER,
    FIELDS,
    HEADER_OF,
    HEADERS,
    HELP_SHEET,
    IGNORED_HEADERS,
)
from .text import fold, nfc

DATE_FIELDS = {"date_of_birth", "joined_on"}
# No member field is longer than this; Excel's own limit is 32,767 characters a cell.
MAX_CELL_CHARS = 1000


class FileRefused(Exception):
    """The file as a whole cannot be imported; ``message`` says why, in the user's language,
    ``line`` and ``column`` (a header) where the cause is."""

    def __init__(self, message, line=1, column=""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class MemberRows:
    """The rows of a member file under canonical headers, with their line in the file.

    ``skipped`` holds the lines left out on purpose (the template's example row)."""

    name: str
    rows: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    skipped: list = field(default_factory=list)

    def dataset(self):
        return tablib.Dataset(*self.rows, headers=HEADERS)

    def to_json(self):
        """The parsed rows as bytes to keep between the preview and the confirmation, so the
        file is parsed once. Dates are written ISO, which the import reads as the same date."""
        rows = [
            [value.isoformat() if isinstance(value, date) else value for value in row]
            for row in self.rows
        ]
        data = {"name": self.name, "rows": rows, "lines": self.lines, "skipped": self.skipped}
        return json.dumps(data, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, content):
        return cls(**json.loads(content))


def max_bytes():
    return settings.MEMBERS_IMPORT_MAX_BYTES


def max_rows():
    return settings.MEMBERS_IMPORT_MAX_ROWS


def read_member_file(name, content):
    """The member rows of ``content`` (bytes of a CSV or XLSX file called ``name``).

    The kind is told from the bytes, not the name: a CSV called ``.xlsx`` is read as CSV."""
    if not content:
        raise FileRefused(_("The file is empty."))
    if len(content) > max_bytes():
        raise FileRefused(too_big(len(content)))
    if content.startswith(b"PK\x03\x04"):
        first_row, table, formulas = _xlsx_rows(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("This is an old Excel (.xls) file. Save it as .xlsx or CSV and upload it again.")
        )
    else:
        first_row, table, formulas = 0, _csv_rows(content), []
    return _member_rows(name, table, first_row, formulas)


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
    plain Latin text), else Windows-1258, the old Vietnamese Windows code page. A file whose
    lines mix UTF-8 and Windows-1258 is refused at the first line that breaks the pattern."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    elif content[1:200:2].count(0) > 20:
        encodings = ["utf-16-le"]
    elif content[0:200:2].count(0) > 20:
        encodings = ["utf-16-be"]
    elif _looks_binary(content[:4096].decode("latin-1")):
        raise FileRefused(_not_a_member_file())
    else:
        return _utf8_or_cp1258(content)
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError as error:
            raise FileRefused(
                _mixed_encoding(), line=content.count(b"\n", 0, error.start) + 1
            ) from error
    raise FileRefused(_not_a_member_file())


_NON_ASCII = re.compile(rb"[\x80-\xff]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _utf8_or_cp1258(content):
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        if _NON_ASCII.search(content, 0, error.start):
            # UTF-8 letters before this point, something else here: two encodings in one file.
            line = content.count(b"\n", 0, error.start) + 1
            raise FileRefused(_mixed_encoding(), line=line) from error
    # Windows-1258 letters are single bytes from 0xC0; a UTF-8 pair after them means a mix.
    mixed = _UTF8_SEQUENCE.search(content)
    if mixed:
        raise FileRefused(_mixed_encoding(), line=content.count(b"\n", 0, mixed.start()) + 1)
    try:
        return content.decode("cp1258")
    except UnicodeDecodeError as error:
        raise FileRefused(_not_a_member_file()) from error


def _mixed_encoding():
    return _(
        "This line is in another character encoding than the lines before it. Save the whole "
        "file again as “CSV UTF-8” and upload it again."
    )


def _not_a_member_file():
    return _(
        "This file cannot be read as a member list: it is neither CSV text nor an XLSX "
        "workbook. Download the template and save your list in that form."
    )


def _looks_binary(text):
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return controls > len(sample) // 100 + 2


def _csv_rows(content):
    text = decode(content)
    if _looks_binary(text):
        raise FileRefused(_not_a_member_file())
    # Counting lines is cheap and happens before the CSV parser sees the file.
    if text.count("\n") > max_rows() + ROW_SLACK:
        raise FileRefused(_too_many_rows())
    nul = text.find("\x00")
    if nul >= 0:
        raise FileRefused(_control_characters(), line=text.count("\n", 0, nul) + 1)
    text = text.lstrip("\ufeff")
    # The separator is the one the header line uses most (the first line with any text).
    lines = text.split("\n", 50)[:50]
    first_line = next((line for line in lines if line.strip(",;\t \r")), "")
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        for row in reader:
            table.append(row)
    except csv.Error as error:
        # The only error left is a cell over the csv module's size limit (131,072 characters).
        raise FileRefused(_cell_too_long(), line=len(table) + 1) from error
    return table


def _too_many_rows():
    return ngettext(
        "The file has more than %(limit)d row; split it by chapter.",
        "The file has more than %(limit)d rows; split it by chapter.",
        max_rows(),
    ) % {"limit": max_rows()}


def _control_characters():
    return _("The cell holds control characters (such as NUL) that are not text.")


def _cell_too_long():
    return _("The cell holds more than %(limit)d characters; no member field is that long.") % {
        "limit": MAX_CELL_CHARS
    }


# ---------------------------------------------------------------- XLSX

# Generous bounds on the sheet's extent, checked from the cell references before the reader
# builds its grid: a member list has 13 columns, and a few rows of notes below it.
MAX_COLUMNS = 64
ROW_SLACK = 100
# The reader keeps every shared string in memory: 16 MB holds a few times the texts of the
# largest list allowed, and bounds that memory to some 40 MB however short the strings are.
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
# A cell or row reference (` r="B12"`, `<row r="12"`), and the start of a formula (`<f>`).
_REF_RE = re.compile(rb' r="([A-Z]{0,3})([0-9]{1,9})"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[ >/]")
_DECLARATION_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def max_unpacked_bytes():
    return settings.MEMBERS_IMPORT_MAX_UNPACKED_BYTES


def max_entries():
    return settings.MEMBERS_IMPORT_MAX_ENTRIES


def max_ratio():
    return settings.MEMBERS_IMPORT_MAX_RATIO


@dataclass
class Extent:
    """What the archive check saw in the sheets' XML: the furthest row and column referenced
    (1-based) and the cells holding a formula (row, 0-based column)."""

    rows: int = 0
    columns: int = 0
    formulas: list = field(default_factory=list)


def check_archive(content):
    """Refuse an XLSX archive that would unpack beyond the limits, before any part is parsed.

    The declared sizes are checked first; then every part is unpacked in 1 MB pieces (never
    whole) and its real size counted, so a header that lies is caught too (zipfile stops at the
    declared size and the checksum then fails). The sheets' cell references are read on the way,
    for ``Extent``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileRefused(_not_a_member_file()) from error
    if len(infos) > max_entries():
        raise FileRefused(
            _("The workbook has %(count)d parts; a member list has far fewer (limit %(limit)d).")
            % {"count": len(infos), "limit": max_entries()}
        )
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        raise FileRefused(_not_a_member_file())
    declared = sum(info.file_size for info in infos)
    _check_unpacked(declared, len(content))
    extent = Extent()
    unpacked = 0
    try:
        for info in infos:
            if info.flag_bits & 0x1:
                raise FileRefused(_("The workbook is protected by a password. Remove it first."))
            unpacked += _scan_part(archive, info, extent, max_unpacked_bytes() - unpacked)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise FileRefused(_not_a_member_file()) from error
    _check_unpacked(unpacked, len(content))
    if extent.rows > max_rows() + ROW_SLACK:
        raise FileRefused(_too_many_rows())
    if extent.columns > MAX_COLUMNS:
        raise FileRefused(
            _("The sheet uses %(count)d columns; a member list has 13 (limit %(limit)d).")
            % {"count": extent.columns, "limit": MAX_COLUMNS}
        )
    return extent


def _check_unpacked(size, packed):
    if size > max_unpacked_bytes():
        raise FileRefused(
            _(
                "The workbook unpacks to %(size)s MB; the limit is %(limit)s MB. Save the list "
                "again from Excel, or split it by chapter."
            )
            % {"size": _megabytes(size), "limit": _megabytes(max_unpacked_bytes())}
        )
    if size > max_ratio() * max(packed, 1):
        raise FileRefused(
            _(
                "The workbook unpacks to %(ratio)d times its size (limit %(limit)d): it is not "
                "an ordinary spreadsheet. Save the list again from Excel."
            )
            % {"ratio": size // max(packed, 1), "limit": max_ratio()}
        )


def _scan_part(archive, info, extent, allowance):
    """Unpack one part piece by piece; return its real size. Sheet XML is searched for cell
    references and formulas; a DTD (entity expansion) is refused in any part."""
    size = 0
    tail = b""
    in_sheet_data = False
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            if size == 0 and _DECLARATION_RE.search(chunk[:4096]):
                raise FileRefused(_not_a_member_file())
            size += len(chunk)
            if size > allowance:
                _check_unpacked(max_unpacked_bytes() + 1, 1)
            if size > MAX_SHARED_STRINGS_BYTES and info.filename.endswith("sharedStrings.xml"):
                raise FileRefused(
                    _(
                        "The workbook's table of texts unpacks to more than %(limit)s MB; a "
                        "member list needs far less. Save the list again from Excel."
                    )
                    % {"limit": _megabytes(MAX_SHARED_STRINGS_BYTES)}
                )
            # Keep the end of the previous piece, so a reference cut in two is still seen.
            data = tail + chunk
            tail = chunk[-32:]
            if not in_sheet_data:
                # Only a sheet's cells matter (a theme has r="…" attributes of its own).
                start = data.find(b"sheetData")
                if start < 0:
                    continue
                in_sheet_data, data = True, data[start:]
            _scan_references(data, extent)
    return size


def _scan_references(data, extent):
    for letters, number in _REF_RE.findall(data):
        extent.rows = max(extent.rows, int(number))
        if letters:
            extent.columns = max(extent.columns, _column_number(letters))
    if len(extent.formulas) < 20:
        for match in _FORMULA_RE.finditer(data):
            start = data.rfind(b' r="', 0, match.start())
            reference = _REF_RE.match(data, start) if start >= 0 else None
            if reference and reference.group(1):
                extent.formulas.append(
                    (int(reference.group(2)), _column_number(reference.group(1)) - 1)
                )
            if len(extent.formulas) >= 20:
                break


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _xlsx_rows(content):
    """Numbered rows of the member sheet, read by python-calamine once the archive check has
    bounded the sheet (calamine builds the whole grid of a sheet at once)."""
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

    extent = check_archive(content)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except (CalamineError, ValueError, OSError) as error:
        raise FileRefused(_not_a_member_file()) from error
    with workbook:
        names = [
            sheet.name
            for sheet in workbook.sheets_metadata
            if sheet.typ == SheetTypeEnum.WorkSheet and sheet.name != HELP_SHEET
        ]
        if len(names) != 1:
            raise FileRefused(
                _(
                    "The workbook has %(count)d sheets (%(names)s). Keep the member list on "
                    "one sheet and remove the others."
                )
                % {"count": len(names), "names": ", ".join(names)}
            )
        try:
            sheet = workbook.get_sheet_by_name(names[0])
        except (CalamineError, ValueError) as error:
            raise FileRefused(_not_a_member_file()) from error
        merged = sheet.merged_cell_ranges or []
        if merged:
            raise FileRefused(
                _("The sheet has merged cells (%(ranges)s). Unmerge them: one value per cell.")
                % {"ranges": ", ".join(_range_name(*cells) for cells in merged[:5])}
            )
        first_row, first_column = sheet.start or (0, 0)
        table = []
        for values in sheet.iter_rows():
            table.append([""] * first_column + [_cell_text(value) for value in values])
    return first_row, table, extent.formulas


def _range_name(start, end):
    return f"{column_letter(start[1])}{start[0] + 1}:{column_letter(end[1])}{end[0] + 1}"


def _cell_text(value):
    """Dates stay dates (Excel dates are real dates); whole numbers lose Excel's ".0"."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- headers and rows


def _member_rows(name, table, first_row=0, formulas=()):
    """Rows under canonical headers. ``first_row`` is the 0-based sheet row of ``table[0]``."""
    # Trailing empty rows and columns are what spreadsheets leave behind; they carry nothing.
    numbered = ((first_row + index, row) for index, row in enumerate(table, 1) if any(row))
    header_line, header_row = next(numbered, (0, None))
    if header_row is None:
        raise FileRefused(_("The file is empty."))
    columns = _columns(header_row, header_line)
    if formulas:
        line, position = min(formulas)
        raise FileRefused(
            _("The cell holds a formula; type the value itself."),
            line=line,
            column=HEADER_OF.get(columns.get(position), column_letter(position)),
        )
    result = MemberRows(name=name)
    for line, row in numbered:
        first = _text(row[0]).lstrip()
        if first.startswith("#"):
            continue  # the template's notes on allowed values
        cells = {}
        for position, field_name in columns.items():
            value = row[position] if position < len(row) else ""
            if isinstance(value, date) and field_name in DATE_FIELDS:
                cells[field_name] = value
            else:
                cells[field_name] = _clean(value, line, field_name)
        if fold(cells["code"]) == fold(EXAMPLE_CODE):
            result.skipped.append(line)
            continue
        result.rows.append([cells[field_name] for field_name in FIELDS])
        result.lines.append(line)
        if len(result.rows) > max_rows():
            raise FileRefused(_too_many_rows())
    if not result.rows:
        raise FileRefused(_("The file has the headers but no member rows."))
    return result


_INVISIBLE = {"Cf"}  # zero-width spaces and joiners, direction marks, BOMs, soft hyphens


def _clean(value, line, field_name):
    """A cell's text in NFC with spaces tidied, invisible format characters removed (so
    "\u200b=1+1" is seen as the formula it is), and the apostrophe our exports put before a
    formula prefix taken off again. Control characters and over-long cells are refused."""
    text = _text(value)
    if len(text) > MAX_CELL_CHARS:
        raise FileRefused(_cell_too_long(), line=line, column=HEADER_OF[field_name])
    if not text.isprintable():
        if any(unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text):
            raise FileRefused(_control_characters(), line=line, column=HEADER_OF[field_name])
        text = "".join(char for char in text if unicodedata.category(char) not in _INVISIBLE)
    return unescape_formula(nfc(text))


def _text(value):
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _columns(header_row, line=1):
    """Position of each field in the file, or a refusal naming the unknown and missing."""
    columns, unknown, repeated = {}, [], []
    for position, cell in enumerate(header_row):
        header = nfc(_text(cell))
        if not header or fold(header) in IGNORED_HEADERS:
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
            % {"problems": "; ".join(problems)},
            line=line,
        )
    return columns


def _quoted(names):
    return ", ".join(f"“{name}”" for name in names)
