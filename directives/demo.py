"""Demo documents: the real chain of guidance on digital transformation that reached the school
union in 2022, its assignments to the demo chapters in mixed states, and two live reports.

Facts (numbers, dates, issuers) come from the reference article; the text is our own. The
article names the provincial union's guidance without its number or date, so the demo leaves
both blank rather than invent them. For the same reason a document's signer is the capacity it is
signed in, not a name, and its attachment is a one-page PDF drawn here that says it is a sample.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from cms.search.folding import fold
from organisation.models import Unit

from .models import (
    Assignment,
    AssignmentStatus,
    DirectiveAttachment,
    DirectiveIndexPage,
    DirectivePage,
    DocType,
    Issuer,
    ReportPage,
)

# (code, name, order)
ISSUERS = [
    ("TTg", "Thủ tướng Chính phủ", 1),
    ("TWĐTN", "Ban Bí thư Trung ương Đoàn", 2),
    ("TĐTN", "Ban Chấp hành Tỉnh đoàn Điện Biên", 3),
    ("ĐTN", "Ban Chấp hành Đoàn trường CĐSP Điện Biên", 4),
]

INDEX_INTRO = (
    "<p>Chỉ thị, công văn, hướng dẫn và kế hoạch mà Đoàn trường tiếp nhận hoặc ban hành, "
    "kèm theo tiến độ triển khai của từng liên chi đoàn, chi đoàn.</p>"
)

# slug, doc type, number, issuer code, date, title, summary, body, implements (slug)
DOCUMENTS = [
    (
        "chi-thi-02-ct-ttg",
        DocType.DIRECTIVE,
        "02/CT-TTg",
        "TTg",
        datetime.date(2022, 4, 26),
        "Phát triển Chính phủ điện tử hướng tới Chính phủ số, thúc đẩy chuyển đổi số quốc gia",
        "Chỉ thị của Thủ tướng Chính phủ yêu cầu các cơ quan, tổ chức đẩy mạnh làm việc trên "
        "môi trường số, dùng văn bản điện tử và dữ liệu số trong điều hành.",
        "<p>Văn bản gốc do Thủ tướng Chính phủ ban hành. Đoàn trường đăng tải để cán bộ đoàn "
        "và đoàn viên tra cứu, làm căn cứ cho các văn bản hướng dẫn bên dưới.</p>",
        None,
    ),
    (
        "cong-van-9568-cv-twdtn-btg",
        DocType.OFFICIAL_LETTER,
        "9568-CV/TWĐTN-BTG",
        "TWĐTN",
        datetime.date(2022, 5, 23),
        "Tuyên truyền và triển khai thực hiện Chỉ thị 02/CT-TTg trong tổ chức Đoàn",
        "Ban Bí thư Trung ương Đoàn đề nghị các cấp bộ Đoàn tuyên truyền Chỉ thị 02/CT-TTg "
        "tới đoàn viên, thanh niên và đưa chuyển đổi số vào hoạt động thường xuyên.",
        "<p>Công văn do Ban Tuyên giáo Trung ương Đoàn tham mưu. Các cấp bộ Đoàn căn cứ vào "
        "đây để xây dựng hướng dẫn phù hợp với địa phương, đơn vị.</p>",
        "chi-thi-02-ct-ttg",
    ),
    (
        "huong-dan-tinh-doan-dien-bien-chi-thi-02",
        DocType.GUIDANCE,
        "",
        "TĐTN",
        None,
        "Hướng dẫn tuyên truyền, triển khai Chỉ thị 02/CT-TTg trong Đoàn Thanh niên tỉnh Điện Biên",
        "Ban Chấp hành Tỉnh đoàn hướng dẫn các cơ sở đoàn trong tỉnh phổ biến Chỉ thị "
        "02/CT-TTg và thực hiện nhiệm vụ chuyển đổi số thuộc trách nhiệm của mình.",
        "<p>Trang này chưa ghi số hiệu và ngày ban hành của văn bản; Ban Thường vụ Đoàn trường "
        "sẽ bổ sung khi đối chiếu bản gốc.</p>",
        "cong-van-9568-cv-twdtn-btg",
    ),
    (
        "huong-dan-226-cv-dtn",
        DocType.GUIDANCE,
        "226-CV/ĐTN",
        "ĐTN",
        datetime.date(2022, 4, 4),
        "Cập nhật thông tin đoàn viên trên Ứng dụng Thanh niên Việt Nam",
        "Đoàn trường hướng dẫn các liên chi đoàn, chi đoàn nhập và rà soát hồ sơ của từng "
        "đoàn viên trên Ứng dụng Thanh niên Việt Nam, báo cáo kết quả về Ban Thường vụ.",
        "<h2>Việc cần làm</h2><ul><li>Bí thư chi đoàn hướng dẫn đoàn viên cài đặt ứng dụng và "
        "đăng ký tài khoản.</li><li>Rà soát, cập nhật đầy đủ thông tin hồ sơ đoàn viên.</li>"
        "<li>Tổng hợp danh sách đoàn viên đã cập nhật, gửi báo cáo trên trang quản trị.</li>"
        "</ul><p>Đầu mối hướng dẫn, hỗ trợ: đồng chí Quàng Thị Hạnh.</p>",
        "huong-dan-tinh-doan-dien-bien-chi-thi-02",
    ),
]

# slug: (signed in the capacity of, effective date, attachment caption or None)
SIGNATURES = {
    "chi-thi-02-ct-ttg": ("Thủ tướng Chính phủ", datetime.date(2022, 4, 26), None),
    "cong-van-9568-cv-twdtn-btg": ("TM. Ban Bí thư Trung ương Đoàn", None, None),
    "huong-dan-tinh-doan-dien-bien-chi-thi-02": ("TM. Ban Thường vụ Tỉnh đoàn", None, None),
    "huong-dan-226-cv-dtn": (
        "TM. Ban Thường vụ Đoàn trường – Bí thư",
        None,
        "Bản có chữ ký (mẫu)",
    ),
}


INDEX_EN = (
    "Documents",
    "<p>Directives, letters, guidance and plans the school union receives or issues, with how "
    "far each federation and chapter has come in carrying them out. Official documents are "
    "published in Vietnamese.</p>",
)


def _translate_index(index):
    """The English site's "Documents", so /en/van-ban/ is not a 404 (it lists the Vietnamese
    documents: official documents are not translated)."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None or index.has_translation(english):
        return
    translation = index.copy_for_translation(english, copy_parents=True)
    translation.title, translation.intro = INDEX_EN
    translation.save_revision().publish()


