"""Who may act for which unit on documents: the ``assignment.*`` rows of the table in
``organisation/rules.py``. Kept apart from the models so forms can use it."""

from organisation.access import access_for
from organisation.policies import ASSIGNMENT_POLICY

# An assignment to one unit, or to every chapter under it (one assignment each).
SCOPE_UNIT = "unit"
SCOPE_CHAPTERS = "chapters"


def units_acting_for(user):
    """Units for which ``user`` may acknowledge and report."""
    return ASSIGNMENT_POLICY.units(user, "act")


def may_act_for(user, unit):
    return access_for(user).reaches("assignment.act", unit)


def may_assign(user, document):
    """Who may hand a document's tasks out (its unit's editors and approvers, and above)."""
    return access_for(user).reaches_unit_id("assignment.assign", document.unit_id)
