"""Pages to search: published under the home page, in Vietnamese unless told otherwise."""

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from home.models import HomePage


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def english_home(home):
    translation = home.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "Home"
    translation.save_revision().publish()
    return translation


@pytest.fixture
def publish(home):
    """publish(title, text="", parent=None, live=True, when=None) → a page with searchable text.

    HomePage is the one page type with a body field before the columns and directives apps land;
    the search machinery does not care which type a page is."""

    def make(title, text="", parent=None, live=True, when=None):
        page = HomePage(title=title, hero_text=f"<p>{text}</p>" if text else "")
        (parent or home).add_child(instance=page)
        if live:
            revision = page.save_revision()
            revision.publish()
            page.refresh_from_db()
            if when:
                Page.objects.filter(pk=page.pk).update(first_published_at=when)
                page.refresh_from_db()
        else:
            Page.objects.filter(pk=page.pk).update(live=False)
            page.refresh_from_db()
            page.save_revision()
        return page

    return make


def titles(results):
    return [page.title for page in results]


def search(query, **kwargs):
    return titles(Page.objects.live().search(query, operator="and", **kwargs))


def a_year_ago():
    return timezone.now() - timezone.timedelta(days=400)
