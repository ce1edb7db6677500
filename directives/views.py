"""Admin screens: a document's assignments (hand it out, acknowledge, write the report) and the
school union's progress matrix. Every action checks the user again, whatever link led here."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from organisation.policies import ASSIGNMENT_POLICY

from . import assignments as actions
from .forms import AssignForm
from .models import Assignment, DirectivePage
from .progress import build_matrix, cell_text, progress_bars, to_xlsx, visible_units
from .reminders import late_units, remind
from .rules import may_assign, units_acting_for


class TitledScreenMixin(WagtailAdminTemplateMixin):
    """Wagtail's header shows the breadcrumb, not the page title (that one is for screen
    readers): without a crumb of its own the screen's visible title was "Trang chủ"."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class DocumentAssignmentsView(TitledScreenMixin, TemplateView):
    """Who was asked to carry a document out, how far each unit has got, and the form to
    hand it to more units."""

    template_name = "directives/admin/document_assignments.html"
    header_icon = "tasks"

    def dispatch(self, request, page_id):
        self.document = get_object_or_404(DirectivePage.objects.select_related("unit"), pk=page_id)
        self.can_assign = may_assign(request.user, self.document)
        self.acting_for = set(units_acting_for(request.user).values_list("pk", flat=True))
        self.assignments = list(
            Assignment.objects.filter(document=self.document)
            .select_related("unit", "acknowledged_by", "reported_by", "report")
            .order_by("unit__path")
        )
        # Units that act on it, and the reviewers and approvers who follow those units.
        followed = self.acting_for | set(visible_units(request.user).values_list("pk", flat=True))
        concerned = any(item.unit_id in followed for item in self.assignments)
        if not (self.can_assign or concerned):
            raise PermissionDenied
        return super().dispatch(request)

    def get_page_title(self):
        return _("Implementation of %(document)s") % {"document": self.document.heading()}

    def get_page_subtitle(self):
        return self.document.title

    def post(self, request):
        if not self.can_assign:
            raise PermissionDenied
        form = AssignForm(request.POST, document=self.document)
        if form.is_valid():
            try:
                created, skipped = actions.assign(
                    self.document,
                    form.cleaned_data["unit"],
                    form.cleaned_data["scope"],
                    form.cleaned_data["deadline"],
                    request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                for field_name, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field_name if field_name in form.fields else None, problem)
            else:
                messages.success(
                    request,
                    _("Assigned to %(count)s unit(s); their editors have been emailed.")
                    % {"count": len(created)},
                )
                if skipped:
                    messages.warning(
                        request,
                        _("%(count)s unit(s) already had this document and were left as they were.")
                        % {"count": skipped},
                    )
                return redirect("directives_admin:assignments", self.document.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        if self.can_assign and "form" not in context:
            context["form"] = AssignForm(document=self.document)
        context.update(
            document=self.document,
            can_assign=self.can_assign,
            # A chapter that only carries the document out must not be offered its editor.
            can_edit=self.document.permissions_for_user(self.request.user).can_edit(),
            rows=[
                {
                    "assignment": item,
                    "may_act": item.unit_id in self.acting_for,
                    "overdue": item.is_overdue(today),
                    "status_text": cell_text(item, today),
                }
                for item in self.assignments
            ],
        )
        return context


def _assignment_for_action(request, pk):
    return get_object_or_404(Assignment.objects.select_related("unit", "document"), pk=pk)


@require_POST
def acknowledge(request, pk):
    assignment = _assignment_for_action(request, pk)
    try:
        actions.acknowledge(assignment, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(unit)s has acknowledged %(document)s.")
            % {"unit": assignment.unit.name, "document": assignment.document.heading()},
        )
    return redirect(_back(request, assignment))


@require_POST
def start_report(request, pk):
    assignment = _assignment_for_action(request, pk)
    try:
        report = actions.start_report(assignment, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_back(request, assignment))
    return redirect("wagtailadmin_pages:edit", report.pk)


def _back(request, assignment):
    """Back where the button was (the admin home or the document's page), never off-site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("directives_admin:assignments", args=[assignment.document_id])


class ProgressScopeMixin(TitledScreenMixin):
    """The units whose progress the user follows (``assignment.follow``), narrowed to one
    federation by ``?federation=``: the matrix, its print view and its reminders share it."""

    def dispatch(self, request, *args, **kwargs):
        self.units = visible_units(request.user)
        if not request.user.is_superuser and not self.units.exists():
            raise PermissionDenied
        self.federations = list(self.units.federations())
        chosen = request.GET.get("federation", "")
        self.federation = next((f for f in self.federations if f.code == chosen), None)
        if self.federation is not None:
            self.units = self.units.filter(path__startswith=self.federation.path)
        self.matrix = build_matrix(self.units)
        return super().dispatch(request, *args, **kwargs)

    def scope_query(self, **extra):
        """The query string of this scope (the chosen federation), with ``extra``."""
        scope = {"federation": self.federation.code} if self.federation else {}
        return urlencode({**scope, **extra})


class ProgressView(ProgressScopeMixin, TemplateView):
    """Documents × units for the school union (and each federation for its own chapters)."""

    template_name = "directives/admin/progress.html"
    page_title = gettext_lazy("Implementation progress")
    header_icon = "table"

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                to_xlsx(self.matrix),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            name = f"tien-do-trien-khai-{self.matrix.today:%Y%m%d}"
            if self.federation:
                name += f"-{self.federation.code.lower()}"
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        if request.GET.get("format") == "print":
            # The same matrix on its own page, without the admin around it, for A4 landscape.
            self.template_name = "directives/admin/progress_print.html"
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        matrix = self.matrix
        context.update(
            matrix=matrix,
            columns=list(zip(matrix.documents, matrix.document_totals, strict=True)),
            rows=[
                {
                    "unit": row.unit,
                    "totals": row.totals,
                    "cells": [
                        {
                            "assignment": item,
                            "text": cell_text(item, matrix.today),
                            "overdue": item is not None and item.is_overdue(matrix.today),
                        }
                        for item in row.cells
                    ],
                }
                for row in matrix.rows
            ],
            bars=progress_bars(matrix),
            federations=self.federations,
            federation=self.federation,
            export_query=self.scope_query(format="xlsx"),
            print_query=self.scope_query(format="print"),
            scope_query=self.scope_query(),
        )
        return context


class RemindLateUnitsView(ProgressScopeMixin, TemplateView):
    """From the progress matrix (same scope, same permission: ``assignment.follow``): a page
    that lists the late units that will be reminded, then one POST that mails them."""

    template_name = "directives/admin/progress_remind.html"
    page_title = gettext_lazy("Remind the late units")
    header_icon = "mail"

    def post(self, request, *args, **kwargs):
        matrix = self.matrix
        late = late_units(matrix)
        units, mails = remind(late, request.user)
        skipped = sum(item.reminded_recently for item in late)
        message = ngettext(
            "Reminder sent to %(units)d late unit (%(mails)d emails).",
            "Reminder sent to %(units)d late units (%(mails)d emails).",
            units,
        ) % {"units": units, "mails": mails}
        if skipped:
            message += " " + ngettext(
                "%(count)d unit was already reminded within the last day and was not reminded "
                "again.",
                "%(count)d units were already reminded within the last day and were not "
                "reminded again.",
                skipped,
            ) % {"count": skipped}
        (messages.success if units else messages.warning)(request, message)
        return redirect(reverse("directives_admin:progress") + "?" + self.scope_query())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        late = late_units(self.matrix)
        context.update(
            late=late,
            to_remind=[item for item in late if not item.reminded_recently],
            federation=self.federation,
            scope_query=self.scope_query(),
        )
        return context


def may_follow_progress(user):
    return ASSIGNMENT_POLICY.user_has_permission(user, "follow")
