"""Nothing of another unit leaks through messages, autocompletes or the page explorer."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.columns import make_article, make_column
from tests.factories.members import MemberFactory
from tests.members.conftest import csv_file

pytestmark = pytest.mark.django_db


def preview(client, row, **data):
    upload = SimpleUploadedFile("ds.csv", csv_file(row))
    return client.post(reverse("members:import"), {"file": upload, **data}).content.decode()


def test_a_code_of_a_member_out_of_sight_reads_only_as_used(client, tree, people):
    MemberFactory(code="SV900", chapter=tree.b1, full_name="Quàng Thị Kín")
    client.force_login(people.editor_a1)
    page = preview(client, {"Mã đoàn viên": "SV900", "Chi đoàn": "A1"})
    assert "Mã đã được dùng." in page
    assert "B1" not in page and "Quàng Thị Kín" not in page and "Liên chi đoàn II" not in page


def test_a_code_of_a_member_one_may_see_says_where_it_is(client, tree, people):
    # A reviewer of LCĐ I sees A2's members; a manager of A1 alone does not manage them, but
    # one who can see them may be told where they are.
    MemberFactory(code="SV901", chapter=tree.a2)
    client.force_login(people.member_manager)
    page = preview(client, {"Mã đoàn viên": "SV901", "Chi đoàn": "A1"}, unit=tree.a1.pk)
    assert "Chi đoàn A2" in page


@pytest.fixture
def tagged(tree):
    column = make_column()
    live = make_article(column, tree.a1, title="Tin công khai", tags=["hiến máu"])
    draft_b1 = make_article(column, tree.b1, title="Nháp B1", tags=["bí mật B1"])
    draft_b1.unpublish()
    draft_a1 = make_article(column, tree.a1, title="Nháp A1", tags=["kế hoạch A1"])
    draft_a1.unpublish()
    return column, live, draft_a1, draft_b1


@pytest.mark.parametrize(
    "url",
    [
        "/admin/columns/tag-suggestions/",
        "/admin/tag-autocomplete/columns/articletag/",
    ],
)
def test_tag_autocompletes_show_only_tags_of_pages_one_may_see(client, people, tagged, url):
    client.force_login(people.editor_a1)
    assert client.get(url, {"term": "bí"}).json() == []
    assert client.get(url, {"term": "kế"}).json() == ["kế hoạch A1"]
    assert client.get(url, {"term": "hiến"}).json() == ["hiến máu"]
    client.force_login(people.editor_b1)
    assert client.get(url, {"term": "bí"}).json() == ["bí mật B1"]
    assert client.get(url, {"term": "kế"}).json() == []
    client.force_login(people.approver)
    assert client.get(url, {"term": "bí"}).json() == ["bí mật B1"]


def test_wagtails_other_tag_autocompletes_still_answer(client, people):
    client.force_login(people.editor_a1)
    assert client.get("/admin/tag-autocomplete/taggit/tag/", {"term": "x"}).status_code == 200


def test_another_units_draft_is_not_found_in_the_explorer(client, people, tagged):
    _column, live, draft_a1, draft_b1 = tagged
    client.force_login(people.editor_a1)
    response = client.get(reverse("wagtailadmin_explore", args=[draft_b1.pk]))
    assert response.status_code == 404
    assert "Nháp B1" not in response.content.decode()
    results = client.get(reverse("wagtailadmin_explore_results", args=[draft_b1.pk]))
    assert results.status_code == 404
    assert client.get(reverse("wagtailadmin_explore", args=[draft_a1.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_explore", args=[live.pk])).status_code == 200
    client.force_login(people.editor_b1)
    assert client.get(reverse("wagtailadmin_explore", args=[draft_b1.pk])).status_code == 200
