"""The database side of Vietnamese search.

- PostgreSQL: the ``unaccent`` extension and the ``vi_unaccent`` text search configuration
  (``simple`` with ``unaccent`` in front for every token that can carry diacritics). The
  migration refuses to finish if this server's unaccent rules do not fold ``đ``.
- SQLite: Wagtail's FTS5 table again, with ``remove_diacritics 0``: we fold in Python, and
  the tokenizer must keep the exact-spelling layer exact (its default folds one-mark letters
  such as ``à`` or ``ư`` but not ``ộ`` or ``đ``).

Run ``manage.py update_index`` once after applying it to an existing site.
"""

from django.db import connection, migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
FTS_COLUMNS = "autocomplete, body, title"

POSTGRES_SQL = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent;
CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION vi_unaccent
    ALTER MAPPING FOR word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, simple;
DO $$
BEGIN
    IF to_tsvector('vi_unaccent', 'Đoàn ĐỘI Quàng Thị Hạnh') <> 
       to_tsvector('simple', 'doan doi quang thi hanh') THEN
        RAISE EXCEPTION 'unaccent on this server does not fold Vietnamese (đ, ộ): see docs/search.md';
    END IF;
END $$;
"""


def _recreate_fts(schema_editor, tokenize):
    options = f", tokenize = '{tokenize}'" if tokenize else ""
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    schema_editor.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({FTS_COLUMNS}{options})")
    schema_editor.execute(
        f"INSERT INTO {FTS_TABLE} (rowid, title, body, autocomplete) "
        "SELECT id, title, body, autocomplete FROM wagtailsearch_indexentry"
    )


def _has_fts(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
        return cursor.fetchone() is not None


def keep_diacritics(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and _has_fts(schema_editor):
        _recreate_fts(schema_editor, "unicode61 remove_diacritics 0")


def default_tokenizer(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and _has_fts(schema_editor):
        _recreate_fts(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(keep_diacritics, default_tokenizer)]
    if connection.vendor == "postgresql":
        operations.append(
            migrations.RunSQL(
                POSTGRES_SQL, "DROP TEXT SEARCH CONFIGURATION IF EXISTS vi_unaccent;"
            )
        )
