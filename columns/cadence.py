"""The editorial cadence of a column: one good-news item a day, one story a week.

For a month, each day says which news items were published, each week (Monday to Sunday,
those overlapping the month) which stories, and the report gives the share of days and weeks
that met the promise. Days and weeks still to come are not counted as missed.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ArticleKind, ArticlePage


@dataclass
class Period:
    start: datetime.date
    end: datetime.date
    articles: list = field(default_factory=list)
    future: bool = False

    @property
    def met(self):
        return bool(self.articles)

    @property
    def missed(self):
        return not self.future and not self.articles

    @property
    def status(self):
        return "future" if self.future else ("met" if self.met else "missed")


@dataclass
class CadenceReport:
    year: int
    month: int
    days: list
    weeks: list

    @staticmethod
    def _share(periods):
        counted = [period for period in periods if not period.future]
        if not counted:
            return None
        return round(100 * sum(period.met for period in counted) / len(counted))

    @property
    def days_met(self):
        return sum(day.met for day in self.days if not day.future)

    @property
    def days_counted(self):
        return sum(not day.future for day in self.days)

    @property
    def weeks_met(self):
        return sum(week.met for week in self.weeks if not week.future)

    @property
    def weeks_counted(self):
        return sum(not week.future for week in self.weeks)

    @property
    def day_share(self):
        return self._share(self.days)

    @property
    def week_share(self):
        return self._share(self.weeks)


def build_report(column, year, month, units=None, today=None):
    """The cadence of ``column`` in a month; ``units`` (a Unit queryset) narrows to articles
    of those units. One query for the articles, whatever the month holds."""
    today = today or timezone.localdate()
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    week_start = first - datetime.timedelta(days=first.weekday())
    week_end = last + datetime.timedelta(days=6 - last.weekday())
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(week_start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        week_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    articles = (
        ArticlePage.objects.live()
        .child_of(column)
        .filter(first_published_at__gte=since, first_published_at__lt=until)
        .defer_streamfields()
        .select_related("unit")
        .order_by("first_published_at")
    )
    if units is not None:
        articles = articles.filter(unit__in=units)

    days = {}
    day = first
    while day <= last:
        days[day] = Period(day, day, future=day > today)
        day += datetime.timedelta(days=1)
    weeks = []
    start = week_start
    while start <= last:
        weeks.append(Period(start, start + datetime.timedelta(days=6), future=start > today))
        start += datetime.timedelta(days=7)

    for article in articles:
        published = timezone.localtime(article.first_published_at).date()
        if article.kind == ArticleKind.NEWS and published in days:
            days[published].articles.append(article)
        elif article.kind == ArticleKind.STORY:
            for week in weeks:
                if week.start <= published <= week.end:
                    week.articles.append(article)
    return CadenceReport(year, month, list(days.values()), weeks)


# ---------------------------------------------------------------- a year of each column

CHART_MONTHS = 12
BAR_STEP, BAR_WIDTH, BAR_TOP, BAR_BASE = 28, 20, 16, 76  # SVG units: bars drawn in 16..76


@dataclass
class MonthBar:
    """One month's bar of a column's chart, its geometry computed here (no inline style)."""

    month: datetime.date
    count: int
    index: int
    peak: int

    @property
    def height(self):
        return round((BAR_BASE - BAR_TOP) * self.count / self.peak) if self.peak else 0

    @property
    def x(self):
        return self.index * BAR_STEP + (BAR_STEP - BAR_WIDTH) // 2

    @property
    def y(self):
        return BAR_BASE - self.height

    @property
    def middle(self):
        return self.index * BAR_STEP + BAR_STEP // 2


@dataclass
class ColumnYear:
    column: object
    bars: list

    @property
    def total(self):
        return sum(bar.count for bar in self.bars)

    @property
    def width(self):
        return BAR_STEP * len(self.bars)

    @property
    def description(self):
        """The chart in words, for screen readers: every month and its count."""
        return "; ".join(
            _("%(month)s: %(count)s") % {"month": bar.month.strftime("%m/%Y"), "count": bar.count}
            for bar in self.bars
        )


def chart_months(today, count=CHART_MONTHS):
    """The first days of the last ``count`` months, this one included, oldest first."""
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def articles_per_month(columns, units=None, today=None):
    """For each of ``columns``, the articles published in each of the last 12 months (by
    their first publication, in local time), of ``units`` when given. One query per column."""
    months = chart_months(today or timezone.localdate())
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(months[0], datetime.time.min, tzinfo=tz)
    years = []
    for column in columns:
        articles = ArticlePage.objects.live().child_of(column).filter(first_published_at__gte=since)
        if units is not None:
            articles = articles.filter(unit__in=units)
        counts = {
            timezone.localtime(month).date(): count
            for month, count in articles.annotate(month=TruncMonth("first_published_at", tzinfo=tz))
            .order_by()
            .values_list("month")
            .annotate(count=Count("pk"))
        }
        peak = max(counts.values(), default=0)
        bars = [
            MonthBar(month, counts.get(month, 0), index, peak) for index, month in enumerate(months)
        ]
        years.append(ColumnYear(column, bars))
    return years
