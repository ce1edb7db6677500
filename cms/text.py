"""Vietnamese text arrives in several Unicode forms: macOS and iOS keyboards often send
decomposed letters (NFD: "ộ" as o + two combining marks), Windows and Android composed ones
(NFC). They look the same but do not compare, sort or search the same, so everything we store
is NFC."""

import unicodedata

from django.db import models
from django.utils.translation import get_language

# Our apps; Wagtail's page and image titles are covered through their base classes.
NORMALISED_APPS = {"home", "organisation", "columns", "directives", "members", "wagtailcore"}


def nfc(value):
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def normalise_text_fields(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.app_label not in NORMALISED_APPS and not _is_page(sender):
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                setattr(instance, field.attname, nfc(value))


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def in_reader_language(name, name_en):
    """A name as the reader's language shows it: ``name_en`` on the English pages when there
    is one (a unit's or a tag's), else the Vietnamese ``name``."""
    return name_en if name_en and get_language() == "en" else name
