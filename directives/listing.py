"""The public list of documents: filters read from the URL (so they work without JavaScript and
can be shared), newest first, paginated, in a fixed number of queries."""

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import F
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.search.engine import matching_ids

from .models import DirectivePage, DocType, Issuer, with_progress

PER_PAGE = 20


class ImplementationStatus:
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    NOT_ASSIGNED = "not_assigned"

    choices = [
        (IN_PROGRESS, _("Being carried out")),
        (COMPLETED, _("Every unit has reported")),
        (NOT_ASSIGNED, _("Not assigned to units")),
    ]


class DirectiveFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or title"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Document type"), required=False)
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Implementation"), required=False)

    def __init__(self, *args, issuers=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["type"].choices = everything + list(DocType.choices)
        self.fields["issuer"].choices = everything + [
            (issuer.code, issuer.name) for issuer in issuers
        ]
        self.fields["year"].choices = everything + [(year, str(year)) for year in years]
        self.fields["status"].choices = everything + ImplementationStatus.choices

    def filter(self, documents):
        """Apply the valid filters; an invalid value (a stale link) is simply ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        if text := (data.get("q") or "").strip():
            # The site search's rule (folding, numbers however typed), so /van-ban/?q= finds
            # what /tim-kiem/ finds; the list keeps its own order.
            documents = documents.filter(pk__in=matching_ids(DirectivePage.objects.live(), text))
        if data.get("type"):
            documents = documents.filter(doc_type=data["type"])
        if data.get("issuer"):
            documents = documents.filter(issuer__code=data["issuer"])
        if data.get("year"):
            documents = documents.filter(issue_date__year=data["year"])
        status = data.get("status")
        if status == ImplementationStatus.IN_PROGRESS:
            documents = documents.filter(
                assigned_count__gt=0, reported_count__lt=F("assigned_count")
            )
        elif status == ImplementationStatus.COMPLETED:
            documents = documents.filter(assigned_count__gt=0, reported_count=F("assigned_count"))
        elif status == ImplementationStatus.NOT_ASSIGNED:
            documents = documents.filter(assigned_count=0)
        return documents


def documents_under(index_page):
    """Live documents of a list, newest first, with what a card shows, in one query."""
    return with_progress(
        DirectivePage.objects.live()
        .child_of(index_page)
        .select_related("issuer")
        .order_by(F("issue_date").desc(nulls_last=True), "-first_published_at", "-pk")
    )


def source_index(index_page):
    """The index whose documents a list shows: its own, or, for a translated list that has
    none (the English site: official documents stay in Vietnamese), the default language's."""
    if DirectivePage.objects.live().child_of(index_page).exists():
        return index_page
    default = Locale.get_default()
    if index_page.locale_id == default.pk:
        return index_page
    return index_page.get_translation_or_none(default) or index_page


def listing_context(index_page, request):
    index_page = source_index(index_page)
    base = DirectivePage.objects.live().child_of(index_page)
    years = sorted(
        {
            year
            for year in base.annotate(year=ExtractYear("issue_date"))
            .values_list("year", flat=True)
            .distinct()
            if year
        },
        reverse=True,
    )
    issuers = Issuer.objects.filter(pk__in=base.values("issuer_id"))
    form = DirectiveFilterForm(request.GET or None, issuers=issuers, years=years)
    documents = (
        form.filter(documents_under(index_page)) if form.is_bound else documents_under(index_page)
    )

    paginator = Paginator(documents, PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)

    # Pagination links keep the filters: the query string without its page number.
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "documents": page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
    }
