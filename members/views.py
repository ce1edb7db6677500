"""Admin screens of the member register: the listing with its export, the create and edit
forms, the import (upload → preview → confirm) and the progress report.

Every view asks the member permission policy (``organisation.policies.MEMBER_POLICY``, which
reads the ``member.*`` rows of the table in ``organisation/rules.py``): a member outside the
units where the user may do the view's action does not exist for that user (404), whatever the
URL.
"""

import hashlib
from datetime import timedelta

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import (
    BooleanColumn,
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    UserColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import ModelLogEntry

from cms.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, write_csv, write_xlsx
from organisation.models import Unit
from organisation.policies import MEMBER_POLICY
from organisation.views import ScopedFormObjectMixin, ScopedListingMixin, ScopedObjectMixin

from .actions import DELETE_ACTION
from .choices import ETHNICITY_CHOICES, Gender, Status
from .files import max_bytes, max_rows, too_big
from .forms import ImportForm, MemberForm
from .importing import (
    EXPORT_ACTION,
    EXPORT_FIELDS,
    EXPORT_HEADINGS,
    IMPORT_ACTION,
    ImportOutcome,
    describe_filters,
    export_members,
    read_rows,
    refused,
    run_import,
    template_file,
)
from .models import ImportState, Member, PendingImport
from .progress import CHART_ROW_HEIGHT, chart_rows, progress_for, progress_table, updated_by_month
from .tasks import (
    UNDER_WAY,
    has_failed,
    has_started,
    is_checking,
    rows_checked,
    runs_as_task,
    start,
    start_check,
)

# A previewed file waits this long for its confirmation.
PENDING_LIFETIME = timedelta(hours=2)


def can(user, action):
    """May ``user`` do ``action`` (view, add, change, delete, import, export, audit) for the
    members of at least one unit?"""
    return MEMBER_POLICY.user_has_permission(user, action)


def file_response(content, file_name, file_format):
    content_type = XLSX_CONTENT_TYPE if file_format == "xlsx" else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


# ---------------------------------------------------------------- listing


def export_response(request, queryset, file_format, unit=None, filters=None):
    """The member file of ``queryset`` (narrowed to the members the user may export), in
    ``file_format``, recorded in the register log on ``unit`` (else the top of the user's
    reach) with ``filters``: the one export path of the listing and the bulk action."""
    if not can(request.user, "export"):
        raise PermissionDenied
    file_name = f"doan-vien-{timezone.localdate():%Y%m%d}.{file_format}"
    # The history entry goes on the unit the file covers, so that the register log of that
    # unit shows it: the filtered unit, else the top of the user's reach.
    unit = unit or export_scope(request.user)
    queryset = queryset.filter(
        pk__in=MEMBER_POLICY.instances_user_has_permission_for(request.user, "export")
    )
    content = export_members(
        queryset, file_format, user=request.user, unit=unit, file_name=file_name, filters=filters
    )
    return file_response(content, file_name, file_format)


def export_scope(user):
    """The one unit above every unit ``user`` may export, or None when their units are in
    separate branches (then the export is recorded on the school union)."""
    units = list(MEMBER_POLICY.units(user, "export").order_by("path")[:1])
    if not units:
        return None
    top = units[0]
    outside = MEMBER_POLICY.units(user, "export").exclude(path__startswith=top.path)
    return None if outside.exists() else top


class MemberFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), method="filter_unit"
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    gender = django_filters.ChoiceFilter(label=gettext_lazy("Gender"), choices=Gender.choices)
    ethnicity = django_filters.ChoiceFilter(
        label=gettext_lazy("Ethnicity"), choices=ETHNICITY_CHOICES
    )
    app_updated = django_filters.BooleanFilter(
        label=gettext_lazy("Updated on the app"),
    )

    class Meta:
        model = Member
        fields = ["unit", "status", "gender", "ethnicity", "app_updated"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            units = self.filters["unit"]
            units.queryset = MEMBER_POLICY.units(request.user, "view")
            units.field.label_from_instance = lambda unit: unit.tree_label()

    def filter_unit(self, queryset, name, unit):
        """Members of the unit's chapters: a federation brings all of its own."""
        return queryset.filter(chapter__path__startswith=unit.path) if unit else queryset


def short_date_of_birth(member):
    """26/04/2004 as the union writes it, not "ngày 26 tháng 4 năm 2004"."""
    return date_format(member.date_of_birth, "SHORT_DATE_FORMAT")


class MemberCheckboxColumn(BulkActionsCheckboxColumn):
    def get_aria_describedby(self, instance):
        # Wagtail's generic title column has no documented id to point at; the checkbox
        # keeps its own label ("Chọn") and sits in the row of the member's name.
        return None


class MemberIndexView(ScopedListingMixin, generic.IndexView):
    any_permission_required = ["view", "add", "change", "delete"]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("chapter")

    @cached_property
    def columns(self):
        # A checkbox per row for the bulk actions (bulk_actions.py), as Wagtail's snippet
        # listing adds it; the footer is in members/member_index.html.
        return [MemberCheckboxColumn("bulk_actions", obj_type="member"), *super().columns]

    def order_queryset(self, queryset):
        """The name column sorts as Vietnamese lists do: by given name, then the rest
        (``Member.sort_name``), not by family name as the stored full name would."""
        by_name = {"full_name": "sort_name", "-full_name": "-sort_name"}
        if self.ordering in by_name:
            return queryset.order_by(by_name[self.ordering], "code")
        return super().order_queryset(queryset)

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.search(self.search_query)

    @cached_property
    def show_export_buttons(self):
        return can(self.request.user, "export")

    def as_spreadsheet(self, queryset, spreadsheet_format):
        """The columns are the ViewSet's ``list_export`` and ``export_headings``; the file is
        written by the project's one writer (cms/spreadsheets.py: real date cells, a frozen
        header with a filter, formulas never run) and the export is recorded in history with
        the filters that chose its rows. Wagtail has no documented hook for the writer, so
        this one method stands in for it."""
        return export_response(
            self.request,
            queryset,
            spreadsheet_format,
            unit=self.filtered_unit,
            filters=self.export_filters,
        )

    @cached_property
    def filtered_unit(self):
        return self.filters.form.cleaned_data.get("unit") if self.is_filtering else None

    @cached_property
    def export_filters(self):
        """The listing's filters in force, as the register log keeps them (importing.record):
        codes and choices, and whether a search narrowed the rows (not its words, which
        may be a person's name)."""
        filters = {}
        if self.is_filtering:
            for name, value in self.filters.form.cleaned_data.items():
                if value in (None, ""):
                    continue
                if name == "unit":
                    value = value.code
                elif isinstance(value, bool):
                    value = "yes" if value else "no"
                filters[name] = str(value)
        if self.is_searching:
            filters["search"] = "yes"
        return filters

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can(self.request.user, "import"):
            buttons.append(
                HeaderButton(
                    _("Import from a file"), url=reverse("members:import"), icon_name="upload"
                )
            )
        buttons.append(
            HeaderButton(_("Progress by unit"), url=reverse("members:progress"), icon_name="table")
        )
        # The list as filtered now, like Wagtail's download buttons (same query string).
        query = self.request.GET.copy()
        query.pop("p", None)
        buttons.append(
            HeaderButton(
                _("Print the list"),
                url=f"{reverse('members:print')}?{query.urlencode()}",
                icon_name="doc-full",
            )
        )
        if can(self.request.user, "audit"):
            buttons.append(
                HeaderButton(_("Register log"), url=reverse("members:audit"), icon_name="history")
            )
        return buttons


class MemberPrintView(MemberIndexView):
    """The register as filtered on the listing (same filters, search, order and scope), on
    one printable page: A4 landscape, no admin chrome, dates dd/mm/yyyy, with the unit, the
    date and the counts. Contact details stay off the paper."""

    template_name = "members/print.html"
    # A page of paper for a few thousand members at most; beyond, the filters narrow it.
    max_rows = 3000

    def get_paginate_by(self, queryset):
        # One "page" of the listing's paginator: only the rows printed are read.
        return self.max_rows

    def paginate_queryset(self, queryset, page_size):
        # Always the first rows: the listing's page number (?p=) is not the paper's.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(1)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.filtered_unit or export_scope(self.request.user)
        active = Q(status=Status.ACTIVE)
        counts = context["paginator"].object_list.aggregate(
            active=Count("pk", filter=active),
            updated=Count("pk", filter=active & Q(app_updated=True)),
        )
        context.update(
            {
                "unit": unit,
                "today": timezone.localdate(),
                "members": context["object_list"],
                "count": context["items_count"],
                **counts,
                "max_rows": self.max_rows,
                "filters": describe_filters(
                    {k: v for k, v in self.export_filters.items() if k != "unit"}
                ),
            }
        )
        return context


class MemberEditView(ScopedFormObjectMixin, generic.EditView):
    object_action = "change"


class MemberDeleteView(ScopedFormObjectMixin, generic.DeleteView):
    object_action = "delete"


class MemberHistoryView(ScopedObjectMixin, generic.HistoryView):
    # Wagtail's history view asks for add, change or delete; the register's history is for
    # everyone who may see the member (reviewers and approvers supervise).
    any_permission_required = ["view"]
    object_action = "view"


class MemberUsageView(ScopedObjectMixin, generic.UsageView):
    permission_required = "view"
    object_action = "view"


class MemberViewSet(ModelViewSet):
    """The register in the admin, one menu entry under its own name."""

    model = Member
    form_class = MemberForm
    icon = "group"
    menu_label = gettext_lazy("Members")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = MemberIndexView
    index_template_name = "members/member_index.html"
    edit_view_class = MemberEditView
    delete_view_class = MemberDeleteView
    history_view_class = MemberHistoryView
    usage_view_class = MemberUsageView
    copy_view_enabled = False
    filterset_class = MemberFilterSet
    list_per_page = 50
    # The export's columns and headings (the template's, with the chapter's name).
    list_export = EXPORT_FIELDS
    export_headings = EXPORT_HEADINGS
    export_filename = "doan-vien"
    search_fields = ["search_text"]
    list_display = [
        "full_name",
        "code",
        Column("chapter", label=gettext_lazy("Chapter"), sort_key="chapter__path"),
        Column(
            "date_of_birth",
            label=gettext_lazy("Date of birth"),
            sort_key="date_of_birth",
            accessor=short_date_of_birth,
        ),
        Column("ethnicity", label=gettext_lazy("Ethnicity"), sort_key="ethnicity"),
        Column("get_status_display", label=gettext_lazy("Status"), sort_key="status"),
        BooleanColumn("app_updated", label=gettext_lazy("On the app"), sort_key="app_updated"),
    ]
    # The name column sorts as Vietnamese lists do (MemberIndexView.order_queryset).
    ordering = "full_name"

    def get_form_class(self, for_update=False):
        return MemberForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", ImportView.as_view(), name="import"),
            path(
                "import/template/<str:file_format>/",
                TemplateDownloadView.as_view(),
                name="template",
            ),
            path("import/<int:pk>/confirm/", ConfirmImportView.as_view(), name="confirm"),
            path("import/<int:pk>/", ImportStatusView.as_view(), name="import_status"),
            path("progress/", ProgressView.as_view(), name="progress"),
            path(
                "print/",
                self.construct_view(
                    MemberPrintView,
                    **self.get_index_view_kwargs(template_name=MemberPrintView.template_name),
                ),
                name="print",
            ),
            path("audit/", AuditView.as_view(), name="audit"),
            path("audit/results/", AuditView.as_view(results_only=True), name="audit_results"),
        ]


