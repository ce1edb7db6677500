"""The site's public address in templates (cms/addresses.py): ``{% public_url page as url %}``
for a page, ``{{ path|absolute }}`` for anything else (an image rendition's URL)."""

from django import template

from cms import addresses

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context, page):
    """The page's absolute URL on BASE_URL ("" when it has none)."""
    return addresses.page_url(page, context.get("request")) or ""


@register.filter
def absolute(url):
    """``/media/…`` → ``BASE_URL/media/…``; an empty value stays empty."""
    return addresses.absolute_url(url) if url else ""
