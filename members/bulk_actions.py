"""Bulk actions on the member list, on Wagtail's bulk-action API: move the selected members to
another chapter, mark them as updated on the Thanh niên Việt Nam app (or unmark them), export
them.

Each action asks the member permission policy for every selected member (``check_perm``) and is
all or nothing: when one selected member is outside the units where the user may do the
action, nothing is done and the confirmation page says how many are outside (without naming
them: they are personal data the user may not see). Changes go through ``MemberEditAction``, so
each member gets the same numbered history entry as a single edit, and a refused or invalid
record rolls the whole selection back.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.views.bulk_action import BulkAction

from organisation.policies import MEMBER_POLICY

from .actions import MemberEditAction
from .models import Member, chapters_for


class MemberNotSaved(Exception):
    def __init__(self, member, error):
        super().__init__(member, error)
        self.member = member
        self.error = error


class MemberBulkAction(BulkAction):
    """What the member actions share: the policy's answer per member, all or nothing."""

    models = [Member]
    # The policy's action the user must hold for each selected member.
    permission_action = "change"
    template_name = "members/bulk_actions/confirm.html"

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in object_ids if str(pk).isdigit()]
        return model.objects.filter(pk__in=ids).select_related("chapter")

    def get_all_objects_in_listing_query(self, parent_id):
        # "Every member in the listing": those the user may see, never the whole register.
        return MEMBER_POLICY.instances_user_has_permission_for(
            self.request.user, "view"
        ).values_list("pk", flat=True)

    def check_perm(self, member):
        return MEMBER_POLICY.user_has_permission_for_instance(
            self.request.user, self.permission_action, member
        )

    @cached_property
    def selection(self):
        # Read once per request: the confirmation page, the refusal and the action share it.
        return super().get_actionable_objects()

    def get_actionable_objects(self):
        return self.selection

    def prepare_action(self, objects, objects_without_access):
        if objects_without_access["items_with_no_access"] or not objects:
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        # Refused before the form is read: a selection with one member out of reach is
        # refused whatever else was posted.
        self.prepare_action(*self.get_actionable_objects())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "header_icon": "group",
                # The button's short name is for the footer; the page says it in full.
                "action_heading": self.aria_label,
                "question": self.question,
                "action_button_text": self.action_button_text,
                "no_action_button_text": _("No, go back"),
                # Out of scope: counted, never listed.
                "outside_count": len(context.pop("items_with_no_access")),
            }
        )
        return context

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        context = self.cleaned_form.cleaned_data if self.cleaned_form else {}
        return self.success_message % {**context, "count": num_parent_objects}

    @classmethod
    def set_on_each(cls, objects, user, **values):
        """Give each member these field ``values`` and save it as a single edit would
        (permission check, model validation, history entry); the caller's transaction makes it
        all or nothing. A member that has them already is not saved, gets no history entry and
        is not counted."""
        changed = [
            member
            for member in objects
            if any(getattr(member, name) != value for name, value in values.items())
        ]
        for member in changed:
            for name, value in values.items():
                setattr(member, name, value)
            try:
                MemberEditAction(member, user=user).execute()
            except ValidationError as error:
                raise MemberNotSaved(member, error) from error
        return len(changed), 0

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except MemberNotSaved as failure:
            # Rolled back: read the selection again, as it is now, not as it was changed.
            self.__dict__.pop("selection", None)
            errors = "; ".join(message.rstrip(".") for message in failure.error.messages)
            form.add_error(
                None,
                _("%(member)s could not be saved: %(errors)s. Nothing was changed.")
                % {"member": failure.member, "errors": errors},
            )
            return self.form_invalid(form)


class MoveForm(forms.Form):
    chapter = forms.ModelChoiceField(label=_("Move to chapter"), queryset=Member.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = chapters_for(user)
        self.fields["chapter"].label_from_instance = lambda unit: f"{unit.name} ({unit.code})"


class MoveBulkAction(MemberBulkAction):
    display_name = _("Move to another chapter")
    action_type = "move"
    aria_label = _("Move the selected members to another chapter")
    action_priority = 10
    form_class = MoveForm
    question = _("Move these members to the chapter below?")
    action_button_text = _("Yes, move")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_execution_context(self):
        return {**super().get_execution_context(), **self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, user=None, chapter=None, **kwargs):
        return cls.set_on_each(objects, user, chapter=chapter)

    success_message = ngettext_lazy(
        "%(count)d member moved to %(chapter)s.",
        "%(count)d members moved to %(chapter)s.",
        "count",
    )


class MarkUpdatedBulkAction(MemberBulkAction):
    display_name = _("Mark as updated on the app")
    action_type = "mark_updated"
    aria_label = _("Mark the selected members as updated on the Thanh niên Việt Nam app")
    action_priority = 20
    question = _("Mark these members as updated on the Thanh niên Việt Nam app, today?")
    action_button_text = _("Yes, mark")
    app_updated = True

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        # The model dates the tick (app_updated_at) when it is set and clears it with it.
        return cls.set_on_each(objects, user, app_updated=cls.app_updated)

    success_message = ngettext_lazy(
        "%(count)d member marked as updated on the app.",
        "%(count)d members marked as updated on the app.",
        "count",
    )


class UnmarkUpdatedBulkAction(MarkUpdatedBulkAction):
    display_name = _("Mark as not updated on the app")
    action_type = "unmark_updated"
    aria_label = _("Mark the selected members as not updated on the Thanh niên Việt Nam app")
    action_priority = 30
    question = _("Mark these members as not yet updated on the Thanh niên Việt Nam app?")
    action_button_text = _("Yes, unmark")
    app_updated = False

    success_message = ngettext_lazy(
        "%(count)d member marked as not updated on the app.",
        "%(count)d members marked as not updated on the app.",
        "count",
    )


class ExportBulkAction(MemberBulkAction):
    """The selection as an XLSX file in the full export's columns, recorded in the register
    log like any export."""

    display_name = _("Export the selection")
    action_type = "export"
    aria_label = _("Export the selected members as an XLSX file")
    action_priority = 40
    permission_action = "export"
    question = _("Download these members as an XLSX file?")
    action_button_text = _("Download XLSX")

    def form_valid(self, form):
        from .views import export_response

        objects, _outside = self.get_actionable_objects()
        return export_response(
            self.request,
            Member.objects.filter(pk__in=[member.pk for member in objects]),
            "xlsx",
            filters={"selection": len(objects)},
        )
