"""“Did you mean”: a correction for a query that finds nothing, from the words the site has.

The vocabulary is the search index's own, folded (the database folds it, see ``backends``): the
FTS5 vocabulary table on SQLite (migration 0004), ``ts_stat`` on PostgreSQL. It is kept in the
cache until the index gains or loses entries. Each query word the index does not know is
replaced by the closest word it does know ("vein" → "vien", "nein" → "nien"), the more common
one when two are as close; the correction is offered only if it finds something.
"""

import difflib

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max

from .engine import FTS_TABLE, matching_ids
from .folding import parse_query

VOCABULARY_TABLE = f"{FTS_TABLE}_vocab"
# How alike a word and its correction must be (difflib's ratio): one swapped or wrong letter
# in a four-letter word is 0.75.
CUTOFF = 0.7
CACHE_SECONDS = 6 * 60 * 60


def _read_vocabulary():
    """{folded word: number of index entries that have it}."""
    if connection.vendor == "postgresql":
        # Each entry's title and body, as the configuration folded them.
        sql = "SELECT word, ndoc FROM ts_stat('SELECT title || body FROM wagtailsearch_indexentry')"
    else:
        sql = f"SELECT term, doc FROM {VOCABULARY_TABLE}"  # noqa: S608  (our table's name)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {word: docs for word, docs in cursor.fetchall() if word.isalnum()}


def vocabulary():
    from wagtail.search.models import IndexEntry

    state = IndexEntry.objects.aggregate(count=Count("pk"), last=Max("pk"))
    key = f"search-vocabulary:{connection.vendor}:{state['count']}:{state['last']}"
    words = cache.get(key)
    if words is None:
        words = _read_vocabulary()
        cache.set(key, words, CACHE_SECONDS)
    return words


def _closest(word, known):
    if word in known or word.isdigit():
        return word
    candidates = [w for w in known if abs(len(w) - len(word)) <= 2]
    close = difflib.get_close_matches(word, candidates, n=5, cutoff=CUTOFF)
    if not close:
        return word
    best = difflib.SequenceMatcher(None, word, close[0]).ratio()
    ties = [w for w in close if difflib.SequenceMatcher(None, word, w).ratio() == best]
    return max(ties, key=lambda w: known[w])


def suggest(pages, text):
    """A corrected query (folded words) that finds something among ``pages``, or ""."""
    parsed = parse_query(text)
    if not parsed:
        return ""
    known = vocabulary()
    corrected = [_closest(word, known) for word in parsed.folded]
    if list(corrected) == list(parsed.folded):
        return ""
    suggestion = " ".join(corrected)
    return suggestion if matching_ids(pages, suggestion) else ""
