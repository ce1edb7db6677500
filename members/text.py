"""Text rules shared by the register, the import and the search: NFC storage and the
accent-free fold that lets a secretary type "Quang Thi Hanh" and find "Quàng Thị Hạnh"."""

import unicodedata

from cms.search.folding import fold as fold_text


def nfc(value):
    """The text in Unicode NFC, trimmed, with inner runs of spaces made single."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def fold(value):
    """The site's one folding rule (lower case, no Vietnamese marks, đ → d) on the tidied text:
    the form we store for search and compare."""
    return fold_text(nfc(value))
