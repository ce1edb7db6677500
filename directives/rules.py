"""Who may act for which unit on documents. Kept apart from the models so forms can use it."""

from organisation.models import Role, Unit

# An assignment to one unit, or to every chapter under it (one assignment each).
SCOPE_UNIT = "unit"
SCOPE_CHAPTERS = "chapters"


def units_acting_for(user):
    """Units for which ``user`` may acknowledge and report: those they edit, and below."""
    return Unit.objects.for_user(user, [Role.EDITOR])


def may_act_for(user, unit):
    return units_acting_for(user).filter(pk=unit.pk).exists()


def may_assign(user, document):
    """Editors and approvers of the document's unit (or above it) hand its tasks out."""
    return (
        Unit.objects.for_user(user, [Role.EDITOR, Role.APPROVER])
        .filter(pk=document.unit_id)
        .exists()
    )
