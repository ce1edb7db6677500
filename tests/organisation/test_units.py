from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from organisation.models import Role, Unit, UnitKind
from tests.factories.organisation import UnitFactory, UnitRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def validation_messages(unit):
    with pytest.raises(ValidationError) as raised:
        unit.full_clean()
    return raised.value.message_dict


class TestTreeRules:
    def test_a_second_school_is_refused(self, tree):
        errors = validation_messages(Unit(name="Đoàn trường 2", code="DT2", kind=UnitKind.SCHOOL))
        assert errors["kind"] == ["Chỉ có một Đoàn trường."]

    def test_the_database_also_refuses_a_second_school(self, tree):
        with pytest.raises(IntegrityError), transaction.atomic():
            Unit.objects.bulk_create([Unit(name="X", code="X", kind=UnitKind.SCHOOL)])

    def test_the_school_has_no_parent(self, tree):
        tree.school.parent = tree.fed1
        errors = validation_messages(tree.school)
        assert "không có đơn vị cấp trên" in " ".join(errors["parent"])

    def test_a_federation_or_chapter_needs_a_parent(self, tree):
        errors = validation_messages(Unit(name="LCĐ III", code="LCD3", kind=UnitKind.FEDERATION))
        assert errors["parent"] == ["Hãy chọn đơn vị cấp trên của đơn vị này."]

    def test_a_federation_belongs_to_the_school(self, tree):
        unit = Unit(name="LCĐ III", code="LCD3", kind=UnitKind.FEDERATION, parent=tree.fed1)
        assert validation_messages(unit)["parent"] == ["Liên chi đoàn phải trực thuộc Đoàn trường."]

    def test_a_chapter_cannot_sit_under_a_chapter(self, tree):
        unit = Unit(name="Chi đoàn con", code="C9", kind=UnitKind.CHAPTER, parent=tree.a1)
        assert "Chi đoàn phải trực thuộc" in validation_messages(unit)["parent"][0]

    def test_a_chapter_may_sit_under_the_school_or_a_federation(self, tree):
        Unit(
            name="Chi đoàn mới", code="C10", kind=UnitKind.CHAPTER, parent=tree.school
        ).full_clean()
        Unit(name="Chi đoàn mới", code="C11", kind=UnitKind.CHAPTER, parent=tree.fed2).full_clean()

    def test_no_cycles(self, tree):
        # LCĐ I under its own chapter would be a cycle (and also the wrong kind of parent).
        tree.fed1.kind = UnitKind.CHAPTER
        tree.fed1.parent = tree.a1
        errors = validation_messages(tree.fed1)
        assert "chính nó hoặc vào đơn vị cấp dưới" in " ".join(errors["parent"])

    def test_a_unit_cannot_be_its_own_parent(self, tree):
        tree.fed1.parent = tree.fed1
        assert "chính nó" in " ".join(validation_messages(tree.fed1)["parent"])

    def test_a_unit_with_sub_units_cannot_become_a_chapter(self, tree):
        tree.fed1.kind = UnitKind.CHAPTER
        errors = validation_messages(tree.fed1)
        assert errors["kind"] == ["Đơn vị này đang có đơn vị cấp dưới nên không thể là chi đoàn."]

    def test_codes_are_unique(self, tree):
        unit = Unit(name="Trùng mã", code="A1", kind=UnitKind.CHAPTER, parent=tree.fed1)
        assert validation_messages(unit)["code"] == ["Mã này đã được một đơn vị khác sử dụng."]


