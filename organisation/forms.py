from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.forms import TaskStateCommentForm

from .models import Unit, UnitRole


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker that shows the tree, so "Chi đoàn K20A" is seen under its federation."""

    def label_from_instance(self, obj):
        return obj.tree_label()


class UnitForm(WagtailAdminModelForm):
    class Meta:
        model = Unit
        fields = ["name", "name_en", "code", "kind", "parent", "sort_order"]
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


class RejectionForm(TaskStateCommentForm):
    """ "Yêu cầu chỉnh sửa" needs a reason: the editors read it to know what to fix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].error_messages["required"] = REASON_REQUIRED


REASON_REQUIRED = _("Say what needs to change, so that the editors know what to fix.")
