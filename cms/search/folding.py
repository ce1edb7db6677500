"""Folding Vietnamese so that what readers type finds what editors wrote.

``fold`` is the one rule the whole site uses (search on SQLite, slugs, admin filters): lower
case, every diacritic removed (``ộ`` → ``o``, ``ư`` → ``u``) and ``đ`` → ``d``. On PostgreSQL the
same rule runs inside the database as the ``vi_unaccent`` text search configuration.

The search index holds the folded words (the database folds them: see ``backends``); a
reader's query is folded the same way, so "chuyen doi so" finds "Chuyển đổi số".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.conf import settings

# Letters that Unicode does not decompose into a base letter and a mark.
_NO_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"[^\W_]+")
NUMBER_PREFIX = "sohieu"


def number_fields():
    """The model fields that hold a document number (số hiệu), e.g. DirectivePage.number;
    ``SEARCH_NUMBER_FIELDS`` in the settings."""
    return frozenset(getattr(settings, "SEARCH_NUMBER_FIELDS", ("number",)))


def fold(text):
    """Lower case, without diacritics, ``đ`` as ``d``: "Chuyển Đổi số" → "chuyen doi so"."""
    text = unicodedata.normalize("NFD", str(text or "").translate(_NO_DECOMPOSITION))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", text).lower()


def words(text):
    """The words of a text (letters and digits), in Unicode NFC and lower case."""
    return _WORD.findall(unicodedata.normalize("NFC", str(text or "")).lower())


def number_key(text):
    """One key for a document number however it is typed: "02/CT-TTg", "02/ct – ttg" and
    "02 CT TTg" all give "sohieu2ctttg". Empty when the text does not look like a number
    (it starts with a digit and has at least two parts, one with a letter)."""
    parts = words(fold(text))
    joined = "".join(parts)
    if len(parts) < 2 or not parts[0][0].isdigit() or joined.isdigit():
        return ""
    if parts[0].isdigit():
        parts[0] = parts[0].lstrip("0") or "0"  # 02 and 2 are one document
    return NUMBER_PREFIX + "".join(parts)


@cache
def _letter_variants():
    """Each folded letter and every letter that folds to it, both cases: "d" → "dđDĐ"."""
    variants = {}
    for code in range(0x41, 0x1EFA):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and char.isalpha():
            variants.setdefault(folded, {folded, folded.upper()}).add(char)
    return {letter: "".join(sorted(chars)) for letter, chars in variants.items()}


def number_pattern(text):
    """A regular expression that matches a document number however it is typed, for
    ``number__regex``: "02 ct ttg", "2/CT-TTg" and "02/ct – ttg" all match "02/CT-TTg", and
    "226-CV/DTN" matches "226-CV/ĐTN". Empty when the text does not look like a number (see
    :func:`number_key`)."""
    if not number_key(text):
        return ""
    variants = _letter_variants()
    parts = words(fold(text))
    pieces = []
    for n, part in enumerate(parts):
        if n == 0 and part.isdigit():
            pieces.append("0*" + (part.lstrip("0") or "0"))
        else:
            pieces.append("".join(f"[{variants.get(c, c)}]" if c.isalpha() else c for c in part))
    return r"^\W*" + r"\W*".join(pieces) + r"\W*$"


@dataclass(frozen=True)
class ParsedQuery:
    """A reader's query as words: as typed (lower case) and folded, plus a number key."""

    typed: tuple
    folded: tuple
    number_key: str = ""

    @property
    def has_diacritics(self):
        return self.typed != self.folded

    def __bool__(self):
        return bool(self.folded)


def parse_query(text):
    typed = tuple(words(text))
    return ParsedQuery(
        typed=typed, folded=tuple(fold(word) for word in typed), number_key=number_key(text)
    )
