"""The unit tree and roles, driven through the Wagtail admin as an administrator would."""

import pytest
from django.urls import reverse

from organisation.models import Role, Unit, UnitKind, UnitRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, people):
    client.force_login(people.superuser)
    return client


def test_the_listing_shows_the_tree_in_vietnamese(admin_client, tree):
    response = admin_client.get(reverse("units:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "— — Chi đoàn A1" in html
    assert (
        html.index("Liên chi đoàn I") < html.index("Chi đoàn A1") < html.index("Liên chi đoàn II")
    )


def test_creating_a_chapter_through_the_admin(admin_client, tree):
    response = admin_client.post(
        reverse("units:add"),
        {
            "name": "Chi đoàn K22 Mầm non",
            "code": "K22-MN",
            "kind": "chapter",
            "parent": tree.fed1.pk,
            "sort_order": 4,
        },
        follow=True,
    )
    assert response.status_code == 200
    unit = Unit.objects.get(code="K22-MN")
    assert unit.parent == tree.fed1 and unit.is_within(tree.fed1)


def test_a_bad_unit_is_refused_with_a_vietnamese_message(admin_client, tree):
    response = admin_client.post(
        reverse("units:add"),
        {
            "name": "LCĐ sai chỗ",
            "code": "LCDX",
            "kind": "federation",
            "parent": tree.fed1.pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert "Liên chi đoàn phải trực thuộc Đoàn trường." in response.content.decode()
    assert not Unit.objects.filter(code="LCDX").exists()


def test_a_chapter_is_not_offered_as_a_parent(admin_client, tree):
    response = admin_client.get(reverse("units:add"))
    choices = response.context["form"].fields["parent"].queryset
    assert tree.fed1 in choices and tree.a1 not in choices


def test_granting_a_role_in_the_admin(admin_client, tree, people):
    response = admin_client.post(
        reverse("unit_roles:add"),
        {"user": people.nobody.pk, "unit": tree.b1.pk, "role": Role.EDITOR},
        follow=True,
    )
    assert response.status_code == 200
    assert UnitRole.objects.filter(user=people.nobody, unit=tree.b1, role=Role.EDITOR).exists()
    assert people.nobody.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_fed1", "approver", "member_manager"])
def test_only_administrators_manage_the_tree(client, people, tree, who):
    client.force_login(getattr(people, who))
    assert client.get(reverse("units:index")).status_code in (302, 403)
    response = client.post(
        reverse("units:add"),
        {
            "name": "X",
            "code": "X",
            "kind": UnitKind.CHAPTER,
            "parent": tree.fed1.pk,
            "sort_order": 0,
        },
    )
    assert response.status_code in (302, 403)
    assert not Unit.objects.filter(code="X").exists()
