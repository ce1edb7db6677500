"""Registers the site-wide pieces with Wagtail; the logic lives in the modules named here."""

from wagtail import hooks

from . import cache

hooks.register("before_serve_page", cache.mark_cacheable)
