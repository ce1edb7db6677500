"""SQLite: the FTS5 vocabulary of Wagtail's search index (one row per folded word), which
"did you mean" reads (cms/search/suggest.py). PostgreSQL reads ``ts_stat`` instead."""

from django.db import migrations

FTS = "wagtailsearch_indexentry_fts"


def _has_fts(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS])
        return cursor.fetchone() is not None


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite" and _has_fts(schema_editor):
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS}_vocab USING fts5vocab({FTS}, 'row')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS}_vocab")


class Migration(migrations.Migration):
    dependencies = [("cms_search", "0003_fold_in_the_fts_table")]

    operations = [migrations.RunPython(create, drop)]
