"""The confirmed member import: in the request for a small file, as a background task
(django-tasks) above ``MEMBERS_IMPORT_TASK_ROWS`` rows, the same code either way.

The state and the result live on the ``PendingImport`` row, so the person can leave the
progress page and come back, and a failed or killed run shows as failed and can be run again.
The live count of rows checked goes through the cache: the import writes inside one
transaction (all or nothing) that no other connection can see into until it ends. With a
separate worker process the cache must be shared (``CACHE_URL`` on Redis) for the count to
show; the state and the result show either way.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks import task

from .files import MemberRows
from .importing import run_import
from .models import ImportState, PendingImport

logger = logging.getLogger(__name__)

# A run still "running" this long after its last sign of life was killed with its worker.
STALE_AFTER = timedelta(minutes=15)
# How many row errors the result keeps (the page shows them all).
KEPT_ERRORS = 500


def runs_as_task(row_count):
    return row_count > settings.MEMBERS_IMPORT_TASK_ROWS


def progress_key(pending_id):
    return f"members:import-progress:{pending_id}"


def rows_checked(pending):
    """Rows checked so far: the live count while it runs, the total once it is done."""
    if pending.state == ImportState.DONE:
        return pending.rows_done
    return cache.get(progress_key(pending.pk)) or 0


def has_failed(pending):
    """Failed, or running with no sign of life for too long (its worker was killed)."""
    if pending.state == ImportState.FAILED:
        return True
    stale = timezone.now() - STALE_AFTER
    return pending.state == ImportState.RUNNING and pending.updated_at < stale


def start(pending, language):
    """Import a confirmed file: queued as a task when it is large, else at once."""
    total = len(MemberRows.from_json(bytes(pending.content)).rows)
    pending.rows_total, pending.rows_done, pending.result = total, 0, None
    cache.delete(progress_key(pending.pk))
    if runs_as_task(total):
        pending.state = ImportState.QUEUED
        pending.save()
        import_members.enqueue(pending.pk, language)
    else:
        pending.state = ImportState.PREVIEWED
        pending.save()
        run_pending(pending.pk, language)


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
    rows = MemberRows.from_json(bytes(pending.content))

    def report(done, total):
        cache.set(progress_key(pending_id), done, 3600)

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
