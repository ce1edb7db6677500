import unicodedata

import pytest
from wagtail.models import Page, Site

from organisation.models import Unit

pytestmark = pytest.mark.django_db

DECOMPOSED = unicodedata.normalize("NFD", "Chi đoàn Học tập và làm theo lời Bác")


def test_decomposed_text_is_stored_composed(tree):
    assert unicodedata.normalize("NFC", DECOMPOSED) != DECOMPOSED
    tree.a1.name = DECOMPOSED
    tree.a1.save()
    stored = Unit.objects.get(pk=tree.a1.pk).name
    assert stored == "Chi đoàn Học tập và làm theo lời Bác"
    assert unicodedata.is_normalized("NFC", stored)
    assert Unit.objects.filter(name="Chi đoàn Học tập và làm theo lời Bác").exists()


def test_page_titles_are_stored_composed():
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(instance=Page(title=DECOMPOSED, slug="hoc-tap"))
    assert Page.objects.get(pk=page.pk).title == unicodedata.normalize("NFC", DECOMPOSED)
