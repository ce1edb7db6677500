"""ASCII slugs from Vietnamese titles, in the editor's live preview and on the server.

Wagtail gets Vietnamese wrong twice: on the server Django's ``slugify`` drops every letter it
cannot decompose (``Đoàn trường`` → ``oan-truong``), and in the editor the ``w-slug`` controller's
``urlify`` maps ``đ`` to ``dj`` (its Serbian table) and drops letters with two marks (``Nội`` →
``ni``). Both are fixed here without touching any page model:

- the editor: every slug field of the admin gets Wagtail's own ``SlugInput`` with *formatters*
  (regex replacements the controller runs before ``urlify``), generated from :func:`fold`;
  the copy-page form, which builds its own slug field, gets them through
  :class:`FoldingSlugCopyForm` (each page type's ``copy_form_class``);
- the server: a ``pre_save`` handler replaces, on a *new* page only, a slug that is exactly what
  Django's lossy ``slugify`` makes of the title (with Wagtail's ``-2`` de-duplication suffix).
  A slug the editor chose is kept, and a published page's URL never changes by itself.
"""

import re
import unicodedata
from functools import cache

from django.db.models import SlugField
from django.db.models.signals import pre_save
from django.utils.text import slugify as django_slugify
from slugify import slugify as ascii_slugify
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page

from .folding import fold

# Vietnamese letters: the vowels with their own marks (ă â ê ô ơ ư), each with one of five
# tones, and đ. Other languages keep Wagtail's own transliteration.
_VOWELS = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
# Vietnamese combining marks: the five tones, circumflex, breve and horn.
_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


def slugify(text):
    """The site's slug rule: "Chuyển đổi số" → "chuyen-doi-so", "Đoàn viên" → "doan-vien"."""
    return ascii_slugify(fold(text), max_length=255)


@cache
def slug_formatters():
    """(regex, replacement) pairs that fold letters the way :func:`fold` does, for the editor's
    slug controller; plus combining marks, for titles typed in decomposed form."""
    letters = ["đ", "Đ"]
    for vowel in _VOWELS + _VOWELS.upper():
        letters += [unicodedata.normalize("NFC", vowel + tone) for tone in _TONES]
    groups = {}
    for char in letters:
        if fold(char) != char.lower():
            groups.setdefault(fold(char), []).append(char)
    formatters = [(f"[{''.join(chars)}]", letter) for letter, chars in sorted(groups.items())]
    return (*formatters, (f"[{_MARKS}]", ""))


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug widget, folding Vietnamese before its own ``urlify`` runs."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters=list(formatters or slug_formatters()), locale=locale)


class FoldingSlugCopyForm(CopyForm):
    """Wagtail's copy-page form with the folding slug widget. The new slug follows the new title
    as it does in the page editor, unless the editor has made it differ."""

    SYNC_ACTIONS = "focus->w-sync#check blur->w-sync#apply change->w-sync#apply keyup->w-sync#apply"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_slug"].widget = VietnameseSlugInput(locale=self.page.locale)
        self.fields["new_title"].widget.attrs.update(
            {
                "data-controller": "w-sync",
                "data-action": self.SYNC_ACTIONS,
                "data-w-sync-target-value": f"#{self['new_slug'].auto_id}",
            }
        )


def _lossy_slug_pattern(title):
    base = django_slugify(title)
    return re.compile(rf"{re.escape(base)}(-\d+)?") if base else None


def available_slug(parent, slug):
    """``slug``, or with Wagtail's de-duplication suffix (``-2``, ``-3``…) if a child of
    ``parent`` already has it."""
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate


def fold_new_page_slug(sender, instance, **kwargs):
    """On a new page, swap a slug Django made from the title for the folded one."""
    if not isinstance(instance, Page) or instance.pk is not None or not instance.slug:
        return
    folded = slugify(instance.title)
    pattern = _lossy_slug_pattern(instance.title)
    if not folded or pattern is None or not pattern.fullmatch(instance.slug):
        return
    if instance.slug == folded or instance.slug.startswith(folded + "-"):
        return
    parent = instance.get_parent() if instance.path else None
    if parent is None:
        instance.slug = folded
        return
    instance.slug = available_slug(parent, folded)
    # Page.save() derived the URL from the old slug before this signal: derive it again.
    instance.set_url_path(parent)


def connect():
    register_form_field_override(SlugField, override={"widget": VietnameseSlugInput})
    pre_save.connect(fold_new_page_slug, dispatch_uid="cms.search.fold_new_page_slug")
