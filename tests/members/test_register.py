"""The register's own rules: folding, vocabularies, the progress report and its panel, demo."""

import csv
import io

import pytest
from django.urls import reverse

from members.choices import ETHNIC_GROUPS, ethnicity_from_text
from members.models import Member
from members.text import fold, nfc
from tests.factories.members import MemberFactory


def test_fold_strips_every_vietnamese_mark():
    assert fold("Quàng Thị Hạnh") == "quang thi hanh"
    assert fold("ĐOÀN Đức Ượng Ỷ") == "doan duc uong y"
    # Decomposed input (as Windows-1258 sends it) folds the same.
    assert fold("Quà\u0300ng".replace("à\u0300", "a\u0300")) == "quang"


def test_nfc_composes_and_trims():
    assert nfc("  Lo\u0300   Thi\u0323 ") == "Lò Thị"


def test_the_54_groups_and_their_other_names():
    assert len(ETHNIC_GROUPS) == len(set(map(fold, ETHNIC_GROUPS))) == 54
    assert ethnicity_from_text("H'Mông") == ethnicity_from_text("hmong") == "Mông"
    assert ethnicity_from_text("Khơ Mú") == "Khơ-mú"
    assert ethnicity_from_text("Kinh Bắc") is None


@pytest.mark.django_db
def test_search_text_follows_saves(tree):
    member = MemberFactory(full_name="Lò Thị Mai", chapter=tree.a1)
    member.full_name = "Điêu Thị Mai"
    member.save()
    assert list(Member.objects.search("dieu mai")) == [member]
    assert not Member.objects.search("lo thi")


@pytest.mark.django_db
def test_progress_report_and_its_download(client, tree, people):
    MemberFactory(chapter=tree.a1, app_updated=True)
    MemberFactory(chapter=tree.a1, app_updated=False)
    MemberFactory(chapter=tree.b1, app_updated=True)
    client.force_login(people.reviewer_fed1)
    page = client.get(reverse("members:progress")).content.decode()
    assert "Chi đoàn A1" in page and "50%" in page and "Chi đoàn B1" not in page
    download = client.get(reverse("members:progress"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã đơn vị", "Đơn vị", "Đoàn viên"]
    assert rows[1] == ["LCD1", "Liên chi đoàn I", "2", "2", "1", "1", "50"]  # chapters summed
    assert rows[2] == ["A1", "Chi đoàn A1", "2", "2", "1", "1", "50"]
    assert rows[3] == ["A2", "Chi đoàn A2", "0", "0", "0", "0", "0"]
    assert rows[-1][1:] == ["Tổng", "2", "2", "1", "1", "50"]


@pytest.mark.django_db
def test_admin_home_shows_the_progress_panel_to_member_roles(client, tree, people):
    MemberFactory(chapter=tree.a1, app_updated=True)
    client.force_login(people.approver)
    assert "Đoàn viên trên ứng dụng Thanh niên Việt Nam" in client.get("/admin/").content.decode()
    # An admin user without any member permission does not get it.
    from django.contrib.auth.models import Permission

    people.nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(people.nobody)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Đoàn viên trên ứng dụng Thanh niên Việt Nam" not in response.content.decode()


@pytest.mark.django_db
def test_demo_has_658_members_of_the_region(capsys):
    from django.core.management import call_command

    call_command("load_demo")
    assert Member.objects.count() == 658
    names = set(Member.objects.values_list("full_name", flat=True))
    families = {name.split()[0] for name in names}
    assert {"Lò", "Quàng", "Cà", "Lường", "Giàng", "Sùng", "Nguyễn", "Trần"} <= families
    assert 0 < Member.objects.filter(app_updated=True).count() < 658
    call_command("load_demo")
    assert Member.objects.count() == 658
