"""Demo register: 658 members across the demo chapters, as entered by 2/6/2022 (dev only).

Names follow the region's peoples (Thái, Mông, Kinh, Khơ-mú, Dao); codes are fixed, so a
second run finds every member already there and creates nothing.
"""

import random
from datetime import date, timedelta

from organisation.models import Unit

from .choices import Gender, Status
from .models import Member

# (chapter code, members, share updated on the app, born from, born to)
CHAPTERS = [
    ("K20-MNA", 102, 0.92, 2001, 2002),
    ("K20-MNB", 98, 0.81, 2001, 2002),
    ("K21-TH", 95, 0.64, 2002, 2003),
    ("K20-TIN", 96, 0.75, 2001, 2002),
    ("K21-ANH", 92, 0.48, 2002, 2003),
    ("K21-VAN", 90, 0.57, 2002, 2003),
    ("CB-GV", 85, 0.35, 1990, 1997),
]

# (ethnic group, weight, family names, male middle names, female middle names)
PEOPLES = [
    ("Thái", 40, ["Lò", "Quàng", "Cà", "Lường", "Tòng", "Lù", "Điêu", "Vì"], ["Văn"], ["Thị"]),
    ("Mông", 22, ["Giàng", "Sùng", "Vàng", "Thào", "Mùa", "Lầu", "Hờ"], ["A", "Seo"], ["Thị"]),
    ("Kinh", 28, ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đỗ", "Vũ", "Bùi"],
     ["Văn", "Đức", "Minh"], ["Thị", "Thu", "Ngọc"]),
    ("Khơ-mú", 6, ["Quàng", "Lò", "Cầm", "Vì"], ["Văn"], ["Thị"]),
    ("Dao", 4, ["Bàn", "Triệu", "Đặng", "Lý"], ["Văn", "Tòn"], ["Thị", "Mùi"]),
]  # fmt: skip
MALE_NAMES = ["Hùng", "Páo", "Dũng", "Tú", "Sơn", "Chứ", "Dếnh", "Nam", "Tuấn", "Khánh", "Lâm"]
FEMALE_NAMES = ["Mai", "Hoa", "Hương", "Lan", "Thu", "Nga", "Dung", "Chi", "Pà", "Xuân", "Hạnh"]
FEMALE_NAMES += ["Thảo", "Linh", "Nhung", "Ánh", "Vân"]
# Most students of early-years and primary teaching are women.
FEMALE_SHARE = {"K20-MNA": 0.95, "K20-MNB": 0.95, "K21-TH": 0.8}


def load(out):
    chapters = {unit.code: unit for unit in Unit.objects.chapters()}
    existing = set(Member.objects.values_list("code", flat=True))
    rng = random.Random(2022)  # the same members on every run
    new = []
    for code, count, updated_share, born_from, born_to in CHAPTERS:
        chapter = chapters.get(code)
        for number in range(1, count + 1):
            member = _member(rng, chapter, code, number, updated_share, born_from, born_to)
            if chapter is not None and member.code not in existing:
                member.normalise()
                new.append(member)
    Member.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
    out(f"Đoàn viên: {Member.objects.count()}")


def _member(rng, chapter, chapter_code, number, updated_share, born_from, born_to):
    """One member; every random draw happens whether or not it is created, so the
    sequence (and so every member) is the same on each run."""
    people = rng.choices(PEOPLES, weights=[p[1] for p in PEOPLES])[0]
    ethnicity, _, families, male_middles, female_middles = people
    female = rng.random() < FEMALE_SHARE.get(chapter_code, 0.6)
    middle = rng.choice(female_middles if female else male_middles)
    given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
    born = date(rng.randint(born_from, born_to), rng.randint(1, 12), rng.randint(1, 28))
    joined = born + timedelta(days=365 * 15 + rng.randint(30, 700))
    code = f"{chapter_code.replace('-', '')}{number:03d}"
    phone = f"0{rng.choice('3789')}{rng.randint(10_000_000, 99_999_999)}"
    status = Status.ACTIVE if rng.random() < 0.96 else Status.TRANSFERRED
    return Member(
        code=code,
        full_name=f"{rng.choice(families)} {middle} {given}",
        date_of_birth=born,
        gender=Gender.FEMALE if female else Gender.MALE,
        ethnicity=ethnicity,
        chapter=chapter,
        joined_on=joined,
        card_number=f"{number:03d}{chapter_code.replace('-', '')}",
        phone=phone,
        is_party_member=chapter_code == "CB-GV" and rng.random() < 0.4,
        app_updated=rng.random() < updated_share,
        status=status,
    )
