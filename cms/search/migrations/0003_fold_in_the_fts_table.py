"""SQLite: the FTS5 table folds Vietnamese itself, so Wagtail's stock indexing needs no help.

- ``tokenize = 'unicode61 remove_diacritics 2'`` removes every mark, two-mark letters included
  (``ộ`` → ``o``; the default ``remove_diacritics 1`` keeps those);
- ``đ`` is not a letter with a mark to Unicode, so the three triggers that copy Wagtail's index
  entries into the FTS table (Wagtail's migration 0006) are made again with ``đ``/``Đ`` → ``d``.

The entries already indexed are copied in again, folded: no ``update_index`` is needed for
matching (run it anyway after upgrading from the two-layer index of 0001, to drop its extra
words). Nothing to do on PostgreSQL, where ``vi_unaccent`` folds (0001).
"""

from django.db import migrations

ENTRIES = "wagtailsearch_indexentry"
FTS = "wagtailsearch_indexentry_fts"
COLUMNS = "autocomplete, body, title"


def _d(column):
    return f"replace(replace({column}, 'đ', 'd'), 'Đ', 'D')"


def _triggers(fold):
    value = _d if fold else (lambda column: column)
    new = {name: value(f"NEW.{name}") for name in ("title", "body", "autocomplete")}
    return [
        f"CREATE TRIGGER insert_{FTS} AFTER INSERT ON {ENTRIES} BEGIN "
        f"INSERT INTO {FTS}(title, body, autocomplete, rowid) "
        f"VALUES ({new['title']}, {new['body']}, {new['autocomplete']}, NEW.id); END",
        f"CREATE TRIGGER update_{FTS} AFTER UPDATE ON {ENTRIES} BEGIN "
        f"UPDATE {FTS} SET title={new['title']}, body={new['body']}, "
        f"autocomplete={new['autocomplete']} WHERE rowid=NEW.id; END",
        f"CREATE TRIGGER delete_{FTS} AFTER DELETE ON {ENTRIES} BEGIN "
        f"DELETE FROM {FTS} WHERE rowid=OLD.id; END",
    ]


def _rebuild(schema_editor, tokenize, fold):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS])
        if cursor.fetchone() is None:
            return  # SQLite without FTS5: Wagtail falls back to its plain search
    value = _d if fold else (lambda column: column)
    for action in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {action}_{FTS}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, tokenize = '{tokenize}')"
    )
    schema_editor.execute(
        f"INSERT INTO {FTS} (rowid, title, body, autocomplete) "
        f"SELECT id, {value('title')}, {value('body')}, {value('autocomplete')} FROM {ENTRIES}"
    )
    for sql in _triggers(fold):
        schema_editor.execute(sql)


def fold_in_fts(apps, schema_editor):
    _rebuild(schema_editor, "unicode61 remove_diacritics 2", fold=True)


def back_to_0001(apps, schema_editor):
    _rebuild(schema_editor, "unicode61 remove_diacritics 0", fold=False)


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0002_folded_text_index")]

    operations = [migrations.RunPython(fold_in_fts, back_to_0001)]
