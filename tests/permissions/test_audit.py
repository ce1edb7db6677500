"""The register log (Báo cáo → Nhật ký sổ đoàn viên): member managers and the school union see
who imported, exported and deleted members of their units, with filters, and nothing else;
no entry holds a member's personal data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.models import Member
from organisation.models import Role
from tests.factories.members import MemberFactory
from tests.factories.organisation import UnitRoleFactory, UserFactory
from tests.members.conftest import csv_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(client, tree, people):
    """An export by the LCĐ I manager of chapter A1, a deletion in A1 and one in B1 (by a
    manager of LCĐ II), and an import into B1."""
    manager_fed2 = UserFactory(username="manager_fed2")
    UnitRoleFactory(user=manager_fed2, unit=tree.fed2, role=Role.MEMBER_MANAGER)
    a1_member = MemberFactory(chapter=tree.a1, full_name="Lò Thị Bí Mật", code="SECRET1")
    b1_member = MemberFactory(chapter=tree.b1, full_name="Cà Văn Riêng", code="SECRET2")

    client.force_login(people.member_manager)
    client.get(reverse("members:index"), {"export": "csv", "unit": tree.a1.pk})
    client.post(reverse("members:delete", args=[a1_member.pk]))
    client.force_login(manager_fed2)
    client.post(reverse("members:delete", args=[b1_member.pk]))
    upload = SimpleUploadedFile("chi-doan-b1.csv", csv_file({"Chi đoàn": "B1"}))
    preview = client.post(reverse("members:import"), {"file": upload, "unit": tree.b1.pk})
    pending = preview.context["pending"]
    client.post(reverse("members:confirm", args=[pending.pk]))
    client.logout()
    assert not Member.objects.filter(code__startswith="SECRET").exists()
    return manager_fed2


def rows(client, **filters):
    response = client.get(reverse("members:audit"), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_the_school_union_sees_every_units_log(client, people, history):
    client.force_login(people.approver)
    page = rows(client)
    assert "doan-vien-" in page  # the export's file name
    assert "chi-doan-b1.csv" in page
    assert page.count("Đoàn viên #") == 2  # both deletions, by number
    assert "member_manager" in page or "Lò Văn" in page  # who did it


def test_a_member_manager_sees_only_their_federations_log(client, people, history):
    client.force_login(people.member_manager)
    page = rows(client)
    assert "doan-vien-" in page
    assert page.count("Đoàn viên #") == 1
    assert "chi-doan-b1.csv" not in page


def test_the_log_holds_no_personal_data(client, people, history):
    client.force_login(people.approver)
    page = rows(client)
    for secret in ("SECRET1", "SECRET2", "Bí Mật", "Cà Văn Riêng", "Cà Thị Xuân", "SV100"):
        assert secret not in page


def test_filters_by_action_and_unit(client, tree, people, history):
    client.force_login(people.approver)
    exports = rows(client, action="members.export")
    assert "doan-vien-" in exports and "chi-doan-b1.csv" not in exports
    assert "Đoàn viên #" not in exports
    b1 = rows(client, unit=tree.fed2.pk)
    assert "chi-doan-b1.csv" in b1 and "doan-vien-" not in b1
    assert b1.count("Đoàn viên #") == 1
    by_user = rows(client, user=history.pk)
    assert "chi-doan-b1.csv" in by_user and "doan-vien-" not in by_user


@pytest.mark.parametrize("person", ["editor_a1", "reviewer_fed1", "nobody"])
def test_others_do_not_see_the_log(client, people, history, person):
    client.force_login(getattr(people, person))
    response = client.get(reverse("members:audit"))
    assert response.status_code != 200 or "chi-doan-b1.csv" not in response.content.decode()
    assert response.status_code in (302, 403)


def test_the_log_is_under_reports_for_those_who_may_read_it(client, people):
    client.force_login(people.member_manager)
    assert reverse("members:audit") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(people.editor_a1)
    assert reverse("members:audit") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_an_unfiltered_export_shows_in_the_exporters_own_log(client, tree, people):
    client.force_login(people.member_manager)
    client.get(reverse("members:index"), {"export": "csv"})
    page = rows(client)
    assert "doan-vien-" in page and "LCD1" in page
