"""Hostile files (tests/data/hostile.py), each refused or accepted on purpose: a refusal names
its line (and column where there is one) and writes nothing; an acceptance imports exactly the
good rows. A measuring run shows that no kind costs the reader more than 150 MB."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from members.importing import run_import
from members.models import Member
from tests.data.hostile import KINDS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NOT_A_LIST = "không phải văn bản CSV"
TEXTS = "chuỗi văn bản"
FORMULA = "công thức"

# kind → ("refused", line, column or None for either, fragment) or ("accepted", rows imported)
EXPECTED = {
    "zip bomb: sheet padded with 100 MB of spaces": ("refused", 1, "", "giải nén lên tới 100,0 MB"),
    "zip bomb: 30 MB of spaces, under the size limit but packed 1000:1": (
        "refused", 1, "", "giới hạn 100"
    ),
    "zip bomb: 100 MB declared as 1 KB": ("refused", 1, "", NOT_A_LIST),
    "shared-string bomb: 2.5 million strings": ("refused", 1, "", "giải nén lên tới"),
    "shared-string file: 650,000 distinct strings, within the limits": ("accepted", 1),
    "shared-string file: 1 million distinct strings": ("refused", 1, "", TEXTS),
    "shared-string file of 4.6 MB: 1.75 million distinct strings": ("refused", 1, "", TEXTS),
    "4.9 MB of incompressible text in one cell": ("refused", 2, "Họ và tên", "hơn 1000 ký tự"),
    "1,000 parts in the archive": ("refused", 1, "", "1005 thành phần"),
    "a cell at XFD1048576 (a grid of 17 billion cells)": ("refused", 1, "", "nhiều hơn 20000"),
    "a cell on row 900,000": ("refused", 1, "", "nhiều hơn 20000"),
    "a dimension that claims the whole sheet": ("accepted", 1),
    "200 columns": ("refused", 1, "", "200 cột"),
    "entity expansion (billion laughs)": ("refused", 1, "", NOT_A_LIST),
    "truncated archive": ("refused", 1, "", NOT_A_LIST),
    "archive without a workbook": ("refused", 1, "", NOT_A_LIST),
    "old Excel .xls": ("refused", 1, "", ".xls"),
    "formula cell in a workbook": ("refused", 2, "Họ và tên", FORMULA),
    "210,000-character cell in a workbook": ("refused", 2, "Họ và tên", "hơn 1000 ký tự"),
    "CSV named .xlsx": ("accepted", 1),
    "XLSX named .csv": ("accepted", 1),
    "binary garbage": ("refused", 1, "", NOT_A_LIST),
    "NUL bytes in line 3": ("refused", 3, "", "ký tự điều khiển"),
    "a bell character in a cell": ("refused", 2, "Họ và tên", "ký tự điều khiển"),
    # The csv module may stop at its own cell limit first (then no column is known).
    "210,000-character cell in a CSV": ("refused", 2, None, "hơn 1000 ký tự"),
    "5,000-character cell in a CSV": ("refused", 2, "Họ và tên", "hơn 1000 ký tự"),
    "UTF-8 lines then a Windows-1258 line": ("refused", 3, "", "bảng mã khác"),
    "Windows-1258 lines then a UTF-8 line": ("refused", 2, "", "bảng mã khác"),
    "UTF-16 without a byte-order mark": ("accepted", 1),
    "zero-width space before =": ("refused", 2, "Họ và tên", FORMULA),
    "byte-order mark before = inside a cell": ("refused", 2, "Họ và tên", FORMULA),
    "no-break space before =": ("refused", 2, "Họ và tên", FORMULA),
    "right-to-left override in a name": ("accepted", 1),
    "formula prefix =": ("refused", 2, "Họ và tên", FORMULA),
    "formula prefix + with letters": ("refused", 2, "Email", FORMULA),
    "formula prefix - with letters": ("refused", 2, "Số thẻ đoàn", FORMULA),
    "formula prefix @": ("refused", 2, "Họ và tên", FORMULA),
    "formula prefix tab": ("refused", 2, "Họ và tên", FORMULA),
    "formula prefix carriage return": ("refused", 2, "Họ và tên", FORMULA),
    "formula prefix = in an email": ("refused", 2, "Email", FORMULA),
    "-1234 as a card number": ("accepted", 1),
    "an exported '-1234 card number": ("accepted", 1),
    "duplicate headers": ("refused", 1, "", "“Email”"),
    "missing headers": ("refused", 1, "", "thiếu cột"),
    "headers only": ("refused", 1, "", "chưa có dòng đoàn viên nào"),
    "empty file": ("refused", 1, "", "Tệp trống"),
    "blank lines before the headers": ("accepted", 1),
    "the template's example row": ("accepted", 1),
}  # fmt: skip


def test_every_kind_has_a_decision():
    assert set(EXPECTED) == set(KINDS)
    assert len(KINDS) >= 35


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_file(tree, kind):
    name, content = KINDS[kind]()
    outcome = run_import(name, content, dry_run=False)
    expected = EXPECTED[kind]
    if expected[0] == "accepted":
        assert outcome.ok, [str(error) for error in outcome.errors]
        assert Member.objects.count() == expected[1]
        return
    _, line, column, fragment = expected
    assert not outcome.written and Member.objects.count() == 0
    first = outcome.errors[0]
    assert first.line == line, str(first)
    assert column is None or first.column == column, str(first)
    assert fragment in str(first), str(first)


def test_what_accepted_files_store(tree):
    run_import(*KINDS["right-to-left override in a name"](), dry_run=False)
    assert Member.objects.get().full_name == "Quàng Thị Hạnh"  # the override is gone
    Member.objects.all().delete()
    run_import(*KINDS["an exported '-1234 card number"](), dry_run=False)
    assert Member.objects.get().card_number == "-1234"  # our export's apostrophe comes off
    Member.objects.all().delete()
    outcome = run_import(*KINDS["the template's example row"](), dry_run=False)
    assert [member.code for member in Member.objects.all()] == ["SV002"]
    assert outcome.skipped == [2]


def test_no_hostile_file_costs_the_reader_150_mb():
    """Each kind read in a forked process; the growth of its peak resident memory, Rust's
    allocations included, stays under the budget."""
    result = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, str(ROOT / "bench" / "uploads.py"), "150"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    worst = float(re.search(r"largest growth: ([\d.]+) MB", result.stdout).group(1))
    assert worst < 150
    assert "the reader died" not in result.stdout
