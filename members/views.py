"""Admin screens of the member register: the listing with its export, the create and edit
forms, the import (upload → preview → confirm) and the progress report.

Every view starts from the units the user holds a member role in (and their subtree): a
member outside them does not exist for that user (404), whatever the URL.
"""

import hashlib
import json
from datetime import timedelta

import django_filters
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from organisation.models import Unit

from .choices import ETHNICITY_CHOICES, Gender, Status
from .files import max_bytes, max_rows, too_big
from .forms import ImportForm, MemberForm
from .importing import (
    export_members,
    refused,
    run_import,
    template_file,
    write_csv,
    write_xlsx,
)
from .models import MANAGE_ROLES, VIEW_ROLES, Member, PendingImport
from .progress import progress_for, progress_table

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A previewed file waits this long for its confirmation.
PENDING_LIFETIME = timedelta(hours=2)


def can(user, permission):
    return user.has_perm(f"members.{permission}_member")


def file_response(content, file_name, file_format):
    content_type = XLSX_TYPE if file_format == "xlsx" else "text/csv; charset=utf-8"
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


def short_date_of_birth(member):
    """26/04/2004 as the union writes it, not "ngày 26 tháng 4 năm 2004"."""
    return date_format(member.date_of_birth, "SHORT_DATE_FORMAT")


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
        """Our export, not Wagtail's: template headers and order, formulas escaped,
        recorded in history."""
        if not can(self.request.user, "export"):
            raise PermissionDenied
        file_name = f"doan-vien-{timezone.localdate():%Y%m%d}.{spreadsheet_format}"
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
    # Any truthy list: the buttons then appear, and our as_spreadsheet writes the file.
    list_export = ["code"]
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
            path("import/done/<str:token>/", ImportDoneView.as_view(), name="done"),
            path("import/status/<str:token>/", ImportStatusView.as_view(), name="status"),
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
        content = upload.read()
        outcome = run_import(upload.name, content, user=request.user, unit=unit, dry_run=True)
        if outcome.ok:
            # One waiting file per user; anyone's expired files go too.
            PendingImport.objects.filter(
                Q(user=request.user) | Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
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
    """Import the stored file exactly as previewed, showing progress as rows go in."""

    def post(self, request, pk):
        pending = get_object_or_404(
            PendingImport,
            pk=pk,
            user=request.user,
            created_at__gte=timezone.now() - PENDING_LIFETIME,
        )
        content = bytes(pending.content)
        if hashlib.sha256(content).hexdigest() != pending.sha256:
            raise Http404
        token = hashlib.sha256(f"{pending.pk}:{pending.sha256}".encode()).hexdigest()[:32]
        language = translation.get_language()
        user = request.user
        context = {
            "done_url": reverse("members:done", args=[token]),
            "status_url": reverse("members:status", args=[token]),
        }

        def report(done, total):
            cache.set(progress_key(user, token), {"done": done, "total": total}, 3600)

        def stream():
            # The page head goes out first; its script polls the status view while the
            # import runs in this request, then the last line moves on to the result.
            with translation.override(language):
                yield render_to_string("members/import_progress.html", context)
                outcome = run_import(
                    pending.file_name,
                    content,
                    user=user,
                    unit=pending.unit,
                    dry_run=False,
                    progress=report,
                )
                cache.set(
                    result_key(user, token),
                    {
                        "file_name": pending.file_name,
                        "counts": outcome.counts(),
                        "errors": [str(error) for error in outcome.errors[:200]],
                        "written": outcome.written,
                    },
                    3600,
                )
                if outcome.written:
                    pending.delete()
                done_url = json.dumps(context["done_url"])
                yield f"<script>window.location.href = {done_url};</script></body></html>"

        response = StreamingHttpResponse(stream(), content_type="text/html; charset=utf-8")
        response["X-Accel-Buffering"] = "no"  # let a reverse proxy pass the page through
        return response


def progress_key(user, token):
    return f"members:import-progress:{user.pk}:{token}"


def result_key(user, token):
    return f"members:import-result:{user.pk}:{token}"


class ImportStatusView(ImportPermissionMixin, View):
    def get(self, request, token):
        return JsonResponse(cache.get(progress_key(request.user, token)) or {"done": 0, "total": 0})


class ImportDoneView(ImportPermissionMixin, View):
    def get(self, request, token):
        result = cache.get(result_key(request.user, token))
        if result is None:
            raise Http404
        return TemplateResponse(request, "members/import_done.html", {"result": result})


# ---------------------------------------------------------------- progress report


class ProgressView(View):
    def get(self, request):
        if not can(request.user, "view"):
            raise PermissionDenied
        rows, total = progress_for(request.user)
        file_format = request.GET.get("export")
        if file_format in ("csv", "xlsx"):
            headers, table = progress_table(rows, total)
            writer = write_xlsx if file_format == "xlsx" else write_csv
            content = writer(headers, [[str(cell) for cell in row] for row in table])
            return file_response(content, f"tien-do-doan-vien.{file_format}", file_format)
        return TemplateResponse(request, "members/progress.html", {"rows": rows, "total": total})
