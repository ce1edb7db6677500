"""The admin form of a member: the same rules as the import, from the same model."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from organisation.models import Unit

from .models import Member, chapters_for, member_units
from .text import nfc
from .validators import normalise_phone, validate_text


class MemberForm(WagtailAdminModelForm):
    class Meta:
        model = Member
        fields = [
            "code",
            "full_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "chapter",
            "joined_on",
            "card_number",
            "phone",
            "email",
            "is_party_member",
            "app_updated",
            "status",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        chapters = Unit.objects.chapters() if for_user is None else chapters_for(for_user)
        self.fields["chapter"].queryset = chapters
        self.fields["chapter"].label_from_instance = lambda unit: f"{unit.name} ({unit.code})"

    # Text columns a spreadsheet could run as a formula: the import refuses such a cell in
    # every column, so the form refuses it in the same ones (validators.is_formula).
    FORMULA_CHECKED = ("code", "full_name", "card_number", "phone", "email")

    def clean(self):
        cleaned = super().clean()
        for name in self.FORMULA_CHECKED:
            try:
                validate_text(cleaned.get(name))
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned

    def clean_phone(self):
        # The validator wants 0xxxxxxxxx; accept what people type, as the import does.
        return normalise_phone(self.cleaned_data.get("phone"))

    def clean_full_name(self):
        return nfc(self.cleaned_data.get("full_name"))

    def clean_code(self):
        return nfc(self.cleaned_data.get("code"))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Member file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    unit = forms.ModelChoiceField(
        label=_("Only for the unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("Every unit I manage"),
        help_text=_("Rows for chapters outside this unit are refused."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = member_units(user, "import")
        self.fields["unit"].label_from_instance = lambda unit: unit.tree_label()
