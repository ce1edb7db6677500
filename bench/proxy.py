"""Requests per second through the production-shaped stack's proxy, as readers reach it.

Runs against a stack that is up (`STACK_DEMO=1 make stack-up`; its environment in .stack/env):
nginx → Varnish → nginx balancer → gunicorn with PostgreSQL and Redis. In one run, each for a
fixed time with `wrk` (or a thread pool when wrk is missing): /healthz (never cached), a cached
article, the same article as Facebook and Zalo share it (`?fbclid=`, `?utm_source=`), then an
article is published in a column and that column page is loaded right after (its proxy copy
was purged, so the first request goes to the app), beside a column nobody published in.

Goal (issue #13): the `?fbclid=` article at 0.8× the plain cached article or better, 0 errors.

Usage: .venv/bin/python bench/proxy.py [--env .stack/env] [--seconds 8] [--connections 8]
Ends with: fbclid/article: R  errors: N
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from serve import load, print_rates

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cms.settings.env import read_env_file  # noqa: E402  (the checkout's root, just above)

PAGES = """
from columns.models import ArticlePage, ColumnIndexPage
columns = ColumnIndexPage.objects.live().filter(locale__language_code="vi").order_by("path")
article = ArticlePage.objects.live().public().filter(locale__language_code="vi")
article = article.child_of(columns[1])
print(article.order_by("-first_published_at").first().url, columns[0].url, columns[1].url)
"""
PUBLISH = """
import time
from django.contrib.auth import get_user_model
from columns.models import ArticlePage, ColumnIndexPage
column = ColumnIndexPage.objects.live().filter(locale__language_code="vi").order_by("path")[0]
model = ArticlePage.objects.live().child_of(column).first()
stamp = time.time_ns()
page = ArticlePage(title=f"Tin vừa duyệt {stamp}", slug=f"tin-vua-duyet-{stamp}",
                   lead="Vừa được Đoàn trường duyệt.", unit=model.unit, live=False)
column.add_child(instance=page)
page.save_revision(user=get_user_model().objects.get(username="btv")).publish()
print(page.title)
"""


def shell(env, code):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def fetch(base, path):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers={"User-Agent": "Mozilla/5.0 bench"})
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader("X-Cache-Status"), body
    finally:
        connection.close()


def with_wrk(url, seconds, connections):
    """(requests, errors, per second) from wrk's own report."""
    threads = min(2, connections)
    output = subprocess.run(
        [shutil.which("wrk"), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    done = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return done, errors, rate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default=str(ROOT / ".stack" / "env"), help="the stack's env file")
    parser.add_argument("--seconds", type=int, default=8, help="per page (default 8)")
    parser.add_argument("--connections", type=int, default=8, help="open connections (default 8)")
    args = parser.parse_args()
    if not Path(args.env).exists():  # `make bench` runs every script: say why, not fail
        print(f"skipped: no stack ({args.env} is missing; run `STACK_DEMO=1 make stack-up`)")
        return
    env = read_env_file(args.env)
    base = env["STACK_PROXY_URL"]
    tool = "wrk" if shutil.which("wrk") else "threads"

    def measure(path):
        if tool == "wrk":
            return with_wrk(base + path, args.seconds, args.connections)
        # serve.py's pool of blocking clients; the stack's proxy is on loopback like its gunicorn.
        return load(urlsplit(base).port, path, args.seconds, args.connections)

    article, published_in, other = shell(env, PAGES).split()
    pages = {
        "healthz": "/healthz",
        "article": article,
        "fbclid": article + "?fbclid=IwAR0benchmark",
        "utm": article + "?utm_source=zalo&utm_medium=share",
        "other column": other,
    }
    for path in pages.values():
        for _ in range(3):  # warm: renditions made, the proxy's copy stored
            status, _, _ = fetch(base, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    results = {name: measure(path) for name, path in pages.items()}

    # Publishing purges the column's copy: the first reader after it reaches the app.
    for _ in range(2):
        fetch(base, published_in)
    title = shell(env, PUBLISH)
    started = time.monotonic()
    status, cache, body = fetch(base, published_in)
    first = time.monotonic() - started
    shows = title.encode() in body
    results["column after publish"] = measure(published_in)
    _, other_cache, _ = fetch(base, other)

    print(f"through {base} ({tool}, {args.connections} connections, {args.seconds} s per page)")
    errors = print_rates(results)
    print(
        f"first load of the column after publishing: {status} {cache or '-'} in {first * 1000:.0f}"
        f" ms, shows the new article: {shows}; the other column: {other_cache}"
    )
    plain = results["article"][2] or 1
    print(f"utm/article: {results['utm'][2] / plain:.2f}")
    print(f"fbclid/article: {results['fbclid'][2] / plain:.2f}  errors: {errors}")


if __name__ == "__main__":
    main()
