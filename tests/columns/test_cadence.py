import datetime

import pytest
from django.utils import timezone

from columns.cadence import build_report
from tests.factories.columns import make_article, make_column

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 1)  # a Sunday: the month touches six Monday-to-Sunday weeks


@pytest.fixture
def cadence_column(db):
    return make_column(tracks_cadence=True)


@pytest.fixture
def march(cadence_column, tree):
    def on(day, kind, unit, title):
        return make_article(
            cadence_column, unit, title=title, kind=kind, published=MARCH.replace(day=day)
        )

    on(2, "news", tree.a1, "Tin ngày 2")
    on(3, "news", tree.a1, "Tin ngày 3")
    on(3, "news", tree.a2, "Tin thứ hai ngày 3")
    on(10, "news", tree.b1, "Tin ngày 10")
    on(4, "story", tree.a1, "Chuyện tuần đầu")
    on(18, "story", tree.b1, "Chuyện tuần ba")
    on(1, "story", tree.a2, "Chuyện ngày 1 tháng 3")  # belongs to the week of 23/2 – 1/3
    make_article(cadence_column, tree.a1, title="Tháng sau", published=datetime.date(2026, 4, 1))
    return cadence_column


def test_a_past_month(march, tree):
    report = build_report(march, 2026, 3, today=datetime.date(2026, 5, 1))
    assert len(report.days) == 31 and len(report.weeks) == 6
    met_days = [day.start.day for day in report.days if day.met]
    assert met_days == [2, 3, 10]
    assert [a.title for a in report.days[2].articles] == ["Tin ngày 3", "Tin thứ hai ngày 3"]
    assert [week.start for week in report.weeks if week.met] == [
        datetime.date(2026, 2, 23),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 3, 16),
    ]
    assert (report.days_met, report.days_counted, report.day_share) == (3, 31, 10)
    assert (report.weeks_met, report.weeks_counted, report.week_share) == (3, 6, 50)
    assert sum(day.missed for day in report.days) == 28


def test_days_and_weeks_to_come_are_not_missed(march):
    report = build_report(march, 2026, 3, today=datetime.date(2026, 3, 10))
    assert report.days_counted == 10 and report.days_met == 3 and report.day_share == 30
    assert report.days[10].future and not report.days[10].missed
    assert report.weeks_counted == 3 and report.weeks_met == 2
    future = build_report(march, 2026, 3, today=datetime.date(2026, 2, 1))
    assert future.day_share is None and future.week_share is None


def test_filtered_by_unit(march, tree):
    report = build_report(march, 2026, 3, units=tree.fed1.subtree(), today=MARCH.replace(day=31))
    assert [day.start.day for day in report.days if day.met] == [2, 3]
    assert report.weeks_met == 2  # LCĐ II's story of the third week is not theirs
    only_b1 = build_report(march, 2026, 3, units=tree.b1.subtree(), today=MARCH.replace(day=31))
    assert [day.start.day for day in only_b1.days if day.met] == [10]


def test_report_in_the_admin(client, people, march, tree):
    client.force_login(people.approver)
    url = f"/admin/columns/cadence/?month=2026-03&column={march.pk}"
    html = client.get(url).content.decode()
    assert "Nhịp đăng bài" in html and "tháng 3/2026" in html
    assert "Số ngày có tin tốt: 3/31 (10%)" in html
    assert "Số tuần có câu chuyện đẹp: 3/6 (50%)" in html
    assert "Tin ngày 10" in html and "Thiếu" in html
    filtered = client.get(url + f"&unit={tree.fed1.pk}").content.decode()
    assert "Tin ngày 10" not in filtered and "Số ngày có tin tốt: 2/31" in filtered


def test_an_editor_sees_only_their_units(client, people, march, tree):
    client.force_login(people.editor_a1)
    html = client.get(f"/admin/columns/cadence/?month=2026-03&column={march.pk}").content.decode()
    assert "Tin ngày 2" in html and "Tin ngày 10" not in html and "Tin thứ hai ngày 3" not in html
    # A unit outside their reach is not a valid choice.
    refused = client.get(f"/admin/columns/cadence/?month=2026-03&unit={tree.b1.pk}")
    assert "Tin ngày 10" not in refused.content.decode()
    assert "Hãy chọn một lựa chọn hợp lệ" in refused.content.decode()


def test_a_bad_month_is_explained(client, people, march):
    client.force_login(people.approver)
    html = client.get("/admin/columns/cadence/?month=tháng-ba").content.decode()
    assert "Hãy chọn một tháng, ví dụ 2026-03." in html


def test_only_unit_roles_open_the_report(client, people, march):
    client.force_login(people.member_manager)
    assert client.get("/admin/columns/cadence/").status_code in (302, 403)
    client.force_login(people.nobody)
    assert client.get("/admin/columns/cadence/").status_code in (302, 403)


def test_dashboard_panel(client, people, march):
    client.force_login(people.approver)
    html = client.get("/admin/").content.decode()
    assert "Nhịp đăng bài tháng này" in html
    assert "/admin/columns/cadence/" in html
    client.force_login(people.member_manager)
    assert "Nhịp đăng bài tháng này" not in client.get("/admin/").content.decode()


def test_report_query_count_does_not_grow(march, tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        build_report(march, 2026, 3, today=datetime.date(2026, 5, 1))
    for day in range(11, 31):
        make_article(march, tree.a1, title=f"Tin {day}", published=MARCH.replace(day=day))
    with django_assert_num_queries(1):
        report = build_report(march, 2026, 3, today=datetime.date(2026, 5, 1))
    assert report.days_met == 23


# ---------------------------------------------------------------- a year of each column


def test_articles_per_month_over_twelve_months(march, tree):
    from columns.cadence import articles_per_month

    april = datetime.date(2026, 4, 15)
    (year,) = articles_per_month([march], today=april)
    assert [bar.month for bar in year.bars][0] == datetime.date(2025, 5, 1)
    assert [bar.month for bar in year.bars][-1] == datetime.date(2026, 4, 1)
    counts = {bar.month: bar.count for bar in year.bars}
    assert counts[datetime.date(2026, 3, 1)] == 7 and counts[datetime.date(2026, 4, 1)] == 1
    assert year.total == 8
    # The tallest bar fills the chart, an empty month has none.
    tallest = max(year.bars, key=lambda bar: bar.count)
    assert tallest.height == 60 and year.bars[0].height == 0
    assert "03/2026: 7" in year.description and "05/2025: 0" in year.description
    (mine,) = articles_per_month([march], units=tree.fed1.subtree(), today=april)
    assert {bar.month: bar.count for bar in mine.bars}[datetime.date(2026, 3, 1)] == 5


def test_the_chart_in_the_report_counts_each_users_units(client, people, cadence_column, tree):
    today = timezone.localdate()
    make_article(cadence_column, tree.a1, title="Tin hôm nay", published=today)
    make_article(cadence_column, tree.b1, title="Tin của B1", published=today)
    label = today.strftime("%m/%Y")

    client.force_login(people.editor_a1)
    html = client.get("/admin/columns/cadence/").content.decode()
    assert "Số bài đăng mỗi tháng trong 12 tháng qua" in html
    assert f'role="img" aria-labelledby="cadence-chart-{cadence_column.pk}"' in html
    assert f"{label}: 1" in html and "1 bài" in html  # their own unit's article only
    assert "<script" not in html.split('class="cadence-charts"')[1]

    client.force_login(people.approver)
    assert f"{label}: 2" in client.get("/admin/columns/cadence/").content.decode()

    client.force_login(people.member_manager)
    assert client.get("/admin/columns/cadence/").status_code == 302
