"""Asking units to carry a document out, and each unit's way from assigned to reported.

Every change of an assignment goes through a function here, which checks who is acting; the
admin views only call them, so a deep link typed by hand obeys the same rules as a button.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from cms.addresses import absolute_url
from cms.mail import send_mail
from cms.search.slugs import slugify
from organisation.models import Role, UnitKind, UnitRole

from .models import Assignment, AssignmentStatus, ReportPage
from .rules import SCOPE_CHAPTERS, may_act_for, may_assign

# ---------------------------------------------------------------- who may do what


def assignable_units(document):
    """The units a document may be assigned to: those below its owning unit."""
    return document.unit.subtree(include_self=False)


def expand(unit, scope):
    """The units one assignment stands for: the unit itself, or every chapter under it."""
    if scope == SCOPE_CHAPTERS and unit.kind != UnitKind.CHAPTER:
        return list(unit.subtree(include_self=False).chapters())
    return [unit]


# ---------------------------------------------------------------- assigning


def assign(document, unit, scope, deadline, user, note=""):
    """Create one assignment per unit the choice stands for; units already assigned this
    document are left as they are. Returns (created, skipped) and emails the new units."""
    if not may_assign(user, document):
        raise PermissionDenied
    if not assignable_units(document).filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": _("A document can only be assigned to units below its own unit.")}
        )
    targets = expand(unit, scope)
    if not targets:
        raise ValidationError({"unit": _("There is no chapter under this unit.")})
    already = set(
        Assignment.objects.filter(document=document, unit__in=targets).values_list(
            "unit_id", flat=True
        )
    )
    created = []
    for target in targets:
        if target.pk in already:
            continue
        assignment = Assignment(
            document=document, unit=target, deadline=deadline, note=note, assigned_by=user
        )
        assignment.full_clean(exclude=["document", "unit"], validate_constraints=False)
        created.append(assignment)
    with transaction.atomic():
        Assignment.objects.bulk_create(created)
        # Queued with the assignments: sent once they are saved, retried if the mail server is
        # down, and never able to undo or break the assignment (cms/mail.py).
        notify_assigned(created)
    return created, len(targets) - len(created)


def acknowledge(assignment, user):
    """The unit says it has received the document (đã tiếp nhận)."""
    if not may_act_for(user, assignment.unit):
        raise PermissionDenied
    if assignment.status != AssignmentStatus.ASSIGNED:
        raise ValidationError(_("This assignment has already been acknowledged."))
    assignment.status = AssignmentStatus.ACKNOWLEDGED
    assignment.acknowledged_by = user
    assignment.acknowledged_at = timezone.now()
    assignment.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])


def start_report(assignment, user):
    """The unit's report page under the document: the draft already started, or a new draft
    owned by the unit. Publishing it (after approval) marks the assignment reported."""
    if not may_act_for(user, assignment.unit):
        raise PermissionDenied
    if assignment.status == AssignmentStatus.ASSIGNED:
        raise ValidationError(_("Acknowledge the document before writing its report."))
    if assignment.report_id:
        return assignment.report
    document = assignment.document
    existing = (
        ReportPage.objects.child_of(document).filter(unit=assignment.unit).order_by("pk").first()
    )
    if existing is None:
        with translation.override(settings.LANGUAGE_CODE):
            title = _("Report of %(unit)s on %(document)s") % {
                "unit": assignment.unit.name,
                "document": document.heading(),
            }
        existing = document.add_child(
            instance=ReportPage(
                title=title,
                slug=_free_slug(document, f"bao-cao-{slugify(assignment.unit.code)}"),
                unit=assignment.unit,
                owner=user,
                live=False,
                locale_id=document.locale_id,
            )
        )
        existing.save_revision(user=user, log_action=True)
    assignment.report = existing
    assignment.save(update_fields=["report"])
    return existing


def _free_slug(parent, base):
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


# ---------------------------------------------------------------- reports going live


def report_published(report, revision=None):
    """The unit's report is live: its assignment is done."""
    assignment = (
        Assignment.objects.filter(document_id=_parent_id(report), unit_id=report.unit_id)
        .select_related("unit")
        .first()
    )
    if assignment is None:
        return
    now = timezone.now()
    reporter_id = report.owner_id or (revision.user_id if revision else None)
    assignment.report = report
    assignment.status = AssignmentStatus.REPORTED
    assignment.reported_by_id = reporter_id
    assignment.reported_at = now
    if assignment.acknowledged_at is None:
        # A report sent without the acknowledgement button still means it was received.
        assignment.acknowledged_by_id = reporter_id
        assignment.acknowledged_at = now
    assignment.save()


def report_withdrawn(report):
    """The report was unpublished or deleted: the unit still owes one."""
    Assignment.objects.filter(report_id=report.pk, status=AssignmentStatus.REPORTED).update(
        status=AssignmentStatus.ACKNOWLEDGED, reported_at=None, reported_by=None
    )


def _parent_id(page):
    return page.get_parent().pk


# ---------------------------------------------------------------- notifications


def editors_to_notify(units):
    """For each unit, the active editors with an email: those of the unit itself, or, when it
    has none, of the nearest unit above it. One query whatever the number of units."""
    roles = (
        UnitRole.objects.filter(role=Role.EDITOR, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "unit")
    )
    by_path = {}
    for role in roles:
        by_path.setdefault(role.unit.path, []).append(role.user)
    found = {}
    for unit in units:
        for prefix in reversed(unit.path_prefixes()):
            if prefix in by_path:
                found[unit.pk] = by_path[prefix]
                break
    return found


def notify_assigned(assignments):
    """Email each assigned unit's editors, each in their own language: which document, by
    when, where to act. Returns how many emails were queued."""
    if not assignments:
        return 0
    recipients = editors_to_notify([assignment.unit for assignment in assignments])
    queued = 0
    for assignment in assignments:
        document = assignment.document
        context = {
            "unit": assignment.unit.name,
            "issuer": document.issuer.name,
            # Worked out when rendered, in each recipient's language (cms.mail.render).
            "document": lazy(document.heading, str)(),
            "title": document.title,
            "deadline": assignment.deadline.strftime("%d/%m/%Y"),
            "note": assignment.note,
            "url": absolute_url(reverse("directives_admin:assignments", args=[document.pk])),
        }
        queued += send_mail(
            "directives/mail/assigned", recipients.get(assignment.unit_id, []), context
        )
    return queued
