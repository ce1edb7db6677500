"""The reader's search: one rule for /tim-kiem/ and the document list's ``q``.

``search_pages(pages, text)`` finds, among the pages of a queryset, those whose indexed text has
every word of ``text`` (folded: "chuyen doi so" and "Chuyển đổi số" are one query), and orders
them the way a reader expects:

1. the document whose number is the query ("02 ct ttg" → 02/CT-TTg; ``SEARCH_NUMBER_FIELDS``),
2. pages whose title holds the query as a phrase ("Điện Biên" before "Nhận diện … biên"),
3. pages whose title holds every word,
4. pages whose text holds the query as a phrase,
5. the rest; newest first within each tier.

It reads Wagtail's index (filled by the stock backend, see ``backends``) through the ORM: one
query for the pages the queryset allows whose entry matches every word (each page's entry
found by the entries' unique index, the match by the FTS5 table or the GIN index), one per
tier for the entries that also match it, and then only the page of results shown is loaded.
No per-row relevance score: bm25 or ts_rank over every match was most of the time at 10,000
articles, and modelsearch's own ranking on SQLite runs the full-text match once per candidate
row (seconds).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F, Func, IntegerField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from .folding import number_fields, number_pattern, parse_query

FTS_TABLE = "wagtailsearch_indexentry_fts"  # Wagtail's SQLite FTS5 table (its migration 0006)
POSTGRES_CONFIG = "vi_unaccent"
NO_TIER = 99  # after every tier


def _postgres_config():
    backend = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get("default", {})
    return backend.get("SEARCH_CONFIG") or POSTGRES_CONFIG


@dataclass
class Hits:
    """Search results in rank order, for Django's ``Paginator``: ``count()`` and slices of
    specific pages."""

    ids: list = field(default_factory=list)
    pages: object = None  # the queryset searched, to load a page of results from

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __bool__(self):
        return bool(self.ids)

    def __getitem__(self, index):
        chosen = self.ids[index]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        found = self.pages.filter(pk__in=chosen).specific().in_bulk()
        return [found[pk] for pk in chosen if pk in found]


def _number_matches(model, found, text):
    """Those of the ``found`` pages whose document number is ``text`` however it is typed.
    (A document's number is also indexed by its parts, so its words find it first.)"""
    pattern = number_pattern(text)
    if not pattern or not found:
        return set()
    numbered = set()
    for subclass in [m for m in apps.get_models() if issubclass(m, model)]:
        for name in number_fields():
            if hasattr(subclass, name):
                matching = subclass.objects.filter(pk__in=found, **{f"{name}__regex": pattern})
                numbered |= set(matching.values_list("pk", flat=True))
    return numbered


def _content_types(model):
    """The content types Wagtail indexes ``model`` and its subclasses under."""
    models = [m for m in apps.get_models() if issubclass(m, model)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return [content_type.pk for content_type in types.values()]


def _page_ids(entries, model):
    """The ids of the objects of ``model`` (or a subclass) that ``entries`` index; the index
    keeps them as text."""
    entries = entries.filter(content_type_id__in=_content_types(model)).order_by()
    return entries.annotate(page_id=Cast("object_id", IntegerField())).values("page_id")


class _SQLiteMatches:
    """Index entry ids matching an FTS5 query, from the folded full-text table alone."""

    def __init__(self, words):
        self.terms = " ".join(f'"{word}"' for word in words)
        self.phrase = '"' + " ".join(words) + '"'

    @staticmethod
    def entries(fts_query):
        from wagtail.search.models import IndexEntry

        # The table name is Wagtail's; the query is a parameter.
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return IndexEntry.objects.filter(pk__in=RawSQL(sql, [fts_query]))  # noqa: S611

    def every_word(self):
        return self.entries(self.terms)

    def tiers(self, several_words):
        """The entries that match the title phrase, the title words, the text phrase."""
        title_phrase = self.entries(f"title : {self.phrase}")
        if not several_words:
            return [title_phrase]
        return [title_phrase, self.entries(f"title : ({self.terms})"), self.entries(self.phrase)]


def _file_tokens(words):
    """The one token PostgreSQL makes of a state-style number in a text ("02/ct-ttg") for a
    query that reads as one ("02 CT TTg", "2/ct-ttg")."""
    if len(words) < 3 or not words[0].isdigit() or not all(w.isalpha() for w in words[1:]):
        return []
    rest = f"{words[1]}-{'-'.join(words[2:])}"
    number = words[0].lstrip("0") or "0"
    return [f"{sequence}/{rest}" for sequence in dict.fromkeys([number, number.zfill(2)])]


class _PostgresMatches:
    """Index entry ids matching a tsquery on ``title || body``, which migration 0002's GIN
    index serves."""

    def __init__(self, words):
        from django.contrib.postgres.search import SearchQuery

        config = _postgres_config()

        def tsquery(operator, terms=words):
            raw = f" {operator} ".join(f"'{term}'" for term in terms)
            return SearchQuery(raw, search_type="raw", config=config)

        self.all, self.phrase = tsquery("&"), tsquery("<->")
        if alternatives := _file_tokens(words):
            # PostgreSQL's parser reads "02/CT-TTg" in a text as one "file path" token.
            self.all = self.all | tsquery("|", alternatives)

    @staticmethod
    def entries():
        from django.contrib.postgres.search import SearchVectorField
        from wagtail.search.models import IndexEntry

        # The very expression of migration 0002's index.
        text = Func(
            F("title"),
            F("body"),
            template="(%(expressions)s)",
            arg_joiner=" || ",
            output_field=SearchVectorField(),
        )
        return IndexEntry.objects.annotate(text=text)

    def every_word(self):
        return self.entries().filter(text=self.all)

    def tiers(self, several_words):
        """The entries that match the title phrase, the title words, the text phrase."""
        found = self.entries().filter(text=self.all)
        title_phrase = found.filter(title=self.phrase)
        if not several_words:
            return [title_phrase]
        return [title_phrase, found.filter(title=self.all), self.entries().filter(text=self.phrase)]


def _tier_of(tiers, model):
    """{page id: its best tier (a lower number is better)}, in one query."""
    queries = [
        _page_ids(entries, model).annotate(tier=Value(n)).values_list("page_id", "tier")
        for n, entries in enumerate(tiers)
    ]
    best = {}
    for page, tier in queries[0].union(*queries[1:], all=True):
        best[page] = min(tier, best.get(page, tier))
    return best


def ranked_ids(pages, text):
    """Primary keys of the pages of ``pages`` that match ``text``, best first."""
    parsed = parse_query(text)
    if not parsed:
        return []
    words = parsed.folded
    matches = (_PostgresMatches if connection.vendor == "postgresql" else _SQLiteMatches)(words)
    # The matching entries first, then the pages they index that the queryset allows, looked
    # up by primary key: a rare word reads a few rows, a common one no more than the index.
    matching = _page_ids(matches.every_word(), pages.model)
    found = list(pages.order_by().filter(pk__in=matching).values_list("pk", flat=True))
    numbered = _number_matches(pages.model, found, text)
    tier_of = _tier_of(matches.tiers(len(words) > 1), pages.model) if found else {}

    def rank(pk):
        # The number, then the best tier, then newest, as Wagtail orders ties.
        return (pk not in numbered, tier_of.get(pk, NO_TIER), -pk)

    return sorted(found, key=rank)


def search_pages(pages, text):
    """The reader's search over ``pages`` (a page queryset): results for a paginator."""
    return Hits(ids=ranked_ids(pages, text), pages=pages)
