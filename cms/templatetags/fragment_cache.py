"""``{% fragment "name" part … %}…{% endfragment %}``: the HTML between, rendered once and then
reused under the content stamp (cms/fragments.py) until a publish, an approved comment or a
saved site profile, for the same parts, language and host.

For what every reader of a page sees alike: the header and its menu, the footer, an article,
a column's listing. What changes without a purge (view counts) lags by at most
``PAGE_CACHE_SECONDS``, as in the page cache. Never around what is one reader's own
(``{% csrf_token %}``, ``{% wagtailuserbar %}``, a form holding their input): the first
reader's copy would be everyone's. A part that is ``None`` or missing (``page.pk`` on a view
that is not a page, such as a 404) leaves the fragment uncached, so made-up addresses do not
fill the cache. A preview is always rendered afresh.
"""

from functools import partial

from django import template
from django.utils.translation import get_language

from cms import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        parts = [part.resolve(context, ignore_failures=True) for part in self.parts]
        build = partial(self.nodelist.render, context)
        request = context.get("request")
        if request is None or None in parts:
            return build()
        key = (request.get_host(), get_language(), *parts)
        return fragments.cached(f"html:{self.name}", key, build, request)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and optional parts")
    name = bits[1].strip("\"'")
    parts = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name, parts)
