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

DELETE_ACTION = "wagtail.delete"


def log_title(member):
    return gettext("Member #%(number)s") % {"number": member.pk}


class NumberedHistoryMixin:
    """Takes over the action's history entry to write it with ``log_title``: Wagtail's action
    is told to write none (its documented ``log_action`` argument), and ``execute`` writes
    ours in the same transaction."""

    default_log_action = ""

    def __init__(self, *args, log_action=None, **kwargs):
        super().__init__(*args, log_action=None, **kwargs)
        # None means the default; False (as Wagtail allows) means no entry.
        self.member_log_action = self.default_log_action if log_action is None else log_action

    def log_member(self, member, **flags):
        if self.member_log_action:
            log(
                instance=member,
                action=self.member_log_action,
                user=self.user,
                title=log_title(member),
                # The chapter, so that the register log of a unit lists its deletions too.
                data={"unit": member.chapter.code, "unit_id": str(member.chapter_id)},
                **flags,
            )


class MemberCreateAction(NumberedHistoryMixin, CreateAction):
    default_log_action = "wagtail.create"

    def execute(self, skip_permission_checks=False):
        with transaction.atomic():
            member = super().execute(skip_permission_checks=skip_permission_checks)
            self.log_member(member, content_changed=True)
        return member


class MemberEditAction(NumberedHistoryMixin, EditAction):
    default_log_action = "wagtail.edit"

    def execute(self, skip_permission_checks=False):
        with transaction.atomic():
            member = super().execute(skip_permission_checks=skip_permission_checks)
            self.log_member(member, content_changed=self.content_changed)
        return member


class MemberDeleteAction(NumberedHistoryMixin, DeleteAction):
    default_log_action = DELETE_ACTION

    def execute(self, skip_permission_checks=False):
        with transaction.atomic():
            # Before deleting, while the record still has its number; a refused deletion
            # rolls the entry back with it.
            self.log_member(self.instance, deleted=True)
            return super().execute(skip_permission_checks=skip_permission_checks)
