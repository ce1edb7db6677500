"""A published article shows in its column through the proxy within seconds (the proxy's copy
of the column was purged), while an unrelated column stays cached."""

import time

import pytest

pytestmark = pytest.mark.stack

COLUMNS = """
from columns.models import ColumnIndexPage
columns = ColumnIndexPage.objects.live().filter(locale__language_code="vi").order_by("path")
print(columns[0].url, columns[1].url)
"""
PUBLISH = """
import time
from django.contrib.auth import get_user_model
from columns.models import ArticlePage, ColumnIndexPage
column = ColumnIndexPage.objects.live().filter(locale__language_code="vi").order_by("path")[0]
model = ArticlePage.objects.live().child_of(column).first()
title = f"Tin mới lên trang {time.time_ns()}"
page = ArticlePage(title=title, slug=f"tin-moi-{time.time_ns()}", lead="Vừa duyệt.",
                   unit=model.unit, live=False)
column.add_child(instance=page)
page.save_revision(user=get_user_model().objects.get(username="btv")).publish()
print(title)
"""


def test_publishing_purges_its_column_and_leaves_the_others_cached(stack, browse):
    column, other = stack.shell(COLUMNS).split()
    for path in (column, other, column, other):
        browse(path)
    assert browse(column).headers.get("X-Cache-Status") == "HIT"
    assert browse(other).headers.get("X-Cache-Status") == "HIT"

    title = stack.shell(PUBLISH)
    deadline = time.monotonic() + 5
    while title not in browse(column).text:
        assert time.monotonic() < deadline, f"{title!r} not on {column} 5 s after publishing"
        time.sleep(0.5)
    assert browse(other).headers.get("X-Cache-Status") == "HIT"
