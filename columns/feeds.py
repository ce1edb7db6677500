"""RSS and Atom feeds: one for the whole site and one per column, in the reader's language."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from cms.addresses import absolute_url, page_url

from .models import ArticlePage, ColumnIndexPage

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """The newest articles of every column."""

    def get_object(self, request, column=None):
        self.request = request
        self.locale = Locale.get_active()
        self.site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        if column is None:
            return None
        found = (
            ColumnIndexPage.objects.live().public().filter(slug=column, locale=self.locale).first()
        )
        if found is None:
            raise Http404
        return found

    def title(self, obj):
        name = self.site.site_name or "Đoàn trường"
        return f"{obj.title} · {name}" if obj else name

    def link(self, obj):
        # The site feed links to the home page in the reader's language (/ or /en/).
        return (
            page_url(obj, self.request)
            if obj
            else absolute_url(reverse("wagtail_serve", args=[""]))
        )

    def description(self, obj):
        return obj.intro if obj and obj.intro else _("The newest articles of the youth union.")

    def items(self, obj):
        articles = ArticlePage.objects.live().public().filter(locale=self.locale)
        if obj is not None:
            articles = articles.child_of(obj)
        return (
            articles.defer_streamfields()
            .select_related("unit")
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return page_url(item, self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.path)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_name or item.unit.name

    def item_categories(self, item):
        return [item.unit.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def purge_urls(page):
    """page_cache_purge_urls hook: the feeds that list an article or a column's articles, in
    every language."""
    if issubclass(page.specific_class, ArticlePage):
        column = page.get_parent()
    elif issubclass(page.specific_class, ColumnIndexPage):
        column = page
    else:
        return []
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse("columns_public:feed"), reverse("columns_public:feed_atom")]
    for each in column.get_translations(inclusive=True).select_related("locale"):
        with translation.override(each.locale.language_code):
            paths += [
                reverse("columns_public:column_feed", args=[each.slug]),
                reverse("columns_public:column_feed_atom", args=[each.slug]),
            ]
    return paths
