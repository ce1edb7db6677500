"""Bulk actions on the comment moderation list: approve, reject (hide) or delete the selected
comments at once, with Wagtail's bulk-action API (``register_bulk_action`` in
wagtail_hooks.py). Each comment is checked against the comment policy; those the moderator may
not touch are listed apart and left alone."""

from django.shortcuts import get_list_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.bulk_action import BulkAction

from cms import purge

from .models import Comment, CommentStatus
from .permissions import COMMENT_POLICY


class CommentBulkAction(BulkAction):
    models = [Comment]
    permission_policy = COMMENT_POLICY
    permission = "change"
    template_name = "columns/admin/comment_bulk_confirm.html"
    button_class = ""

    def get_question(self, count):
        raise NotImplementedError

    def check_perm(self, comment):
        return COMMENT_POLICY.user_has_permission_for_instance(
            self.request.user, self.permission, comment
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(
            model.objects.select_related("page", "page__unit"), pk__in=object_ids
        )

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" means all the comments of the list, which shows only this user's.
        return COMMENT_POLICY.instances_user_has_permission_for(
            self.request.user, self.permission
        ).values_list("pk", flat=True)

    def object_context(self, comment):
        return {"item": comment, "edit_url": reverse("column_comments:edit", args=[comment.pk])}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        count = len(context["items"])
        return {
            **context,
            "header_icon": "comment",
            "question": self.get_question(count) % {"count": count},
            "button_class": self.button_class,
        }

    def get_execution_context(self):
        return {"user": self.request.user}


class DecideCommentsBulkAction(CommentBulkAction):
    decision = None  # a CommentStatus

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        with purge.batched():  # each article once, however many of its comments were chosen
            decided = sum(comment.moderate(cls.decision, user) for comment in objects)
        return decided, 0


class ApproveCommentsBulkAction(DecideCommentsBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    button_class = "button-primary"
    decision = CommentStatus.APPROVED

    def get_question(self, count):
        return ngettext(
            "Approve this comment? It will show under its article.",
            "Approve these %(count)d comments? They will show under their articles.",
            count,
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment approved: it shows under its article.",
            "%(count)d comments approved: they show under their articles.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class RejectCommentsBulkAction(DecideCommentsBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject (hide) the selected comments")
    action_priority = 20
    decision = CommentStatus.REJECTED

    def get_question(self, count):
        return ngettext(
            "Reject this comment? It will be hidden from readers.",
            "Reject these %(count)d comments? They will be hidden from readers.",
            count,
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected: it stays hidden.",
            "%(count)d comments rejected: they stay hidden.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class DeleteCommentsBulkAction(CommentBulkAction):
    display_name = _("Delete")
    action_type = "delete"
    aria_label = _("Delete the selected comments")
    action_priority = 30
    classes = {"serious"}
    button_class = "serious"
    permission = "delete"

    def get_question(self, count):
        return ngettext(
            "Delete this comment for good?",
            "Delete these %(count)d comments for good?",
            count,
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        from wagtail.log_actions import log

        with purge.batched():  # each deletion asks to purge its article (signals.py): once each
            for comment in objects:
                log(instance=comment, action="wagtail.delete", user=user, deleted=True)
                comment.delete()
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment deleted.", "%(count)d comments deleted.", num_parent_objects
        ) % {"count": num_parent_objects}


BULK_ACTIONS = [ApproveCommentsBulkAction, RejectCommentsBulkAction, DeleteCommentsBulkAction]
