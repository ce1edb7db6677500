"""What every page repeats (the menu, the site profile, a page's translations, the home page's
sections, an article's related list), cached under the site's content stamp.

Any purge (cms/purge.py: a page published, unpublished, moved or deleted, an approved comment,
the site profile saved) gives the site a new content stamp, so every fragment is rebuilt from
the content as it now is; ``PAGE_CACHE_SECONDS`` bounds what no signal announces (view
counts). A stamp lost from the cache is replaced by a new one, never an old one. With
``PAGE_CACHE_SECONDS = 0`` (the test settings) nothing is cached here either.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

CONTENT_STAMP_KEY = "fragments:content"
# The request attribute holding the stamp read for this request (one cache read per request).
REQUEST_STAMP_ATTRIBUTE = "fragments_content_stamp"


def content_stamp(request=None):
    stamp = getattr(request, REQUEST_STAMP_ATTRIBUTE, None)
    if stamp is None:
        stamp = cache.get(CONTENT_STAMP_KEY)
        if stamp is None:
            cache.add(CONTENT_STAMP_KEY, uuid.uuid4().hex, None)
            stamp = cache.get(CONTENT_STAMP_KEY)
        if request is not None:
            setattr(request, REQUEST_STAMP_ATTRIBUTE, stamp)
    return stamp


def content_changed():
    """Every fragment is stale: the next page builds them again."""
    cache.set(CONTENT_STAMP_KEY, uuid.uuid4().hex, None)


def enabled():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def cached(name, parts, build, request=None):
    """``build()``'s value for ``name`` and ``parts`` under the current content stamp.

    A preview is never served nor stored here: it shows a draft under the live page's id."""
    if not enabled() or getattr(request, "is_preview", False):
        return build()
    seconds = settings.PAGE_CACHE_SECONDS
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"fragments:{name}:{content_stamp(request)}:{digest}"
    stored = cache.get(key)
    if stored is not None:
        return stored[0]
    value = build()
    cache.set(key, (value,), seconds)
    return value
