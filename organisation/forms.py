from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Unit, UnitRole


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker that shows the tree, so "Chi đoàn K20A" is seen under its federation."""

    def label_from_instance(self, obj):
        return obj.tree_label()


class UnitForm(WagtailAdminModelForm):
    class Meta:
        model = Unit
        fields = ["name", "code", "kind", "parent", "sort_order"]
        field_classes = {"parent": UnitChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A chapter never has sub-units, so it is never offered as a parent.
        self.fields["parent"].queryset = Unit.objects.exclude(kind="chapter")


class UnitRoleForm(WagtailAdminModelForm):
    class Meta:
        model = UnitRole
        fields = ["user", "unit", "role"]
        field_classes = {"unit": UnitChoiceField}
