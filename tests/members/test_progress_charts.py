"""The progress page's charts: members updated on the app per unit and per month, drawn on
the server (no script), with the same figures in a table for screen readers."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from members.choices import Status
from members.models import Member
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def months_ago(count):
    day = timezone.localdate().replace(day=15)
    for _ in range(count):
        day = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    return day


@pytest.fixture
def register(tree):
    a1 = [MemberFactory(chapter=tree.a1, app_updated=True) for _ in range(3)]
    MemberFactory(chapter=tree.a1)  # active, not updated
    MemberFactory(chapter=tree.a1, app_updated=True, status=Status.GRADUATED)  # does not count
    MemberFactory(chapter=tree.b1, app_updated=True)  # another federation
    # Two ticked this month, one two months ago, and one before the date was kept.
    Member.objects.filter(pk=a1[0].pk).update(app_updated_at=months_ago(2))
    Member.objects.filter(pk=a1[1].pk).update(app_updated_at=None)
    MemberFactory(chapter=tree.a2, app_updated=True)
    return a1


def sr_table(page, caption):
    """The rows of the screen-reader table with ``caption``."""
    table = page.split(f"<caption>{caption}</caption>")[1].split("</table>")[0]
    return re.findall(r"<th scope=\"row\">([^<]+)</th>((?:<td>[^<]*</td>)+)", table)


def test_charts_show_each_units_and_each_months_figures(client, people, register):
    client.force_login(people.reviewer_fed1)
    page = client.get(reverse("members:progress")).content.decode()
    assert page.count('role="img"') >= 2 and "<script>" not in page.split("<main")[1]
    units = dict(sr_table(page, "Đoàn viên đã cập nhật lên ứng dụng, theo đơn vị"))
    assert units["Chi đoàn A1"] == "<td>4</td><td>3</td>"  # 4 active, 3 updated
    assert units["Liên chi đoàn I"] == "<td>5</td><td>4</td>"
    assert "Chi đoàn B1" not in units
    months = dict(sr_table(page, "Đoàn viên được đánh dấu đã cập nhật lên ứng dụng, theo tháng"))
    assert len(months) == 12
    this_month = timezone.localdate().strftime("%m/%Y")
    assert months[this_month] == "<td>2</td>"  # A1's third and A2's: B1 is not theirs
    assert months[months_ago(2).strftime("%m/%Y")] == "<td>1</td>"
    assert "1 đoàn viên khác được đánh dấu trước khi hệ thống lưu ngày" in page


def test_chart_numbers_are_not_localised_in_svg(client, people, register):
    client.force_login(people.approver)
    page = client.get(reverse("members:progress")).content.decode()
    for value in re.findall(r'<svg x="([^"]+)%"', page):
        float(value)  # "8.333", never "8,333"