# ---------------------------------------------------------------- import


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, "import"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TemplateDownloadView(ImportPermissionMixin, View):
    def get(self, request, file_format):
        if file_format not in ("csv", "xlsx"):
            raise Http404
        return file_response(
            template_file(file_format), f"mau-nhap-doan-vien.{file_format}", file_format
        )


class ImportView(ImportPermissionMixin, View):
    """Upload, then a dry run: the preview, or every error by line and column."""

    template_name = "members/import.html"

    def get(self, request):
        return self.render(ImportForm(user=request.user))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render(form)
        upload = form.cleaned_data["file"]
        unit = form.cleaned_data["unit"]
        pending = None
        if upload.size > max_bytes():  # refused before a byte is read
            return self.render(form, outcome=refused(upload.name, too_big(upload.size)))
        rows, outcome = read_rows(upload.name, upload.read())
        if rows is None:
            return self.render(form, outcome=outcome)
        if runs_as_task(len(rows.rows)):
            # Thousands of rows: checked in the background, the preview on the import's page.
            pending = self.keep(upload.name, rows, unit)
            start_check(pending, translation.get_language())
            return redirect("members:import_status", pk=pending.pk)
        outcome = run_import(upload.name, rows, user=request.user, unit=unit, dry_run=True)
        if outcome.ok:
            pending = self.keep(upload.name, rows, unit)
        return self.render(form, outcome=outcome, pending=pending)

    def keep(self, file_name, rows, unit):
        """Keep the rows as read, not the file: the confirmation does not parse again."""
        content = rows.to_json()
        # One waiting file per user (never one under way); anyone's expired files go.
        PendingImport.objects.filter(
            (Q(user=self.request.user) & ~Q(state__in=UNDER_WAY))
            | Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
        ).delete()
        return PendingImport.objects.create(
            user=self.request.user,
            file_name=file_name[:255],
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            unit=unit,
            rows_total=len(rows.rows),
        )

    def render(self, form, **context):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "max_rows": max_rows(), **context},
        )


