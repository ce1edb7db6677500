"""Admin screens of the member register: the listing with its export, the create and edit
forms, the import (upload → preview → confirm) and the progress report.

Every view starts from the units the user holds a member role in (and their subtree): a
member outside them does not exist for that user (404), whatever the URL.
"""

import hashlib
from datetime import timedelta

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from cms.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, Sheet, write_csv, write_xlsx
from organisation.models import Unit

from .choices import ETHNICITY_CHOICES, Gender, Status
from .files import max_bytes, max_rows, too_big
from .forms import ImportForm, MemberForm
from .importing import (
    EXPORT_FIELDS,
    EXPORT_HEADINGS,
    export_members,
    read_rows,
    refused,
    run_import,
    template_file,
)
from .models import MANAGE_ROLES, VIEW_ROLES, ImportState, Member, PendingImport
from .progress import progress_for, progress_table
from .tasks import has_failed, rows_checked, start

# A previewed file waits this long for its confirmation.
PENDING_LIFETIME = timedelta(hours=2)


def can(user, permission):
    return user.has_perm(f"members.{permission}_member")


def file_response(content, file_name, file_format):
    content_type = XLSX_CONTENT_TYPE if file_format == "xlsx" else CSV_CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


# ---------------------------------------------------------------- listing


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
            units.queryset = Unit.objects.for_user(request.user, VIEW_ROLES)
            units.field.label_from_instance = lambda unit: unit.tree_label()

    def filter_unit(self, queryset, name, unit):
        """Members of the unit's chapters: a federation brings all of its own."""
        return queryset.filter(chapter__path__startswith=unit.path) if unit else queryset


class MemberIndexView(generic.IndexView):
    any_permission_required = ["view", "add", "change", "delete"]

    def get_base_queryset(self):
        return Member.objects.visible_to(self.request.user).select_related("chapter")

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
        header with a filter, formulas never run) and the export is recorded in history.
        Wagtail has no documented hook for the writer, so this one method stands in for it."""
        if not can(self.request.user, "export"):
            raise PermissionDenied
        file_name = f"{self.get_filename()}-{timezone.localdate():%Y%m%d}.{spreadsheet_format}"
        unit = self.filters.form.cleaned_data.get("unit") if self.is_filtering else None
        content = export_members(
            queryset, spreadsheet_format, user=self.request.user, unit=unit, file_name=file_name
        )
        return file_response(content, file_name, spreadsheet_format)

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
        return buttons


class ScopedObjectMixin:
    """Only members of units where the user may act with ``scope_roles`` exist."""

    scope_roles = MANAGE_ROLES

    def get_object(self, *args, **kwargs):
        member = super().get_object(*args, **kwargs)
        allowed = Unit.objects.for_user(self.request.user, self.scope_roles)
        if not allowed.filter(pk=member.chapter_id).exists():
            raise Http404
        return member


class MemberEditView(ScopedObjectMixin, generic.EditView):
    pass


class MemberDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class MemberHistoryView(ScopedObjectMixin, generic.HistoryView):
    scope_roles = VIEW_ROLES


class MemberUsageView(ScopedObjectMixin, generic.UsageView):
    scope_roles = VIEW_ROLES


class MemberViewSet(ModelViewSet):
    """The register in the admin, one menu entry under its own name."""

    model = Member
    form_class = MemberForm
    icon = "group"
    menu_label = gettext_lazy("Members")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = MemberIndexView
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
        Column("date_of_birth", label=gettext_lazy("Date of birth"), sort_key="date_of_birth"),
        Column("ethnicity", label=gettext_lazy("Ethnicity"), sort_key="ethnicity"),
        Column("get_status_display", label=gettext_lazy("Status"), sort_key="status"),
        BooleanColumn("app_updated", label=gettext_lazy("On the app"), sort_key="app_updated"),
    ]
    ordering = ["full_name", "code"]

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
        if rows is not None:
            outcome = run_import(upload.name, rows, user=request.user, unit=unit, dry_run=True)
        if outcome.ok:
            # The rows as read are kept, not the file: the confirmation does not parse again.
            content = rows.to_json()
            # One waiting file per user (never one being imported); anyone's expired files go.
            settled = ~Q(state__in=[ImportState.QUEUED, ImportState.RUNNING])
            PendingImport.objects.filter(
                (Q(user=request.user) & settled)
                | Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
            ).delete()
            pending = PendingImport.objects.create(
                user=request.user,
                file_name=upload.name[:255],
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                unit=unit,
            )
        return self.render(form, outcome=outcome, pending=pending)

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
            start(pending, translation.get_language())
        # A second click while it runs, or after it is done, only shows the import's page.
        return redirect("members:import_status", pk=pending.pk)


class ImportStatusView(ImportPermissionMixin, View):
    """The import's page: rows checked / total while it runs (the page reloads itself, and
    the person may leave and come back), then the result with its row errors; a failed or
    killed run is shown as failed with a button to run it again."""

    def get(self, request, pk):
        pending = get_object_or_404(PendingImport, pk=pk, user=request.user)
        failed = has_failed(pending)
        running = pending.state in (ImportState.QUEUED, ImportState.RUNNING) and not failed
        done = rows_checked(pending)
        context = {
            "pending": pending,
            "failed": failed,
            "running": running,
            "done": done,
            "total": pending.rows_total,
            "percent": round(100 * done / pending.rows_total) if pending.rows_total else 0,
            "result": pending.result,
        }
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
        return TemplateResponse(request, "members/progress.html", {"rows": rows, "total": total})
