"""Member files too large for one request: the check (dry run) before the preview and the
confirmed import run as background tasks (django-tasks) above ``MEMBERS_IMPORT_TASK_ROWS``
rows; smaller files are checked and imported in the request. The same code runs either way.

The state and the result live on the ``PendingImport`` row, so the person can leave the
progress page and come back, and a failed or killed run shows as failed and can be run again.
The live count of rows checked, with the time it was last reported (the run's sign of life),
goes through the cache: the import writes inside one transaction (all or nothing) that no other
connection can see into until it ends. With a separate worker process the cache must be shared
(``CACHE_URL`` on Redis) for the count to show and a killed worker to be noticed within
``MEMBERS_IMPORT_STALE_SECONDS``; without it the state and the result still show, and a killed
run is noticed after ``STALE_AFTER``.
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks import task

from .files import MemberRows
from .importing import run_import
from .models import ImportState, PendingImport

logger = logging.getLogger(__name__)

# Without a shared cache (no sign of life to read), a run still "running" this long after it
# started was killed with its worker.
STALE_AFTER = timedelta(minutes=15)
# How many row errors the result keeps to list (the page counts them all).
KEPT_ERRORS = 500
# The states in which a run is under way (or waits for the worker), and those of the check.
UNDER_WAY = (ImportState.CHECKING, ImportState.QUEUED, ImportState.RUNNING)
CHECK_STATES = (ImportState.CHECKING, ImportState.CHECK_FAILED)


def runs_as_task(row_count):
    return row_count > settings.MEMBERS_IMPORT_TASK_ROWS


def progress_key(pending_id):
    return f"members:import-progress:{pending_id}"


def report_progress(pending_id, done):
    cache.set(progress_key(pending_id), {"done": done, "at": time.time()}, 3600)


def last_report(pending):
    report = cache.get(progress_key(pending.pk))
    return report if isinstance(report, dict) else None


def rows_checked(pending):
    """Rows checked so far: the live count while it runs, the total once it is done."""
    if pending.state == ImportState.DONE:
        return pending.rows_done
    report = last_report(pending)
    return report["done"] if report else 0


def has_started(pending):
    """Whether a worker has taken the run (it reports as soon as it starts)."""
    return pending.state == ImportState.RUNNING or last_report(pending) is not None


def has_failed(pending):
    """Failed, or under way with no sign of life for too long (its worker was killed)."""
    if pending.state in (ImportState.FAILED, ImportState.CHECK_FAILED):
        return True
    if pending.state not in (ImportState.CHECKING, ImportState.RUNNING):
        return False  # waiting for a worker is not failing: the page says it waits
    report = last_report(pending)
    if report is not None:
        return time.time() - report["at"] > settings.MEMBERS_IMPORT_STALE_SECONDS
    return pending.updated_at < timezone.now() - STALE_AFTER


def is_checking(pending):
    return pending.state in CHECK_STATES


def start_check(pending, language):
    """Check a large uploaded file in the background; the preview follows on its page."""
    pending.state, pending.result = ImportState.CHECKING, None
    pending.rows_done = 0
    pending.save()
    cache.delete(progress_key(pending.pk))
    check_members.enqueue(pending.pk, language)


def start(pending, language):
    """Import a confirmed file: queued as a task when it is large, else at once."""
    # rows_total was counted when the rows were kept (members/views.py): no second parse.
    pending.rows_done, pending.result = 0, None
    cache.delete(progress_key(pending.pk))
    if runs_as_task(pending.rows_total):
        pending.state = ImportState.QUEUED
        pending.save()
        import_members.enqueue(pending.pk, language)
    else:
        pending.state = ImportState.PREVIEWED
        pending.save()
        run_pending(pending.pk, language)


def pending_rows(pending):
    return MemberRows.from_json(bytes(pending.content))


@task()
def check_members(pending_id, language):
    """The background check of a large file: the dry run whose outcome is the preview."""
    pending = PendingImport.objects.select_related("user", "unit").filter(pk=pending_id).first()
    if pending is None or pending.state != ImportState.CHECKING:
        return  # deleted, or already checked by an earlier run
    with translation.override(language):
        try:
            outcome = run_import(
                pending.file_name,
                pending_rows(pending),
                user=pending.user,
                unit=pending.unit,
                dry_run=True,
                progress=lambda done, total: report_progress(pending_id, done),
            )
        except Exception:
            logger.exception("Check of member file %s failed", pending_id)
            PendingImport.objects.filter(pk=pending_id, state=ImportState.CHECKING).update(
                state=ImportState.CHECK_FAILED, updated_at=timezone.now()
            )
            return
    outcome.keep_errors(KEPT_ERRORS)
    state = ImportState.PREVIEWED if outcome.ok else ImportState.REFUSED
    PendingImport.objects.filter(pk=pending_id, state=ImportState.CHECKING).update(
        state=state, rows_done=outcome.total, result=outcome.as_data(), updated_at=timezone.now()
    )


@task()
def import_members(pending_id, language):
    """The background task: a confirmed import, all or nothing."""
    run_pending(pending_id, language)


def run_pending(pending_id, language):
    """Run the import of ``pending_id`` unless another run holds it; record the outcome."""
    startable = [ImportState.PREVIEWED, ImportState.QUEUED, ImportState.FAILED]
    claimed = PendingImport.objects.filter(pk=pending_id, state__in=startable).update(
        state=ImportState.RUNNING, updated_at=timezone.now()
    )
    if not claimed:
        return  # already running elsewhere, or done
    pending = PendingImport.objects.select_related("user", "unit").get(pk=pending_id)
    rows = pending_rows(pending)

    def report(done, total):
        report_progress(pending_id, done)

    with translation.override(language):
        try:
            outcome = run_import(
                pending.file_name,
                rows,
                user=pending.user,
                unit=pending.unit,
                dry_run=False,
                progress=report,
            )
        except Exception:
            # Nothing was written (one transaction); the page offers to run it again.
            logger.exception("Member import %s failed", pending_id)
            PendingImport.objects.filter(pk=pending_id).update(
                state=ImportState.FAILED, updated_at=timezone.now()
            )
            return
        result = {
            "file_name": pending.file_name,
            "counts": outcome.counts(),
            "errors": [str(error) for error in outcome.errors[:KEPT_ERRORS]],
            "written": outcome.written,
        }
    done = {"state": ImportState.DONE, "rows_done": outcome.total, "result": result}
    if outcome.written:
        done["content"] = b""  # the rows are in the register now
    PendingImport.objects.filter(pk=pending_id).update(updated_at=timezone.now(), **done)
