"""Who may do what with pages, enforced by Wagtail itself.

Group page permissions (granted to each role's group by a migration) say what a role may do
anywhere on the site; for a page that a unit owns, `UnitPagePermissionTester` narrows that to
the units where the user holds the role. Every admin view (edit, delete, unpublish, preview,
revisions, history, lock, move, copy) asks the page's tester, so a URL typed by hand meets the
same rules as a button. Listings and search go through `UnitPagePermissionPolicy`, which hides
other units' drafts. Every decision reads the table in ``rules.py`` (the ``page.*`` rows).
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from .access import access_for, without_hidden_drafts


class UnitPagePermissionTester(PagePermissionTester):
    """Page permissions for a unit-owned page:

    - editors of the unit (or above it) edit it and submit it, and delete it while it has never
      gone live, but never publish or unpublish;
    - reviewers change it only while it waits at their step (the review task lets them in);
    - approvers reaching the unit do everything, and only they publish.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        self.access = access_for(user)
        self.unit_id = page.unit_id

    def allows(self, action):
        """Does the table let the user do ``action`` for the page's unit?"""
        return self.access.reaches_unit_id(action, self.unit_id)

    def can_edit(self):
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser or self.allows("page.write"):
            return True
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_delete(self, ignore_bulk=False):
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser:
            return True
        if not (ignore_bulk or self.page.is_leaf() or "bulk_delete" in self.permissions):
            return False
        if self.allows("page.delete"):
            return True
        # Editors may throw away a draft, never take down what readers can see.
        return (
            self.allows("page.delete_draft")
            and not self.page.get_descendants(inclusive=True).live().exists()
        )

    def can_publish(self):
        if not self.user.is_active or self.page_is_root:
            return False
        return self.user.is_superuser or (
            "publish" in self.permissions and self.allows("page.publish")
        )

    def can_unpublish(self):
        if not self.user.is_active or not self.page.live or self.page_is_root:
            return False
        if self.page_locked():
            return False
        return self.user.is_superuser or (
            "publish" in self.permissions and self.allows("page.publish")
        )

    def can_submit_for_moderation(self):
        return (
            self.user.is_superuser or self.allows("page.write")
        ) and super().can_submit_for_moderation()

    def can_lock(self):
        if self.user.is_superuser:
            return True
        task = self.page.current_workflow_task
        if task:
            return task.user_can_lock(self.page, self.user)
        return "lock" in self.permissions and self.allows("page.lock")

    def can_unlock(self):
        if self.user.is_superuser or self.user_has_lock():
            return True
        task = self.page.current_workflow_task
        if task:
            return task.user_can_unlock(self.page, self.user)
        return "unlock" in self.permissions and self.allows("page.lock")

    def can_view_revisions(self):
        return self.can_edit() or self.can_publish()

    def can_copy(self):
        return self.can_edit() and self.allows("page.write")


class UnitPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that listings, search, choosers and reports built on it
    never show a user another unit's drafts."""

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return without_hidden_drafts(pages, user)

    def explorable_instances(self, user):
        return without_hidden_drafts(super().explorable_instances(user), user)


def may_create(user, page_class):
    """Whether ``user`` may create a page of ``page_class`` (checked before the create view).

    Editors create only pages a unit owns; the site's own structure (home, columns, indexes)
    belongs to those who publish.
    """
    from .models import UnitOwned

    access = access_for(user)
    if access.allows("page.create_structure"):
        return True
    return issubclass(page_class, UnitOwned) and access.allows("page.write")
