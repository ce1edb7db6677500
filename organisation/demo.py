"""Demo units of Đoàn trường CĐSP Điện Biên and demo users in every role (dev only)."""

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import Role, Unit, UnitKind, UnitRole

# Shared by every demo login; load_demo refuses to run under production settings.
DEMO_PASSWORD = "doantruong2022"

# (code, name, kind, parent code, order)
DEMO_UNITS = [
    ("DT", "Đoàn trường CĐSP Điện Biên", UnitKind.SCHOOL, None, 0),
    ("LCD1", "Liên chi đoàn I", UnitKind.FEDERATION, "DT", 1),
    ("LCD2", "Liên chi đoàn II", UnitKind.FEDERATION, "DT", 2),
    ("K20-MNA", "Chi đoàn K20 Giáo dục Mầm non A", UnitKind.CHAPTER, "LCD1", 1),
    ("K20-MNB", "Chi đoàn K20 Giáo dục Mầm non B", UnitKind.CHAPTER, "LCD1", 2),
    ("K21-TH", "Chi đoàn K21 Giáo dục Tiểu học", UnitKind.CHAPTER, "LCD1", 3),
    ("K20-TIN", "Chi đoàn K20 Sư phạm Tin học", UnitKind.CHAPTER, "LCD2", 1),
    ("K21-ANH", "Chi đoàn K21 Sư phạm Tiếng Anh", UnitKind.CHAPTER, "LCD2", 2),
    ("K21-VAN", "Chi đoàn K21 Sư phạm Ngữ văn", UnitKind.CHAPTER, "LCD2", 3),
    ("CB-GV", "Chi đoàn Cán bộ – Giáo viên", UnitKind.CHAPTER, "DT", 3),
]

# What the English pages call them.
DEMO_UNIT_NAMES_EN = {
    "DT": "Điện Biên College of Education Youth Union",
    "LCD1": "Federation I",
    "LCD2": "Federation II",
    "K20-MNA": "K20 Early Childhood Education A chapter",
    "K20-MNB": "K20 Early Childhood Education B chapter",
    "K21-TH": "K21 Primary Education chapter",
    "K20-TIN": "K20 Computer Science Teaching chapter",
    "K21-ANH": "K21 English Teaching chapter",
    "K21-VAN": "K21 Literature Teaching chapter",
    "CB-GV": "Staff and Teachers chapter",
}

# (username, first name, last name, [(role, unit code)], what they do)
#
# Names as the admin's user form labels them: first_name is "Tên" (the given name, which the
# Wagtail sidebar greets people by), last_name is "Họ" (family and middle names). So the demo
# shows what real accounts entered through that form show.
DEMO_USERS = [
    ("admin", "Quản trị", "", [], "quản trị toàn trang (superuser)"),
    ("bithu.mna", "Mai", "Lò Thị", [(Role.EDITOR, "K20-MNA")], "bí thư Chi đoàn K20 Mầm non A"),
    ("bithu.tin", "Páo", "Giàng A", [(Role.EDITOR, "K20-TIN")], "bí thư Chi đoàn K20 Tin học"),
    ("lcd1", "Hùng", "Cà Văn", [(Role.REVIEWER, "LCD1")], "duyệt bài Liên chi đoàn I"),
    ("lcd2", "Hoa", "Lường Thị", [(Role.REVIEWER, "LCD2")], "duyệt bài Liên chi đoàn II"),
    (
        "btv",
        "Thương",
        "Đàm Mai",
        [(Role.APPROVER, "DT"), (Role.EDITOR, "DT")],
        "Ban Thường vụ Đoàn trường: duyệt cuối và xuất bản",
    ),
    (
        "quanly",
        "Hạnh",
        "Quàng Thị",
        [(Role.MEMBER_MANAGER, "DT")],
        "quản lý đoàn viên toàn trường",
    ),
]


def load(out):
    units = {}
    for code, name, kind, parent_code, order in DEMO_UNITS:
        unit = Unit.objects.filter(code=code).first() or Unit(code=code)
        unit.name, unit.kind, unit.sort_order = name, kind, order
        unit.name_en = DEMO_UNIT_NAMES_EN.get(code, "")
        unit.parent = units.get(parent_code)
        unit.full_clean()
        unit.save()
        units[code] = unit
    out(f"Đơn vị: {Unit.objects.count()}")

    User = get_user_model()
    for username, first_name, last_name, roles, _ in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.invalid",
                "is_superuser": username == "admin",
                "is_staff": username == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif (user.first_name, user.last_name) != (first_name, last_name):
            # A database loaded before the names were given the right way round.
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        for role, unit_code in roles:
            UnitRole.objects.get_or_create(user=user, unit=units[unit_code], role=role)
    out(f"Người dùng demo: {len(DEMO_USERS)}")


def already_loaded():
    return get_user_model().objects.filter(username="admin").exists()


def logins():
    """Lines to print after the demo is loaded: who to log in as, and what they can do."""
    lines = [
        f"  {username:<11} / {DEMO_PASSWORD}   {description}"
        for username, _, _, _, description in DEMO_USERS
    ]
    if settings.TWO_FACTOR_REQUIRED:
        lines.append(
            "Two-factor sign-in is required: admin, btv and quanly set up an authenticator app "
            "at their first sign-in."
        )
    else:
        lines.append(
            "Two-factor sign-in is not required here (TWO_FACTOR_REQUIRED=1 make run to try it); "
            "any account may turn it on from its account page."
        )
    return lines
