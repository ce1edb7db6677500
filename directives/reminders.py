"""Reminders to the units that are late, sent from the progress matrix: each late unit's editors
get one mail listing that unit's overdue assignments (through the one mail helper, cms/mail.py:
each in their own language, retried). Each reminder is a log entry on the unit, which is also
what keeps a unit from being reminded twice within a day."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log
from wagtail.models import ModelLogEntry

from cms.addresses import absolute_url
from cms.mail import send_mail
from organisation.models import Unit

from .assignments import editors_to_notify

REMIND_ACTION = "directives.remind"
ONCE_WITHIN = datetime.timedelta(days=1)


class ReminderFormatter(LogFormatter):
    label = gettext_lazy("Remind a late unit")

    def format_message(self, log_entry):
        return _("Reminded of overdue documents: %(documents)s") % {
            "documents": ", ".join(log_entry.data.get("documents", []))
        }


@dataclass
class LateUnit:
    unit: Unit
    overdue: list = field(default_factory=list)  # (assignment, document) pairs
    reminded_recently: bool = False


def late_units(matrix):
    """The units of the matrix with at least one overdue assignment, in tree order."""
    late = []
    for row in matrix.rows:
        overdue = [
            (cell, document)
            for cell, document in zip(row.cells, matrix.documents, strict=True)
            if cell is not None and cell.is_overdue(matrix.today)
        ]
        if overdue:
            late.append(LateUnit(row.unit, overdue))
    recent = reminded_since([item.unit for item in late], timezone.now() - ONCE_WITHIN)
    for item in late:
        item.reminded_recently = item.unit.pk in recent
    return late


def reminded_since(units, moment):
    """The pks of ``units`` reminded after ``moment`` (one query)."""
    entries = ModelLogEntry.objects.filter(
        action=REMIND_ACTION,
        content_type=ContentType.objects.get_for_model(Unit),
        object_id__in=[str(unit.pk) for unit in units],
        timestamp__gte=moment,
    )
    return {int(object_id) for object_id in entries.values_list("object_id", flat=True)}


def remind(late, user):
    """Mail the editors of each late unit not reminded within a day. Returns (units reminded,
    mails queued)."""
    due = [item for item in late if not item.reminded_recently]
    recipients = editors_to_notify([item.unit for item in due])
    units = mails = 0
    for item in due:
        people = recipients.get(item.unit.pk, [])
        overdue = [
            {
                # Worked out when rendered, in each recipient's language (cms.mail.render).
                "document": lazy(document.heading, str)(),
                "title": document.title,
                "deadline": assignment.deadline.strftime("%d/%m/%Y"),
                "url": absolute_url(reverse("directives_admin:assignments", args=[document.pk])),
            }
            for assignment, document in item.overdue
        ]
        queued = send_mail(
            "directives/mail/reminder", people, {"unit": item.unit.name, "overdue": overdue}
        )
        if not queued:
            continue  # nobody to write to: not counted, so it may be tried again
        log(
            instance=item.unit,
            action=REMIND_ACTION,
            user=user,
            data={"documents": [str(entry["document"]) for entry in overdue], "mails": queued},
        )
        units += 1
        mails += queued
    return units, mails
