"""Import and export of member files: the one code path behind the admin and the commands.

`preview_import` and `run_import` read a file, run `MemberResource` (dry run or for real, all
or nothing) and describe the outcome row by row; `export_members` writes the listing.
Each real import and export is written to Wagtail's history, with counts and never a member's
data.
"""

import csv
import gc
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.log_actions import log

from organisation.models import Unit

from .columns import HEADER_OF, HEADERS, HELP_SHEET
from .files import FileRefused, read_member_file
from .resources import MemberResource, escape_formula

IMPORT_ACTION = "members.import"
EXPORT_ACTION = "members.export"


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Line %(line)s, column “%(column)s”: %(message)s") % vars(self)
        return _("Line %(line)s: %(message)s") % vars(self)


@dataclass
class RowSummary:
    line: int
    code: str
    name: str
    changed: list = field(default_factory=list)


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do), row by row."""

    file_name: str
    dry_run: bool
    total: int = 0
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def written(self):
        return self.ok and not self.dry_run

    def counts(self):
        return {
            "rows": self.total,
            "created": len(self.new),
            "updated": len(self.changed),
            "unchanged": len(self.unchanged),
            "errors": len(self.errors),
        }


def run_import(file_name, content, user=None, unit=None, dry_run=True, progress=None):
    """Import ``content`` as ``user`` (None: the command line, every chapter), rows limited
    to chapters below ``unit`` when given. Nothing is written when any row is wrong."""
    outcome = ImportOutcome(file_name=file_name, dry_run=dry_run)
    try:
        rows = read_member_file(file_name, content)
    except FileRefused as refusal:
        return refused(file_name, refusal.message)
    outcome.total = len(rows.rows)
    if progress is not None:
        progress(0, outcome.total)
    resource = MemberResource(
        user=user,
        unit=unit,
        lines=rows.lines,
        progress=progress and (lambda done: progress(done, outcome.total)),
    )
    # An import keeps some forty objects per row alive until it ends, and Python's cycle
    # collector would rescan them again and again (a quarter of the time of a big file);
    # none of them form cycles that need collecting before the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        result = resource.import_data(
            rows.dataset(),
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
    finally:
        if collecting:
            gc.enable()
    _describe(outcome, resource, result, rows.rows)
    if outcome.written:
        record(IMPORT_ACTION, user, unit, file_name, outcome.counts())
    return outcome


def refused(file_name, message):
    """The outcome of a file refused before it was read."""
    return ImportOutcome(
        file_name=file_name, dry_run=True, errors=[RowError(line=1, column="", message=message)]
    )


def _describe(outcome, resource, result, rows):
    for error in result.base_errors:
        outcome.errors.append(RowError(line=1, column="", message=_unexpected(error.error)))
    for number, row_errors in result.row_errors():
        for error in row_errors:
            outcome.errors.append(
                RowError(line=resource.line_of(number), column="", message=_unexpected(error.error))
            )
    for invalid in result.invalid_rows:
        line = resource.line_of(invalid.number)
        for field_name, messages in invalid.error_dict.items():
            for message in messages:
                outcome.errors.append(
                    RowError(line=line, column=HEADER_OF.get(field_name, ""), message=message)
                )
    outcome.errors.sort(
        key=lambda error: (
            error.line,
            HEADERS.index(error.column) if error.column in HEADERS else -1,
        )
    )
    if outcome.errors:
        return
    for number, row_result in enumerate(result.rows, 1):
        summary = RowSummary(
            line=resource.line_of(number), code=rows[number - 1][0], name=rows[number - 1][1]
        )
        if row_result.import_type == row_result.IMPORT_TYPE_NEW:
            outcome.new.append(summary)
        elif row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            summary.changed = [HEADER_OF[name] for name in resource.changes.get(number, [])]
            outcome.changed.append(summary)
        else:
            outcome.unchanged.append(summary)


def _unexpected(error):
    # The exception text can quote row values; say what happened without them.
    return _("The row could not be saved (%(kind)s). Nothing was imported.") % {
        "kind": type(error).__name__
    }


def record(action, user, unit, file_name, counts):
    """One entry in Wagtail's history, on the unit the file concerned (the school union when
    it concerned every unit): who, when, file name, counts. No member data."""
    target = unit or Unit.objects.schools().first()
    if target is None:
        return
    log(
        instance=target,
        action=action,
        user=user,
        data={"file_name": file_name, "unit": target.code, **counts},
    )


# ---------------------------------------------------------------- export


def export_rows(queryset):
    """Headers and rows of the members in ``queryset``, as the template has them, with
    every formula-looking cell escaped."""
    resource = MemberResource()
    dataset = resource.export(queryset.select_related("chapter"))
    rows = [[escape_formula(value) for value in row] for row in dataset]
    return HEADERS, rows


def write_csv(headers, rows):
    """UTF-8 with a BOM, so Excel opens the Vietnamese letters right."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_xlsx(headers, rows, sheet_title="Đoàn viên", help_rows=None):
    """An XLSX workbook with every cell written as text (never as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)

    def text_cells(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        return cells

    sheet.append(headers)
    for row in rows:
        sheet.append(text_cells(row))
    if help_rows:
        help_sheet = workbook.create_sheet(HELP_SHEET)
        for row in help_rows:
            help_sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_members(queryset, file_format, user=None, unit=None, file_name=""):
    """The file of ``queryset`` in ``file_format`` ("csv" or "xlsx"), recorded in history."""
    headers, rows = export_rows(queryset)
    content = write_xlsx(headers, rows) if file_format == "xlsx" else write_csv(headers, rows)
    record(EXPORT_ACTION, user, unit, file_name, {"rows": len(rows)})
    return content


# ---------------------------------------------------------------- templates


EXAMPLE_ROW = [
    "DHSP2024001",
    "Lò Thị Mai",
    "05/09/2005",
    "Nữ",
    "Thái",
    "K20-MNA",
    "26/03/2020",
    "0123456789",
    "0912345678",
    "lothimai@example.com",
    "Không",
    "Có",
    "Đang sinh hoạt",
]


def allowed_values():
    """(header, allowed values) for the template's notes."""
    from .choices import ETHNIC_GROUPS, GENDER_FILE_LABELS, NO, STATUS_FILE_LABELS, YES

    chapters = [f"{unit.code} ({unit.name})" for unit in Unit.objects.chapters()]
    return [
        (HEADER_OF["date_of_birth"], ["dd/mm/yyyy"]),
        (HEADER_OF["gender"], list(GENDER_FILE_LABELS.values())),
        (HEADER_OF["ethnicity"], ETHNIC_GROUPS),
        (HEADER_OF["chapter"], chapters),
        (HEADER_OF["joined_on"], ["dd/mm/yyyy"]),
        (HEADER_OF["phone"], ["0912345678"]),
        (HEADER_OF["is_party_member"], [YES, NO]),
        (HEADER_OF["app_updated"], [YES, NO]),
        (HEADER_OF["status"], list(STATUS_FILE_LABELS.values())),
    ]


def template_file(file_format):
    """The import template: headers, one example row, and the allowed values (a second
    sheet in XLSX, "#" note lines that the import skips in CSV)."""
    notes = allowed_values()
    if file_format == "xlsx":
        help_rows = [["Cột", "Giá trị cho phép"]]
        help_rows += [[header, value] for header, values in notes for value in values]
        return write_xlsx(HEADERS, [EXAMPLE_ROW], help_rows=help_rows)
    comments = [["# Xoá dòng ví dụ trên; các dòng bắt đầu bằng # không được nhập."]]
    comments += [[f"# {header}: {' / '.join(values)}"] for header, values in notes]
    return write_csv(HEADERS, [EXAMPLE_ROW, *comments])
