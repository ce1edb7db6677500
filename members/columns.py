"""The columns of a member file, in template order (DESIGN.md, "Members")."""

from .text import fold

# (field, Vietnamese header): the order of the template and of every export.
COLUMNS = [
    ("code", "Mã đoàn viên"),
    ("full_name", "Họ và tên"),
    ("date_of_birth", "Ngày sinh"),
    ("gender", "Giới tính"),
    ("ethnicity", "Dân tộc"),
    ("chapter", "Chi đoàn"),
    ("joined_on", "Ngày vào Đoàn"),
    ("card_number", "Số thẻ đoàn"),
    ("phone", "Số điện thoại"),
    ("email", "Email"),
    ("is_party_member", "Đảng viên"),
    ("app_updated", "Đã cập nhật trên ứng dụng Thanh niên Việt Nam"),
    ("status", "Trạng thái"),
]
FIELDS = [field for field, _ in COLUMNS]
HEADERS = [header for _, header in COLUMNS]
HEADER_OF = dict(COLUMNS)

# A header is recognised folded (no marks, any case), in Vietnamese or as the field name.
FIELD_OF_HEADER = {fold(header): field for field, header in COLUMNS} | {
    fold(field): field for field in FIELDS
}

# The sheet of allowed values in our XLSX template; the import reads past it.
HELP_SHEET = "Giá trị cho phép"

# Exports add the chapter's name beside its code; the import reads past this column.
CHAPTER_NAME_HEADER = "Tên chi đoàn"
IGNORED_HEADERS = {fold(CHAPTER_NAME_HEADER)}

# The member code of the template's example row. It has marks, so no real member code (letters
# without marks) can equal it, and the import skips that row instead of importing it.
EXAMPLE_CODE = "VÍ-DỤ"
