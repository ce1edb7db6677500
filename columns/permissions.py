"""Who may moderate which comments, and who follows the columns' cadence: the ``comment.*`` and
``column.cadence`` rows of the table in ``organisation/rules.py`` (editors, reviewers and
approvers of the article's unit or of a unit above it), asked through one policy."""

from organisation.access import access_for
from organisation.policies import COMMENT_POLICY, TAG_POLICY

__all__ = ["COMMENT_POLICY", "TAG_POLICY", "cadence_units", "follows_cadence"]


def follows_cadence(user):
    return access_for(user).allows("column.cadence")


def cadence_units(user):
    return access_for(user).units("column.cadence")
