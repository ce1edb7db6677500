"""Large files are checked and imported as background tasks: a progress page the person can
leave and come back to, the same preview, result and row errors as a small file, all or
nothing, and a failed or killed run shown as failed and run again."""

import signal
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from members.models import ImportState, Member, PendingImport
from members.tasks import progress_key, report_progress

from .conftest import csv_file, rows

# Outside a test transaction, as in production: the worker, the scheduler and a finished file
# response close the database connection between jobs (close_old_connections), which on
# PostgreSQL would end a test's transaction under it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def upload(client, content, name="many.csv"):
    """Post the file; a large one lands on the import's own page (its check under way)."""
    return client.post(
        reverse("members:import"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def preview(client, content, name="many.csv"):
    response = upload(client, content, name)
    assert response.context["outcome"].ok, response.context["outcome"].errors
    return response.context["pending"]


def status(client, pending):
    return client.get(reverse("members:import_status", args=[pending.pk]))


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
    pending = preview_checked(client, csv_file(*rows(12)))
    response = confirm(client, pending)
    page = response.content.decode()
    assert response["Refresh"] == "2"
    assert "Đang chờ tiến trình chạy nền bắt đầu" in page and not Member.objects.exists()
    # The person leaves and comes back while the worker is half-way through.
    PendingImport.objects.filter(pk=pending.pk).update(state=ImportState.RUNNING)
    report_progress(pending.pk, 6)
    page = status(client, pending).content.decode()
    assert "Đã kiểm tra 6 / 12 dòng" in page and 'value="50"' in page
    # Confirming again does not start a second run.
    client.post(reverse("members:confirm", args=[pending.pk]))
    PendingImport.objects.filter(pk=pending.pk).update(state=ImportState.QUEUED)
    run_worker()
    response = status(client, pending)
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
    pending = preview_checked(client, csv_file(*rows(12)))
    confirm(client, pending)
    # The worker took it and died: no sign of life for an hour, nothing committed.
    PendingImport.objects.filter(pk=pending.pk).update(
        state=ImportState.RUNNING, updated_at=timezone.now() - timedelta(hours=1)
    )
    page = status(client, pending).content.decode()
    assert 'data-state="failed"' in page and not Member.objects.exists()
    client.post(reverse("members:confirm", args=[pending.pk]))
    run_worker()
    assert Member.objects.count() == 12


@override_settings(
    MEMBERS_IMPORT_TASK_ROWS=5, MEMBERS_IMPORT_STALE_SECONDS=30, TASKS=DATABASE_QUEUE
)
def test_a_run_that_stops_reporting_is_failed_within_seconds_not_minutes(client, tree, people):
    client.force_login(people.superuser)
    pending = preview_checked(client, csv_file(*rows(12)))
    confirm(client, pending)
    PendingImport.objects.filter(pk=pending.pk).update(state=ImportState.RUNNING)
    # Rows reported a moment ago: still running, whatever the start time.
    report_progress(pending.pk, 6)
    page = status(client, pending).content.decode()
    assert 'data-state="running"' in page and "Đã kiểm tra 6 / 12 dòng" in page
    # Its worker was killed: no row reported for longer than MEMBERS_IMPORT_STALE_SECONDS.
    cache.set(progress_key(pending.pk), {"done": 6, "at": time.time() - 31})
    page = status(client, pending).content.decode()
    assert 'data-state="failed"' in page and "Chạy lại việc nhập" in page
    assert not Member.objects.exists()
    client.post(reverse("members:confirm", args=[pending.pk]))
    run_worker()
    assert Member.objects.count() == 12


def preview_checked(client, content):
    """Upload a large file and let the worker check it: its preview on the import's page."""
    response = upload(client, content)
    pending = response.context["pending"]
    assert pending.state == ImportState.CHECKING and response["Refresh"] == "2"
    run_worker()
    response = status(client, pending)
    assert response.context["outcome"].ok, response.context["outcome"].errors
    return response.context["pending"]


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5, TASKS=DATABASE_QUEUE)
def test_a_large_file_is_checked_in_the_background_then_previewed(client, tree, people):
    client.force_login(people.superuser)
    response = upload(client, csv_file(*rows(12)))
    page = response.content.decode()
    assert "Đang kiểm tra tệp many.csv" in page
    assert "Đang chờ tiến trình chạy nền bắt đầu" in page
    assert response.redirect_chain[-1][0].startswith("/admin/members/import/")
    run_worker()
    page = status(client, response.context["pending"]).content.decode()
    assert "Xem trước tệp many.csv" in page and "12 đoàn viên mới, 0 thay đổi, 0 không đổi" in page
    assert "Xác nhận nhập" in page and not Member.objects.exists()
    pending = PendingImport.objects.get()
    assert pending.state == ImportState.PREVIEWED
    page = confirm(client, pending).content.decode()
    assert "Đang nhập" in page  # queued for the worker, as a large import
    run_worker()
    assert Member.objects.count() == 12


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5)
def test_a_large_file_with_wrong_rows_shows_every_error_and_cannot_be_confirmed(
    client, tree, people
):
    client.force_login(people.superuser)
    wrong = rows(12)
    wrong[3]["Ngày sinh"] = "31/02/2004"
    wrong[7]["Chi đoàn"] = "KHÔNG CÓ"
    response = upload(client, csv_file(*wrong))
    page = response.content.decode()
    assert 'data-state="refused"' in page and "Tệp có 2 lỗi" in page
    assert "<td>5</td><td>Ngày sinh</td>" in page and "<td>9</td><td>Chi đoàn</td>" in page
    assert "Xác nhận nhập" not in page
    pending = response.context["pending"]
    client.post(reverse("members:confirm", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.state == ImportState.REFUSED and not Member.objects.exists()


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5)
def test_a_check_with_more_errors_than_it_lists_counts_them_all(client, tree, people, monkeypatch):
    """A file with thousands of wrong rows keeps only the first to list; the count is the
    file's, not the list's."""
    monkeypatch.setattr("members.tasks.KEPT_ERRORS", 2)
    client.force_login(people.superuser)
    wrong = rows(12)
    for number in (2, 4, 6):
        wrong[number]["Ngày sinh"] = "31/02/2004"
    page = upload(client, csv_file(*wrong)).content.decode()
    assert "Tệp có 3 lỗi" in page
    assert page.count("<td>Ngày sinh</td>") == 2
    assert "Chỉ liệt kê 2 lỗi đầu tiên" in page


@override_settings(MEMBERS_IMPORT_TASK_ROWS=5, TASKS=DATABASE_QUEUE)
def test_a_killed_check_shows_as_stopped_and_checks_again(client, tree, people):
    client.force_login(people.superuser)
    pending = upload(client, csv_file(*rows(12))).context["pending"]
    # A worker took the check and was killed half-way.
    cache.set(progress_key(pending.pk), {"done": 6, "at": time.time() - 3600})
    page = status(client, pending).content.decode()
    assert 'data-state="failed"' in page and "Kiểm tra lại tệp" in page
    client.post(reverse("members:confirm", args=[pending.pk]))
    run_worker()
    page = status(client, pending).content.decode()
    assert "Xác nhận nhập" in page and not Member.objects.exists()


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
