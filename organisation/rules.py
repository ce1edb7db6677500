"""Who may do what, in one table: action → the roles that allow it → how far each reaches.

Every decision in the admin reads this table and nothing else: the page permission tester and
the review steps (``organisation/permissions.py``, ``organisation/review.py``), the permission
policy of each model (``organisation/policies.py``: members, comments, units and roles), and the
directives' assignment rules. A new rule is a new row here; a test per row and role is generated
from it (``tests/permissions/``).

A role is held in one unit. Its scope says which units it reaches:

- ``OWN``: only the unit where it is held;
- ``SUBTREE``: that unit and every unit below it (a federation's chapters, or the whole tree for
  a role held in the school union);
- ``SCHOOL``: only a role held in the school union counts, and then it reaches every unit.

A superuser may do everything. Nobody else holds an action the table does not give them.
"""

from enum import StrEnum

from .models import Role


class Scope(StrEnum):
    OWN = "own"
    SUBTREE = "subtree"
    SCHOOL = "school"


MM, ED, RV, AP = Role.MEMBER_MANAGER, Role.EDITOR, Role.REVIEWER, Role.APPROVER
SUB, OWN, SCHOOL = Scope.SUBTREE, Scope.OWN, Scope.SCHOOL

RULES = {
    # ---- members (docs/members.md): managers and chapter secretaries keep the list, only
    # managers delete; reviewers and approvers supervise (see and export).
    "member.view": {MM: SUB, ED: SUB, RV: SUB, AP: SUB},
    "member.add": {MM: SUB, ED: SUB},
    "member.change": {MM: SUB, ED: SUB},
    "member.delete": {MM: SUB},
    "member.import": {MM: SUB, ED: SUB},
    "member.export": {MM: SUB, ED: SUB, RV: SUB, AP: SUB},
    # The log of imports, exports and deletions: for those answerable for the register.
    "member.audit": {MM: SUB, AP: SCHOOL},
    # ---- comments on articles, and the editorial cadence of the columns
    "comment.view": {ED: SUB, RV: SUB, AP: SUB},
    "comment.change": {ED: SUB, RV: SUB, AP: SUB},
    "comment.delete": {ED: SUB, RV: SUB, AP: SUB},
    "column.cadence": {ED: SUB, RV: SUB, AP: SUB},
    # The articles' tags, shared by every unit: named (in English too) by the school union.
    "tag.view": {AP: SCHOOL},
    "tag.change": {AP: SCHOOL},
    # ---- the unit tree and the roles in it: administrators (superusers) only
    "unit.view": {},
    "unit.add": {},
    "unit.change": {},
    "unit.delete": {},
    "unitrole.view": {},
    "unitrole.add": {},
    "unitrole.change": {},
    "unitrole.delete": {},
    # ---- pages a unit owns (articles, documents, reports)
    "page.see_drafts": {ED: SUB, RV: SUB, AP: SUB},
    "page.write": {ED: SUB, AP: SUB},
    "page.delete_draft": {ED: SUB, AP: SUB},
    "page.delete": {AP: SUB},
    "page.publish": {AP: SUB},
    "page.lock": {AP: SUB},
    # The site's own structure (home, columns, indexes), which no unit owns.
    "page.create_structure": {AP: SUB},
    # The two review steps: the federation's reviewers, and the school's approvers (who may
    # also step in at the federation step).
    "page.review": {RV: SUB, AP: SUB},
    "page.approve": {AP: SUB},
    # ---- directives: assignments to units and their reports
    "assignment.act": {ED: SUB},
    "assignment.assign": {ED: SUB, AP: SUB},
    "assignment.follow": {RV: SUB, AP: SUB},
}


def roles_for(action):
    """The roles that allow ``action`` (an unknown action is a programming error)."""
    return tuple(RULES[action])


def scope_of(action, role):
    return RULES[action][role]
