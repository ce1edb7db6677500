"""Search latency at the size of a few years of a school union's site.

Builds 10,000 articles and 2,000 documents (BENCH_ARTICLES / BENCH_DOCUMENTS to change), then
times the reader's search (the /tim-kiem/ query: live pages of one language, the count and the
first page of results) for queries typed with and without diacritics: median and 95th
percentile over every run. Then times the same queries through Wagtail's own search API
(``queryset.search``, what the admin uses: modelsearch's ranking) on the same index, and prints
the ratio.

SQLite by default; PostgreSQL when DATABASE_URL points to one, e.g.
    bash scripts/with_postgres.sh .venv/bin/python bench/search.py
Goal (issue #16): p95 under 50 ms on both databases, with and without diacritics.
"""

import datetime
import gc
import io
import os
import random
import statistics
import sys
import threading
import time

from _common import setup_django, timed

ARTICLES = int(os.environ.get("BENCH_ARTICLES", 10_000))
DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", 2_000))
RUNS = int(os.environ.get("BENCH_RUNS", 15))
STOCK_BUDGET = float(os.environ.get("BENCH_STOCK_BUDGET", 10))

WITH_DIACRITICS = [
    "chuyển đổi số",
    "đoàn viên",
    "Quàng Thị Hạnh",
    "tình nguyện mùa hè xanh",
    "Chỉ thị",
    "02/CT-TTg",
]
WITHOUT_DIACRITICS = [
    "chuyen doi so",
    "doan vien",
    "Quang Thi Hanh",
    "tinh nguyen mua he xanh",
    "chi thi",
    "02 CT TTg",
]

# Vietnamese words that union news is made of, to draw titles and paragraphs from.
WORDS = (  # noqa: SIM905  (a sentence reads better than a list of 120 quoted words)
    "đoàn viên thanh niên chi đoàn liên chi đoàn đoàn trường sinh viên tình nguyện mùa hè xanh "
    "chuyển đổi số học tập làm theo lời Bác khởi nghiệp sáng tạo tuổi trẻ Điện Biên hiến máu "
    "tiếp sức mùa thi kỹ năng cán bộ nghị quyết kế hoạch báo cáo hướng dẫn phong trào cuộc thi "
    "ý tưởng công nghệ bản lĩnh nền tảng tư tưởng Đảng bảo vệ tuyên truyền mạng xã hội năm học "
    "hoạt động văn nghệ thể thao giáo dục truyền thống lịch sử Him Lam Mường Thanh dân tộc Thái "
    "Mông Khơ Mú giáo viên mầm non tiểu học sư phạm rèn luyện học bổng gương sáng việc tốt"
).split()
KINDS = ["Chỉ thị", "Kế hoạch", "Hướng dẫn"]
NAMES = ["Quàng Thị Hạnh", "Lò Văn Thành", "Vì Thị Mai", "Cà Văn Dũng", "Lường Thị Lan"]


