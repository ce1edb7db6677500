"""In-process time and queries of the public pages, past the page cache, under production settings.

A load test on a shared machine mostly measures the other processes; a ratio of in-process
times taken in turn is steadier. This builds the demo content on a throwaway SQLite file
(as bench/serve.py does), then, in this process under ``cms.settings.production`` (DEBUG off,
cached template loader, the same middleware), sends requests through Django's WSGI handler
with the test client: ``/healthz``, and the home page, a column and an article with
``?nocache=1`` (never stored, so each request renders), reporting per page the median time,
the queries and the ratio of ``/healthz``'s time to the page's (the share of /healthz's rate
the page would reach). Two states: ``warm`` (the fragments every page repeats already cached,
as for every reader but the first after a publish) and ``cold`` (a new content stamp before
each request, as for the first reader after a publish).

Usage: .venv/bin/python bench/render.py [--rounds 60] [--profile PAGE]
Ends with: uncached article/healthz: R column/healthz: R home/healthz: R
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time

from serve import ROOT, demo_site

PAGES = {
    "healthz": "/healthz",
    "home": "/?nocache=1",
    "column": "/mot-ngay-mot-tin-tot/?nocache=1",
    "article": "/mot-ngay-mot-tin-tot/chu-nhat-xanh-khu-ky-tuc-xa/?nocache=1",
}


def measure(client, pages, rounds, before=None):
    """Median seconds of ``rounds`` requests of each page, taken in turn (so that a load
    coming and going falls on every page alike), and the queries of each page's last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = {name: [] for name in pages}
    for _ in range(rounds):
        for name, path in pages.items():
            if before:
                before()
            started = time.perf_counter()
            response = client.get(path)
            times[name].append(time.perf_counter() - started)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
    results = {}
    for name, path in pages.items():
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        results[name] = (statistics.median(times[name]), len(captured))
    return results


def time_templates(client, rounds, before):
    """Inclusive milliseconds per request spent rendering each template, by page."""
    from collections import Counter

    from django.template.base import Template

    spent = Counter()
    render = Template.render

    def timed_render(self, context):
        started = time.perf_counter()
        try:
            return render(self, context)
        finally:
            spent[self.origin.template_name] += time.perf_counter() - started

    Template.render = timed_render
    try:
        for name, path in PAGES.items():
            spent.clear()
            for _ in range(rounds):
                if before:
                    before()
                client.get(path)
            print(f"\n{name}")
            for template, seconds in spent.most_common(12):
                print(f"  {seconds * 1000 / rounds:8.2f} ms  {template}")
    finally:
        Template.render = render


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="requests per page (default 60)")
    parser.add_argument("--profile", choices=[p for p in PAGES if p != "healthz"], default=None)
    parser.add_argument("--cold", action="store_true", help="profile with cold fragments")
    parser.add_argument("--queries", action="store_true", help="print the SQL of each page")
    parser.add_argument("--templates", action="store_true", help="time each template's render")
    args = parser.parse_args()

    env = demo_site("doan-bench-render-")
    os.environ.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from cms import fragments

    client = Client(HTTP_HOST="127.0.0.1", HTTP_USER_AGENT="Mozilla/5.0 bench")
    for path in PAGES.values():  # renditions made, fragments stored, templates compiled
        for _ in range(3):
            client.get(path)

    if args.profile:
        before = fragments.content_changed if args.cold else None
        profiler = cProfile.Profile()
        for _ in range(args.rounds):
            if before:
                before()
            profiler.enable()
            client.get(PAGES[args.profile])
            profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return

    if args.templates:
        time_templates(client, args.rounds, fragments.content_changed if args.cold else None)
        return

    if args.queries:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for name, path in PAGES.items():
            if args.cold:
                fragments.content_changed()
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            print(f"\n{name}: {len(captured)} queries")
            for query in captured:
                print("  ", query["sql"][:300])
        return

    results = {}
    for state, before in (("warm", None), ("cold", fragments.content_changed)):
        for name, figures in measure(client, PAGES, args.rounds, before).items():
            if name != "healthz" or state == "warm":
                results[(name, state)] = figures
    health = results[("healthz", "warm")][0]
    print(f"\n{args.rounds} requests each, median, in-process, production settings")
    print(f"{'page':<16}{'ms':>8}{'queries':>9}{'×/healthz':>11}")
    for (name, state), (seconds, queries) in results.items():
        label = name if name == "healthz" else f"{name} ({state})"
        print(f"{label:<16}{seconds * 1000:>8.2f}{queries:>9}{health / seconds:>11.2f}")
    ratios = " ".join(
        f"{name}/healthz: {health / results[(name, 'warm')][0]:.2f}"
        for name in ("article", "column", "home")
    )
    print(f"uncached {ratios}")


if __name__ == "__main__":
    main()
