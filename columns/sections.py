"""What the columns put on the home page: the latest articles, one block per column with its
latest three not already among them, and the month's most read. Each is a fixed number of
queries."""

from django.db.models import F, Sum, Window
from django.db.models.functions import RowNumber, Substr
from django.template.loader import render_to_string
from django.utils import timezone

from .models import ArticlePage, ArticleView, ColumnIndexPage

LATEST_COUNT = 6
PER_COLUMN = 3
MOST_READ_COUNT = 5


def _articles(page):
    """Live articles in the home page's language."""
    return ArticlePage.objects.listing().filter(locale_id=page.locale_id)


def _latest(page):
    return _articles(page)[:LATEST_COUNT]


def latest_articles(request, page):
    articles = list(_latest(page))
    if not articles:
        return None
    return render_to_string(
        "columns/sections/latest.html", {"articles": articles, "page": page}, request=request
    )


def column_blocks(request, page):
    columns = list(ColumnIndexPage.objects.live().public().child_of(page).order_by("path"))
    if not columns:
        return None
    # One query for every column's latest three: number the articles within their parent
    # (the column's path is the article's path minus its last step). Those in "Latest
    # articles" above are left out, so the page never shows the same card twice.
    ranked = (
        _articles(page)
        .descendant_of(page)
        .exclude(pk__in=_latest(page).values("pk"))
        .annotate(
            column_path=Substr("path", 1, (F("depth") - 1) * ArticlePage.steplen),
            rank=Window(
                RowNumber(),
                partition_by=Substr("path", 1, (F("depth") - 1) * ArticlePage.steplen),
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=PER_COLUMN)
    )
    by_column = {}
    for article in ranked:
        by_column.setdefault(article.column_path, []).append(article)
    blocks = [(column, by_column.get(column.path, [])) for column in columns]
    return render_to_string(
        "columns/sections/columns.html", {"blocks": blocks, "page": page}, request=request
    )


def most_read(page, count=MOST_READ_COUNT, articles=None):
    """This month's most read live articles in the page's language, each with its
    ``month_views``: two queries. ``articles`` is the queryset to fetch them from."""
    start = timezone.localdate().replace(day=1)
    top = list(
        ArticleView.objects.filter(day__gte=start, page__live=True, page__locale_id=page.locale_id)
        .values("page")
        .annotate(month_views=Sum("count"))
        .order_by("-month_views", "page")[:count]
    )
    if not top:
        return []
    found = (_articles(page) if articles is None else articles).in_bulk(
        [row["page"] for row in top]
    )
    chosen = []
    for row in top:
        article = found.get(row["page"])
        if article is not None:
            article.month_views = row["month_views"]
            chosen.append(article)
    return chosen


def reading_list(article, count=5):
    """What an article page offers next in its side column: the latest articles and the
    month's most read, titles only (no images), in three queries however many there are."""
    titles = ArticlePage.objects.live().filter(locale_id=article.locale_id).defer_streamfields()
    latest = list(titles.exclude(pk=article.pk).order_by("-first_published_at", "-pk")[:count])
    return {"latest": latest, "most_read": most_read(article, count, articles=titles)}


def most_read_this_month(request, page):
    articles = most_read(page)
    if not articles:
        return None
    return render_to_string(
        "columns/sections/most_read.html", {"articles": articles, "page": page}, request=request
    )
