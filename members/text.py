"""Text rules shared by the register, the import and the search: NFC storage and the
accent-free fold that lets a secretary type "Quang Thi Hanh" and find "Quàng Thị Hạnh"."""

import unicodedata

# đ/Đ are letters of their own, not a d with a mark: NFD leaves them alone, so fold by hand.
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value):
    """The text in Unicode NFC, trimmed, with inner runs of spaces made single."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value):
    """Lower case, no Vietnamese marks, đ → d: the form we store for search and compare."""
    decomposed = unicodedata.normalize("NFD", nfc(value).translate(_FOLD_TABLE))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()