class TestTreeQueries:
    def test_subtree_and_ancestors(self, tree):
        assert set(tree.fed1.subtree()) == {tree.fed1, tree.a1, tree.a2}
        assert set(tree.fed1.subtree(include_self=False)) == {tree.a1, tree.a2}
        assert list(tree.a1.ancestors()) == [tree.school, tree.fed1]
        assert list(tree.a1.ancestors(include_self=True)) == [tree.school, tree.fed1, tree.a1]
        assert tree.a1.is_within(tree.fed1) and not tree.b1.is_within(tree.fed1)
        assert tree.a1.federation() == tree.fed1
        assert tree.s1.federation() is None

    def test_listing_reads_as_the_tree(self, tree):
        labels = [unit.tree_label() for unit in Unit.objects.all()]
        assert labels == [
            "Đoàn trường",
            "— Liên chi đoàn I",
            "— — Chi đoàn A1",
            "— — Chi đoàn A2",
            "— Liên chi đoàn II",
            "— — Chi đoàn B1",
            "— Chi đoàn S1",
        ]

    def test_moving_a_federation_carries_its_chapters(self, tree):
        tree.fed2.sort_order = 0
        tree.fed1.sort_order = 5
        tree.fed1.save()
        tree.fed2.save()
        codes = list(Unit.objects.values_list("code", flat=True))
        assert codes == ["DT", "LCD2", "B1", "S1", "LCD1", "A1", "A2"]
        tree.a1.refresh_from_db()
        assert list(tree.a1.ancestors()) == [tree.school, tree.fed1]

    def test_moving_a_chapter_to_another_federation(self, tree):
        tree.a1.parent = tree.fed2
        tree.a1.full_clean()
        tree.a1.save()
        assert set(tree.fed2.subtree(include_self=False)) == {tree.a1, tree.b1}

    @pytest.mark.parametrize("depth", [1, 6])
    def test_subtree_and_ancestors_take_one_query_whatever_the_depth(
        self, tree, depth, django_assert_num_queries
    ):
        # A deep chain of chapters is not a real shape, but it proves the cost is flat.
        Unit.objects.filter(pk=tree.fed1.pk)  # warm nothing; each call below is one query
        bottom = tree.a1
        parent = tree.fed1
        for level in range(depth):
            kind = UnitKind.FEDERATION if level == 0 else UnitKind.CHAPTER
            parent = UnitFactory(code=f"D{level}", kind=kind, parent=tree.school)
            bottom = parent
        with django_assert_num_queries(1):
            list(bottom.ancestors())
        with django_assert_num_queries(1):
            list(tree.school.subtree())

    @pytest.mark.parametrize("extra_chapters", [0, 20])
    def test_units_for_a_user_take_two_queries(
        self, tree, extra_chapters, django_assert_num_queries
    ):
        for number in range(extra_chapters):
            UnitFactory(code=f"E{number}", parent=tree.fed1)
        reviewer = UserFactory()
        UnitRoleFactory(user=reviewer, unit=tree.fed1, role=Role.REVIEWER)
        UnitRoleFactory(user=reviewer, unit=tree.b1, role=Role.EDITOR)
        with django_assert_num_queries(2):
            reviewed = set(Unit.objects.for_user(reviewer, [Role.REVIEWER]))
        assert len(reviewed) == 3 + extra_chapters
        assert tree.b1 not in reviewed
        assert set(Unit.objects.for_user(reviewer)) >= {tree.b1, tree.fed1, tree.a1}


class TestUnitsForUser:
    def test_anonymous_and_roleless_users_act_nowhere(self, people):
        from django.contrib.auth.models import AnonymousUser

        assert not Unit.objects.for_user(AnonymousUser()).exists()
        assert not Unit.objects.for_user(people.nobody).exists()

    def test_superusers_act_everywhere(self, tree, people):
        assert Unit.objects.for_user(people.superuser).count() == Unit.objects.count()

    def test_inactive_users_act_nowhere(self, people):
        people.editor_a1.is_active = False
        assert not Unit.objects.for_user(people.editor_a1).exists()

    def test_a_role_reaches_the_subtree_only(self, tree, people):
        assert set(Unit.objects.for_user(people.editor_a1, [Role.EDITOR])) == {tree.a1}
        assert not Unit.objects.for_user(people.editor_a1, [Role.REVIEWER]).exists()
        assert set(Unit.objects.for_user(people.approver, [Role.APPROVER])) == set(
            Unit.objects.all()
        )


class TestPathBounds:
    """The path holds 4 digits of order and 8 of id per level: nothing wider gets in, since a
    wider segment shifts every later one and gives a wrong ancestor list."""

    def test_the_form_refuses_an_order_past_9999(self, tree):
        tree.a1.sort_order = 10000
        assert "sort_order" in validation_messages(tree.a1)

    def test_the_admin_refuses_it_in_vietnamese(self, admin_client, tree):
        response = admin_client.post(
            reverse("units:edit", args=[tree.a1.pk]),
            {
                "name": tree.a1.name,
                "code": tree.a1.code,
                "kind": "chapter",
                "parent": tree.fed1.pk,
                "sort_order": 10000,
            },
        )
        assert "nhỏ hơn hoặc bằng với 9999" in response.content.decode()
        tree.a1.refresh_from_db()
        assert tree.a1.sort_order == 0

    def test_the_database_refuses_it_too(self, tree):
        with pytest.raises(IntegrityError), transaction.atomic():
            Unit.objects.filter(pk=tree.a1.pk).update(sort_order=10000)

    def test_the_largest_orders_keep_the_ancestors_right(self, tree, django_assert_num_queries):
        tree.fed1.sort_order = 9999
        tree.fed1.save()
        tree.a1.refresh_from_db()
        tree.a1.sort_order = 9999
        tree.a1.save()
        with django_assert_num_queries(1):
            assert list(tree.a1.ancestors()) == [tree.school, tree.fed1]
        assert set(tree.fed1.subtree()) == {tree.fed1, tree.a1, tree.a2}

    def test_the_migration_rebuilds_every_path(self, tree):
        from django.apps import apps

        carry_units = import_module(
            "organisation.migrations.0007_unit_sort_order_bounds"
        ).carry_units
        expected = dict(Unit.objects.values_list("pk", "path"))
        Unit.objects.update(path="")
        carry_units(apps, None)
        assert dict(Unit.objects.values_list("pk", "path")) == expected
