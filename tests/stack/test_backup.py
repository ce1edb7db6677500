"""Backup, restore into a fresh database, and the same pages, members and documents are there."""

import os
import subprocess
import time

import pytest

pytestmark = pytest.mark.stack

ADD_DOCUMENT = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
document = Document(title="Kế hoạch hành trình sao lưu")
document.file.save("ke-hoach-sao-luu.txt", ContentFile("Nội dung kế hoạch".encode()))
print(document.pk)
"""
INVENTORY = """
from wagtail.models import Page
from wagtail.documents.models import Document
from members.models import Member
print(
    Page.objects.count(),
    Member.objects.count(),
    sorted(Document.objects.values_list("title", flat=True)),
    sorted(Member.objects.values_list("pk", flat=True))[-1],
    sep="|",
)
"""


def test_backup_restores_into_a_fresh_database(stack, tmp_path):
    stack.shell(ADD_DOCUMENT)
    before = stack.shell(INVENTORY)
    assert "Kế hoạch hành trình sao lưu" in before

    def run(*args, env=None):
        result = subprocess.run(  # noqa: S603 - our own scripts and PostgreSQL's tools
            args,
            cwd=stack.dir.parent,
            env={**os.environ, **stack.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result

    folder = tmp_path / "backup"
    run("bash", "scripts/backup.sh", str(folder))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    pg_bin, pg_dir = stack.env["PG_BIN"], stack.env["STACK_PG_DIR"]
    fresh_name = f"restored_{time.time_ns()}"
    run(*as_postgres, f"{pg_bin}/createdb", "-h", pg_dir, "-U", "postgres", fresh_name)
    fresh = {
        "DATABASE_URL": stack.env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + fresh_name,
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    run("bash", "scripts/restore.sh", str(folder), env=fresh)

    assert stack.shell(INVENTORY, extra_env=fresh) == before
    assert list((tmp_path / "media" / "documents").glob("ke-hoach-sao-luu*.txt"))
