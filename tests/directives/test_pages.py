"""Page types, numbers, the chain of guidance and attachments: the rules of a document."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.addresses import page_url
from directives.models import (
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DocType,
    ReportPage,
)
from home.models import HomePage
from tests.factories.directives import make_document

pytestmark = pytest.mark.django_db


class TestWhereDocumentsLive(WagtailPageTestCase):
    def test_the_list_lives_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, DirectiveIndexPage)
        self.assertCanNotCreateAt(Page, DirectiveIndexPage)
        self.assertCanNotCreateAt(DirectiveIndexPage, DirectiveIndexPage)
        self.assertAllowedSubpageTypes(DirectiveIndexPage, {DirectivePage})

    def test_documents_live_in_the_list_and_reports_under_documents(self):
        self.assertCanCreateAt(DirectiveIndexPage, DirectivePage)
        self.assertCanNotCreateAt(HomePage, DirectivePage)
        self.assertCanNotCreateAt(DirectivePage, DirectivePage)
        self.assertCanCreateAt(DirectivePage, ReportPage)
        self.assertCanNotCreateAt(DirectiveIndexPage, ReportPage)
        self.assertCanNotCreateAt(HomePage, ReportPage)
        self.assertAllowedSubpageTypes(ReportPage, set())


def test_one_document_list_per_home_page(home, index):
    assert not DirectiveIndexPage.can_create_at(home)


def test_the_pages_render(client, index, tree, issuers):
    document = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    assert client.get(index.url).status_code == 200
    response = client.get(document.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chỉ thị số 02/CT-TTg" not in html  # the factory made a guidance
    assert "Hướng dẫn số 02/CT-TTg" in html
    assert "Thủ tướng Chính phủ" in html and "04/04/2022" in html


# ---------------------------------------------------------------- numbers


def build(index, unit, issuer, number, **fields):
    """An unsaved document under ``index``, as the admin form would have it."""
    page = DirectivePage(
        title=fields.pop("title", "Văn bản mới"),
        slug=fields.pop("slug", "van-ban-moi"),
        doc_type=fields.pop("doc_type", DocType.DIRECTIVE),
        number=number,
        issuer=issuer,
        issue_date=fields.pop("issue_date", datetime.date(2022, 4, 26)),
        unit=unit,
        **fields,
    )
    page.set_url_path(index)
    return page


def test_the_number_is_tidied_and_its_parts_stored(index, tree, issuers):
    page = build(index, tree.school, issuers.ttg, "02 / ct – TTg")
    page.clean()
    index.add_child(instance=page)
    page.refresh_from_db()
    assert page.number == "02/ct-TTg"
    assert page.number_normalised == "2/CT-TTG"
    assert (page.number_sequence, page.number_type, page.number_issuer) == ("02", "ct", "TTg")


def test_union_numbers_keep_their_office(index, tree, issuers):
    page = make_document(index, tree.school, issuer=issuers.twdtn, number="9568 – CV/TWĐTN – BTG")
    page.refresh_from_db()
    assert page.number == "9568-CV/TWĐTN-BTG"
    assert (page.number_type, page.number_issuer, page.number_office) == ("CV", "TWĐTN", "BTG")


@pytest.mark.parametrize("spelling", ["02/CT-TTg", "02/ct-ttg", "02/CT – TTg", "2/CT-TTG"])
def test_two_live_documents_of_one_issuer_cannot_share_a_number(index, tree, issuers, spelling):
    make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg", title="Chỉ thị 02")
    page = build(index, tree.school, issuers.ttg, spelling)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert refused.value.message_dict["number"] == [
        "Thủ tướng Chính phủ đã có văn bản số 02/CT-TTg được đăng: “Chỉ thị 02”."
    ]


def test_a_draft_does_not_hold_a_number_and_a_document_keeps_its_own(index, tree, issuers):
    draft = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg", live=False)
    page = build(index, tree.school, issuers.ttg, "02/CT-TTg")
    page.clean()  # the other one is not published
    live = make_document(index, tree.school, issuer=issuers.ttg, number="03/CT-TTg")
    live.full_clean()  # its own number is no clash
    draft.number = "03/CT-TTg"
    with pytest.raises(ValidationError):
        draft.full_clean()


def test_the_same_sequence_under_another_issuer_is_another_document(index, tree, issuers):
    make_document(index, tree.school, issuer=issuers.dtn, number="226-CV/ĐTN")
    build(index, tree.school, issuers.twdtn, "226-CV/TWĐTN").clean()


def test_the_number_must_carry_the_issuers_code(index, tree, issuers):
    page = build(index, tree.school, issuers.dtn, "02/CT-TTg")
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert refused.value.message_dict["number"] == [
        "Số hiệu này mang ký hiệu cơ quan TTg, nhưng cơ quan ban hành đã chọn "
        "(BCH Đoàn trường) có ký hiệu ĐTN."
    ]


@pytest.mark.parametrize("number", ["02", "CT-TTg", "số 02/CT-TTg", "02/CT-TTg/2022"])
def test_a_malformed_number_is_refused_with_both_forms(index, tree, issuers, number):
    page = build(index, tree.school, issuers.ttg, number)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    (message,) = refused.value.message_dict["number"]
    assert message.startswith("Ghi số hiệu đúng như trên văn bản")
    assert "02/CT-TTg" in message and "9568-CV/TWĐTN-BTG" in message


def test_a_document_without_a_number_is_allowed(index, tree, issuers):
    page = build(index, tree.school, issuers.tdtn, "   ", issue_date=None)
    page.clean()
    assert page.number == "" and page.number_normalised == ""


def test_numbers_and_their_parts_are_searchable(index, tree, issuers):
    union = make_document(index, tree.school, issuer=issuers.twdtn, number="9568-CV/TWĐTN-BTG")
    make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    found = list(DirectivePage.objects.live().search("9568"))
    assert found == [union]
    assert union in list(DirectivePage.objects.live().search("TWĐTN"))


# ---------------------------------------------------------------- chain of guidance


@pytest.fixture
def chain(index, tree, issuers):
    top = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    middle = make_document(
        index, tree.school, issuer=issuers.twdtn, number="9568-CV/TWĐTN-BTG", implements=top
    )
    bottom = make_document(
        index, tree.school, issuer=issuers.dtn, number="226-CV/ĐTN", implements=middle
    )
    return top, middle, bottom


def test_the_chain_reads_both_ways(client, chain):
    top, middle, bottom = chain
    assert bottom.ancestors_in_chain() == [middle, top]
    assert list(top.implementing_documents()) == [middle]
    html = client.get(middle.url).content.decode()
    assert "Văn bản này triển khai" in html and "Các văn bản triển khai văn bản này" in html
    assert html.index(top.url) < html.index(bottom.url)
    html = client.get(bottom.url).content.decode()
    assert html.index(middle.url) < html.index(top.url)  # nearest first, up to the top


def test_a_document_cannot_implement_itself(chain):
    top, _, _ = chain
    top.implements = top
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert refused.value.message_dict["implements"] == ["Văn bản không thể thực hiện chính nó."]


def test_a_cycle_in_the_chain_is_refused(chain):
    top, _, bottom = chain
    top.implements = bottom
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert "vòng lặp" in refused.value.message_dict["implements"][0]


def test_drafts_are_left_out_of_the_public_chain(client, chain):
    top, middle, bottom = chain
    middle.unpublish()
    assert bottom.ancestors_in_chain() == [top]
    assert middle.title not in client.get(top.url).content.decode()


# ---------------------------------------------------------------- attachments


def upload(name, content=b"%PDF-1.4 test", title="Bản có chữ ký"):
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def test_a_file_of_a_type_not_allowed_is_refused(index, tree, issuers):
    page = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    attachment = DirectiveAttachment(page=page, document=upload("virus.exe", title="Tệp lạ"))
    with pytest.raises(ValidationError) as refused:
        attachment.full_clean()
    (message,) = refused.value.message_dict["document"]
    assert message.startswith("“Tệp lạ” là tệp .exe; chỉ được đính kèm các loại tệp: pdf")


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=10)
def test_a_file_too_large_is_refused(index, tree, issuers):
    page = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    attachment = DirectiveAttachment(page=page, document=upload("chi-thi.pdf", b"x" * 2048))
    with pytest.raises(ValidationError) as refused:
        attachment.full_clean()
    assert "tệp đính kèm tối đa" in refused.value.message_dict["document"][0]


def test_attachments_are_listed_and_served_as_files(client, index, tree, issuers):
    page = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    document = upload("chi-thi-02.pdf")
    DirectiveAttachment.objects.create(page=page, document=document, caption="Bản scan")
    html = client.get(page.url).content.decode()
    assert "Bản scan" in html and document.url in html and "(PDF" in html
    served = client.get(document.url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4 test"
    served.close()
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert "chi-thi-02.pdf" in served["Content-Disposition"]


# ---------------------------------------------------------------- through the admin


def admin_form(index, tree, issuers, **overrides):
    data = {
        "title": "Chỉ thị về chuyển đổi số",
        "slug": "chi-thi-02",
        "doc_type": DocType.DIRECTIVE,
        "number": "02/CT – TTg",
        "issuer": issuers.ttg.pk,
        "issue_date": "2022-04-26",
        "signer": "",
        "unit": tree.school.pk,
        "implements": "",
        "summary": "Tóm tắt.",
        "body": rich_text("<p>Toàn văn.</p>"),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_an_editor_creates_a_document_in_the_admin(client, people, index, tree, issuers):
    client.force_login(people.superuser)
    url = reverse("wagtailadmin_pages:add", args=("directives", "directivepage", index.pk))
    response = client.post(url, admin_form(index, tree, issuers), follow=True)
    assert response.status_code == 200
    page = DirectivePage.objects.get(slug="chi-thi-02")
    assert page.number == "02/CT-TTg" and page.number_issuer == "TTg"


def test_the_admin_refuses_a_bad_number_and_a_bad_attachment(client, people, index, tree, issuers):
    client.force_login(people.superuser)
    url = reverse("wagtailadmin_pages:add", args=("directives", "directivepage", index.pk))
    exe = upload("macro.exe", title="Tệp macro")
    response = client.post(
        url,
        admin_form(
            index,
            tree,
            issuers,
            number="CT-TTg",
            attachments=inline_formset([{"document": exe.pk, "caption": ""}]),
        ),
    )
    html = response.content.decode()
    assert "Ghi số hiệu đúng như trên văn bản" in html
    assert "“Tệp macro” là tệp .exe" in html
    assert not DirectivePage.objects.filter(slug="chi-thi-02").exists()


def test_a_translation_shares_its_documents_number(index, tree, issuers):
    from wagtail.models import Locale

    document = make_document(index, tree.school, issuer=issuers.ttg, number="02/CT-TTg")
    english_home = index.get_parent().specific.copy_for_translation(
        Locale.objects.get(language_code="en")
    )
    english_home.save_revision().publish()
    english_index = index.copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.save_revision().publish()
    translation = document.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "Directive 02/CT-TTg"
    translation.clean()  # the same document in another language is no clash
    translation.save_revision().publish()
    other = DirectivePage(
        title="Another",
        slug="another",
        doc_type=DocType.DIRECTIVE,
        number="02/CT-TTg",
        issuer=issuers.ttg,
        unit=tree.school,
    )
    other.set_url_path(english_index)
    with pytest.raises(ValidationError):
        other.clean()


def test_a_report_whose_unit_lost_its_assignment_is_refused(index, tree, issuers, people):
    from directives.models import Assignment

    document = make_document(index, tree.school, issuer=issuers.dtn, number="226-CV/ĐTN")
    assignment = Assignment.objects.create(
        document=document, unit=tree.a1, deadline=datetime.date(2022, 6, 2)
    )
    report = ReportPage(title="Báo cáo A1", slug="bao-cao-a1", unit=tree.a1, live=False)
    document.add_child(instance=report)
    assignment.delete()
    form_class = ReportPage.get_edit_handler().get_form_class()
    form = form_class(
        nested_form_data(
            {
                "title": report.title,
                "slug": report.slug,
                "unit": tree.a1.pk,
                "summary": "",
                "body": rich_text("<p>Đã làm.</p>"),
                "comments": inline_formset([]),
            }
        ),
        instance=report,
        parent_page=document,
        for_user=people.superuser,
    )
    assert not form.is_valid()
    assert form.errors["unit"] == [
        "Đơn vị này không được giao triển khai văn bản này nên không có báo cáo để gửi."
    ]


def test_a_shared_document_previews_with_its_summary_and_offers_share_buttons(
    client, index, tree, issuers
):
    document = make_document(
        index,
        tree.school,
        issuer=issuers.dtn,
        number="226-CV/ĐTN",
        summary="Đoàn trường hướng dẫn cập nhật đoàn viên trên ứng dụng.",
        effective_date=datetime.date(2022, 4, 11),
    )
    html = client.get(document.url).content.decode()
    assert '<meta property="og:title" content="' + document.title in html
    assert '<meta property="og:description" content="Đoàn trường hướng dẫn' in html
    assert '<meta name="description" content="Đoàn trường hướng dẫn' in html
    assert f'<meta property="og:url" content="{page_url(document)}">' in html
    assert "sp.zalo.me/share_inline" in html and "Sao chép liên kết" in html
    assert "columns/share.js" in html
    assert "<dt>Ngày hiệu lực</dt>" in html and "11/04/2022" in html


def test_a_document_cannot_take_effect_before_it_is_issued(index, tree, issuers):
    document = make_document(index, tree.school, issuer=issuers.dtn, number="227-CV/ĐTN")
    document.effective_date = document.issue_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["effective_date"] == [
        "Văn bản không thể có hiệu lực trước ngày ban hành."
    ]
