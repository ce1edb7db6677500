"""The editorial cadence of a column: one good-news item a day, one story a week.

For a month, each day says which news items were published, each week (Monday to Sunday,
those overlapping the month) which stories, and the report gives the share of days and weeks
that met the promise. Days and weeks still to come are not counted as missed.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone

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
