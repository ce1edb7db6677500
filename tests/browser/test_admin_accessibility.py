"""The admin screens we own, as the people who use them open them, on a phone and a desktop:
axe-core finds no serious or critical violation (Wagtail's own screens are Wagtail's to test).
Each screen is opened by the demo login whose daily work it is."""

import pytest

from . import harness

pytestmark = pytest.mark.browser

SCREENS = {
    "quanly": [
        "/admin/",
        "/admin/members/",
        "/admin/members/import/",
        "/admin/members/progress/",
        "/admin/members/audit/",
        "/admin/members/print/",
        "/admin/two-factor/",
    ],
    "btv": [
        "/admin/column_comments/",
        "/admin/columns/cadence/",
        "/admin/article_tags/",
        "/admin/directives/progress/",
        "/admin/directives/progress/?format=print",
        "/admin/directives/progress/remind/",
    ],
    "bithu.mna": ["/admin/"],
    "admin": ["/admin/sign-in-lockouts/", "/admin/thu-chua-gui/"],
}


@pytest.mark.parametrize("user", list(SCREENS))
def test_our_admin_screens_have_no_serious_accessibility_violation(open_page, axe, user):
    page = open_page(harness.DESKTOP, user=user)
    for viewport in (harness.PHONE, harness.DESKTOP):
        page.set_viewport_size({"width": viewport["width"], "height": viewport["height"]})
        for path in SCREENS[user]:
            response = page.goto(path)
            assert response.status == 200, f"{user} could not open {path}"
            page.wait_for_load_state("networkidle")
            axe(page)
