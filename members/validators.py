"""Field rules of a member record, shared by the admin form and the import (one source)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Vietnamese mobile numbers since the 2018 renumbering: 0 then 3, 5, 7, 8 or 9, then 8 digits.
MOBILE_RE = re.compile(r"^0[35789]\d{8}$")


def normalise_phone(value):
    """Bring "+84 912 345 678", "84912345678" or a number that lost its 0 in Excel to
    "0912345678"; anything else is returned as written, for the validator to refuse."""
    text = str(value or "").strip()
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    elif len(digits) == 9 and digits[:1] in "35789" and digits.isdigit():
        digits = "0" + digits
    return digits if MOBILE_RE.match(digits) else text


def validate_phone(value):
    if value and not MOBILE_RE.match(value):
        raise ValidationError(
            _("Not a Vietnamese mobile number (10 digits starting with 03, 05, 07, 08 or 09)."),
            code="invalid_phone",
        )


CODE_RE = re.compile(r"^[0-9A-Za-z._\-/]+$")


def validate_code(value):
    if not CODE_RE.match(value or ""):
        raise ValidationError(
            _("A member code is made of letters without marks, digits, “.”, “-”, “_” or “/”."),
            code="invalid_code",
        )


def is_formula(value):
    """True for text a spreadsheet would run: "=…", "@…", or "+"/"-" followed by more than
    a number (so "+84 912 345 678" and "-1234" stay text). The admin form and the import
    refuse such text in every column (one rule for both)."""
    if not isinstance(value, str) or not value:
        return False
    if value[0] in "=@":
        return True
    return value[0] in "+-" and bool(re.search(r"[A-Za-z(|!]", value))


def validate_text(value):
    """No text a spreadsheet would run as a formula when the register is exported."""
    if is_formula(value):
        raise ValidationError(
            _("The text starts like a spreadsheet formula (“%(value)s”); type the value itself."),
            code="formula",
            params={"value": value[:30]},
        )


def validate_full_name(value):
    validate_text(value)
    if any(char.isdigit() for char in value or ""):
        raise ValidationError(
            _("“%(value)s” does not look like a full name."),
            code="invalid_name",
            params={"value": value},
        )


def validate_past_date(value):
    if not value:
        return
    # Only a date from the last day or two can be in the future here: ask for the local date
    # (a time-zone conversion, twice per row of a 20,000-row import) only then.
    recent = value >= datetime.date.today() - datetime.timedelta(days=2)
    if value.year < 1900 or (recent and value > timezone.localdate()):
        raise ValidationError(
            _("The date cannot be in the future or before 1900."), code="date_range"
        )
