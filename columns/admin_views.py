"""Admin screens of the columns: comment moderation, the cadence report and its dashboard
panel. Registered in wagtail_hooks.py."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseOperationView, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.tags import autocomplete as wagtail_tag_autocomplete
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from cms.search.slugs import slugify as ascii_slugify
from organisation.access import without_hidden_drafts
from organisation.views import ScopedFormObjectMixin, ScopedListingMixin, ScopedObjectMixin

from .cadence import articles_per_month, build_report
from .models import ArticlePage, ArticlePageTag, ArticleTag, ColumnIndexPage, Comment, CommentStatus
from .permissions import COMMENT_POLICY, cadence_units, follows_cadence

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
            self.instance.record_moderation(self.for_user)
        return super().save(commit=commit)


class CommentCheckboxColumn(BulkActionsCheckboxColumn):
    """The row's checkbox for the bulk actions (columns/bulk_actions.py). Wagtail's column
    points ``aria-describedby`` at a title element only its snippet listing draws; the
    checkbox keeps its own label instead of pointing at nothing."""

    def get_aria_describedby(self, instance):
        return ""


class CommentIndexView(ScopedListingMixin, generic.IndexView):
    table_classname = "listing comment-listing"  # columns/static/columns/admin.css
    template_name = "columns/admin/comment_index.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "page__unit")

    @cached_property
    def columns(self):
        return [CommentCheckboxColumn("bulk_actions", obj_type="comment"), *super().columns]


class CommentEditView(ScopedFormObjectMixin, generic.EditView):
    object_action = "change"


class CommentDeleteView(ScopedFormObjectMixin, generic.DeleteView):
    object_action = "delete"


class CommentDecisionView(ScopedObjectMixin, PermissionCheckedMixin, BaseOperationView):
    """Approve or reject a comment in one click from the list (a POST, with the CSRF token),
    instead of opening it, choosing the status and saving."""

    model = Comment
    permission_required = "change"
    decision = None  # a CommentStatus
    index_url_name = None

    object_action = "change"

    def perform_operation(self):
        self.object.moderate(self.decision, self.request.user)

    def get_success_message(self):
        if self.decision == CommentStatus.APPROVED:
            message = _("The comment by %(name)s is approved and shows under the article.")
        else:
            message = _("The comment by %(name)s is rejected and stays hidden.")
        return message % {"name": self.object.name}

    def get_success_url(self):
        return self.next_url or reverse(self.index_url_name)


class CommentDecisionColumn(Column):
    """Buttons to approve or reject the comment on its row, for moderators on a phone."""

    cell_template_name = "columns/admin/comment_decision_cell.html"

    def __init__(self, name, url_names, **kwargs):
        super().__init__(name, **kwargs)
        self.url_names = url_names

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = context["request"]
        context.update(
            csrf_token=get_token(request),
            next_url=request.get_full_path(),
            decisions=[
                (reverse(url_name, args=[instance.pk]), label, style)
                for status, url_name, label, style in self.url_names
                if instance.status != status
            ],
        )
        return context


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
    decision_view_class = CommentDecisionView
    list_filter = ["status"]
    search_fields = ["name", "body"]
    ordering = ["-created_at"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return CommentModerationForm

    @property
    def list_display(self):
        decisions = [
            (CommentStatus.APPROVED, self.get_url_name("approve"), _("Approve"), "primary"),
            (CommentStatus.REJECTED, self.get_url_name("reject"), _("Reject"), "secondary"),
        ]
        # The decision comes right after the words, so a phone shows it without scrolling.
        return [
            "name",
            Column("body", label=capfirst(_("comment")), accessor=lambda c: c.body[:120]),
            CommentDecisionColumn("decide", decisions, label=_("Decide")),
            Column("page", label=capfirst(_("article")), accessor="page"),
            Column("unit", label=capfirst(_("unit")), accessor=lambda c: c.page.unit),
            "status",
            DateColumn("created_at", label=capfirst(_("sent at"))),
        ]

    def decision_view(self, decision):
        return self.decision_view_class.as_view(
            decision=decision,
            permission_policy=COMMENT_POLICY,
            index_url_name=self.get_url_name("index"),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("approve/<int:pk>/", self.decision_view(CommentStatus.APPROVED), name="approve"),
            path("reject/<int:pk>/", self.decision_view(CommentStatus.REJECTED), name="reject"),
        ]


# ---------------------------------------------------------------- tag suggestions

TAG_SUGGESTIONS = 10


def visible_article_tags(user):
    """Tags of the articles ``user`` may see: live ones, and the drafts of their own units. A
    tag only another unit's draft carries would tell what that unit is writing (issue 14)."""
    articles = without_hidden_drafts(ArticlePage.objects.all(), user)
    return ArticleTag.objects.filter(
        pk__in=ArticlePageTag.objects.filter(content_object__in=articles).values("tag")
    )


