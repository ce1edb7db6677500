"""The demo tells the real story: the chain from Directive 02/CT-TTg down to the school's
guidance 226-CV/ĐTN, handed to the demo chapters, some of which have reported."""

import pytest
from django.core.management import call_command

from directives.models import Assignment, AssignmentStatus, DirectivePage, ReportPage

pytestmark = pytest.mark.django_db


def test_the_demo_chain_and_its_implementation(client):
    call_command("load_demo")
    school_guidance = DirectivePage.objects.get(number_normalised="226-CV/ĐTN")
    chain = school_guidance.ancestors_in_chain()
    assert [page.number for page in chain] == ["", "9568-CV/TWĐTN-BTG", "02/CT-TTg"]
    assert chain[0].issuer.code == "TĐTN"
    assert chain[-1].issue_date.isoformat() == "2022-04-26"
    assert chain[-1].issuer.name == "Thủ tướng Chính phủ"

    statuses = set(Assignment.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in AssignmentStatus}
    assert set(
        Assignment.objects.filter(document=school_guidance).values_list("unit__code", flat=True)
    ) == {"K20-MNA", "K20-MNB", "K21-TH", "K20-TIN", "K21-ANH", "K21-VAN", "CB-GV"}
    reports = ReportPage.objects.live()
    assert reports.count() >= 1
    assert all(
        Assignment.objects.get(report=report).status == AssignmentStatus.REPORTED
        for report in reports
    )

    html = client.get(school_guidance.url).content.decode()
    assert "2/7 đơn vị đã báo cáo" in html
    assert all(report.url in html for report in reports)
    listing = client.get("/van-ban/").content.decode()
    assert "Hướng dẫn số 226-CV/ĐTN" in listing and "Chỉ thị số 02/CT-TTg" in listing
