"""The admin screens we own, as the people who use them open them, on a phone and a desktop:
axe-core finds no serious or critical violation (Wagtail's own screens are Wagtail's to test).
Each screen is opened by the demo login whose daily work it is."""

import pytest

from . import harness

pytestmark = pytest.mark.browser

SCREENS = [
    ("quanly", "/admin/"),
    ("quanly", "/admin/members/"),
    ("quanly", "/admin/members/import/"),
    ("quanly", "/admin/members/progress/"),
    ("quanly", "/admin/members/audit/"),
    ("btv", "/admin/column_comments/"),
    ("btv", "/admin/columns/cadence/"),
    ("btv", "/admin/article_tags/"),
    ("btv", "/admin/directives/progress/"),
    ("bithu.mna", "/admin/"),
    ("admin", "/admin/sign-in-lockouts/"),
    ("admin", "/admin/thu-chua-gui/"),
]


@pytest.mark.parametrize("viewport", [harness.PHONE, harness.DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("user", "path"), SCREENS, ids=[f"{u}:{p}" for u, p in SCREENS])
def test_our_admin_screens_have_no_serious_accessibility_violation(
    open_page, axe, viewport, user, path
):
    page = open_page(viewport, user=user)
    response = page.goto(path)
    assert response.status == 200, f"{user} could not open {path}"
    page.wait_for_load_state("networkidle")
    axe(page)
