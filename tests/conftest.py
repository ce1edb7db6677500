"""Fixtures every part of the suite uses: a small unit tree and users in each role."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.utils import translation

from organisation.models import Role, UnitKind
from tests.factories.organisation import UnitFactory, UnitRoleFactory, UserFactory


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts as a reader would: in Vietnamese."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with no request counted against its address (the test settings keep
    the counts in a cache of their own; the stack journeys run against a live server instead)."""
    if "ratelimits" in settings.CACHES:
        caches["ratelimits"].clear()


@pytest.fixture
def tree(db):
    """Đoàn trường → LCĐ I (chapters A1, A2), LCĐ II (chapter B1), and chapter S1 under the
    school directly."""
    school = UnitFactory(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL, parent=None)
    fed1 = UnitFactory(code="LCD1", name="Liên chi đoàn I", kind=UnitKind.FEDERATION, parent=school)
    fed2 = UnitFactory(
        code="LCD2", name="Liên chi đoàn II", kind=UnitKind.FEDERATION, parent=school
    )
    return SimpleNamespace(
        school=school,
        fed1=fed1,
        fed2=fed2,
        a1=UnitFactory(code="A1", name="Chi đoàn A1", parent=fed1),
        a2=UnitFactory(code="A2", name="Chi đoàn A2", parent=fed1),
        b1=UnitFactory(code="B1", name="Chi đoàn B1", parent=fed2),
        s1=UnitFactory(code="S1", name="Chi đoàn S1", parent=school),
    )


@pytest.fixture
def people(tree):
    """One user per role: editors of A1 and B1, reviewers of each federation, the school
    approver, a member manager of LCĐ I, and a user with no role."""

    def holder(username, role, unit):
        user = UserFactory(username=username)
        UnitRoleFactory(user=user, unit=unit, role=role)
        return user

    return SimpleNamespace(
        editor_a1=holder("editor_a1", Role.EDITOR, tree.a1),
        editor_b1=holder("editor_b1", Role.EDITOR, tree.b1),
        reviewer_fed1=holder("reviewer_fed1", Role.REVIEWER, tree.fed1),
        reviewer_fed2=holder("reviewer_fed2", Role.REVIEWER, tree.fed2),
        approver=holder("approver", Role.APPROVER, tree.school),
        member_manager=holder("member_manager", Role.MEMBER_MANAGER, tree.fed1),
        nobody=UserFactory(username="nobody"),
        superuser=UserFactory(username="root", is_superuser=True, is_staff=True),
    )
