"""Export members to CSV or XLSX from the command line, on the admin's code path."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.importing import export_members
from members.models import Member
from organisation.models import Unit


class Command(BaseCommand):
    help = "Export members (optionally of one unit and its subtree) to a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("--unit", help="Only members below this unit (code).")
        parser.add_argument("--format", choices=["csv", "xlsx"], default=None)
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, unit, format, output, **options):
        path = Path(output)
        file_format = format or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
        members = Member.objects.all()
        scope = None
        if unit:
            scope = Unit.objects.filter(code=unit).first()
            if scope is None:
                raise CommandError(f"Không có đơn vị mã {unit}.")
            members = members.filter(chapter__path__startswith=scope.path)
        members = members.order_by("chapter__path", "full_name", "code")
        content = export_members(members, file_format, unit=scope, file_name=path.name)
        path.write_bytes(content)
        self.stdout.write(f"{path}: {members.count()} đoàn viên.")
