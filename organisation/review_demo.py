"""Demo articles in every state of the approval workflow, and what each demo login sees of
them (dev only). Runs after the columns demo, which makes the columns; without a column it
skips. Safe to run again: each article is looked up by its slug first."""

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.mail import muted

from .access import without_hidden_drafts
from .demo import DEMO_USERS
from .models import Unit
from .review import task_states_awaiting

# (slug, title, unit code, editor, [(action, username, comment)], the state it ends in)
DEMO_ARTICLES = [
    (
        "nhap-ke-hoach-tinh-nguyen-he",
        "Kế hoạch tình nguyện hè của chi đoàn (bản nháp)",
        "K20-MNA",
        "bithu.mna",
        [],
        "bản nháp",
    ),
    (
        "cho-lcd-duyet-ngay-hoi-doc-sach",
        "Ngày hội đọc sách cùng các em mầm non",
        "K20-MNA",
        "bithu.mna",
        [("submit", "bithu.mna", "")],
        "chờ Liên chi đoàn I duyệt",
    ),
    (
        "cho-truong-duyet-lop-tin-hoc-cho-ban-tre",
        "Lớp tin học miễn phí cho thanh niên bản Him Lam",
        "K20-TIN",
        "bithu.tin",
        [
            ("submit", "bithu.tin", ""),
            ("approve", "lcd2", "Bài tốt, đề nghị Đoàn trường đăng trong tuần."),
        ],
        "chờ Đoàn trường duyệt",
    ),
    (
        "bi-tra-lai-thu-vien-so",
        "Chi đoàn dựng thư viện số cho sinh viên",
        "K20-TIN",
        "bithu.tin",
        [
            ("submit", "bithu.tin", ""),
            ("reject", "lcd2", "Bổ sung số liệu: bao nhiêu đầu sách, bao nhiêu lượt đọc."),
        ],
        "bị Liên chi đoàn II trả lại",
    ),
    (
        "bi-truong-tra-lai-chien-dich-mua-he-xanh",
        "Ra quân chiến dịch Mùa hè xanh",
        "K20-MNA",
        "bithu.mna",
        [
            ("submit", "bithu.mna", ""),
            ("approve", "lcd1", ""),
            ("reject", "btv", "Cần ảnh có sự đồng ý của người trong ảnh trước khi đăng."),
        ],
        "bị Đoàn trường trả lại",
    ),
    (
        "da-duyet-hien-mau-nhan-dao",
        "Ngày hội hiến máu nhân đạo của sinh viên Sư phạm",
        "K20-MNA",
        "bithu.mna",
        [
            ("submit", "bithu.mna", ""),
            ("approve", "lcd1", "Đã kiểm tra số liệu."),
            ("approve", "btv", ""),
        ],
        "đã xuất bản",
    ),
]


def load(out):
    try:
        ArticlePage = apps.get_model("columns", "ArticlePage")
        ColumnIndexPage = apps.get_model("columns", "ColumnIndexPage")
    except LookupError:
        out("Quy trình duyệt bài: bỏ qua (chưa có ứng dụng chuyên mục)")
        return
    column = ColumnIndexPage.objects.order_by("path").first()
    if column is None:
        out("Quy trình duyệt bài: bỏ qua (chưa có chuyên mục)")
        return

    users = {user.username: user for user in get_user_model().objects.all()}
    created = 0
    # The demo's decisions would otherwise print a dozen emails to the console.
    with muted():
        for slug, title, unit_code, editor, steps, _ in DEMO_ARTICLES:
            if Page.objects.child_of(column).filter(slug=slug).exists():
                continue
            article = ArticlePage(
                title=title,
                slug=slug,
                lead=f"{title}: bài mẫu để thử quy trình duyệt bài.",
                unit=Unit.objects.get(code=unit_code),
                owner=users[editor],
                live=False,
            )
            column.add_child(instance=article)
            article.save_revision(user=users[editor])
            for action, username, comment in steps:
                actor = users[username]
                if action == "submit":
                    article.get_workflow().start(article, actor)
                    continue
                task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
                getattr(task_state, action)(user=actor, comment=comment)
            created += 1
    out(f"Quy trình duyệt bài: {len(DEMO_ARTICLES)} bài mẫu ở mọi trạng thái ({created} bài mới)")
    for _, title, _, _, _, state in DEMO_ARTICLES:
        out(f"  - {title}: {state}")
    out("Mỗi tài khoản demo thấy gì:")
    for line in who_sees_what(ArticlePage):
        out(line)


def who_sees_what(ArticlePage):
    """One line per demo login: what waits for them, and whose drafts they can see."""
    lines = []
    User = get_user_model()
    drafts = ArticlePage.objects.filter(live=False)
    for username, *_ in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        waiting = task_states_awaiting(user).count()
        visible = without_hidden_drafts(drafts, user).select_related("unit")
        units = sorted({page.unit.code for page in visible})
        lines.append(
            f"  {username:<11} chờ mình duyệt: {waiting}; "
            f"thấy bản nháp của: {', '.join(units) or 'không đơn vị nào'}"
        )
    return lines
