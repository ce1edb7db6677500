"""Header and footer pieces that every public template shares."""

from functools import partial

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html_join
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from cms import fragments
from cms.addresses import absolute_url

register = template.Library()


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, in-menu children of the home page, in the reader's language (the same for
    every page, so kept under the content stamp, cms/fragments.py), each marked active when the
    reader is on it or below it (an article marks its own column only)."""
    request = context.get("request")
    current_path = getattr(context.get("page"), "path", "")
    site = Site.find_for_request(request) if request else None
    menu = {"home": None, "items": []}
    if site is not None:
        menu = fragments.cached(
            "main-menu", (site.pk, get_language()), partial(_menu, site, request), request
        )
    home = menu["home"]
    return {
        "home": home,
        "home_current": home is not None and _current(home["path"], current_path) == "page",
        # Tree paths: a page's path starts with each of its ancestors' whole paths, and a
        # sibling's path is never a prefix of it (a substring test would be fooled).
        "items": [(item, _current(item["path"], current_path)) for item in menu["items"]],
        "request": request,
    }


def _menu(site, request):
    home = site.root_page.localized
    items = home.get_children().live().public().in_menu()
    return {
        "home": {"url": home.get_url(request=request), "path": home.path},
        "items": [
            {"title": item.title, "url": item.get_url(request=request), "path": item.path}
            for item in items
        ],
    }


@register.inclusion_tag("home/includes/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    """Home › column › this page: the page's live ancestors below the tree's root (one query)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    # Changed only by a publish or a move: kept under the content stamp.
    ancestors = fragments.cached(
        "breadcrumb",
        (page.pk, page.path),
        lambda: list(page.get_ancestors().live().filter(depth__gt=1)),
        context.get("request"),
    )
    return {"home": ancestors[0], "crumbs": ancestors[1:], "page": page}


def _current(path, current_path):
    """aria-current of a menu link: "page" on the page itself, "true" on a page below it."""
    if current_path == path:
        return "page"
    return "true" if current_path.startswith(path) else None


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages, only where a live translation exists."""
    links = [
        {
            "url": url,
            "language_code": code,
            "language_name": Locale(language_code=code).get_display_name(),
        }
        for code, url in _alternates(context)
        if code != get_language()
    ]
    return {"links": links}


def _alternates(context):
    """(language code, URL) of this page in every language it is live in, itself included.

    A page's translations come from wagtail-localize (only live ones, only those with a URL, so
    never a 404); a view that is not a page (the search) exists in every language."""
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, Page):
        # The switcher and the <head> both ask: one query per page view.
        cache = getattr(request, "page_alternates", {}) if request is not None else {}
        if page.pk not in cache:
            # The same until a publish: kept under the content stamp too.
            cache[page.pk] = fragments.cached(
                "alternates",
                (page.pk, get_language()),
                partial(_translations, page, request),
                request,
            )
            if request is not None:
                request.page_alternates = cache
        return cache[page.pk]
    if request is not None and context.get("alternates_by_language"):
        path = request.path
        return [(code, translate_url(path, code)) for code, _name in settings.LANGUAGES]
    return []


def _translations(page, request):
    translations = page.get_translations().live().select_related("locale")
    urls = [(get_language(), page.get_url(request=request))] + [
        (other.locale.language_code, other.get_url(request=request)) for other in translations
    ]
    return [(code, url) for code, url in urls if url]


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for each language the page exists in, and x-default
    (the Vietnamese one), with absolute URLs on the public address as search engines want them."""
    request = context.get("request")
    alternates = _alternates(context)
    if request is None or len(alternates) < 2:
        return ""
    absolute = [(code, absolute_url(url)) for code, url in alternates]
    default = dict(absolute).get(settings.LANGUAGE_CODE)
    if default:
        absolute.append(("x-default", default))
    return format_html_join("\n    ", '<link rel="alternate" hreflang="{}" href="{}">', absolute)
