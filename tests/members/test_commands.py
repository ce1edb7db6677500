"""import_members and export_members: the admin's code path from the command line."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from members.models import Member

from .conftest import DATA, csv_file

pytestmark = pytest.mark.django_db


def test_import_dry_run_then_import(tree, capsys):
    call_command("import_members", str(DATA / "good.csv"), "--dry-run")
    assert "3 mới" in capsys.readouterr().out and not Member.objects.exists()
    call_command("import_members", str(DATA / "good.xlsx"))
    assert Member.objects.count() == 3
    assert ModelLogEntry.objects.filter(action="members.import").count() == 1


def test_import_errors_exit_non_zero_with_the_row_errors(tree, capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_file({"Ngày sinh": "31/02/2004"}))
    with pytest.raises(CommandError, match="1 lỗi. Không nhập gì."):
        call_command("import_members", str(bad))
    assert "Dòng 2, cột “Ngày sinh”: “31/02/2004” không phải là ngày có thật" in (
        capsys.readouterr().err
    )
    assert not Member.objects.exists()


def test_import_unit_option_refuses_other_units(tree, capsys):
    with pytest.raises(CommandError):
        call_command("import_members", str(DATA / "good.csv"), "--unit", "LCD1")
    assert "Bạn không được quản lý đoàn viên của Chi đoàn B1" in capsys.readouterr().err
    assert not Member.objects.exists()


def test_command_exits_non_zero_for_an_unreadable_file(tree):
    with pytest.raises(CommandError):
        call_command("import_members", str(DATA / "binary_renamed.csv"))


def test_export_then_import_back(tree, tmp_path, capsys):
    call_command("import_members", str(DATA / "good.csv"))
    out = tmp_path / "lcd1.xlsx"
    call_command("export_members", "--unit", "LCD1", "--format", "xlsx", "-o", str(out))
    assert "2 đoàn viên" in capsys.readouterr().out
    call_command("import_members", str(out), "--dry-run")
    assert "2 không đổi" in capsys.readouterr().out
    csv_out = tmp_path / "all.csv"
    call_command("export_members", "-o", str(csv_out))
    assert csv_out.read_bytes().startswith("\ufeffMã đoàn viên".encode())
    assert ModelLogEntry.objects.filter(action="members.export").count() == 2
