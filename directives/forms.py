from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from organisation.models import Unit

from .rules import SCOPE_CHAPTERS, SCOPE_UNIT, units_acting_for


class UnitChoiceField(forms.ModelChoiceField):
    """Units shown as a tree, so a chapter is seen under its federation. (Not organisation's
    own field: importing its forms from our models would load them before the app registry.)"""

    def label_from_instance(self, obj):
        return obj.tree_label()


class AssignForm(forms.Form):
    """Hand a document to one unit, or to every chapter under a unit."""

    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    scope = forms.ChoiceField(
        label=_("Assign to"),
        choices=[
            (SCOPE_UNIT, _("This unit only")),
            (SCOPE_CHAPTERS, _("Every chapter under this unit (one assignment each)")),
        ],
        initial=SCOPE_UNIT,
        widget=forms.RadioSelect,
    )
    deadline = forms.DateField(label=_("Report by"), widget=AdminDateInput)
    note = forms.CharField(label=_("Note to the units"), required=False, max_length=255)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document
        self.fields["unit"].queryset = document.unit.subtree(include_self=False)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        issued = self.document.issue_date
        if issued and deadline < issued:
            raise ValidationError(
                _("The deadline cannot be before the document was issued (%(date)s).")
                % {"date": issued.strftime("%d/%m/%Y")}
            )
        return deadline


class ReportPageForm(WagtailAdminPageForm):
    """A report belongs to a unit that was assigned the document above it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        document = self._document()
        if document is None or "unit" not in self.fields:
            return
        assigned = Unit.objects.filter(directive_assignments__document=document)
        allowed = assigned
        if self.for_user is not None and not self.for_user.is_superuser:
            allowed = assigned.filter(pk__in=units_acting_for(self.for_user).values("pk"))
        if self.instance.unit_id:
            # Reviewers and approvers edit the report during approval: keep its unit.
            allowed = allowed | assigned.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = allowed.distinct()

    def _document(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        return parent.specific

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit")
        document = self._document()
        if (
            unit is not None
            and document is not None
            and not document.assignments.filter(unit=unit).exists()
        ):
            self.add_error(
                "unit",
                _("This unit was not assigned this document, so it has no report to send."),
            )
        return cleaned
