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
found by the entries' unique index, the match by the FTS5 table or the GIN index), one for
the entries whose title matches the first two tiers, and then only the page of results shown
is loaded. The text phrase (tier 4) is checked only for as many candidates as the page shown
needs, newest first (``Hits``): PostgreSQL reads positions row by row for it.
No per-row relevance score: bm25 or ts_rank over every match was most of the time at 10,000
articles, and modelsearch's own ranking on SQLite runs the full-text match once per candidate
row (seconds).
"""

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
# The tiers below the document number, best first (see the module's docstring).
TITLE_PHRASE, TITLE_WORDS, TEXT_PHRASE, NO_TIER = range(4)


def _postgres_config():
    backend = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get("default", {})
    return backend.get("SEARCH_CONFIG") or POSTGRES_CONFIG


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

    def title_tiers(self, several_words):
        """The entries whose title holds the phrase, and those whose title holds every word."""
        title_phrase = self.entries(f"title : {self.phrase}")
        if not several_words:
            return [title_phrase]
        return [title_phrase, self.entries(f"title : ({self.terms})")]

    def text_phrase(self):
        """The entries whose title or text holds the query as a phrase."""
        return self.entries(self.phrase)


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

    def title_tiers(self, several_words):
        """The entries whose title holds the phrase, and those whose title holds every word."""
        found = self.entries().filter(text=self.all)
        title_phrase = found.filter(title=self.phrase)
        if not several_words:
            return [title_phrase]
        return [title_phrase, found.filter(title=self.all)]

    def text_phrase(self):
        """The entries whose title or text holds the query as a phrase, for a few entries
        chosen by id: the GIN index cannot check a phrase (it would narrow to every entry with
        every word and read their positions), so each field is read row by row. A phrase does not
        run from the end of the title into the text, as in SQLite's table."""
        from django.db.models import Q

        return self.entries().filter(Q(title=self.phrase) | Q(body=self.phrase))


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


def _matches(words):
    return (_PostgresMatches if connection.vendor == "postgresql" else _SQLiteMatches)(words)


def _found(pages, matches):
    """The pages of ``pages`` whose entry matches every word: the matching entries first, then
    the pages they index that the queryset allows, looked up by primary key (a rare word reads a
    few rows, a common one no more than the index)."""
    matching = _page_ids(matches.every_word(), pages.model)
    return list(pages.order_by().filter(pk__in=matching).values_list("pk", flat=True))


def matching_ids(pages, text):
    """Primary keys of the pages of ``pages`` that match ``text``, in no order: for a list that
    keeps its own order (the documents) and for "did you mean"."""
    parsed = parse_query(text)
    return _found(pages, _matches(parsed.folded)) if parsed else []


class Hits:
    """The pages of a queryset that match a query, best first, for Django's ``Paginator``:
    ``count()`` and slices of loaded pages.

    The order is the module's five tiers, newest first within each. Everything but the text
    phrase is settled up front from the title vectors and the numbers, which are small. Whether
    a page's text holds the phrase is settled lazily: the newest candidates are checked first,
    the others only if the slice asked for reaches past what those settle. PostgreSQL's index
    cannot check a phrase, so each check re-reads a candidate's positions: for "đoàn viên" over
    11,000 articles, checking every one took longer than the rest of the search, to show ten
    results that the titles had already settled."""

    FIRST_BATCH = 500  # the newest candidates checked for the phrase first

    def __init__(self, pages, text):
        self.pages = pages
        parsed = parse_query(text)
        words = parsed.folded if parsed else []
        self._matches = _matches(words) if words else None
        found = _found(pages, self._matches) if words else []
        self._count = len(found)
        several_words = len(words) > 1
        numbered = _number_matches(pages.model, found, text)
        tier_of = _tier_of(self._matches.title_tiers(several_words), pages.model) if found else {}
        if several_words and numbered:
            # The few numbered pages are ordered among themselves by every tier.
            phrase = self._with_phrase([pk for pk in numbered if pk not in tier_of])
            tier_of.update(dict.fromkeys(phrase, TEXT_PHRASE))
        settled = sorted(
            (pk for pk in found if pk in numbered or pk in tier_of),
            key=lambda pk: (pk not in numbered, tier_of.get(pk, NO_TIER), -pk),
        )
        # The ids in order as far as they are known; then the candidates not yet checked for
        # the phrase and those found without it, both newest first.
        self._ranked = settled
        self._unchecked = sorted(set(found).difference(settled), reverse=True)
        self._without_phrase = []
        if not several_words:  # one word: its phrase is the word, which every candidate has
            self._without_phrase, self._unchecked = self._unchecked, []
        self._checked_some = False

    def _with_phrase(self, ids=None):
        """Those of ``ids`` (or of every page) whose text holds the query as a phrase."""
        entries = self._matches.text_phrase()
        if ids is not None:
            if not ids:
                return set()
            entries = entries.filter(object_id__in=[str(pk) for pk in ids])
        return set(_page_ids(entries, self.pages.model).values_list("page_id", flat=True))

    def _settle(self, needed):
        """Check candidates until the first ``needed`` ids are in their final order: the newest
        few by id (their entries read through the unique index), then, if the page asks for more,
        all the others in one pass over the index."""
        while self._unchecked and len(self._ranked) < needed:
            if self._checked_some:
                batch, self._unchecked = self._unchecked, []
                phrase = self._with_phrase()
            else:
                batch = self._unchecked[: self.FIRST_BATCH]
                self._unchecked = self._unchecked[self.FIRST_BATCH :]
                phrase = self._with_phrase(batch)
            self._checked_some = True
            self._ranked += [pk for pk in batch if pk in phrase]
            self._without_phrase += [pk for pk in batch if pk not in phrase]
        if not self._unchecked:
            self._ranked += self._without_phrase
            self._without_phrase = []

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __bool__(self):
        return bool(self._count)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            index += self._count if index < 0 else 0
            return self[index : index + 1][0]
        start, stop, step = index.indices(self._count)
        self._settle(max(start, stop))
        chosen = self._ranked[start:stop:step]
        found = self.pages.filter(pk__in=chosen).specific().in_bulk()
        return [found[pk] for pk in chosen if pk in found]


def search_pages(pages, text):
    """The reader's search over ``pages`` (a page queryset): results for a paginator."""
    return Hits(pages, text)
