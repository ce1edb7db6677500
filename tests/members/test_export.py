"""Export: template headers and order, round trip, scope, and formula cells escaped."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from cms.spreadsheets import escape_formula, unescape_formula
from members.importing import EXPORT_HEADERS, run_import
from members.models import Member
from members.validators import is_formula
from tests.factories.members import MemberFactory

from .conftest import sample

pytestmark = pytest.mark.django_db


def read_csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Lò Thị Mai", "Lò Thị Mai"),
        ("0912345678", "0912345678"),
    ],
)
def test_every_formula_start_is_escaped_and_comes_back(value, escaped):
    assert escape_formula(value) == escaped
    assert unescape_formula(escaped) == value


def test_only_the_exports_apostrophe_is_taken_off():
    assert unescape_formula("'Ngọc") == "'Ngọc"
    assert unescape_formula("''=1") == "''=1"


def test_phone_with_country_code_is_not_a_formula():
    assert not is_formula("+84 912 345 678") and is_formula("+cmd|' /C calc'!A0")


def test_export_escapes_cells_that_slipped_in(client, tree, people):
    # Written past the form's rules (as an old database might hold them).
    MemberFactory(code="E1", chapter=tree.a1, card_number="=HYPERLINK(1)")
    Member.objects.filter(code="E1").update(full_name="@Lò Thị Mai", email="-x@example.com")
    client.force_login(people.superuser)
    rows = read_csv(client.get(reverse("members:index"), {"export": "csv"}).content)
    assert rows[1][1] == "'@Lò Thị Mai" and rows[1][8] == "'=HYPERLINK(1)"
    assert rows[1][10] == "'-x@example.com"
    xlsx = client.get(reverse("members:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    # XLSX text cells are text: the value as stored, marked with Excel's quote prefix.
    for ref, value in (("B2", "@Lò Thị Mai"), ("I2", "=HYPERLINK(1)")):
        assert sheet[ref].value == value and sheet[ref].data_type == "s"
        assert sheet[ref].quotePrefix


def test_export_round_trips_unchanged(client, tree, people):
    run_import("good.csv", sample("good.csv"), dry_run=False)
    client.force_login(people.superuser)
    for file_format in ("csv", "xlsx"):
        content = client.get(reverse("members:index"), {"export": file_format}).content
        outcome = run_import(f"export.{file_format}", content, dry_run=True)
        assert outcome.ok, [str(error) for error in outcome.errors]
        assert outcome.counts()["unchanged"] == 3, file_format
    rows = read_csv(client.get(reverse("members:index"), {"export": "csv"}).content)
    assert rows[0] == EXPORT_HEADERS


def test_export_follows_the_filter_and_the_users_scope(client, tree, people):
    MemberFactory(code="A1X", chapter=tree.a1)
    MemberFactory(code="A2X", chapter=tree.a2)
    MemberFactory(code="B1X", chapter=tree.b1)
    client.force_login(people.member_manager)
    rows = read_csv(client.get(reverse("members:index"), {"export": "csv"}).content)
    assert sorted(row[0] for row in rows[1:]) == ["A1X", "A2X"]
    rows = read_csv(
        client.get(reverse("members:index"), {"export": "csv", "unit": tree.a2.pk}).content
    )
    assert [row[0] for row in rows[1:]] == ["A2X"]


def test_export_is_recorded_without_member_data(client, tree, people):
    MemberFactory(code="A1X", full_name="Lò Thị Mai", chapter=tree.a1)
    client.force_login(people.member_manager)
    client.get(reverse("members:index"), {"export": "xlsx", "unit": tree.a1.pk})
    entry = ModelLogEntry.objects.get(action="members.export")
    assert entry.user == people.member_manager and entry.object_id == str(tree.a1.pk)
    assert entry.data["rows"] == 1 and entry.data["unit"] == "A1"
    assert "Lò Thị Mai" not in str(entry.data) and "A1X" not in str(entry.data)


def test_export_records_every_filter_and_the_log_shows_them(client, tree, people):
    """Who exported which part of the register: every filter of the listing in the entry and
    on the register log, the search as a fact (its words may be a name), no member's data."""
    MemberFactory(full_name="Lò Thị Mai", chapter=tree.a1)
    client.force_login(people.member_manager)
    query = {
        "unit": tree.a1.pk,
        "status": "active",
        "gender": "female",
        "app_updated": "false",
        "q": "Lò Thị Mai",
        "export": "xlsx",
    }
    assert client.get(reverse("members:index"), query).status_code == 200
    entry = ModelLogEntry.objects.get(action="members.export")
    assert entry.data["filters"] == {
        "unit": "A1",
        "status": "active",
        "gender": "female",
        "app_updated": "no",
        "search": "yes",
    }
    assert "Lò Thị Mai" not in str(entry.data)
    log = client.get(reverse("members:audit")).content.decode()
    assert "Tình trạng: Đang sinh hoạt" in log
    assert "Đã cập nhật lên ứng dụng: Không" in log
    assert "Lò Thị Mai" not in log


def test_recording_export_filters_leaves_the_listings_filter_pills_alone(client, tree, people):
    """The listing still shows Wagtail's pill per filter in force, and none for a search."""
    client.force_login(people.member_manager)
    page = client.get(reverse("members:index"), {"q": "abc"}).content.decode()
    assert "w-pill" not in page
    page = client.get(reverse("members:index"), {"status": "active"}).content.decode()
    pills = page.split('class="w-active-filters"')[1].split("</ul>")[0]
    assert "Tình trạng" in pills and "Đang sinh hoạt" in pills
