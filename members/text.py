"""Text rules shared by the register, the import and the search: NFC storage and the
accent-free fold that lets a secretary type "Quang Thi Hanh" and find "Quàng Thị Hạnh"."""

import functools
import unicodedata

from cms.search.folding import fold as fold_text


def nfc(value):
    """The text in Unicode NFC, trimmed, with inner runs of spaces made single."""
    if value is None:
        return ""
    text = str(value)
    if not text.isascii():  # ASCII is NFC already (codes, dates, numbers: most cells)
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def fold(value):
    """The site's one folding rule (lower case, no Vietnamese marks, đ → d) on the tidied text:
    the form we store for search and compare."""
    return fold_text(nfc(value))


# Vietnamese alphabetical order (the order of school class lists), with the Latin letters
# Vietnamese names borrow (f, j, w, z) where the Latin alphabet puts them.
_LETTERS = "aăâbcdđefghijklmnoôơpqrstuưvwxyz"
# Tones, in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
# Letter marks that make a letter of their own: ă, â, ê, ô, ơ, ư.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}


@functools.cache
def _char_key(char):
    """One lower-case character's place in the alphabet (two letters) and its tone digit; a
    digit's own key and no tone; None for anything else. Names use a few dozen characters,
    so each is worked out once (two normalisations a character were most of an import's
    sorting cost)."""
    base, *marks = unicodedata.normalize("NFD", char)
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    if letter in _LETTERS:
        place = _LETTERS.index(letter)
        tone = next((_TONES[m] for m in marks if m in _TONES), "0")
        return "ab"[place // 26] + "abcdefghijklmnopqrstuvwxyz"[place % 26], tone
    if base.isdigit():
        return "1" + base, None
    return None


def _collation(text):
    """Two levels of a Vietnamese collation key for ``text``, in lower-case ASCII letters and
    digits only (so that any database collation orders them the same): each letter as two
    characters of its place in the alphabet, then each letter's tone. Words are separated by
    "0", which sorts before every letter: "Anh" < "Anh Thư" < "Ánh" < "Ân" < "Bình"."""
    letters, tones = [], []
    for word in nfc(text).lower().split():
        if letters:
            letters.append("0")
        for char in word:
            key = _char_key(char)
            if key is not None:
                letters.append(key[0])
                if key[1] is not None:
                    tones.append(key[1])
    return "".join(letters), "".join(tones)


def name_sort_key(full_name):
    """The key Vietnamese lists sort by: the given name (the last word of the full name), then
    the family and middle names; each by its letters, then its tones.
    "Lò Thị Anh" < "Cà Thị Ánh" < "Lò Văn Bình"; "Cà Thị Ánh" < "Lò Thị Ánh"."""
    words = nfc(full_name).split()
    if not words:
        return ""
    given, rest = _collation(words[-1]), _collation(" ".join(words[:-1]))
    return "0".join([given[0], given[1], rest[0], rest[1]])
