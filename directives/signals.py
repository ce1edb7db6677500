"""A report going live (or being taken down) moves its unit's assignment along."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .assignments import report_published, report_withdrawn
from .models import ReportPage


@receiver(page_published, sender=ReportPage, dispatch_uid="directives_report_published")
def close_assignment_on_publish(sender, instance, revision=None, **kwargs):
    report_published(instance, revision)


@receiver(page_unpublished, sender=ReportPage, dispatch_uid="directives_report_unpublished")
@receiver(pre_delete, sender=ReportPage, dispatch_uid="directives_report_deleted")
def reopen_assignment_on_withdrawal(sender, instance, **kwargs):
    report_withdrawn(instance)