def sample_pdf(title):
    """A one-page PDF that says it is a sample of ``title``, drawn without a library (folded to
    ASCII: the PDF's standard font has no Vietnamese letters)."""
    text = fold(f"Bản mẫu của văn bản {title} - dữ liệu minh họa").upper()
    text = "".join(char for char in text if char.isascii() and char not in "()\\")
    stream = f"BT /F1 14 Tf 60 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return pdf


def _attachments(slug, number):
    """The document's demo attachment, made once."""
    caption = SIGNATURES.get(slug, (None, None, None))[2]
    if caption is None:
        return []
    Document = get_document_model()
    title = f"{caption}: {number}"
    file = Document.objects.filter(title=title).first()
    if file is None:
        file = Document(title=title)
        file.file.save(f"{slug}.pdf", ContentFile(sample_pdf(number)), save=False)
        file.save()
    return [DirectiveAttachment(document=file, caption=caption)]


# document slug, unit code, deadline, state, acknowledged on, reporting editor
ASSIGNMENTS = [
    (
        "huong-dan-226-cv-dtn",
        "K20-MNA",
        datetime.date(2022, 6, 2),
        "reported",
        (2022, 4, 6),
        "bithu.mna",
    ),
    (
        "huong-dan-226-cv-dtn",
        "K20-TIN",
        datetime.date(2022, 6, 2),
        "reported",
        (2022, 4, 7),
        "bithu.tin",
    ),
    (
        "huong-dan-226-cv-dtn",
        "K20-MNB",
        datetime.date(2022, 6, 2),
        "acknowledged",
        (2022, 4, 8),
        None,
    ),
    (
        "huong-dan-226-cv-dtn",
        "K21-ANH",
        datetime.date(2022, 6, 2),
        "acknowledged",
        (2022, 4, 11),
        None,
    ),
    ("huong-dan-226-cv-dtn", "K21-TH", datetime.date(2022, 6, 2), "assigned", None, None),
    ("huong-dan-226-cv-dtn", "K21-VAN", datetime.date(2022, 6, 2), "assigned", None, None),
    ("huong-dan-226-cv-dtn", "CB-GV", datetime.date(2022, 6, 2), "assigned", None, None),
    ("chi-thi-02-ct-ttg", "LCD1", datetime.date(2022, 6, 30), "acknowledged", (2022, 5, 27), None),
    ("chi-thi-02-ct-ttg", "LCD2", datetime.date(2022, 6, 30), "assigned", None, None),
]

