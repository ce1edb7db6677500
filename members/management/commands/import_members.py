"""Import a member file from the command line, on the admin's code path."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.importing import run_import
from organisation.models import Unit


class Command(BaseCommand):
    help = "Import members from a CSV or XLSX file (all or nothing); --dry-run only checks it."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check, write nothing.")
        parser.add_argument("--unit", help="Refuse rows for chapters outside this unit (code).")

    def handle(self, *args, file, dry_run, unit, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        scope = _unit(unit)
        outcome = run_import(
            path.name, path.read_bytes(), unit=scope, dry_run=dry_run, progress=self.progress
        )
        for error in outcome.errors:
            self.stderr.write(str(error))
        counts = outcome.counts()
        summary = (
            f"{path.name}: {counts['rows']} dòng, {counts['created']} mới, "
            f"{counts['updated']} thay đổi, {counts['unchanged']} không đổi, "
            f"{counts['errors']} lỗi"
        )
        if outcome.errors:
            raise CommandError(f"{summary}. Không nhập gì.")
        self.stdout.write(summary + (" (chạy thử, chưa ghi)." if dry_run else ". Đã nhập."))

    def progress(self, done, total):
        """Rows checked, as the admin's progress page shows them (the same run_import)."""
        if done:
            self.stderr.write(f"{done} / {total} dòng đã kiểm tra")


def _unit(code):
    if not code:
        return None
    unit = Unit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"Không có đơn vị mã {code}.")
    return unit
