"""Import and export of member files: the one code path behind the admin and the commands.

`preview_import` and `run_import` read a file, run `MemberResource` (dry run or for real, all
or nothing) and describe the outcome row by row; `export_members` writes the listing.
Each real import and export is written to Wagtail's history, with counts and never a member's
data.
"""

import gc
from dataclasses import asdict, dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.spreadsheets import Sheet, column_letter, write_csv, write_xlsx
from organisation.models import Unit

from .columns import CHAPTER_NAME_HEADER, EXAMPLE_CODE, FIELDS, HEADER_OF, HEADERS, HELP_SHEET
from .files import FileRefused, MemberRows, read_member_file
from .resources import RENDERERS, MemberResource

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
    chapter: str = ""


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
    # Lines left out on purpose: the template's example row.
    skipped: list = field(default_factory=list)
    # Errors found but not kept (``keep_errors``): counted, not listed.
    errors_left_out: int = 0

    @property
    def ok(self):
        return not self.errors

    @property
    def error_count(self):
        return len(self.errors) + self.errors_left_out

    def keep_errors(self, limit):
        """Keep the first ``limit`` row errors to list; the rest are only counted."""
        self.errors_left_out += max(0, len(self.errors) - limit)
        self.errors = self.errors[:limit]

    @property
    def written(self):
        return self.ok and not self.dry_run

    def counts(self):
        return {
            "rows": self.total,
            "created": len(self.new),
            "updated": len(self.changed),
            "unchanged": len(self.unchanged),
            "errors": self.error_count,
        }

    def as_data(self):
        """The outcome as JSON-ready data, kept on a ``PendingImport`` by a background check."""
        return asdict(self)

    @classmethod
    def from_data(cls, data):
        rows = {key: [RowSummary(**row) for row in data[key]] for key in ROW_LISTS}
        errors = [RowError(**error) for error in data["errors"]]
        plain = {key: value for key, value in data.items() if key not in {*ROW_LISTS, "errors"}}
        return cls(**plain, **rows, errors=errors)


ROW_LISTS = ("new", "changed", "unchanged")


def read_rows(file_name, content):
    """The member rows of a file, or the outcome that refuses it."""
    try:
        return read_member_file(file_name, content), None
    except FileRefused as refusal:
        return None, refused(file_name, refusal.message, refusal.line, refusal.column)


def run_import(file_name, content, user=None, unit=None, dry_run=True, progress=None):
    """Import ``content`` (the bytes of a file, or its ``MemberRows`` already read) as ``user``
    (None: the command line, every chapter), rows limited to chapters below ``unit`` when
    given. Nothing is written when any row is wrong."""
    outcome = ImportOutcome(file_name=file_name, dry_run=dry_run)
    if isinstance(content, MemberRows):
        rows = content
    else:
        rows, refusal = read_rows(file_name, content)
        if refusal is not None:
            return refusal
    outcome.total = len(rows.rows)
    outcome.skipped = list(rows.skipped)
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


