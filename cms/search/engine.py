"""The reader's search: one rule for /tim-kiem/ and the document list's ``q``.

``search_pages(pages, text)`` finds, among the pages of a queryset, those whose indexed text has
every word of ``text`` (folded: "chuyen doi so" and "Chuyển đổi số" are one query), and orders
them the way a reader expects:

1. the document whose number is the query ("02 ct ttg" → 02/CT-TTg; ``SEARCH_NUMBER_FIELDS``),
2. pages whose title holds the query as a phrase ("Điện Biên" before "Nhận diện … biên"),
3. pages whose title holds every word,
4. pages whose text holds the query as a phrase,
5. the rest, by the database's relevance score (bm25 or ts_rank, the title weighing more).

It reads Wagtail's index (``wagtailsearch_indexentry``, filled by the stock backend, see
``backends``) through the ORM, in one query that scores every match the page queryset allows:
the count and every page of results come from it, and only the page shown is then loaded.
modelsearch's own ranking runs the full-text match once per candidate row on SQLite (seconds
at 10,000 articles) and has no phrase or title tier.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import BooleanField, Case, CharField, F, FloatField, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from .folding import number_fields, number_pattern, parse_query

# How much more a word in the title weighs than one in the text.
TITLE_WEIGHT = 5.0
FTS_TABLE = "wagtailsearch_indexentry_fts"  # Wagtail's SQLite FTS5 table (its migration 0006)
POSTGRES_CONFIG = "vi_unaccent"


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


def _content_types(model):
    """The content types an index entry of ``model`` (or a subclass) is stored under."""
    models = [m for m in apps.get_models() if issubclass(m, model)]
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return [content_type.pk for content_type in types.values()]


def _number_matches(pages, text):
    """Pages whose document number is ``text`` however it is typed; usually none or one."""
    pattern = number_pattern(text)
    if not pattern:
        return set()
    found = set()
    models = [model for model in apps.get_models() if issubclass(model, pages.model)]
    for model in models:
        for name in number_fields():
            if not hasattr(model, name):
                continue
            matching = model.objects.filter(**{f"{name}__regex": pattern})
            found |= set(matching.filter(pk__in=pages.values("pk")).values_list("pk", flat=True))
    return found


def _allowed_ids(pages):
    """The index keeps object ids as text."""
    return pages.order_by().annotate(text_id=Cast("pk", CharField())).values("text_id")


def _sqlite_ranked(pages, words):
    from wagtail.search.models import SQLiteFTSIndexEntry

    def match(fts_query):
        return RawSQL(f"{FTS_TABLE} MATCH %s", [fts_query], output_field=BooleanField())  # noqa: S611

    def matching_rowids(fts_query):
        return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_query])  # noqa: S608, S611

    terms = " ".join(f'"{word}"' for word in words)
    phrase = '"' + " ".join(words) + '"'
    tiers = [When(pk__in=matching_rowids(f"title : {phrase}"), then=Value(3))]
    if len(words) > 1:
        tiers.append(When(pk__in=matching_rowids(f"title : ({terms})"), then=Value(2)))
        tiers.append(When(pk__in=matching_rowids(phrase), then=Value(1)))
    # bm25 of the columns autocomplete, body, title; lower is better.
    bm25 = RawSQL(f"bm25({FTS_TABLE}, 0.0, 1.0, %s)", [TITLE_WEIGHT], output_field=FloatField())  # noqa: S611
    rows = (
        SQLiteFTSIndexEntry.objects.filter(match(terms))
        .filter(
            index_entry__content_type_id__in=_content_types(pages.model),
            index_entry__object_id__in=_allowed_ids(pages),
        )
        .annotate(
            score=bm25,
            tier=Case(*tiers, default=Value(0), output_field=IntegerField()),
        )
        .values_list("index_entry__object_id", "tier", "score")
    )
    return [(object_id, tier, score) for object_id, tier, score in rows]


def _file_tokens(words):
    """The one token PostgreSQL makes of a state-style number in a text ("02/ct-ttg") for a
    query that reads as one ("02 CT TTg", "2/ct-ttg")."""
    if len(words) < 3 or not words[0].isdigit() or not all(w.isalpha() for w in words[1:]):
        return []
    rest = f"{words[1]}-{'-'.join(words[2:])}"
    number = words[0].lstrip("0") or "0"
    return [f"{sequence}/{rest}" for sequence in dict.fromkeys([number, number.zfill(2)])]


def _postgres_ranked(pages, words):
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models import Func
    from wagtail.search.models import IndexEntry

    config = _postgres_config()

    def tsquery(operator):
        return SearchQuery(
            f" {operator} ".join(f"'{word}'" for word in words), search_type="raw", config=config
        )

    every_word, phrase = tsquery("&"), tsquery("<->")
    if alternatives := _file_tokens(words):
        # PostgreSQL's parser reads "02/CT-TTg" in a text as one "file path" token.
        every_word = every_word | SearchQuery(
            " | ".join(f"'{token}'" for token in alternatives), search_type="raw", config=config
        )
    # The very expression migration 0002 indexes, so that the GIN index finds the matches.
    text = Func(
        F("title"),
        F("body"),
        template="(%(expressions)s)",
        arg_joiner=" || ",
        output_field=SearchVectorField(),
    )
    tiers = [When(title=phrase, then=Value(3))]
    if len(words) > 1:
        tiers += [When(title=every_word, then=Value(2)), When(text=phrase, then=Value(1))]
    score = SearchRank(F("title"), every_word) * F("title_norm") * TITLE_WEIGHT + SearchRank(
        F("body"), every_word
    )
    rows = (
        IndexEntry.objects.filter(
            content_type_id__in=_content_types(pages.model),
            object_id__in=_allowed_ids(pages),
        )
        .annotate(text=text)
        .filter(text=every_word)
        .annotate(
            # ts_rank: higher is better; negated to sort like bm25.
            score=-score,
            tier=Case(*tiers, default=Value(0), output_field=IntegerField()),
        )
        .values_list("object_id", "tier", "score")
    )
    return list(rows)


def ranked_ids(pages, text):
    """Primary keys of the pages of ``pages`` that match ``text``, best first."""
    parsed = parse_query(text)
    if not parsed:
        return []
    words = parsed.folded
    if connection.vendor == "postgresql":
        rows = _postgres_ranked(pages, words)
    else:
        rows = _sqlite_ranked(pages, words)
    numbered = _number_matches(pages, text)
    # The index keeps object ids as text; a page's id is a number.
    ranked = [(int(object_id), tier, score) for object_id, tier, score in rows]
    # Best tier first, then best score, then newest, as Wagtail orders ties.
    ranked.sort(key=lambda row: (-(row[0] in numbered), -row[1], row[2], -row[0]))
    ids = [row[0] for row in ranked]
    # A number typed alone ("02/CT-TTg") also finds its document when the words do not.
    missing = [pk for pk in sorted(numbered) if pk not in set(ids)]
    return missing + ids


def search_pages(pages, text):
    """The reader's search over ``pages`` (a page queryset): results for a paginator."""
    return Hits(ids=ranked_ids(pages, text), pages=pages)
