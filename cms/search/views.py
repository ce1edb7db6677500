"""The site search at /tim-kiem/: articles and documents of the reader's language."""

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from .engine import search_pages
from .folding import parse_query
from .results import OWN_DATE_FIELD, describe, has_own_date
from .suggest import suggest

# The kinds of page a reader can search for, by model label. A type whose app is not installed
# is left out; with no type installed, every live page is searched.
SEARCH_TYPES = {
    "article": ("columns.ArticlePage", _("Articles")),
    "document": ("directives.DirectivePage", _("Documents")),
}
COLUMN_MODEL = "columns.ColumnIndexPage"
MAX_QUERY_LENGTH = 200


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def installed_types():
    return {
        key: (model, label)
        for key, (model_label, label) in SEARCH_TYPES.items()
        if (model := _model(model_label))
    }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    column = forms.TypedChoiceField(label=_("Column"), coerce=int, required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, types, columns, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All types"))] + [
            (key, label) for key, (_model, label) in types.items()
        ]
        self.fields["column"].choices = [("", _("All columns"))] + [
            (column.pk, column.title) for column in columns
        ]
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]


def _site_pages(request):
    """Live, public pages of the reader's language on this site."""
    locale = Locale.get_active()
    pages = Page.objects.live().public().filter(locale=locale)
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page.get_translation_or_none(locale) or site.root_page
        pages = pages.descendant_of(root, inclusive=True)
    return pages


def _dated(types):
    """The searchable page types with a date of their own, which their results show."""
    return [model for model, _label in types.values() if has_own_date(model)]


def _years(pages, dated):
    """The years a reader can filter by: of the date each result shows."""
    published = pages.not_type(*dated) if dated else pages
    years = {
        d.year
        for d in published.exclude(first_published_at=None).dates("first_published_at", "year")
    }
    for model in dated:
        own = model.objects.filter(pk__in=pages.type(model).values("pk"))
        years |= {d.year for d in own.dates(OWN_DATE_FIELD, "year")}
    return sorted(years, reverse=True)


def _in_year(pages, year, dated):
    """Pages whose shown date falls in ``year``: a document's issue date, not the day it was put
    on the site; the first publication for the rest."""
    tz = timezone.get_current_timezone()
    start = timezone.datetime(year, 1, 1, tzinfo=tz)
    end = timezone.datetime(year + 1, 1, 1, tzinfo=tz)
    published = Q(first_published_at__gte=start, first_published_at__lt=end)
    if not dated:
        return pages.filter(published)
    condition = published & ~Q(pk__in=pages.type(*dated).values("pk"))
    for model in dated:
        own = model.objects.filter(**{f"{OWN_DATE_FIELD}__year": year}).values("pk")
        condition |= Q(pk__in=own)
    return pages.filter(condition)


def search(request):
    pages = _site_pages(request)
    types = installed_types()
    column_model = _model(COLUMN_MODEL)
    columns = pages.type(column_model).order_by("path") if column_model else Page.objects.none()
    dated = _dated(types)
    searchable = pages.type(*[model for model, _label in types.values()]) if types else pages
    form = SearchForm(request.GET, types=types, columns=columns, years=_years(searchable, dated))
    form.is_valid()  # an unknown filter value is dropped, not an error page
    data = getattr(form, "cleaned_data", {})
    query = (data.get("q") or "").strip()

    chosen = types.get(data.get("type"))
    pages = pages.type(chosen[0]) if chosen else searchable
    if data.get("column"):
        column = next((c for c in columns if c.pk == data["column"]), None)
        pages = pages.descendant_of(column) if column else pages.none()
    if data.get("year"):
        pages = _in_year(pages, data["year"], dated)

    results = page_obj = None
    suggestion = suggestion_query = ""
    if query and parse_query(query):
        hits = search_pages(pages, query)
        paginator = Paginator(hits, settings.SEARCH_RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger):
            page_obj = paginator.page(1)
        results = describe(list(page_obj.object_list), query)
        if not hits and (suggestion := suggest(pages, query)):
            corrected = request.GET.copy()
            corrected.pop("page", None)
            corrected["q"] = suggestion
            suggestion_query = corrected.urlencode()

    filters = request.GET.copy()
    filters.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "page_obj": page_obj,
            "filter_query": filters.urlencode(),
            "suggestion": suggestion,
            "suggestion_query": suggestion_query,
            "has_filters": any(data.get(name) for name in ("type", "column", "year")),
            "alternates_by_language": True,
        },
    )
