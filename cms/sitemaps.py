"""sitemap.xml listing every live public page in every language, not only Vietnamese, on the
public address, each with its translations as hreflang alternates."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .addresses import page_url


class AllLanguagesSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        within = Q()
        for path in roots:
            within |= Q(path__startswith=path)
        return (
            Page.objects.filter(within)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        """Locations from BASE_URL (not the request's host nor the Site record), and for a page
        that exists in several languages, each of them and x-default as alternates."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []
        for item in self.paginator.page(page).object_list:
            location = page_url(item, self.request)
            if location:
                entries.append((item, languages.get(item.locale_id), location))
        by_translation = defaultdict(list)
        for item, language, location in entries:
            by_translation[item.translation_key].append(
                {"lang_code": language, "location": location}
            )
        urls = []
        for item, _language, location in entries:
            alternates = by_translation[item.translation_key]
            if len(alternates) > 1:
                default = [a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE]
                alternates = alternates + [
                    {"lang_code": "x-default", "location": each["location"]} for each in default
                ]
            else:
                alternates = []
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": self.lastmod(item),
                    "alternates": alternates,
                }
            )
        return urls
