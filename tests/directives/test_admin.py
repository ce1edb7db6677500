"""The admin screens driven as their users would: handing a document out, acknowledging it,
writing the report, the home panel, the progress matrix and its spreadsheet."""

import datetime
import re
from io import BytesIO

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from directives.models import Assignment, AssignmentStatus, Issuer, ReportPage
from organisation.models import Unit
from tests.factories.directives import AssignmentFactory, make_document, make_report
from tests.factories.organisation import UnitFactory

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2022, 6, 2)


@pytest.fixture
def document(index, tree, issuers):
    return make_document(
        index,
        tree.school,
        issuer=issuers.dtn,
        number="226-CV/ĐTN",
        title="Cập nhật thông tin đoàn viên",
        issue_date=datetime.date(2022, 4, 4),
    )


def assignments_url(document):
    return reverse("directives_admin:assignments", args=[document.pk])


def refused(response):
    """Wagtail answers a refused admin request by sending the user home (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/" in response["Location"]
    )


# ---------------------------------------------------------------- handing out


def test_the_approver_hands_a_document_to_every_chapter_of_a_federation(
    client, people, tree, document, django_capture_on_commit_callbacks
):
    client.force_login(people.approver)
    response = client.get(assignments_url(document))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Triển khai Hướng dẫn số 226-CV/ĐTN" in html
    assert "Chưa giao văn bản này cho đơn vị nào." in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            assignments_url(document),
            {"unit": tree.fed1.pk, "scope": "chapters", "deadline": "2022-06-02", "note": ""},
            follow=True,
        )
    html = response.content.decode()
    assert "Đã giao cho 2 đơn vị" in html
    assert set(Assignment.objects.values_list("unit__code", flat=True)) == {"A1", "A2"}
    assert [message.to for message in mail.outbox] == [["editor_a1@example.invalid"]]
    assert "Chi đoàn A1" in html and "Chi đoàn A2" in html


def test_a_deadline_before_the_issue_date_is_refused_in_the_form(client, people, tree, document):
    client.force_login(people.approver)
    response = client.post(
        assignments_url(document),
        {"unit": tree.a1.pk, "scope": "unit", "deadline": "2022-04-01"},
    )
    assert response.status_code == 200
    assert "Hạn báo cáo không được trước ngày ban hành văn bản (04/04/2022)." in (
        response.content.decode()
    )
    assert not Assignment.objects.exists()


def test_the_form_offers_only_units_below_the_documents_unit(client, people, tree, index, issuers):
    plan = make_document(index, tree.fed1, issuer=issuers.dtn, number="8-KH/ĐTN")
    client.force_login(people.approver)
    choices = client.get(assignments_url(plan)).context["form"].fields["unit"].queryset
    assert set(choices) == {tree.a1, tree.a2}
    response = client.post(
        assignments_url(plan), {"unit": tree.b1.pk, "scope": "unit", "deadline": "2022-06-02"}
    )
    assert response.status_code == 200 and not Assignment.objects.exists()


@pytest.mark.parametrize(
    "who", ["editor_a1", "editor_b1", "reviewer_fed1", "member_manager", "nobody"]
)
def test_only_the_documents_unit_hands_it_out(client, people, tree, document, who):
    client.force_login(getattr(people, who))
    response = client.post(
        assignments_url(document), {"unit": tree.a1.pk, "scope": "unit", "deadline": "2022-06-02"}
    )
    assert refused(response)
    assert not Assignment.objects.exists()


def test_strangers_cannot_read_a_documents_assignments(client, people, document, tree):
    AssignmentFactory(document=document, unit=tree.a1)
    for who, allowed in [
        ("nobody", False),
        ("editor_b1", False),
        ("member_manager", False),
        ("editor_a1", True),
        ("reviewer_fed1", True),
    ]:
        client.force_login(getattr(people, who))
        response = client.get(assignments_url(document))
        assert (response.status_code == 200) is allowed, who


# ---------------------------------------------------------------- acknowledging


def test_the_chapter_editor_acknowledges_from_the_admin_home(client, people, tree, document):
    assignment = AssignmentFactory(document=document, unit=tree.a1)
    client.force_login(people.editor_a1)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Văn bản cần triển khai" in home and "Hướng dẫn số 226-CV/ĐTN" in home
    url = reverse("directives_admin:acknowledge", args=[assignment.pk])
    assert url in home
    response = client.post(url, {"next": reverse("wagtailadmin_home")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "Chi đoàn A1 đã tiếp nhận Hướng dẫn số 226-CV/ĐTN." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACKNOWLEDGED
    assert assignment.acknowledged_by == people.editor_a1


@pytest.mark.parametrize("who", ["editor_b1", "reviewer_fed1", "approver", "nobody"])
def test_a_typed_link_does_not_let_others_acknowledge(client, people, tree, document, who):
    assignment = AssignmentFactory(document=document, unit=tree.a1)
    client.force_login(getattr(people, who))
    response = client.post(reverse("directives_admin:acknowledge", args=[assignment.pk]))
    assert refused(response)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ASSIGNED


def test_acknowledging_takes_a_post_and_stays_on_the_site(client, people, tree, document):
    assignment = AssignmentFactory(document=document, unit=tree.a1)
    client.force_login(people.editor_a1)
    url = reverse("directives_admin:acknowledge", args=[assignment.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == assignments_url(document)
    response = client.post(url, follow=True)  # a second time
    assert "Đơn vị đã tiếp nhận văn bản này rồi." in response.content.decode()


# ---------------------------------------------------------------- reporting


def test_from_acknowledgement_to_a_published_report(
    client, people, tree, document, page_permissions
):
    assignment = AssignmentFactory(
        document=document, unit=tree.a1, status=AssignmentStatus.ACKNOWLEDGED
    )
    client.force_login(people.editor_a1)
    response = client.post(reverse("directives_admin:start_report", args=[assignment.pk]))
    report = ReportPage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[report.pk])
    edit = client.get(response["Location"])
    assert edit.status_code == 200
    # The unit field offers only the units the editor reports for.
    assert list(edit.context["form"].fields["unit"].queryset) == [tree.a1]

    public = client.get(document.url).content.decode()
    assert "0/1 đơn vị đã báo cáo" in public and report.title not in public

    report.save_revision(user=people.approver).publish(user=people.approver)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPORTED
    public = client.get(document.url).content.decode()
    assert "1/1 đơn vị đã báo cáo" in public
    assert report.url in public
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Văn bản cần triển khai" not in home  # nothing left to do


@pytest.mark.parametrize("who", ["editor_b1", "reviewer_fed1", "approver", "nobody"])
def test_a_typed_link_does_not_let_others_start_a_report(client, people, tree, document, who):
    assignment = AssignmentFactory(
        document=document, unit=tree.a1, status=AssignmentStatus.ACKNOWLEDGED
    )
    client.force_login(getattr(people, who))
    response = client.post(reverse("directives_admin:start_report", args=[assignment.pk]))
    assert refused(response)
    assert not ReportPage.objects.exists()


def test_a_report_must_come_from_an_assigned_unit(client, people, tree, document):
    AssignmentFactory(document=document, unit=tree.a1)
    client.force_login(people.superuser)
    url = reverse("wagtailadmin_pages:add", args=("directives", "reportpage", document.pk))
    form = client.get(url).context["form"]
    assert list(form.fields["unit"].queryset) == [tree.a1]
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Báo cáo B1",
                "slug": "bao-cao-b1",
                "unit": tree.b1.pk,
                "summary": "",
                "body": rich_text("<p>Đã làm.</p>"),
                "comments": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not ReportPage.objects.exists()


# ---------------------------------------------------------------- the home panel


def test_the_home_panel_lists_open_work_with_overdue_marked(client, people, tree, index, issuers):
    today = timezone.localdate()
    late = make_document(index, tree.school, issuer=issuers.dtn, number="1-KH/ĐTN", title="Muộn")
    soon = make_document(index, tree.school, issuer=issuers.dtn, number="2-KH/ĐTN", title="Sắp")
    AssignmentFactory(document=late, unit=tree.a1, deadline=today - datetime.timedelta(days=3))
    AssignmentFactory(document=soon, unit=tree.a1, deadline=today + datetime.timedelta(days=5))
    AssignmentFactory(document=soon, unit=tree.b1, deadline=today + datetime.timedelta(days=5))
    client.force_login(people.editor_a1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html[html.index("Văn bản cần triển khai") :]
    assert panel.index("Muộn") < panel.index("Sắp")  # soonest deadline first
    assert 'class="directives-overdue"' in panel and "quá hạn" in panel
    assert "Chi đoàn B1" not in panel
    client.force_login(people.editor_b1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Chi đoàn B1" in html and "Muộn" not in html
    client.force_login(people.member_manager)
    assert "Văn bản cần triển khai" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_document_editor_links_to_its_implementation(client, people, document):
    client.force_login(people.superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[document.pk])).content.decode()
    assert assignments_url(document) in html


# ---------------------------------------------------------------- issuers


def test_the_standing_committee_keeps_the_list_of_issuers(client, people, issuers):
    client.force_login(people.approver)
    url = reverse("wagtailsnippets_directives_issuer:add")
    response = client.post(url, {"name": "Ban Chấp hành Đoàn khối", "code": "ĐK", "sort_order": 5})
    assert response.status_code == 302
    assert Issuer.objects.filter(code="ĐK").exists()
    response = client.post(url, {"name": "Trùng", "code": "ttg", "sort_order": 6})
    assert "Ký hiệu này đã được dùng cho một cơ quan ban hành khác." in response.content.decode()
    client.force_login(people.editor_a1)
    assert refused(client.get(url))


# ---------------------------------------------------------------- progress


@pytest.fixture
def constructed(index, tree, issuers, people):
    """Two documents: the first to all four chapters (A1 reported, A2 acknowledged, B1 and S1
    still assigned and late), the second to A1 only (acknowledged, not yet due)."""
    today = timezone.localdate()
    past, future = today - datetime.timedelta(days=10), today + datetime.timedelta(days=10)
    first = make_document(index, tree.school, issuer=issuers.dtn, number="226-CV/ĐTN")
    second = make_document(index, tree.school, issuer=issuers.dtn, number="300-KH/ĐTN")
    AssignmentFactory(document=first, unit=tree.a1, deadline=past)
    make_report(first, tree.a1, owner=people.editor_a1)
    AssignmentFactory(
        document=first,
        unit=tree.a2,
        deadline=past,
        status=AssignmentStatus.ACKNOWLEDGED,
        acknowledged_at=timezone.now(),
    )
    AssignmentFactory(document=first, unit=tree.b1, deadline=past)
    AssignmentFactory(document=first, unit=tree.s1, deadline=past)
    AssignmentFactory(
        document=second,
        unit=tree.a1,
        deadline=future,
        status=AssignmentStatus.ACKNOWLEDGED,
        acknowledged_at=timezone.now(),
    )
    return first, second


def test_the_progress_matrix_counts_a_constructed_set(client, people, tree, constructed):
    first, second = constructed
    client.force_login(people.approver)
    response = client.get(reverse("directives_admin:progress"))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert [row.unit for row in matrix.rows] == [tree.a1, tree.a2, tree.b1, tree.s1]
    assert {document.pk for document in matrix.documents} == {first.pk, second.pk}
    totals = matrix.totals
    assert (totals.assigned, totals.acknowledged, totals.reported, totals.overdue) == (5, 2, 1, 3)
    by_document = dict(zip([d.pk for d in matrix.documents], matrix.document_totals, strict=True))
    assert (by_document[first.pk].reported, by_document[first.pk].assigned) == (1, 4)
    assert (by_document[second.pk].reported, by_document[second.pk].assigned) == (0, 1)
    html = response.content.decode()
    assert html.count('class="directives-overdue"') == 3
    assert "Chưa tiếp nhận" in html and "Đã báo cáo" in html and "quá hạn" in html
    assert "Lượt giao: 5 · đã tiếp nhận, chưa báo cáo: 2 · đã báo cáo: 1 · quá hạn: 3" in html


def test_the_progress_matrix_filters_by_federation(client, people, tree, constructed):
    client.force_login(people.approver)
    response = client.get(reverse("directives_admin:progress"), {"federation": "LCD1"})
    assert [row.unit for row in response.context["matrix"].rows] == [tree.a1, tree.a2]
    # A stale or foreign code shows everything rather than an error.
    response = client.get(reverse("directives_admin:progress"), {"federation": "XYZ"})
    assert len(response.context["matrix"].rows) == 4


def test_a_federation_reviewer_sees_only_its_chapters(client, people, tree, constructed):
    client.force_login(people.reviewer_fed2)
    response = client.get(reverse("directives_admin:progress"))
    assert [row.unit for row in response.context["matrix"].rows] == [tree.b1]
    assert response.context["federations"] == [tree.fed2]


@pytest.mark.parametrize("who", ["editor_a1", "member_manager", "nobody"])
def test_progress_is_not_for_chapter_editors(client, people, constructed, who):
    client.force_login(getattr(people, who))
    assert refused(client.get(reverse("directives_admin:progress")))


def test_the_progress_spreadsheet(client, people, tree, constructed):
    tree.s1.name = '=HYPERLINK("http://evil.example")'
    tree.s1.save()
    client.force_login(people.approver)
    response = client.get(reverse("directives_admin:progress"), {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tien-do-trien-khai-')
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Đơn vị", "Mã")
    header = list(rows[0])
    first_column = next(i for i, value in enumerate(header) if value and "226-CV/ĐTN" in value)
    a1 = next(row for row in rows if row[1] == "A1")
    assert a1[first_column].startswith("Đã báo cáo ")
    b1_row = next(i for i, row in enumerate(rows, start=1) if row[1] == "B1")
    late = sheet.cell(row=b1_row, column=first_column + 1)
    assert late.value.startswith("Chưa tiếp nhận · hạn ") and late.value.endswith("quá hạn")
    assert late.fill.fgColor.rgb.endswith("F8D7DA")
    s1_row = next(i for i, row in enumerate(rows, start=1) if row[1] == "S1")
    s1 = sheet.cell(row=s1_row, column=1)
    # A unit's name is never run as a formula: a text cell with Excel's quote prefix.
    assert s1.value.startswith("=") and s1.data_type == "s" and s1.quotePrefix
    assert rows[-1][0] == "Số đơn vị đã báo cáo" and rows[-1][first_column] == "1/4"


def grow(index, tree, issuers, documents, chapters):
    """A bigger union: more chapters under LCĐ I, more documents, each assigned to them all."""
    units = [
        UnitFactory(code=f"G{n}", name=f"Chi đoàn G{n}", parent=tree.fed1) for n in range(chapters)
    ]
    for n in range(documents):
        document = make_document(index, tree.school, issuer=issuers.dtn, number=f"{900 + n}-KH/ĐTN")
        Assignment.objects.bulk_create(
            Assignment(document=document, unit=unit, deadline=DEADLINE) for unit in units
        )


@pytest.mark.parametrize("documents,chapters", [(1, 2), (6, 12)])
def test_the_progress_view_costs_the_same_whatever_its_size(
    client, people, index, tree, issuers, django_assert_num_queries, documents, chapters
):
    grow(index, tree, issuers, documents, chapters)
    client.force_login(people.approver)
    url = reverse("directives_admin:progress")
    client.get(url)  # warm the session and the admin's caches
    with django_assert_num_queries(PROGRESS_QUERIES):
        response = client.get(url)
    assert len(response.context["matrix"].rows) == chapters
    assert Unit.objects.count() >= chapters


PROGRESS_QUERIES = 16  # the admin shell included; roles are read once per request


def test_the_documents_menu_shows_what_each_user_may_open(client, people):
    # The sidebar is drawn from JSON, so look for the entries' addresses.
    progress = reverse("directives_admin:progress")
    issuers = reverse("wagtailsnippets_directives_issuer:list")
    client.force_login(people.approver)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert progress in html and issuers in html
    client.force_login(people.editor_a1)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert progress not in html and issuers not in html


# ---------------------------------------------------------------- print view and chart


def test_the_progress_chart_shows_each_documents_share_in_words(client, people, constructed):
    first, second = constructed
    client.force_login(people.approver)
    html = client.get(reverse("directives_admin:progress")).content.decode()
    assert f'<progress max="4" value="1" aria-labelledby="directives-bar-{first.pk}">' in html
    assert "1/4 đơn vị (25%)" in html and "0/1 đơn vị (0%)" in html
    assert "<script" not in html.split('class="directives-chart"')[1].split("</section>")[0]


def test_the_print_view_has_the_same_matrix_without_the_admin(client, people, tree, constructed):
    client.force_login(people.reviewer_fed1)
    response = client.get(reverse("directives_admin:progress"), {"format": "print"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "progress_print.css" in html and 'class="sidebar' not in html
    assert [row.unit for row in response.context["matrix"].rows] == [tree.a1, tree.a2]
    assert tree.a1.name in html and tree.b1.name not in html  # the same scope as the screen
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"tính đến ngày {today}" in html
    assert re.search(r"hạn \d\d/\d\d/\d{4}", html)


@pytest.mark.parametrize("who", ["editor_a1", "member_manager", "nobody"])
def test_the_print_view_is_not_for_chapter_editors(client, people, constructed, who):
    client.force_login(getattr(people, who))
    assert refused(client.get(reverse("directives_admin:progress"), {"format": "print"}))


# ---------------------------------------------------------------- reminders to late units

REMIND = "directives_admin:remind_late_units"


def remind_as(client, capture, person, **query):
    client.force_login(person)
    url = reverse(REMIND) + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    with capture(execute=True):
        return client.post(url, follow=True)


def test_the_approver_reminds_the_late_units_once_a_day(
    client, people, tree, constructed, django_capture_on_commit_callbacks
):
    client.force_login(people.approver)
    progress = client.get(reverse("directives_admin:progress")).content.decode()
    assert reverse(REMIND) in progress
    confirm = client.get(reverse(REMIND)).content.decode()
    for late in (tree.a2, tree.b1, tree.s1):
        assert late.name in confirm
    assert tree.a1.name not in confirm.split('class="directives-remind"')[1].split("</ul>\n")[0]
    assert "226-CV/ĐTN" in confirm

    mail.outbox.clear()
    response = remind_as(client, django_capture_on_commit_callbacks, people.approver)
    # Only B1 has an editor with an email in the tree: one unit, one mail.
    assert "Đã gửi thư nhắc tới 1 đơn vị chậm (1 thư)" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["editor_b1@example.invalid"]]
    body = mail.outbox[0].body
    assert "226-CV/ĐTN" in body and "300-KH/ĐTN" not in body
    assert re.search(r"hạn \d\d/\d\d/\d{4}", body)
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="directives.remind")
    assert entry.object_id == str(tree.b1.pk) and entry.user_id == people.approver.pk

    mail.outbox.clear()
    response = remind_as(client, django_capture_on_commit_callbacks, people.approver)
    assert mail.outbox == []
    assert "đã được nhắc trong vòng một ngày qua" in response.content.decode()
    assert tree.b1.name in client.get(reverse(REMIND)).content.decode()


def test_a_federation_reminds_only_its_own_chapters(
    client, people, tree, constructed, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    remind_as(client, django_capture_on_commit_callbacks, people.reviewer_fed1)
    assert mail.outbox == []  # B1 is not theirs
    remind_as(client, django_capture_on_commit_callbacks, people.reviewer_fed2)
    assert [message.to for message in mail.outbox] == [["editor_b1@example.invalid"]]


@pytest.mark.parametrize("who", ["editor_a1", "editor_b1", "member_manager", "nobody"])
def test_reminders_are_for_those_who_follow_progress(client, people, constructed, who):
    client.force_login(getattr(people, who))
    assert refused(client.get(reverse(REMIND)))
    assert refused(client.post(reverse(REMIND)))
    assert mail.outbox == []


def test_a_reminder_needs_the_form_token(client, people, constructed):
    from django.test import Client

    forger = Client(enforce_csrf_checks=True)
    forger.force_login(people.approver)
    assert forger.post(reverse(REMIND)).status_code == 403
    assert mail.outbox == []
