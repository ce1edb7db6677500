"""What a change purges: one list of URLs, for the page cache and for the proxy or CDN in front.

A page is shown on its own URL and in its ancestors' listings (its column or the documents'
index, the home page), in every language the site has them in; apps add the URLs of their
other views of it (feeds) on the ``page_cache_purge_urls`` hook. Publishing, unpublishing,
moving or deleting a page, and a change in an approved comment, purge that list and nothing
else: an unrelated column stays cached.
"""

import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from . import cache, fragments
from .addresses import absolute_url, page_path

PURGE_URLS_HOOK = "page_cache_purge_urls"


def urls_for_page(page, *, old_parent=None):
    """Absolute URLs (from ``BASE_URL``) of every view that shows ``page``.

    ``old_parent``: where a moved page was, so its old URL and its old listing go too."""
    from wagtail.models import Page

    shown_in = list(page.get_ancestors(inclusive=True).filter(depth__gt=1))
    if old_parent is not None:
        shown_in += list(old_parent.get_ancestors(inclusive=True).filter(depth__gt=1))
    known = {each.pk for each in shown_in}
    translations = (
        Page.objects.filter(translation_key__in={each.translation_key for each in shown_in})
        .exclude(pk__in=known)
        .live()
    )
    paths = [page_path(each) for each in [*shown_in, *translations]]
    if old_parent is not None:
        old_parent_path = page_path(old_parent)
        if old_parent_path:
            paths.append(f"{old_parent_path}{page.slug}/")
    paths.append(reverse("sitemap"))
    for hook in hooks.get_hooks(PURGE_URLS_HOOK):
        paths.extend(hook(page))
    urls = dict.fromkeys(absolute_url(path) for path in paths if path)
    return list(urls)


def purge_urls(urls):
    """Purge these URLs from the page cache and from the configured front-end caches."""
    if getattr(_pending, "urls", None) is not None:
        _pending.urls.update(dict.fromkeys(urls))
        return
    cache.purge_paths(urlsplit(url).path for url in urls)
    fragments.content_changed()
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(urls)


def purge_everything(**kwargs):
    """Every stored page and fragment is stale (signal receiver for what every page shows,
    e.g. the site profile); the proxy in front keeps its copies up to PAGE_CACHE_SECONDS."""
    cache.purge_all()
    fragments.content_changed()


# What the changes inside ``batched()`` asked to purge, per thread: {page id: page} and URLs.
_pending = threading.local()


@contextmanager
def batched():
    """Purge once, on the way out, what the changes made inside ask to purge: a moderator's
    bulk approval of 40 comments on 3 articles purges those 3 articles' lists once each, instead
    of 40 times (each list costs a few queries, and one request to the proxy per URL)."""
    if getattr(_pending, "pages", None) is not None:  # already inside one
        yield
        return
    _pending.pages, _pending.urls = {}, {}
    try:
        yield
    finally:
        pages, urls = _pending.pages, _pending.urls
        _pending.pages = _pending.urls = None
        for page in pages.values():
            urls.update(dict.fromkeys(urls_for_page(page)))
        if urls:
            purge_urls(list(urls))


def purge_page(page, *, old_parent=None):
    if getattr(_pending, "pages", None) is not None and old_parent is None:
        _pending.pages[page.pk] = page
        return
    purge_urls(urls_for_page(page, old_parent=old_parent))


def page_changed(sender, instance, **kwargs):
    """page_published / page_unpublished receiver."""
    purge_page(instance)


def page_moved(sender, instance, parent_page_before, **kwargs):
    """post_page_move receiver: the new place and the old one (its URL and its listing)."""
    if instance.live:
        purge_page(instance, old_parent=parent_page_before)


def page_deleted(sender, instance, **kwargs):
    if instance.live:
        purge_page(instance)


def restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again): it and every page below it, at once, so that a
    copy stored while it was public is never served after (PageViewRestriction post_save and
    post_delete)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    below = page.get_descendants().live()
    purge_urls([*urls_for_page(page), *(absolute_url(page_path(each)) for each in below)])


def connect():
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(page_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="page_cache_page_deleted")
    for signal, uid in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"page_cache_restriction_{uid}",
        )