class ConfirmImportView(ImportPermissionMixin, View):
    """Import the stored rows exactly as previewed (members/tasks.py decides whether in this
    request or as a background task), then show the import's page."""

    def post(self, request, pk):
        pending = get_object_or_404(
            PendingImport,
            pk=pk,
            user=request.user,
            created_at__gte=timezone.now() - PENDING_LIFETIME,
        )
        if pending.state == ImportState.PREVIEWED or has_failed(pending):
            if hashlib.sha256(bytes(pending.content)).hexdigest() != pending.sha256:
                raise Http404
            if is_checking(pending):
                start_check(pending, translation.get_language())  # the check died: again
            else:
                start(pending, translation.get_language())
        # A second click while it runs, or after it is done, only shows the import's page.
        return redirect("members:import_status", pk=pending.pk)


class ImportStatusView(ImportPermissionMixin, View):
    """The import's page. For a large file, first its check: rows checked / total, then the
    preview (or every row error) with the confirmation. Then the import: rows checked / total
    while it runs (the page reloads itself, and the person may leave and come back), then the
    result with its row errors. A failed or killed run is shown as failed with a button to run
    it again."""

    def get(self, request, pk):
        pending = get_object_or_404(PendingImport, pk=pk, user=request.user)
        failed = has_failed(pending)
        running = pending.state in UNDER_WAY and not failed
        done = rows_checked(pending)
        context = {
            "pending": pending,
            "checking": is_checking(pending),
            "failed": failed,
            "running": running,
            "started": has_started(pending),
            "done": done,
            "total": pending.rows_total,
            "percent": round(100 * done / pending.rows_total) if pending.rows_total else 0,
            "result": pending.result,
        }
        if pending.state in (ImportState.PREVIEWED, ImportState.REFUSED) and pending.result:
            context["outcome"] = ImportOutcome.from_data(pending.result)
        response = TemplateResponse(request, "members/import_status.html", context)
        if running:
            response["Refresh"] = "2"  # reload until it is done; no script needed
        return response


