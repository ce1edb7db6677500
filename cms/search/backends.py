"""Wagtail's database search, taught to fold Vietnamese (set in WAGTAILSEARCH_BACKENDS).

Both flavours index two layers per field (see ``folding``): the folded words, which every query
matches against, and the words as written, which only rank. A query is read once
(``parse_query``) and the results are ordered in tiers:

1. the page whose document number is the query (``02/ct-ttg`` finds ``02/CT-TTg``),
2. pages containing every word exactly as typed, when the query carries diacritics,
3. the rest, by the backend's usual relevance score.

- SQLite: folding happens in Python before indexing (FTS5 has no Vietnamese folding; its table
  is recreated with ``remove_diacritics 0`` by our migration so the exact layer stays exact).
- PostgreSQL: folding happens in the ``vi_unaccent`` text search configuration (``unaccent``
  then ``simple``), created by our migration; the exact layer is indexed with ``simple``.
"""

import types

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, OuterRef, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import Phrase, PlainText

from .folding import (
    exact_words,
    fold,
    index_text,
    number_fields,
    number_key,
    parse_query,
    split_separators,
    words,
)

# Added to (PostgreSQL) or subtracted from (SQLite, where lower is better) the relevance
# score so that the tiers never mix, whatever the text lengths.
NUMBER_TIER = 1e6
EXACT_TIER = 1e3
POSTGRES_CONFIG = "vi_unaccent"


def _with_indexer(add_items, indexer_class):
    """modelsearch's ``add_items`` builds its indexer from a module-level name; reuse the very
    same function with ours under that name, rather than copying it."""
    if "ObjectIndexer" not in _names(add_items.__code__):
        raise ImproperlyConfigured("modelsearch no longer builds ObjectIndexer: see backends.py")
    namespace = dict(add_items.__globals__, ObjectIndexer=indexer_class)
    return types.FunctionType(
        add_items.__code__, namespace, add_items.__name__, add_items.__defaults__
    )


def _names(code):
    """Global names a function's code (and its comprehensions) reads."""
    nested = [const for const in code.co_consts if isinstance(const, types.CodeType)]
    return set(code.co_names).union(*(_names(inner) for inner in nested))


def _is_leaf(field):
    return isinstance(field, SearchField | AutocompleteField) and not isinstance(
        field, RelatedFields
    )


def _exact_terms(parsed):
    """The typed words that folding changes, and whether the query's last word is among them:
    only these can tell an exact spelling from a folded one."""
    pairs = list(zip(parsed.typed, parsed.folded, strict=True))
    return [typed for typed, folded in pairs if typed != folded], pairs[-1][0] != pairs[-1][1]


class _NoWordsMatchNothing:
    """A query of punctuation only ("–", "!!!") finds nothing, rather than failing."""

    def search(self, *args, **kwargs):
        if isinstance(self.query, PlainText) and not parse_query(self.query.query_string):
            return self.queryset.none()
        return super().search(*args, **kwargs)


def _fts_terms(terms, operator, prefix_last):
    quoted = [f'"{term}"' for term in terms]
    if prefix_last and quoted:
        quoted[-1] += "*"
    return f" {'OR' if operator.lower() == 'or' else 'AND'} ".join(quoted)


def _tsquery_terms(terms, operator, prefix_last):
    quoted = [f"'{term}'" for term in terms]
    if prefix_last and quoted:
        quoted[-1] += ":*"
    return f" {'|' if operator.lower() == 'or' else '&'} ".join(quoted)


# ---------------------------------------------------------------- SQLite (FTS5)

