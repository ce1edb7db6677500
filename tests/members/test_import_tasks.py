"""Large confirmed imports run as background tasks: a progress page the person can leave and
come back to, the same result and row errors as a small import, all or nothing, and a failed
or killed run shown as failed and run again."""

import signal
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from members.models import ImportState, Member, PendingImport
from members.tasks import progress_key

from .conftest import csv_file, rows

# Outside a test transaction, as in production: the worker, the scheduler and a finished file
# response close the database connection between jobs (close_old_connections), which on
# PostgreSQL would end a test's transaction under it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def preview(client, content, name="many.csv"):
    response = client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.context["outcome"].ok, response.context["outcome"].errors
    return response.context["pending"]


def run_worker():
    """Work the database queue until it is empty, as `manage.py db_worker` does, leaving the
    test process's signal handlers as they were (the worker installs its own)."""
    kept = {
        number: signal.getsignal(number)
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)


def confirm(client, pending):
    response = client.post(reverse("members:confirm", args=[pending.pk]))
    assert response.status_code == 302
    assert response.url == reverse("members:import_status", args=[pending.pk])
    return client.get(response.url)


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5)
def test_a_large_import_runs_as_a_task_and_shows_its_result(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(12)))
    page = confirm(client, pending).content.decode()
    assert "Đã nhập tệp many.csv: 12 đoàn viên mới" in page
    assert Member.objects.count() == 12
    pending.refresh_from_db()
    assert pending.state == ImportState.DONE and pending.rows_done == 12
    assert pending.result["written"] and bytes(pending.content) == b""


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5, TASKS=DATABASE_QUEUE)
def test_a_queued_import_shows_its_progress_until_the_worker_runs_it(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(12)))
    response = confirm(client, pending)
    page = response.content.decode()
    assert response["Refresh"] == "2"
    assert "Đang chờ tiến trình chạy nền bắt đầu" in page and not Member.objects.exists()
    # The person leaves and comes back while the worker is half-way through.
    PendingImport.objects.filter(pk=pending.pk).update(state=ImportState.RUNNING)
    cache.set(progress_key(pending.pk), 6)
    page = client.get(reverse("members:import_status", args=[pending.pk])).content.decode()
    assert "Đã kiểm tra 6 / 12 dòng" in page and 'value="50"' in page
    # Confirming again does not start a second run.
    client.post(reverse("members:confirm", args=[pending.pk]))
    PendingImport.objects.filter(pk=pending.pk).update(state=ImportState.QUEUED)
    run_worker()
    response = client.get(reverse("members:import_status", args=[pending.pk]))
    assert "Refresh" not in response
    assert "12 đoàn viên mới" in response.content.decode() and Member.objects.count() == 12


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5)
def test_a_task_shows_the_same_row_errors_and_writes_nothing(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(12)))
    # Taken meanwhile by another member: the run refuses the file as the preview would.
    from tests.factories.members import MemberFactory

    MemberFactory(code="X1", chapter=tree.a1, card_number="T00011")
    page = confirm(client, pending).content.decode()
    assert "Chưa nhập gì" in page and "Dòng 13, cột “Số thẻ đoàn”" in page
    assert Member.objects.count() == 1


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5)
def test_a_failed_run_writes_nothing_and_can_run_again(client, tree, people, monkeypatch):
    import members.tasks

    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(12)))

    def broken(*args, **kwargs):
        raise RuntimeError("the worker lost its database")

    monkeypatch.setattr(members.tasks, "run_import", broken)
    page = confirm(client, pending).content.decode()
    assert 'data-state="failed"' in page and "Chạy lại việc nhập" in page
    assert not Member.objects.exists()
    monkeypatch.undo()
    page = confirm(client, pending).content.decode()
    assert "12 đoàn viên mới" in page and Member.objects.count() == 12


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5, TASKS=DATABASE_QUEUE)
def test_a_killed_run_shows_as_failed_and_runs_again(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(12)))
    confirm(client, pending)
    # The worker took it and died: no sign of life for an hour, nothing committed.
    PendingImport.objects.filter(pk=pending.pk).update(
        state=ImportState.RUNNING, updated_at=timezone.now() - timedelta(hours=1)
    )
    page = client.get(reverse("members:import_status", args=[pending.pk])).content.decode()
    assert 'data-state="failed"' in page and not Member.objects.exists()
    client.post(reverse("members:confirm", args=[pending.pk]))
    run_worker()
    assert Member.objects.count() == 12


def test_small_imports_run_in_the_request(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(3)))
    page = confirm(client, pending).content.decode()
    assert "3 đoàn viên mới" in page and Member.objects.count() == 3
    # A second click on the confirmation only shows the result again.
    again = confirm(client, pending).content.decode()
    assert "3 đoàn viên mới" in again and Member.objects.count() == 3


def test_the_import_page_is_only_for_its_uploader(client, tree, people):
    client.force_login(people.superuser)
    pending = preview(client, csv_file(*rows(3)))
    client.force_login(people.member_manager)
    url = reverse("members:import_status", args=[pending.pk])
    assert client.get(url).status_code == 404
