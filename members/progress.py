"""How far each unit has come in entering its members on the Thanh niên Việt Nam app.

Two queries whatever the number of units and members: the units the user may see, and one
grouped count of their members.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from organisation.models import Unit, UnitKind

from .choices import Status
from .models import Member, member_units


@dataclass
class UnitProgress:
    unit: Unit
    members: int = 0
    active: int = 0
    updated: int = 0

    @property
    def share(self):
        """Percentage of the active members updated on the app (0 when there are none): a
        member who has transferred or come of age is no longer the unit's to enter."""
        return round(100 * self.updated / self.active) if self.active else 0

    @property
    def not_updated(self):
        """Active members still to be entered on the app: the figure the office acts on."""
        return self.active - self.updated

    @property
    def not_updated_url(self):
        """The member list filtered to exactly the members counted in ``not_updated``: the
        unit (all of the user's units for the total), active, not updated on the app."""
        query = {"status": Status.ACTIVE, "app_updated": "false"}
        if self.unit is not None:
            query["unit"] = self.unit.pk
        return f"{reverse('members:index')}?{urlencode(query)}"

    @property
    def is_group(self):
        """A federation's row, the sum of its chapters."""
        return self.unit is not None and self.unit.kind == UnitKind.FEDERATION


def progress_for(user):
    """One row per federation (its chapters summed) and per chapter the user may see, in
    tree order, and the total of them all (the school union's row)."""
    units = list(member_units(user, "view").order_by("path"))
    chapter_ids = [unit.pk for unit in units if unit.kind == UnitKind.CHAPTER]
    counts = {
        row["chapter"]: row
        for row in Member.objects.filter(chapter__in=chapter_ids)
        .values("chapter")
        .annotate(
            members=Count("pk"),
            active=Count("pk", filter=Q(status=Status.ACTIVE)),
            updated=Count("pk", filter=Q(app_updated=True, status=Status.ACTIVE)),
        )
    }
    rows = [UnitProgress(unit=unit) for unit in units if unit.kind != UnitKind.SCHOOL]
    total = UnitProgress(unit=None)
    chapters = [row for row in rows if row.unit.kind == UnitKind.CHAPTER]
    for chapter in chapters:
        found = counts.get(chapter.unit.pk, {})
        for figure in ("members", "active", "updated"):
            value = found.get(figure, 0)
            setattr(chapter, figure, value)
            setattr(total, figure, getattr(total, figure) + value)
    for federation in rows:
        if federation.unit.kind == UnitKind.FEDERATION:
            for chapter in chapters:
                if chapter.unit.is_within(federation.unit):
                    for figure in ("members", "active", "updated"):
                        setattr(
                            federation,
                            figure,
                            getattr(federation, figure) + getattr(chapter, figure),
                        )
    return rows, total


@dataclass
class Month:
    start: date
    updated: int = 0
    # The bar's height as a share of the highest month's (0–100), and its column's place and
    # width in percent of the chart's width.
    height: int = 0
    x: float = 0
    width: float = 0

    @property
    def top(self):
        return 100 - self.height


def updated_by_month(user, months=12):
    """Active members of the user's chapters marked updated on the app in each of the last
    ``months`` months (this one included), and how many are marked without a date (ticked
    before the date was kept). One query."""
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    for _step in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    members = Member.objects.filter(
        chapter__in=member_units(user, "view"), status=Status.ACTIVE, app_updated=True
    )
    # One grouped count: a month per dated tick, and one group (None) of undated ticks.
    found = dict(
        members.filter(Q(app_updated_at__gte=first) | Q(app_updated_at__isnull=True))
        .annotate(month=TruncMonth("app_updated_at"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
    )
    series = []
    start = first
    while start <= today:
        series.append(Month(start=start, updated=found.get(start, 0)))
        start = (start + timedelta(days=32)).replace(day=1)
    highest = max((month.updated for month in series), default=0)
    for index, month in enumerate(series):
        month.height = round(100 * month.updated / highest) if highest else 0
        month.width = round(100 / len(series), 3)
        month.x = round(index * month.width, 3)
    return series, found.get(None, 0)


# Pixels per unit in the per-unit chart.
CHART_ROW_HEIGHT = 26


def chart_rows(rows):
    """The per-unit bars: each unit's active members (the bar's full length, scaled to the
    largest unit) and those updated on the app (the filled part), in percent of the width."""
    largest = max((row.active for row in rows), default=0)
    return [
        {
            "row": row,
            "y": CHART_ROW_HEIGHT * index,
            "active_width": round(100 * row.active / largest) if largest else 0,
            "updated_width": round(100 * row.updated / largest) if largest else 0,
        }
        for index, row in enumerate(rows)
    ]


def progress_table(rows, total):
    """Headers and rows for the report's CSV/XLSX download."""
    headers = [
        "Mã đơn vị",
        "Đơn vị",
        "Đoàn viên",
        "Đang sinh hoạt",
        "Đã cập nhật",
        "Chưa cập nhật",
        "Tỷ lệ (%)",
    ]

    def figures(row):
        return [row.members, row.active, row.updated, row.not_updated, row.share]

    table = [[row.unit.code, row.unit.name, *figures(row)] for row in rows]
    table.append(["", "Tổng", *figures(total)])
    return headers, table


class ProgressPanel(Component):
    """The admin home's summary of the members' progress on the national app."""

    name = "members_progress"
    template_name = "members/progress_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        rows, total = progress_for(self.user)
        context.update({"rows": rows, "total": total})
        return context