def refused(file_name, message, line=1, column=""):
    """The outcome of a file refused before its rows were imported."""
    return ImportOutcome(
        file_name=file_name,
        dry_run=True,
        errors=[RowError(line=line, column=column, message=message)],
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
        row = rows[number - 1]
        summary = RowSummary(
            line=resource.line_of(number),
            code=row[0],
            name=row[1],
            chapter=resource.chapter_label(row[FIELDS.index("chapter")]),
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


def record(action, user, unit, file_name, counts, filters=None):
    """One entry in Wagtail's history, on the unit the file concerned (the school union when
    it concerned every unit): who, when, file name, counts, and for an export the filters that
    chose its rows (codes and choices, see views.MemberIndexView.export_filters). No member
    data."""
    target = unit or Unit.objects.schools().first()
    if target is None:
        return
    data = {"file_name": file_name, "unit": target.code, **counts}
    if filters:
        data["filters"] = dict(filters)
    log(instance=target, action=action, user=user, data=data)


def describe_filters(filters):
    """The filters of an export entry in words, for the register log: "Trạng thái: Đang sinh
    hoạt; Đã cập nhật trên ứng dụng: Không; ..."."""
    from .choices import Gender, Status

    words = {
        "unit": (_("Unit"), {}),
        "status": (_("Status"), dict(Status.choices)),
        "gender": (_("Gender"), dict(Gender.choices)),
        "ethnicity": (_("Ethnicity"), {}),
        "app_updated": (_("Updated on the app"), {"yes": _("Yes"), "no": _("No")}),
        "search": (_("Search"), {"yes": _("names or codes searched")}),
        "selection": (_("Selected by hand"), {}),
    }
    parts = []
    for name, value in (filters or {}).items():
        label, values = words.get(name, (name, {}))
        parts.append(f"{label}: {values.get(value, value)}")
    return "; ".join(parts)


# ---------------------------------------------------------------- export

# The export's columns, as dotted paths of a member (the admin listing's `list_export`): the
# template's, with the chapter's name beside its code.
EXPORT_FIELDS = [
    *FIELDS[: FIELDS.index("chapter")],
    "chapter.code",
    "chapter.name",
    *FIELDS[FIELDS.index("chapter") + 1 :],
]
EXPORT_HEADINGS = HEADER_OF | {
    "chapter.code": HEADER_OF["chapter"],
    "chapter.name": CHAPTER_NAME_HEADER,
}
EXPORT_HEADERS = [EXPORT_HEADINGS[name] for name in EXPORT_FIELDS]
EXPORT_WIDTHS = {0: 14, 1: 26, 2: 12, 3: 9, 4: 12, 5: 12, 6: 30, 7: 13, 8: 13, 9: 13, 10: 28}
_DATE_FIELDS = {"date_of_birth", "joined_on"}


def export_rows(queryset):
    """The rows of the members in ``queryset`` in the export's columns, read in chunks: dates
    as dates (the writer shows them dd/mm/yyyy), choices and yes/no as the template writes
    them, so that the file imports back unchanged."""
    for member in queryset.select_related("chapter").iterator(chunk_size=2000):
        row = []
        for name in EXPORT_FIELDS:
            if name.startswith("chapter."):
                row.append(getattr(member.chapter, name.split(".", 1)[1]))
                continue
            value = getattr(member, name)
            if name in _DATE_FIELDS or name not in RENDERERS:
                row.append(value)
            else:
                row.append(RENDERERS[name](value))
        yield row


def write_members(rows, file_format):
    """The member file (bytes) of ``rows`` in the export's columns."""
    if file_format == "xlsx":
        return write_xlsx(
            Sheet(title="Đoàn viên", headers=EXPORT_HEADERS, rows=rows, widths=EXPORT_WIDTHS)
        )
    return write_csv(EXPORT_HEADERS, rows)


def export_members(queryset, file_format, user=None, unit=None, file_name="", filters=None):
    """The file of ``queryset`` in ``file_format`` ("csv" or "xlsx"), recorded in history with
    the ``filters`` that chose its rows."""
    counted = []

    def rows():
        for row in export_rows(queryset):
            counted.append(1)
            yield row

    content = write_members(rows(), file_format)
    record(EXPORT_ACTION, user, unit, file_name, {"rows": len(counted)}, filters=filters)
    return content


# ---------------------------------------------------------------- templates


# Its code has marks, so it can be no real member's: the import skips this row.
EXAMPLE_ROW = [
    EXAMPLE_CODE,
    "Lò Thị Mai",
    date(2005, 9, 5),
    "Nữ",
    "Thái",
    "K20-MNA",
    date(2020, 3, 26),
    "0123456789",
    "0912345678",
    "lothimai@example.com",
    "Không",
    "Có",
    "Đang sinh hoạt",
]


def allowed_values():
    """(header, allowed values) for the template's notes and drop-down lists."""
    from .choices import ETHNIC_GROUPS, GENDER_FILE_LABELS, NO, STATUS_FILE_LABELS, YES

    chapters = list(Unit.objects.chapters().order_by("path"))
    return [
        (HEADER_OF["chapter"], [unit.code for unit in chapters]),
        (CHAPTER_NAME_HEADER, [unit.name for unit in chapters]),
        (HEADER_OF["gender"], list(GENDER_FILE_LABELS.values())),
        (HEADER_OF["ethnicity"], ETHNIC_GROUPS),
        (HEADER_OF["status"], list(STATUS_FILE_LABELS.values())),
        (HEADER_OF["is_party_member"], [YES, NO]),
        (HEADER_OF["app_updated"], [YES, NO]),
    ]


def template_file(file_format):
    """The import template: headers, one example row (skipped by the import), and the allowed
    values: in XLSX a second sheet whose columns feed drop-down lists on the first sheet; in
    CSV "#" note lines that the import skips."""
    notes = allowed_values()
    if file_format == "xlsx":
        return write_xlsx(*_template_sheets(notes))
    comments = [
        [f"# Dòng {EXAMPLE_CODE} là ví dụ, không được nhập; các dòng bắt đầu bằng # cũng vậy."]
    ]
    comments += [[f"# {header}: {' / '.join(values)}"] for header, values in notes]
    comments.append([f"# {HEADER_OF['date_of_birth']}, {HEADER_OF['joined_on']}: dd/mm/yyyy"])
    return write_csv(HEADERS, [EXAMPLE_ROW, *comments])


def _template_sheets(notes):
    help_headers = [header for header, _values in notes]
    longest = max(len(values) for _header, values in notes)
    help_rows = [
        [values[index] if index < len(values) else "" for _header, values in notes]
        for index in range(longest)
    ]
    choices = {}
    quoted_title = HELP_SHEET.replace("'", "''")
    for position, (header, values) in enumerate(notes):
        if header not in HEADERS or not values:
            continue  # the chapters' names stand beside their codes, for reading
        letter = column_letter(position)
        choices[HEADERS.index(header)] = (
            f"='{quoted_title}'!${letter}$2:${letter}${len(values) + 1}"
        )
    members = Sheet(
        title="Đoàn viên",
        headers=HEADERS,
        rows=[EXAMPLE_ROW],
        widths=EXPORT_WIDTHS,
        choices=choices,
        choice_rows=max_template_rows(),
    )
    lists = Sheet(title=HELP_SHEET, headers=help_headers, rows=help_rows, autofilter=False)
    return members, lists


def max_template_rows():
    from .files import max_rows

    return max_rows() + 1
