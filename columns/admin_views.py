"""Admin screens of the columns: comment moderation, the cadence report and its dashboard
panel. Registered in wagtail_hooks.py."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from .cadence import build_report
from .models import ColumnIndexPage, Comment
from .permissions import is_moderator, moderated_units


def moderated_comments(user):
    return Comment.objects.filter(page__unit__in=moderated_units(user))


# ---------------------------------------------------------------- comments


class CommentModerationForm(WagtailAdminModelForm):
    """The reader's words are shown as written; the moderator only decides their status."""

    class Meta:
        model = Comment
        fields = ["name", "body", "status"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].disabled = True
        self.fields["body"].disabled = True

    def save(self, commit=True):
        if "status" in self.changed_data:
            self.instance.moderated_at = timezone.now()
            self.instance.moderated_by = self.for_user
        return super().save(commit=commit)


class ScopedObjectMixin:
    """Only comments on articles of the user's units exist for them (others are a 404)."""

    def get_object(self, queryset=None):
        return super().get_object(moderated_comments(self.request.user))


class CommentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return moderated_comments(self.request.user).select_related("page", "page__unit")


class CommentEditView(ScopedObjectMixin, generic.EditView):
    pass


class CommentDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 250
    add_to_admin_menu = True
    form_class = CommentModerationForm
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    delete_view_class = CommentDeleteView
    list_display = [
        "name",
        Column("body", label=_("comment"), accessor=lambda c: c.body[:120]),
        Column("page", label=_("article"), accessor="page"),
        Column("unit", label=_("unit"), accessor=lambda c: c.page.unit),
        "status",
        DateColumn("created_at", label=_("sent at")),
    ]
    list_filter = ["status"]
    search_fields = ["name", "body"]
    ordering = ["-created_at"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CommentModerationForm


# ---------------------------------------------------------------- cadence report


class CadenceFilterForm(forms.Form):
    month = forms.CharField(
        label=_("month"), widget=forms.DateInput(attrs={"type": "month"}), required=False
    )
    column = forms.ModelChoiceField(
        label=_("column"), queryset=ColumnIndexPage.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("unit"), queryset=None, required=False, empty_label=_("All my units")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = moderated_units(user)
        self.fields["unit"].label_from_instance = lambda unit: unit.tree_label()
        self.fields["column"].queryset = ColumnIndexPage.objects.filter(
            tracks_cadence=True
        ).order_by("path")
        self.fields["column"].empty_label = None

    def clean_month(self):
        value = self.cleaned_data["month"]
        if not value:
            today = timezone.localdate()
            return today.year, today.month
        try:
            chosen = datetime.datetime.strptime(value, "%Y-%m")
        except ValueError:
            raise forms.ValidationError(_("Choose a month, e.g. 2026-03.")) from None
        return chosen.year, chosen.month


class CadenceReportView(WagtailAdminTemplateMixin, TemplateView):
    """The month of a column with a daily/weekly promise: what was published and what was
    missed, for the units the user works in."""

    template_name = "columns/admin/cadence_report.html"
    page_title = _("Editorial cadence")
    header_icon = "calendar-alt"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = CadenceFilterForm(self.request.GET or None, user=user)
        report = None
        year = month = unit = None
        column = form.fields["column"].queryset.first()
        if form.is_bound and form.is_valid():
            year, month = form.cleaned_data["month"]
            column = form.cleaned_data["column"] or column
            unit = form.cleaned_data["unit"]
        elif not form.is_bound:
            today = timezone.localdate()
            year, month = today.year, today.month
        if column is not None and year is not None:
            units = unit.subtree() if unit else moderated_units(user)
            if user.is_superuser and unit is None:
                units = None
            report = build_report(column, year, month, units=units)
        context.update(form=form, report=report, column=column)
        return context


class CadencePanel(Component):
    """This month's cadence on the Wagtail dashboard, for those who moderate a unit."""

    name = "columns_cadence"
    order = 150
    template_name = "columns/admin/cadence_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        column = ColumnIndexPage.objects.filter(tracks_cadence=True).order_by("path").first()
        today = timezone.localdate()
        report = None
        if column is not None:
            user = self.request.user
            units = None if user.is_superuser else moderated_units(user)
            report = build_report(column, today.year, today.month, units=units)
        return {
            "column": column,
            "report": report,
            "report_url": reverse("columns_cadence_report"),
        }


def add_cadence_panel(request, panels):
    if is_moderator(request.user):
        panels.append(CadencePanel(request))


CADENCE_URL = reverse_lazy("columns_cadence_report")
