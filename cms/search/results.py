"""What a search result shows: its type, column or issuer, date and a highlighted snippet.

Read from any page by duck typing, so that no app has to know about search: a document's
``doc_type``, ``issuer`` and ``issue_date``, an article's ``kind`` and column (its parent page),
else the page type and its first publication date.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from wagtail.models import Page
from wagtail.search import index

from .folding import fold, number_fields, words

SNIPPET_LENGTH = 220
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Result:
    page: Page
    title: str  # highlighted, safe HTML
    type_label: str
    context: str  # the column an article is in, or the issuer of a document
    number: str  # a document's number as printed
    date: date | None
    snippet: str


# Fields a reader would recognise as the page's text, in the order they read them; a page with
# none of them shows its other searchable text.
READABLE_FIELDS = ("search_description", "lead", "summary", "intro", "hero_text", "body")


def page_text(page):
    """The page's searchable text (not the title), as a reader would read it."""
    fields = [
        field
        for field in page.get_search_fields()
        if isinstance(field, index.SearchField)
        and field.field_name != "title"
        and field.field_name not in number_fields()
    ]
    readable = [field for field in fields if field.field_name in READABLE_FIELDS]
    readable.sort(key=lambda field: READABLE_FIELDS.index(field.field_name))
    parts = [getattr(page, "search_description", "") or ""]
    for field in readable or fields:
        try:
            value = field.get_value(page)
        except AttributeError:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        parts += [strip_tags(str(item)) for item in values if item]
    return " ".join(part for part in parts if part).strip()


def highlight(text, query_words, length=SNIPPET_LENGTH):
    """A window of ``text`` around the first word that matches the query (folded), with the
    matching words in <mark>; HTML-escaped."""
    wanted = {fold(word) for word in query_words}
    prefixes = tuple(wanted)

    def matches(word):
        folded = fold(word)
        return folded in wanted or (len(folded) > 2 and folded.startswith(prefixes))

    found = [m for m in _WORD.finditer(text) if matches(m.group())]
    start = 0
    if found and found[0].start() > length // 3 and len(text) > length:
        start = text.rfind(" ", 0, found[0].start() - length // 4) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    pieces, cursor = [], start
    for match in found:
        if match.start() < start or match.end() > end:
            continue
        pieces += [escape(text[cursor : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)  # noqa: S308  (escaped above)


def _type_label(page):
    """ "Chỉ thị", "Tin", "Câu chuyện" where the page says which kind it is, else its type."""
    for kind in ("doc_type", "kind"):
        if getattr(page, kind, None) and hasattr(page, f"get_{kind}_display"):
            return capfirst(getattr(page, f"get_{kind}_display")())
    return capfirst(page.get_verbose_name())


# A page's own date, which its result shows and the year filter reads (a document's issue
# date); pages without one show their first publication.
OWN_DATE_FIELD = "issue_date"


def _has_field(page_or_model, name):
    """Asked of the class: on a page, a foreign key attribute would be fetched."""
    model = page_or_model if isinstance(page_or_model, type) else type(page_or_model)
    return hasattr(model, name)


def has_own_date(page_or_model):
    return _has_field(page_or_model, OWN_DATE_FIELD)


def describe(pages, query):
    """Results for a page of search hits: two queries for the columns, whatever the count."""
    parent_paths = {page.path[: -page.steplen] for page in pages}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    with_issuer = [page for page in pages if _has_field(page, "issuer")]
    prefetch_related_objects(with_issuer, "issuer")
    query_words = words(query)
    results = []
    for page in pages:
        issuer = getattr(page, "issuer", None)
        context = str(issuer) if issuer else parents.get(page.path[: -page.steplen], "")
        when = getattr(page, OWN_DATE_FIELD, None) or page.first_published_at
        results.append(
            Result(
                page=page,
                title=highlight(page.title, query_words, length=len(page.title)),
                type_label=_type_label(page),
                context=context if page.depth > 3 or issuer else "",
                number=getattr(page, "number", "") or "",
                date=timezone.localdate(when) if hasattr(when, "tzinfo") else when,
                snippet=highlight(page_text(page), query_words),
            )
        )
    return results