def sentence(rng, low, high):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def build(rng):
    from django.utils import timezone
    from wagtail.models import Site

    from columns.models import ArticlePage, ColumnIndexPage
    from directives.models import DirectiveIndexPage, DirectivePage, DocType, Issuer
    from organisation.models import Unit, UnitKind

    home = Site.objects.get(is_default_site=True).root_page.specific
    unit = Unit.objects.create(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL)
    columns = []
    for n, title in enumerate(
        ["Mỗi ngày 1 tin tốt", "Sáng tạo khởi nghiệp", "Học tập và làm theo lời Bác"]
    ):
        columns.append(home.add_child(instance=ColumnIndexPage(title=title, slug=f"cot-{n}")))
    index = home.add_child(instance=DirectiveIndexPage(title="Văn bản", slug="van-ban"))
    issuers = [
        Issuer.objects.create(code="TTg", name="Thủ tướng Chính phủ"),
        Issuer.objects.create(code="TWĐTN", name="Ban Bí thư Trung ương Đoàn"),
        Issuer.objects.create(code="ĐTN", name="BCH Đoàn trường"),
    ]
    start = timezone.now() - datetime.timedelta(days=4 * 365)
    for n in range(ARTICLES):
        when = start + datetime.timedelta(hours=3 * n)
        paragraph = " ".join(sentence(rng, 8, 20) for _ in range(8))
        if n % 50 == 0:
            paragraph += f" Bạn {NAMES[n // 50 % len(NAMES)]} được tuyên dương."
        article = ArticlePage(
            title=sentence(rng, 5, 11)[:-1],
            slug=f"bai-{n}",
            lead=sentence(rng, 15, 30),
            body=[("paragraph", f"<p>{paragraph}</p>")],
            unit=unit,
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        columns[n % len(columns)].add_child(instance=article)
    for n in range(DOCUMENTS):
        issuer = issuers[n % len(issuers)]
        # 01/CT-TTg, 02/CT-TTg, ... and Union-style 2-KH/TWĐTN, 3-KH/ĐTN, ...
        number = f"{n // 3 + 1:02d}/CT-TTg" if n % 3 == 0 else f"{n + 1}-KH/{issuer.code}"
        when = start + datetime.timedelta(days=n // 2)
        document = DirectivePage(
            title=f"{rng.choice(KINDS)} về {sentence(rng, 4, 9)[:-1]}",
            slug=f"van-ban-{n}",
            doc_type=rng.choice([DocType.DIRECTIVE, DocType.GUIDANCE]),
            number=number,
            issuer=issuer,
            issue_date=when.date(),
            summary=sentence(rng, 15, 30),
            body=f"<p>{' '.join(sentence(rng, 8, 20) for _ in range(6))}</p>",
            unit=unit,
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        index.add_child(instance=document)


def _pages():
    from wagtail.models import Locale, Page

    return Page.objects.live().public().filter(locale=Locale.get_default())


def search_once(query):
    """What the search view asks of the database: the count and the first ten results."""
    from cms.search.engine import search_pages

    results = search_pages(_pages(), query)
    return results.count(), list(results[:10])


def stock_once(query):
    """The same through Wagtail's own search API (what the admin uses), same index."""
    results = _pages().specific().search(query, operator="and")
    return results.count(), list(results[:10])


def measure(label, queries, runs=RUNS, budget=None, search=search_once):
    """Median and p95 (ms) over ``runs`` timed searches of each query. With a ``budget`` (s),
    a search still running then is stopped and counted at the budget: a lower bound."""
    from django.db import DatabaseError, connection

    samples, found, capped = [], {}, False
    for query in queries:
        mine = []
        for run in range(runs + 1):  # the first run warms caches and is not counted
            timer = None
            if budget:
                connection.ensure_connection()
                # Django's connection is per thread: hand the timer the database's own.
                args = [connection.vendor, connection.connection]
                timer = threading.Timer(budget, _interrupt, args)
                timer.start()
            started = time.perf_counter()
            try:
                count, _first = search(query)
            except DatabaseError:
                count, capped = "?", True
            elapsed = (time.perf_counter() - started) * 1000
            if timer:
                timer.cancel()
            if run or runs == 0:
                mine.append(elapsed)
            if count == "?" or (budget and elapsed > budget * 1000 / 2):
                mine.append(elapsed)  # too slow to repeat: count it once more and move on
                break
        samples += mine
        found[query] = count
        PER_QUERY[label, query] = (count, statistics.median(mine))
    samples.sort()
    median = statistics.median(samples)
    p95 = samples[int(0.95 * (len(samples) - 1))]
    hits = ", ".join(f"{q!r}: {n}" for q, n in found.items())
    bound = "≥" if capped else ""
    print(
        f"  {label:<28} median {bound}{median:7.1f} ms   p95 {bound}{p95:7.1f} ms   ({hits})",
        flush=True,
    )
    return median, p95


# (label, query) → (results found, median ms), to compare queries both searches answer alike.
PER_QUERY = {}


def same_answer_ratios(folding_labels, stock_labels):
    """Reader's search median / Wagtail API median for each query both answered with the same
    number of results."""
    lines = []
    for mine, theirs in zip(folding_labels, stock_labels, strict=True):
        for (label, query), (count, median) in PER_QUERY.items():
            peer = PER_QUERY.get((theirs, query))
            if label == mine and peer and peer[0] == count and count != "?":
                lines.append(
                    f"    {query!r} ({count}): {median:.1f} / {peer[1]:.1f} ms = "
                    f"{median / peer[1]:.2f}x"
                )
    print("  same results, reader's search / Wagtail's search API median:")
    print("\n".join(lines) or "    none")
    return lines


def _interrupt(vendor, raw_connection):
    """Stop the query running on ``raw_connection`` (from another thread)."""
    if vendor == "sqlite":
        raw_connection.interrupt()
    else:
        raw_connection.cancel()


def rebuild_index():
    from django.core.management import call_command
    from django.db import connection

    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    if connection.vendor == "postgresql":
        # What autovacuum does soon after a reindex on a server: clear the replaced entries and
        # give the planner the new ones' statistics, so that it chooses the search index.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main():
    setup_django()
    from django.conf import settings
    from django.db import connection, transaction

    settings.DEBUG = False  # no query log while building thousands of pages
    # Pages are created without indexing each one; the index is built once below.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "cms.search.backends",
            "SEARCH_CONFIG": "vi_unaccent",
            "AUTO_UPDATE": False,
        }
    }
    # Building 12,000 pages one save at a time is the slow part: skip the per-save reference
    # and search index updates (the index is built in one pass below, as `update_index` does).
    from django.db.models.signals import post_save
    from modelsearch import signal_handlers as search_signals
    from wagtail import signal_handlers as wagtail_signals

    from columns.models import ArticlePage
    from directives.models import DirectivePage

    wagtail_signals.disconnect_reference_index_signal_handlers()
    for model in (ArticlePage, DirectivePage):
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
    vendor = connection.vendor
    print(
        f"search on {vendor}: {ARTICLES:,} articles, {DOCUMENTS:,} documents, {RUNS} runs a query"
    )
    results = {}
    reused = ArticlePage.objects.count() >= ARTICLES
    if reused:
        # DATABASE_URL names a database this script filled before: measure it again.
        print(f"{'build pages':<40} reused {ArticlePage.objects.count():,} articles", flush=True)
    else:
        # Timed without memory tracing, which would double the build time.
        started = time.perf_counter()
        with transaction.atomic():
            build(random.Random(7))
        print(f"{'build pages':<40} {time.perf_counter() - started:8.3f} s", flush=True)
    # Always rebuilt, even on a reused database: it may have been indexed by older code.
    with timed("index (update_index)", results):
        rebuild_index()
    # The build and the index leave tens of thousands of objects to the garbage collector,
    # whose passes would then land inside the timed searches; a web worker has none of them.
    gc.collect()
    folded = {
        "with": measure("reader, with diacritics", WITH_DIACRITICS),
        "without": measure("reader, no diacritics", WITHOUT_DIACRITICS),
    }
    # modelsearch scores each candidate row with its own full-text match on SQLite: seconds
    # per search at this size. A search is stopped after STOCK_BUDGET seconds and counted at
    # that.
    stock = {
        "with": measure(
            "Wagtail API, with diacritics", WITH_DIACRITICS, 3, STOCK_BUDGET, stock_once
        ),
        "without": measure(
            "Wagtail API, no diacritics", WITHOUT_DIACRITICS, 3, STOCK_BUDGET, stock_once
        ),
    }
    same_answer_ratios(
        ["reader, with diacritics", "reader, no diacritics"],
        ["Wagtail API, with diacritics", "Wagtail API, no diacritics"],
    )
    p95 = max(folded["with"][1], folded["without"][1])
    ratio = p95 / max(stock["with"][1], stock["without"][1])
    print(
        f"SUMMARY search {vendor}: {ARTICLES:,}+{DOCUMENTS:,} pages, reader's search p95 "
        f"{folded['with'][1]:.1f} ms with / {folded['without'][1]:.1f} ms without diacritics "
        f"(median {folded['with'][0]:.1f} / {folded['without'][0]:.1f}); Wagtail API p95 "
        f"{stock['with'][1]:.1f} / {stock['without'][1]:.1f} ms; ratio {ratio:.2f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
