"""Wagtail's own database search, with Vietnamese folding done by the database (set in
WAGTAILSEARCH_BACKENDS).

- PostgreSQL: Wagtail's stock backend with the ``vi_unaccent`` text search configuration
  (``unaccent`` then ``simple``, created by migration 0001) through its documented
  ``SEARCH_CONFIG`` option. The one addition: admin autocomplete uses the same configuration
  (stock hard-codes ``simple`` for it and has no option).
- SQLite: Wagtail's stock backend. The FTS5 table folds at index time (migration 0003:
  ``remove_diacritics 2`` and ``đ`` → ``d`` in the triggers that fill it). The one override:
  the query is folded the same way before modelsearch writes its ``MATCH`` (FTS5 would fold
  every mark of a query but leave ``đ``). No documented hook exists for that; see
  docs/search.md for the smallest one that would do, and tests/search/test_backend.py for
  the test that fails if modelsearch stops calling it.

The reader's search (ranking, counting, a page of results) is :mod:`cms.search.engine`,
which asks only the index tables, through Django's ORM.
"""

from functools import cache

from django.db import connection
from modelsearch.query import Phrase, PlainText

from .folding import fold

POSTGRES_CONFIG = "vi_unaccent"


def fold_query(query):
    """The same query with its text folded: "Đoàn viên" → "doan vien". Other query types
    (And, Or, Not, MatchAll) are left as they are: modelsearch folds their parts by calling
    back for each."""
    if isinstance(query, PlainText):
        return PlainText(fold(query.query_string), operator=query.operator)
    if isinstance(query, Phrase):
        return Phrase(fold(query.query_string))
    return query


@cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite as stock

    class FoldingQueryCompiler(stock.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            return super().build_search_query_content(fold_query(query), config=config)

    class FoldingAutocompleteQueryCompiler(
        FoldingQueryCompiler, stock.SQLiteAutocompleteQueryCompiler
    ):
        pass

    class FoldingSQLiteSearchBackend(stock.SQLiteSearchBackend):
        query_compiler_class = FoldingQueryCompiler
        autocomplete_query_compiler_class = FoldingAutocompleteQueryCompiler

    return FoldingSQLiteSearchBackend


def SearchBackend(params):
    """Wagtail's database search for the default database, folding Vietnamese."""
    if connection.vendor == "sqlite":
        return _sqlite_backend_class()(params)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        backend = PostgresSearchBackend({"SEARCH_CONFIG": POSTGRES_CONFIG, **params})
        # Admin autocomplete folds too (stock sets "simple" and has no option for it).
        backend.autocomplete_config = backend.config
        return backend

    from modelsearch.backends.database import SearchBackend as stock_backend

    return stock_backend(params)
