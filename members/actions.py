"""Create, edit and delete of a member, as Wagtail does them, but with history entries that
name the record by number only.

Wagtail labels a history entry with ``str(instance)``: for a member that is a name and a code,
and the site history report shows entries to anyone with a member permission, whatever their
unit. The entry here says "Đoàn viên #42" instead; the member's own history page (scoped to
the user's units) still lists every action.
"""

from django.db import transaction
from django.utils.translation import gettext
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import log


def log_title(member):
    return gettext("Member #%(number)s") % {"number": member.pk}


class MemberCreateAction(CreateAction):
    def __init__(self, *args, log_action="wagtail.create", **kwargs):
        super().__init__(*args, log_action=None, **kwargs)
        self.member_log_action = log_action

    def _create(self, skip_permission_checks=False):
        with transaction.atomic():
            member = super()._create(skip_permission_checks=skip_permission_checks)
            if self.member_log_action:
                log(
                    instance=member,
                    action=self.member_log_action,
                    user=self.user,
                    title=log_title(member),
                    content_changed=True,
                )
        return member


class MemberEditAction(EditAction):
    def __init__(self, *args, log_action="wagtail.edit", **kwargs):
        super().__init__(*args, log_action=None, **kwargs)
        self.member_log_action = log_action

    def _edit(self, skip_permission_checks=False):
        with transaction.atomic():
            member = super()._edit(skip_permission_checks=skip_permission_checks)
            if self.member_log_action:
                log(
                    instance=member,
                    action=self.member_log_action,
                    user=self.user,
                    title=log_title(member),
                    content_changed=self.content_changed,
                )
        return member


class MemberDeleteAction(DeleteAction):
    def __init__(self, *args, log_action="wagtail.delete", **kwargs):
        super().__init__(*args, log_action=None, **kwargs)
        self.member_log_action = log_action

    def _delete(self):
        with transaction.atomic():
            if self.member_log_action:
                # Before deleting, while the record still has its number.
                log(
                    instance=self.instance,
                    action=self.member_log_action,
                    user=self.user,
                    title=log_title(self.instance),
                    deleted=True,
                )
            return super()._delete()
