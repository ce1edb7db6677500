"""Header and footer pieces that every public template shares."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("home/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, in-menu children of the home page, in the reader's language."""
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    items = []
    home = None
    if site is not None:
        home = site.root_page.localized
        items = home.get_children().live().public().in_menu().specific(defer=True)
    return {
        "home": home,
        "items": items,
        "current_path": getattr(current, "path", ""),
        "request": request,
    }


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages, only where a live translation exists."""
    page = context.get("page")
    links = []
    if isinstance(page, Page):
        for translation in page.get_translations().live().select_related("locale"):
            links.append(
                {
                    "url": translation.url,
                    "language_code": translation.locale.language_code,
                    "language_name": translation.locale.get_display_name(),
                }
            )
    return {"links": links}
