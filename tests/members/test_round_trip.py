"""Export then import changes nothing, and the admin form and the import keep one set of rules.

The escaping rule (cms/spreadsheets.py): a CSV export puts an apostrophe before a cell that
starts with = + - @ tab or CR, and the import takes it off again only there; an XLSX export
writes the value as typed text with Excel's quote prefix, so nothing needs taking off."""

import pytest
from django.urls import reverse

from members.importing import run_import
from members.models import Member
from tests.factories.members import MemberFactory

from .test_admin import form_data

pytestmark = pytest.mark.django_db


def add_through_the_form(client, chapter, **changes):
    # test_admin's form data, without a phone unless the test gives one.
    return client.post(reverse("members:add"), form_data(chapter, **{"phone": "", **changes}))


# Values people type that a spreadsheet could misread: each must come back unchanged.
TRICKY = [
    {"code": "SV501", "card_number": "-1234"},
    {"code": "SV502", "card_number": "+5678"},
    {"code": "SV503", "card_number": "0012", "phone": "+84 912 345 678"},
    {"code": "SV504", "full_name": "Lò Thị O'Mai", "email": "o.mai+doan@example.com"},
    {"code": "SV505", "card_number": "'quoted"},
    {"code": "SV506", "card_number": "@home-5"},
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_changes_no_member(client, tree, people, file_format):
    client.force_login(people.superuser)
    saved = []
    for values in TRICKY:
        response = add_through_the_form(client, tree.a1, **values)
        if response.status_code == 302:
            saved.append(values["code"])
    # "@home-5" starts like a formula: the form refuses it, as the import would.
    assert saved == ["SV501", "SV502", "SV503", "SV504", "SV505"]
    MemberFactory(code="SV510", chapter=tree.a2, card_number="\t9")  # written past the form
    before = {m.code: m for m in Member.objects.all()}
    content = client.get(reverse("members:index"), {"export": file_format}).content
    outcome = run_import(f"export.{file_format}", content, dry_run=False)
    assert outcome.ok, [str(error) for error in outcome.errors]
    assert outcome.counts()["unchanged"] == len(before) and not outcome.changed
    for member in Member.objects.all():
        old = before[member.code]
        assert (member.card_number, member.phone, member.email, member.full_name) == (
            old.card_number,
            old.phone,
            old.email,
            old.full_name,
        )
    assert Member.objects.get(code="SV501").card_number == "-1234"


@pytest.mark.parametrize(
    ("field", "header", "value"),
    [
        ("email", "Email", "=1+1@example.com"),
        ("email", "Email", "-x@example.com"),
        ("card_number", "Số thẻ đoàn", "+SUM(A1)"),
        ("full_name", "Họ và tên", "@SUM(A1)"),
        ("code", "Mã đoàn viên", "=A1"),
    ],
)
def test_form_and_import_refuse_the_same_values(client, tree, people, field, header, value):
    from .conftest import csv_file

    client.force_login(people.superuser)
    response = add_through_the_form(client, tree.a1, **{field: value})
    assert response.status_code == 200 and "công thức" in response.content.decode()
    outcome = run_import("f.csv", csv_file({header: value}), dry_run=False)
    assert not outcome.ok and "công thức" in str(outcome.errors[0])
    assert not Member.objects.exists()


@pytest.mark.parametrize(
    ("field", "header", "value"),
    [("card_number", "Số thẻ đoàn", "-1234"), ("phone", "Số điện thoại", "+84 912 345 678")],
)
def test_form_and_import_accept_the_same_values(client, tree, people, field, header, value):
    from .conftest import csv_file

    client.force_login(people.superuser)
    assert add_through_the_form(client, tree.a1, **{field: value}).status_code == 302
    stored = getattr(Member.objects.get(), field)
    Member.objects.all().delete()
    outcome = run_import("f.csv", csv_file({"Mã đoàn viên": "SV500", header: value}), dry_run=False)
    assert outcome.ok and getattr(Member.objects.get(), field) == stored