def tag_suggestions(request):
    """Article tags starting with what the editor typed, with or without diacritics (the
    ``ArticleTagWidget`` asks here instead of Wagtail's own autocomplete)."""
    term = request.GET.get("term", "").strip()[:100]
    if not term:
        return JsonResponse([], safe=False)
    starts = Q(name__istartswith=term)
    if folded := ascii_slugify(term):
        starts |= Q(slug__startswith=folded)
    names = (
        visible_article_tags(request.user)
        .filter(starts)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return JsonResponse(list(names[:TAG_SUGGESTIONS]), safe=False)


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete (``/admin/tag-autocomplete/<app>/<model>/``), except that
    article tags are only those of articles the user may see. Served in its place by
    ``cms/urls.py``, since Wagtail's admin URLs come before any an app registers."""
    if (app_name, model_name) != ("columns", "articletag"):
        return wagtail_tag_autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    names = []
    if term:
        names = list(
            visible_article_tags(request.user)
            .filter(name__istartswith=term)
            .order_by("name")
            .values_list("name", flat=True)[:TAG_SUGGESTIONS]
        )
    return JsonResponse(names, safe=False)


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
        self.fields["unit"].queryset = cadence_units(user)
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
        if not follows_cadence(request.user):
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
        units = unit.subtree() if unit else cadence_units(user)
        if user.is_superuser and unit is None:
            units = None
        if column is not None and year is not None:
            report = build_report(column, year, month, units=units)
        columns = ColumnIndexPage.objects.live().filter(locale=Locale.get_default())
        context.update(
            form=form,
            report=report,
            column=column,
            years=articles_per_month(columns.order_by("path"), units=units),
        )
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
            units = None if user.is_superuser else cadence_units(user)
            report = build_report(column, today.year, today.month, units=units)
        return {
            "column": column,
            "report": report,
            "report_url": reverse("columns_cadence_report"),
        }


def add_cadence_panel(request, panels):
    if follows_cadence(request.user):
        panels.append(CadencePanel(request))


class WriteArticlePanel(Component):
    """A clear "Viết bài mới" at the top of the dashboard: one button per column the user may
    write in (the page permission tester decides), the unit filled in by the editor form."""

    name = "columns_write"
    order = 10
    template_name = "columns/admin/write_panel.html"

    def __init__(self, columns, units):
        self.columns = columns
        self.units = units

    def get_context_data(self, parent_context=None):
        return {"columns": self.columns, "units": self.units}


def add_write_panel(request, panels):
    from organisation.access import access_for

    user = request.user
    columns = [
        column
        for column in ColumnIndexPage.objects.live().order_by("path")
        if column.permissions_for_user(user).can_add_subpage()
    ]
    if columns:
        units = list(access_for(user).units("page.write").order_by("path")[:2])
        panels.append(WriteArticlePanel(columns, units))


class WaitingCommentsPanel(Component):
    """ "Bình luận chờ duyệt: N" on the dashboard, linking to the list filtered to them."""

    name = "columns_waiting_comments"
    order = 20
    template_name = "columns/admin/waiting_comments_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        url = reverse("column_comments:index") + f"?status={CommentStatus.PENDING}"
        return {"count": self.count, "url": url}


def add_waiting_comments_panel(request, panels):
    """Only the comments this user may moderate are counted; no panel when there are none."""
    user = request.user
    if not COMMENT_POLICY.user_has_permission(user, "change"):
        return
    waiting = COMMENT_POLICY.instances_user_has_permission_for(user, "change")
    count = waiting.filter(status=CommentStatus.PENDING).count()
    if count:
        panels.append(WaitingCommentsPanel(count))


CADENCE_URL = reverse_lazy("columns_cadence_report")


class CadenceMenuItem(MenuItem):
    """The report's entry under Reports, for those who hold a unit role."""

    def is_shown(self, request):
        return follows_cadence(request.user)
