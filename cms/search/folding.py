"""Folding Vietnamese so that what readers type finds what editors wrote.

``fold`` is the one rule the whole site uses (search on SQLite, slugs, admin filters): lower
case, every diacritic removed (``ộ`` → ``o``, ``ư`` → ``u``) and ``đ`` → ``d``. On PostgreSQL the
same rule runs inside the database as the ``vi_unaccent`` text search configuration.

What goes into the search index keeps both spellings: the folded text (so "chuyen doi so" finds
"Chuyển đổi số") and, after it, the words that folding changed, as written (so a query typed with
diacritics can rank the pages that match them exactly first).
"""

import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

# Letters that Unicode does not decompose into a base letter and a mark.
_NO_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"[^\W_]+")
# Separators inside document numbers and compound words: slash, every dash, dots.
_SEPARATORS = re.compile("[/\\\\\\-\u2010-\u2015\u2212.]")
NUMBER_PREFIX = "sohieu"


def number_fields():
    """The search fields whose text is a document number (số hiệu), e.g. DirectivePage.number;
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
    """One token for a document number however it is typed: "02/CT-TTg", "02/ct – ttg" and
    "02 CT TTg" all give "sohieu2ctttg". Empty when the text does not look like a number
    (it starts with a digit and has at least two parts, one with a letter)."""
    parts = words(fold(text))
    joined = "".join(parts)
    if len(parts) < 2 or not parts[0][0].isdigit() or joined.isdigit():
        return ""
    if parts[0].isdigit():
        parts[0] = parts[0].lstrip("0") or "0"  # 02 and 2 are one document
    return NUMBER_PREFIX + "".join(parts)


def exact_words(text):
    """The words that folding changes, as written (lower case): the exact-spelling layer."""
    return [word for word in words(text) if fold(word) != word]


def index_text(text, *, is_number=False):
    """What the SQLite index stores for a field: folded words, then the exact-spelling layer."""
    folded = " ".join(words(fold(text)))
    extra = exact_words(text)
    if is_number and (key := number_key(text)):
        extra.append(key)
    return " ".join([folded, *extra]) if extra else folded


def split_separators(text):
    """Put spaces around number and compound separators so that "02/CT-TTg" reads as three
    words to PostgreSQL's parser (it would otherwise keep one "file path" token)."""
    return _SEPARATORS.sub(" ", str(text or ""))


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
