"""A page scheduled a minute ahead goes live by itself: the stack's scheduler publishes it."""

import time

import pytest

pytestmark = pytest.mark.stack

SCHEDULE = """
import datetime
import time
from django.utils import timezone
from columns.models import ArticlePage, ColumnIndexPage
column = ColumnIndexPage.objects.live().filter(locale__language_code="vi").first()
model = ArticlePage.objects.live().child_of(column).first()
page = ArticlePage(title="Tin hẹn giờ của hành trình", slug=f"tin-hen-gio-{time.time_ns()}",
                   lead="Lên trang đúng giờ.", unit=model.unit, live=False)
column.add_child(instance=page)
page.go_live_at = timezone.now() + datetime.timedelta(minutes=1)
page.save_revision().publish()
page.refresh_from_db()
print(page.live, column.url + page.slug + "/")
"""


def test_a_page_scheduled_a_minute_ahead_goes_live_without_anyone(stack, browse):
    live, path = stack.shell(SCHEDULE).split()
    assert live == "False"
    assert browse(path).status_code == 404
    deadline = time.monotonic() + 150  # the minute, then at most one scheduler round
    while time.monotonic() < deadline:
        if browse(path).status_code == 200:
            break
        time.sleep(5)
    else:
        pytest.fail(f"{path} was not live 150 s after it was scheduled a minute ahead")