REPORT_BODY = (
    "<p>Ban Chấp hành chi đoàn đã phổ biến Hướng dẫn 226-CV/ĐTN trong buổi sinh hoạt chi đoàn "
    "và qua nhóm Zalo của lớp, rồi hướng dẫn từng đoàn viên cài đặt ứng dụng, đăng ký tài "
    "khoản và cập nhật hồ sơ.</p><p>Chi đoàn đã rà soát lại danh sách, đối chiếu với sổ đoàn "
    "viên và gửi danh sách tổng hợp về Đoàn trường. Những trường hợp còn thiếu thông tin được "
    "bí thư chi đoàn hỗ trợ trực tiếp.</p>"
)


def _moment(parts, hour=9):
    if parts is None:
        return None
    return timezone.make_aware(datetime.datetime(*parts, hour))


def load(out):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    school = Unit.objects.get(code="DT")
    units = {unit.code: unit for unit in Unit.objects.all()}
    users = {user.username: user for user in get_user_model().objects.all()}

    issuers = {}
    for code, name, order in ISSUERS:
        issuers[code], _ = Issuer.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )

    index = DirectiveIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=DirectiveIndexPage(
                title="Văn bản", slug="van-ban", intro=INDEX_INTRO, show_in_menus=True
            )
        )
        index.save_revision().publish()
    _translate_index(index)

    documents = {}
    for slug, doc_type, number, issuer, date, title, summary, body, implements in DOCUMENTS:
        document = DirectivePage.objects.child_of(index).filter(slug=slug).first()
        if document is None:
            document = index.add_child(
                instance=DirectivePage(
                    title=title,
                    slug=slug,
                    doc_type=doc_type,
                    number=number,
                    issuer=issuers[issuer],
                    issue_date=date,
                    effective_date=SIGNATURES.get(slug, ("", None))[1],
                    signer=SIGNATURES.get(slug, ("",))[0],
                    summary=summary,
                    body=body,
                    implements=documents.get(implements),
                    unit=school,
                    attachments=_attachments(slug, number),
                )
            )
            document.full_clean()
            document.save_revision().publish()
        documents[slug] = document

    for slug, code, deadline, state, acknowledged_on, reporter in ASSIGNMENTS:
        assignment, created = Assignment.objects.get_or_create(
            document=documents[slug],
            unit=units[code],
            defaults={
                "deadline": deadline,
                "assigned_by": users.get("btv"),
                "assigned_at": _moment(
                    (2022, 4, 5) if slug == "huong-dan-226-cv-dtn" else (2022, 5, 26)
                ),
            },
        )
        if not created:
            continue
        if acknowledged_on:
            assignment.status = AssignmentStatus.ACKNOWLEDGED
            assignment.acknowledged_at = _moment(acknowledged_on)
            assignment.acknowledged_by = users.get(reporter) if reporter else None
            assignment.save()
        if state == "reported":
            _publish_report(documents[slug], units[code], users.get(reporter))
            # The report went live in 2022, before the deadline of 02/06/2022.
            Assignment.objects.filter(pk=assignment.pk).update(reported_at=_moment((2022, 5, 30)))

    out(
        f"Văn bản: {DirectivePage.objects.count()}, giao triển khai: {Assignment.objects.count()}, "
        f"báo cáo đã đăng: {ReportPage.objects.live().count()}"
    )


def _publish_report(document, unit, owner):
    slug = f"bao-cao-{unit.code.lower()}"
    if ReportPage.objects.child_of(document).filter(slug=slug).exists():
        return
    report = document.add_child(
        instance=ReportPage(
            title=f"Kết quả cập nhật đoàn viên trên Ứng dụng Thanh niên Việt Nam – {unit.name}",
            slug=slug,
            unit=unit,
            owner=owner,
            summary="Chi đoàn đã hoàn thành việc cập nhật hồ sơ đoàn viên trên ứng dụng "
            "trước hạn Đoàn trường giao.",
            body=REPORT_BODY,
        )
    )
    report.save_revision(user=owner).publish()
