"""The school union's view of implementation: documents × units, each cell where the unit has
got to, overdue cells marked. Built from one query of assignments, whatever their number."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.spreadsheets import Sheet, Styled, write_xlsx
from organisation.models import Unit
from organisation.policies import ASSIGNMENT_POLICY

from .models import Assignment, AssignmentStatus, DirectivePage


def visible_units(user):
    """Units whose progress a user may follow (the ``assignment.follow`` row)."""
    return ASSIGNMENT_POLICY.units(user, "follow")


@dataclass
class Totals:
    assigned: int = 0
    acknowledged: int = 0
    reported: int = 0
    overdue: int = 0

    def add(self, assignment, today):
        self.assigned += 1
        if assignment.status == AssignmentStatus.ACKNOWLEDGED:
            self.acknowledged += 1
        elif assignment.status == AssignmentStatus.REPORTED:
            self.reported += 1
        if assignment.is_overdue(today):
            self.overdue += 1


@dataclass
class Row:
    unit: Unit
    cells: list = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


@dataclass
class Matrix:
    documents: list
    rows: list
    document_totals: list
    totals: Totals
    today: object


def build_matrix(units, today=None):
    """The matrix for the assignments of ``units`` (a queryset): documents newest first as
    columns, units in tree order as rows, each cell an Assignment or None."""
    today = today or timezone.localdate()
    # Three flat queries: assignments, then their documents and units once each. Joining the
    # documents into every assignment would build a whole page object per cell.
    assignments = list(
        Assignment.objects.filter(unit__in=units)
        .only(
            "pk",
            "document_id",
            "unit_id",
            "status",
            "deadline",
            "acknowledged_at",
            "reported_at",
        )
        .order_by()
    )
    of_units = Assignment.objects.filter(unit__in=units)
    documents = sorted(
        DirectivePage.objects.filter(pk__in=of_units.values("document_id"))
        .select_related("issuer")
        .only("pk", "title", "doc_type", "number", "issue_date", "issuer__name"),
        key=lambda doc: (doc.issue_date is not None, doc.issue_date, doc.pk),
        reverse=True,
    )
    unit_list = list(Unit.objects.filter(pk__in=of_units.values("unit_id")).order_by("path"))
    cells = {(assignment.unit_id, assignment.document_id): assignment for assignment in assignments}
    column = {document.pk: index for index, document in enumerate(documents)}
    document_totals = [Totals() for _ in documents]
    totals = Totals()
    rows = []
    for unit in unit_list:
        row = Row(unit=unit, cells=[cells.get((unit.pk, document.pk)) for document in documents])
        for assignment in row.cells:
            if assignment is None:
                continue
            row.totals.add(assignment, today)
            document_totals[column[assignment.document_id]].add(assignment, today)
            totals.add(assignment, today)
        rows.append(row)
    return Matrix(documents, rows, document_totals, totals, today)


@dataclass
class Bar:
    """One directive's progress for the chart: the share of its assigned units that reported."""

    document: DirectivePage
    reported: int
    assigned: int

    @property
    def percent(self):
        return round(100 * self.reported / self.assigned) if self.assigned else 0


def progress_bars(matrix):
    return [
        Bar(document, totals.reported, totals.assigned)
        for document, totals in zip(matrix.documents, matrix.document_totals, strict=True)
    ]


def cell_text(assignment, today):
    """What a cell says, in words and dates, the same on screen and in the spreadsheet."""
    if assignment is None:
        return ""
    if assignment.status == AssignmentStatus.REPORTED:
        text = _("Reported %(date)s") % {"date": _date(assignment.reported_at)}
    elif assignment.status == AssignmentStatus.ACKNOWLEDGED:
        text = _("Acknowledged %(date)s") % {"date": _date(assignment.acknowledged_at)}
    else:
        text = _("Not yet acknowledged")
    deadline = _("due %(date)s") % {"date": assignment.deadline.strftime("%d/%m/%Y")}
    text = f"{text} · {deadline}"
    if assignment.is_overdue(today):
        text = f"{text} · {_('overdue')}"
    return text


def _date(moment):
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%d/%m/%Y")


def to_xlsx(matrix):
    """The matrix as an XLSX workbook (bytes): one row per unit, overdue cells in red, written
    by the project's one spreadsheet writer (names that look like formulas stay text)."""
    headers = (
        [_("Unit"), _("Code")]
        + [f"{document.heading()} – {document.title}" for document in matrix.documents]
        + [_("Reported"), _("Assigned")]
    )

    def rows():
        for row in matrix.rows:
            cells = [
                Styled(cell_text(assignment, matrix.today), "overdue")
                if assignment is not None and assignment.is_overdue(matrix.today)
                else cell_text(assignment, matrix.today)
                for assignment in row.cells
            ]
            yield [row.unit.name, row.unit.code, *cells, row.totals.reported, row.totals.assigned]
        totals = [
            _("Units reported"),
            "",
            *(f"{totals.reported}/{totals.assigned}" for totals in matrix.document_totals),
            matrix.totals.reported,
            matrix.totals.assigned,
        ]
        yield [Styled(value, "bold") for value in totals]

    widths = {0: 36} | {2 + index: 32 for index in range(len(matrix.documents))}
    return write_xlsx(
        Sheet(
            title=_("Progress"),
            headers=headers,
            rows=rows(),
            widths=widths,
            freeze_columns=2,
            autofilter=False,
        )
    )