if connection.vendor == "sqlite":
    from modelsearch.backends.database.sqlite import sqlite as stock_sqlite
    from modelsearch.backends.database.sqlite.query import (
        Lexeme,
        MatchExpression,
        SearchQueryExpression,
        normalize,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    FTS_TABLE = stock_sqlite.SQLiteFTSIndexEntry._meta.db_table

    class RawFTSQuery(Lexeme):
        """An FTS5 query we have already written (our terms are letters and digits only)."""

        def as_sql(self, compiler, connection):
            return "%s", [self.value]

    class FoldingSQLiteIndexer(stock_sqlite.ObjectIndexer):
        def prepare_field(self, obj, field):
            if not _is_leaf(field):
                yield from super().prepare_field(obj, field)
                return
            for current, value in super().prepare_field(obj, field):
                yield current, index_text(value, is_number=field.field_name in number_fields())

    class FoldingSQLiteIndex(stock_sqlite.SQLiteIndex):
        add_items = _with_indexer(stock_sqlite.SQLiteIndex.add_items, FoldingSQLiteIndexer)

    class FoldingSQLiteQueryCompiler(_NoWordsMatchNothing, stock_sqlite.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText) and (parsed := parse_query(query.query_string)):
                match = _fts_terms(parsed.folded, query.operator, self.LAST_TERM_IS_PREFIX)
                if parsed.number_key:
                    match = f'({match}) OR "{parsed.number_key}"'
                return SearchQueryExpression(RawFTSQuery(match))
            if isinstance(query, Phrase) and (folded := words(fold(query.query_string))):
                return SearchQueryExpression(RawFTSQuery('"' + " ".join(folded) + '"'))
            return super().build_search_query_content(query, config=config)

        def _tier(self, fts_query):
            columns = " ".join(self.fields or self.FTS_TABLE_FIELDS)
            # The table name is ours; the query is a parameter.
            matching = RawSQL(  # noqa: S611
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [f"{{{columns}}} : ({fts_query})"],
            )
            return Case(
                When(index_entry__in=matching, then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )

        def _build_rank_expression(self, vectors, config):
            if not isinstance(self.query, PlainText):
                return super()._build_rank_expression(vectors, config)
            # modelsearch sums bm25() * boost over the vectors, and SQLite then works bm25 out
            # once per vector; for a plain query bm25 is the same each time, so once will do.
            boosts = [boost for _vector, boost in vectors]
            weight = boosts[0]
            for boost in boosts[1:]:
                weight = weight + boost
            rank = self.build_tsrank(None, self.query, config=config) * weight
            parsed = parse_query(self.query.query_string)
            if parsed.number_key:
                rank = rank - NUMBER_TIER * self._tier(f'"{parsed.number_key}"')
            if parsed.has_diacritics:
                terms, last_kept = _exact_terms(parsed)
                prefix = self.LAST_TERM_IS_PREFIX and last_kept
                exact = _fts_terms(terms, self.query.operator, prefix)
                rank = rank - EXACT_TIER * self._tier(exact)
            return rank

        def ranked_hits(self, config):
            """(object id, score) of every match, from one pass over the FTS index; None where
            modelsearch's own path applies (negated or match-all queries, no relevance order).

            modelsearch orders by a score subquery correlated to each candidate row, which runs
            the full-text match once per row: seconds at 10,000 articles. Scoring every match
            once and ordering in Python is linear."""
            query = normalize(self.query)
            if not self.order_by_relevance or isinstance(query, MatchAll | Not):
                return None
            search_query = self.build_search_query(query, config=config)
            if search_query is None:
                return None
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)
            model_types = get_descendants_content_types_pks(self.queryset.model)
            return (
                stock_sqlite.SQLiteFTSIndexEntry.objects.filter(match)
                .filter(index_entry__content_type__in=model_types)
                .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            )

    class FoldingSQLiteSearchResults(stock_sqlite.SQLiteSearchResults):
        def _ranked(self):
            """(primary keys the queryset allows, best first; their scores), or None. One query:
            the matches, scored, that the queryset allows. Kept on the query compiler, which the
            count and every slice of these results share, so a paginated search matches the
            index once, not once per call."""
            compiler = self.query_compiler
            if not hasattr(compiler, "_ranked"):
                compiler._ranked = None
                hits = compiler.ranked_hits(compiler.get_config(self.backend))
                if hits is not None:
                    # One query: each match is kept if the queryset has that object, looked up
                    # by primary key (the index keeps ids as text). An IN over the whole
                    # queryset would read all of it even when one page matches.
                    pk = compiler.queryset.model._meta.pk
                    indexed_id = Cast(OuterRef("index_entry__object_id"), output_field=pk)
                    allowed = compiler.queryset.order_by().filter(pk=indexed_id)
                    rows = hits.filter(Exists(allowed)).values_list(
                        "index_entry__object_id", "score"
                    )
                    to_python = pk.to_python
                    scores = {to_python(object_id): score for object_id, score in rows}
                    # modelsearch's order: best (lowest) score first, then newest primary key.
                    ranked = sorted(scores, reverse=True)
                    ranked.sort(key=scores.__getitem__)
                    compiler._ranked = (ranked, scores)
            return compiler._ranked

        def _do_count(self):
            if (ranked := self._ranked()) is None:
                return super()._do_count()
            return len(ranked[0])

        def _do_search(self):
            if (ranked := self._ranked()) is None:
                return super()._do_search()
            ordered, scores = ranked
            chosen = ordered[self.start : self.stop]
            objects = self.query_compiler.queryset.filter(pk__in=chosen).in_bulk()
            results = [objects[pk] for pk in chosen if pk in objects]
            if self._score_field:
                for obj in results:
                    setattr(obj, self._score_field, scores[obj.pk])
            return results

    class FoldingSQLiteAutocompleteQueryCompiler(
        FoldingSQLiteQueryCompiler, stock_sqlite.SQLiteAutocompleteQueryCompiler
    ):
        pass

    class FoldingSQLiteSearchBackend(stock_sqlite.SQLiteSearchBackend):
        index_class = FoldingSQLiteIndex
        results_class = FoldingSQLiteSearchResults
        query_compiler_class = FoldingSQLiteQueryCompiler
        autocomplete_query_compiler_class = FoldingSQLiteAutocompleteQueryCompiler


# ---------------------------------------------------------------- PostgreSQL

if connection.vendor == "postgresql":
    from django.contrib.postgres.search import SearchQuery, SearchVector
    from django.db.models.lookups import In
    from modelsearch.backends.database.postgres import postgres as stock_postgres

    class FoldingPostgresIndexer(stock_postgres.ObjectIndexer):
        def prepare_field(self, obj, field):
            if not _is_leaf(field):
                yield from super().prepare_field(obj, field)
                return
            for current, weight, value in super().prepare_field(obj, field):
                text = split_separators(value)
                if field.field_name in number_fields() and (key := number_key(value)):
                    text = f"{text} {key}"
                yield current, weight, text

        def as_vector(self, texts, for_autocomplete=False):
            # The folded layer through vi_unaccent, then the words as written through simple.
            vector = super().as_vector(texts, for_autocomplete=for_autocomplete)
            for text, weight in texts:
                if exact := " ".join(exact_words(text)):
                    value = Value(exact, output_field=TextField())
                    vector = vector + SearchVector(value, weight=weight, config="simple")
            return vector

    class FoldingPostgresIndex(stock_postgres.PostgresIndex):
        add_items = _with_indexer(stock_postgres.PostgresIndex.add_items, FoldingPostgresIndexer)

    class FoldingPostgresQueryCompiler(
        _NoWordsMatchNothing, stock_postgres.PostgresSearchQueryCompiler
    ):
        def build_tsquery_content(self, query, config=None, invert=False):
            if (
                isinstance(query, PlainText)
                and not invert
                and (parsed := parse_query(query.query_string))
            ):
                # Words as typed: the configuration does the folding.
                raw = _tsquery_terms(parsed.typed, query.operator, self.LAST_TERM_IS_PREFIX)
                if parsed.number_key:
                    raw = f"({raw}) | '{parsed.number_key}'"
                return SearchQuery(raw, search_type="raw", config=config)
            if isinstance(query, Phrase):
                text = split_separators(query.query_string)
                return SearchQuery(text, search_type="phrase", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def _tier(self, raw, config):
            """1.0 for an entry that also matches ``raw``, else 0.0. Asked as "is this entry
            among those matching", a subquery the GIN index on ``title || body`` (migration
            0002) answers once, rather than matching every candidate's vectors again."""
            if self.fields is not None:
                return Value(0.0)  # no exact layer when searching named model fields
            matching = (
                stock_postgres.IndexEntry._default_manager.annotate(
                    _vector_=F("title")._combine(F("body"), "||", False)
                )
                .filter(_vector_=SearchQuery(raw, search_type="raw", config=config))
                .values("pk")
            )
            return Case(
                When(In(F("index_entries__pk"), matching), then=Value(1.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )

        def _build_rank_expression(self, vectors, config):
            rank = super()._build_rank_expression(vectors, config)
            if not isinstance(self.query, PlainText):
                return rank
            parsed = parse_query(self.query.query_string)
            if parsed.number_key:
                rank = rank + NUMBER_TIER * self._tier(f"'{parsed.number_key}'", config)
            if parsed.has_diacritics:
                terms, last_kept = _exact_terms(parsed)
                prefix = self.LAST_TERM_IS_PREFIX and last_kept
                exact = _tsquery_terms(terms, self.query.operator, prefix)
                rank = rank + EXACT_TIER * self._tier(exact, "simple")
            return rank

    class FoldingPostgresAutocompleteQueryCompiler(
        FoldingPostgresQueryCompiler, stock_postgres.PostgresAutocompleteQueryCompiler
    ):
        pass

    class FoldingPostgresSearchBackend(stock_postgres.PostgresSearchBackend):
        index_class = FoldingPostgresIndex
        query_compiler_class = FoldingPostgresQueryCompiler
        autocomplete_query_compiler_class = FoldingPostgresAutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.config = params.get("SEARCH_CONFIG") or POSTGRES_CONFIG
            self.autocomplete_config = self.config


def SearchBackend(params):  # noqa: N802  (the name modelsearch looks up in a backend module)
    """The folding backend for the default database's vendor; stock search elsewhere."""
    if connection.vendor == "sqlite":
        return FoldingSQLiteSearchBackend(params)
    if connection.vendor == "postgresql":
        return FoldingPostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as stock

    return stock(params)