# ---------------------------------------------------------------- progress report


class ProgressView(View):
    def get(self, request):
        if not can(request.user, "view"):
            raise PermissionDenied
        rows, total = progress_for(request.user)
        file_format = request.GET.get("export")
        if file_format in ("csv", "xlsx"):
            headers, table = progress_table(rows, total)
            if file_format == "xlsx":
                content = write_xlsx(Sheet(title="Tiến độ", headers=headers, rows=table))
            else:
                content = write_csv(headers, table)
            return file_response(content, f"tien-do-doan-vien.{file_format}", file_format)
        months, undated = updated_by_month(request.user)
        context = {
            "rows": rows,
            "total": total,
            "chart_rows": chart_rows(rows),
            "chart_height": CHART_ROW_HEIGHT * len(rows),
            "months": months,
            "undated": undated,
        }
        return TemplateResponse(request, "members/progress.html", context)


# ---------------------------------------------------------------- audit


def audit_entries(user):
    """The history entries of imports, exports and deletions of members in the units the
    table lets ``user`` audit. Entries hold who, when, the file, counts and the unit, never a
    member's data (importing.record, actions.MemberDeleteAction)."""
    units = [str(pk) for pk in MEMBER_POLICY.units(user, "audit").values_list("pk", flat=True)]
    unit_type = ContentType.objects.get_for_model(Unit)
    member_type = ContentType.objects.get_for_model(Member)
    return ModelLogEntry.objects.filter(
        Q(content_type=unit_type, action__in=[IMPORT_ACTION, EXPORT_ACTION], object_id__in=units)
        | Q(content_type=member_type, action=DELETE_ACTION, data__unit_id__in=units)
    ).select_related("user")


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(
        label=gettext_lazy("Action"),
        choices=[
            (IMPORT_ACTION, gettext_lazy("Import")),
            (EXPORT_ACTION, gettext_lazy("Export")),
            (DELETE_ACTION, gettext_lazy("Delete")),
        ],
    )
    timestamp = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Date"), widget=DateRangePickerWidget
    )
    user = django_filters.ModelChoiceFilter(
        label=gettext_lazy("User"), queryset=get_user_model().objects.none()
    )
    unit = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Unit"), queryset=Unit.objects.none(), method="filter_unit"
    )

    class Meta:
        model = ModelLogEntry
        fields = ["action", "timestamp", "user", "unit"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["user"].queryset = get_user_model().objects.filter(
            pk__in=self.queryset.values("user_id")
        )
        if request is not None:
            units = self.filters["unit"]
            units.queryset = MEMBER_POLICY.units(request.user, "audit")
            units.field.label_from_instance = lambda unit: unit.tree_label()

    def filter_unit(self, queryset, name, unit):
        """Entries of the unit and the units below it."""
        if not unit:
            return queryset
        ids = [str(pk) for pk in unit.subtree().values_list("pk", flat=True)]
        return queryset.filter(
            Q(content_type=ContentType.objects.get_for_model(Unit), object_id__in=ids)
            | Q(data__unit_id__in=ids)
        )


def entry_unit(entry):
    return entry.data.get("unit", "")


def entry_action(entry):
    return entry.formatter.label if entry.formatter else entry.action


class AuditView(ReportView):
    """Who imported, exported or deleted members of the user's units, when, which file and how
    many rows: for the member managers and the school union (the ``member.audit`` row)."""

    page_title = gettext_lazy("Member register log")
    header_icon = "history"
    index_url_name = "members:audit"
    index_results_url_name = "members:audit_results"
    filterset_class = AuditFilterSet
    paginate_by = 50
    columns = [
        DateColumn("timestamp", label=gettext_lazy("Date")),
        UserColumn("user", label=gettext_lazy("User"), blank_display_name=""),
        Column("action", label=gettext_lazy("Action"), accessor=entry_action),
        Column("message", label=gettext_lazy("Details")),
        Column("record", label=gettext_lazy("Record"), accessor="label"),
        Column("unit", label=gettext_lazy("Unit"), accessor=entry_unit),
    ]

    permission_policy = MEMBER_POLICY
    permission_required = "audit"

    def get_queryset(self):
        return audit_entries(self.request.user).order_by("-timestamp", "-pk")
