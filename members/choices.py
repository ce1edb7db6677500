"""The fixed vocabularies of the member file: genders, statuses, yes/no and the 54 ethnic
groups. File values are Vietnamese whatever the admin language, so they live here as data."""

import re
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import fold


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    TRANSFERRED = "transferred", _("Transferred out")
    GRADUATED = "graduated", _("Came of age (left the union)")


# How each value is written in a file (DESIGN.md, "Members"), whatever the interface language.
GENDER_FILE_LABELS = {Gender.MALE: "Nam", Gender.FEMALE: "Nữ", Gender.OTHER: "Khác"}
STATUS_FILE_LABELS = {
    Status.ACTIVE: "Đang sinh hoạt",
    Status.TRANSFERRED: "Chuyển sinh hoạt",
    Status.GRADUATED: "Trưởng thành Đoàn",
}
YES, NO = "Có", "Không"

# Vietnam's 54 official ethnic groups, as the General Statistics Office lists them.
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Mường", "Khơ-me", "Hoa", "Nùng", "Mông", "Dao", "Gia-rai",
    "Ngái", "Ê-đê", "Ba-na", "Xơ-đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê",
    "Mnông", "Ra-glai", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ-tu", "Gié-Triêng", "Mạ",
    "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro", "Kháng", "Xinh-mun", "Hà Nhì", "Chu-ru", "Lào",
    "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao",
    "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ-măm",
]  # fmt: skip
ETHNICITY_CHOICES = [(name, name) for name in ETHNIC_GROUPS]

# Other names in common use, folded (see `_key`), for the official one.
_ETHNIC_ALIASES = {
    "hmong": "Mông",
    "meo": "Mông",
    "khmer": "Khơ-me",
    "ede": "Ê-đê",
    "bahnar": "Ba-na",
    "jrai": "Gia-rai",
    "giarai": "Gia-rai",
    "kinhviet": "Kinh",
    "viet": "Kinh",
}


def _key(value):
    """Folded, with spaces, hyphens and apostrophes dropped: "H'Mông", "Khơ Mú" → "hmong"."""
    return re.sub(r"[^0-9a-z]", "", fold(value))


_ETHNIC_BY_KEY = {_key(name): name for name in ETHNIC_GROUPS} | _ETHNIC_ALIASES


@lru_cache(maxsize=512)  # a file repeats a handful of values thousands of times
def ethnicity_from_text(value):
    """The official name of the group written as ``value``, or None."""
    return _ETHNIC_BY_KEY.get(_key(value))


def _lookup(labels):
    table = {}
    for key, label in labels.items():
        table[fold(label)] = key
        table[fold(key)] = key
        table[fold(key.label)] = key
    return table


_GENDER_BY_TEXT = _lookup(GENDER_FILE_LABELS)
_STATUS_BY_TEXT = _lookup(STATUS_FILE_LABELS)
_BOOL_BY_TEXT = {"co": True, "x": True, "1": True, "yes": True, "true": True, "khong": False}
_BOOL_BY_TEXT |= {"0": False, "no": False, "false": False, "": False}


@lru_cache(maxsize=512)  # a file repeats a handful of values thousands of times
def gender_from_text(value):
    return _GENDER_BY_TEXT.get(fold(value))


@lru_cache(maxsize=512)  # a file repeats a handful of values thousands of times
def status_from_text(value):
    return _STATUS_BY_TEXT.get(fold(value))


@lru_cache(maxsize=512)  # a file repeats a handful of values thousands of times
def bool_from_text(value):
    """True, False, or None when the text is neither Có nor Không."""
    return _BOOL_BY_TEXT.get(fold(value))
