"""The project's one spreadsheet writer and one formula escaper, used by every export.

A cell that starts with one of ``FORMULA_PREFIXES`` is one a spreadsheet could run as a formula
(OWASP's list, tab and carriage return included). The rule, the same for every export:

- **CSV**: such a cell is written with an apostrophe before it (``-1234`` → ``'-1234``), which
  Excel and LibreOffice show as the text typed. ``unescape_formula`` takes that apostrophe off
  again on import, and only there: an apostrophe followed by a formula prefix is ours; any other
  leading apostrophe (``'Ngọc``) is the person's and stays.
- **XLSX**: every cell is a typed value (text is never a formula), and a formula-looking text
  cell carries Excel's own "quote prefix" mark, so the value read back is exactly the value
  written and a later edit in Excel keeps it as text.

XLSX files are written by XlsxWriter in constant-memory mode (rows go to disk as they are
written); ``bench/members.py`` measures it against openpyxl's write-only mode in the same run.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "dd/mm/yyyy"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Excel refuses a sheet name longer than this.
SHEET_TITLE_LENGTH = 31


def looks_like_formula(value):
    """True for text that a spreadsheet could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def escape_formula(value):
    """``value`` as CSV text that a spreadsheet shows as typed (see the module's rule)."""
    return QUOTE + value if looks_like_formula(value) else value


def unescape_formula(value):
    """The value an export escaped, as it was: the apostrophe comes off only before a formula
    prefix, where ``escape_formula`` put it."""
    if isinstance(value, str) and value.startswith(QUOTE) and looks_like_formula(value[1:]):
        return value[1:]
    return value


def csv_text(value):
    """One CSV cell: dates as dd/mm/yyyy, nothing as an empty cell, formulas escaped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return escape_formula(value if isinstance(value, str) else str(value))


@dataclass
class Sheet:
    """One sheet of a workbook: a header row, then ``rows`` (any iterable, read once).

    ``widths`` are column widths in characters; ``choices`` maps a column index to the range
    (e.g. ``"='Giá trị'!$A$2:$A$40"``) or list its cells must come from (a drop-down in Excel),
    for ``choice_rows`` rows below the header. ``hidden`` hides a sheet of lists."""

    title: str
    headers: list
    rows: object = ()
    widths: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    choice_rows: int = 1000
    freeze_header: bool = True
    freeze_columns: int = 0
    autofilter: bool = True
    bold_header: bool = True
    hidden: bool = False


def write_csv(headers, rows):
    """UTF-8 with a BOM (so Excel opens the Vietnamese letters right), every cell escaped."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_text(value) for value in headers])
    writer.writerows([csv_text(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def write_xlsx(*sheets):
    """An XLSX workbook (bytes) of ``sheets``: text as text, numbers as numbers, dates as real
    date cells shown dd/mm/yyyy, with a bold frozen header and a filter on it."""
    import xlsxwriter

    buffer = io.BytesIO()
    # constant_memory writes each row out as it comes; strings go inline, not to a shared table.
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True})
    formats = {
        "date": workbook.add_format({"num_format": XLSX_DATE_FORMAT}),
        "quoted": workbook.add_format({"quote_prefix": True}),
        "header": workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"}),
        "overdue": workbook.add_format(
            {"font_color": "#B3261E", "bold": True, "bg_color": "#F8D7DA"}
        ),
        "bold": workbook.add_format({"bold": True}),
    }
    for sheet in sheets:
        _write_sheet(workbook, sheet, formats)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(workbook, sheet, formats):
    worksheet = workbook.add_worksheet(sheet.title[:SHEET_TITLE_LENGTH])
    for column, width in sheet.widths.items():
        worksheet.set_column(column, column, width)
    header_format = formats["header"] if sheet.bold_header else None
    for column, value in enumerate(sheet.headers):
        worksheet.write_string(0, column, str(value), header_format)
    last_row = 0
    for last_row, row in enumerate(sheet.rows, 1):
        for column, value in enumerate(row):
            if isinstance(value, Styled):
                _write_cell(worksheet, last_row, column, value.value, formats, value.style)
            else:
                _write_cell(worksheet, last_row, column, value, formats)
    last_column = max(len(sheet.headers) - 1, 0)
    if sheet.freeze_header or sheet.freeze_columns:
        worksheet.freeze_panes(1 if sheet.freeze_header else 0, sheet.freeze_columns)
    if sheet.autofilter and sheet.headers:
        worksheet.autofilter(0, 0, max(last_row, 1), last_column)
    for column, source in sheet.choices.items():
        worksheet.data_validation(
            1,
            column,
            max(sheet.choice_rows, last_row),
            column,
            {"validate": "list", "source": source, "ignore_blank": True},
        )
    if sheet.hidden:
        worksheet.hide()


@dataclass
class Styled:
    """A cell value with a named style of ``write_xlsx`` ("bold", "overdue")."""

    value: object
    style: str


def _write_cell(worksheet, row, column, value, formats, style=None):
    cell_format = formats[style] if style else None
    if value is None or value == "":
        if cell_format is not None:
            worksheet.write_blank(row, column, None, cell_format)
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, column, value, cell_format)
    elif isinstance(value, (datetime, date)):
        worksheet.write_datetime(row, column, value, formats["date"])
    elif isinstance(value, (int, float)):
        worksheet.write_number(row, column, value, cell_format)
    else:
        text = str(value)
        if cell_format is None and looks_like_formula(text):
            cell_format = formats["quoted"]
        worksheet.write_string(row, column, text, cell_format)


def column_letter(index):
    """The spreadsheet name of the 0-based column ``index`` (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
