"""Reading the number of an official document (số hiệu) as it is printed.

Two styles are in use:

- the state style, ``02/CT-TTg``: sequence / type abbreviation - issuer (a decree may carry its
  year too: ``13/2023/NĐ-CP``);
- the Party and Union style, ``9568-CV/TWĐTN-BTG`` or ``226-CV/ĐTN``: sequence - type
  abbreviation / issuer, optionally followed by the issuing office.

The same number is typed many ways (``02/ct-ttg``, ``02/CT – TTg``, ``02 / CT-TTg``), so numbers
are compared in a normalised form: Unicode NFC, no spaces, every kind of dash turned into ``-``,
upper case, and leading zeros of the sequence dropped (``02`` and ``2`` are one document).

Pure Python with no Django models, so it is cheap to test thoroughly.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

STATE = "state"
PARTY = "party"

# Hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign.
DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
SPACES = re.compile(r"\s+")
# Letters of abbreviations: Latin and Vietnamese capitals (after upper-casing), and digits for
# codes such as "BCH2". A part never starts with a digit.
PART = r"[^\W\d_][^\W_]*"

STATE_PATTERN = re.compile(
    rf"^(?P<sequence>\d+)(?:/(?P<year>\d{{4}}))?/(?P<type>{PART})-(?P<issuer>{PART})"
    rf"(?:-(?P<office>{PART}))?$"
)
PARTY_PATTERN = re.compile(
    rf"^(?P<sequence>\d+)-(?P<type>{PART})/(?P<issuer>{PART})(?:-(?P<office>{PART}))?$"
)


class InvalidNumber(ValueError):
    """The text is not a document number in either style."""


@dataclass(frozen=True)
class DocumentNumber:
    style: str
    sequence: str
    type_code: str
    issuer_code: str
    office: str = ""
    year: str = ""

    @property
    def normalised(self):
        """The form numbers are compared in: one spelling per document."""
        return self._join(
            str(int(self.sequence)),
            self.type_code.upper(),
            self.issuer_code.upper(),
            self.office.upper(),
        )

    @property
    def display(self):
        """The number as it should be printed: the letters as typed, tidy separators."""
        return self._join(self.sequence, self.type_code, self.issuer_code, self.office)

    def _join(self, sequence, type_code, issuer_code, office):
        if self.style == STATE:
            year = f"/{self.year}" if self.year else ""
            text = f"{sequence}{year}/{type_code}-{issuer_code}"
        else:
            text = f"{sequence}-{type_code}/{issuer_code}"
        return f"{text}-{office}" if office else text


def clean_text(raw):
    """NFC, no spaces, plain hyphens: the number as typed with the noise taken out."""
    text = unicodedata.normalize("NFC", raw or "")
    text = DASHES.sub("-", text)
    return SPACES.sub("", text)


def examples():
    """The message shown with a refused number: an example of each valid style."""
    return _(
        "Write the number as printed, in one of two forms: the state style, e.g. 02/CT-TTg "
        "(number/type-issuer), or the Party and Union style, e.g. 9568-CV/TWĐTN-BTG or "
        "226-CV/ĐTN (number-type/issuer-office)."
    )


def parse(raw):
    """Read a number in either style; raise InvalidNumber (with examples) when it is neither."""
    text = clean_text(raw)
    for style, pattern in ((STATE, STATE_PATTERN), (PARTY, PARTY_PATTERN)):
        match = pattern.match(text)
        if match:
            return DocumentNumber(
                style=style,
                sequence=match["sequence"],
                type_code=match["type"],
                issuer_code=match["issuer"],
                office=match["office"] or "",
                year=match.groupdict().get("year") or "",
            )
    raise InvalidNumber(examples())


def normalise(raw):
    """The normalised form of a number, or of free text when it is not a whole number (so a
    reader's search for "02/ct" still finds 02/CT-TTg)."""
    try:
        return parse(raw).normalised
    except InvalidNumber:
        return clean_text(raw).upper()
