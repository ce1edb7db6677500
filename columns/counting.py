"""View counts ("Lượt xem"): once per visitor per article per day, never bots or previews.

The article page may come from the page cache, so it cannot count itself: a few lines of our
own script post a beacon to ``count_view`` once the page is shown. The visitor is recognised
by a keyed hash of their address (cms.clientip; not their browser, which anyone can change
to be counted again), kept in the cache until the end of the day and
never stored in the database, so no personal data is written.
"""

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from cms.clientip import client_address

from .models import ArticleView

# Crawlers, link previewers (Facebook, Zalo, Telegram...) and headless browsers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless|python-|"
    r"curl|wget|httpclient|okhttp|scrapy|lighthouse|pingdom|monitor",
    re.IGNORECASE,
)


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent or bool(BOT_PATTERN.search(agent))


def visitor_fingerprint(request, *parts):
    """A keyed hash of the visitor and ``parts``: unlinkable without SECRET_KEY."""
    message = "|".join([client_address(request), *map(str, parts)])
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


def _seconds_until_tomorrow(now):
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=now.tzinfo
    )
    return max(int((tomorrow - now).total_seconds()), 1)


def record_view(request, page):
    """Count this visitor's view of ``page`` unless it is a bot or they were counted today.
    Returns True when the view was counted."""
    if is_bot(request) or getattr(request, "is_preview", False):
        return False
    now = timezone.localtime()
    today = now.date()
    key = "columns:seen:" + visitor_fingerprint(request, page.pk, today.isoformat())
    if not cache.add(key, 1, _seconds_until_tomorrow(now)):
        return False
    add_view(page, today)
    return True


def add_view(page, day):
    """One more view of ``page`` on ``day``, atomic under concurrent readers."""
    updated = ArticleView.objects.filter(page=page, day=day).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            ArticleView.objects.create(page=page, day=day, count=1)
    except IntegrityError:
        # Another reader created today's row between our update and create.
        ArticleView.objects.filter(page=page, day=day).update(count=F("count") + 1)


def total_views(page):
    return ArticleView.objects.filter(page=page).aggregate(total=Sum("count"))["total"] or 0
