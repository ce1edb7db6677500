"""Requests per second of the public pages, served the way production serves them.

Builds the demo content on a throwaway SQLite file, starts gunicorn (production settings,
2 workers, loopback only), then loads the home page, a column, an article and /healthz in
turn for a fixed time each with a small thread pool, and prints each rate next to /healthz's
from the same run. A cached article at half of /healthz's rate or better is the goal.

Usage: .venv/bin/python bench/serve.py [--seconds 8] [--threads 4] [--port N]
Ends with: article/healthz: R errors: N
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def environment(folder):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
        MEDIA_ROOT=str(Path(folder) / "media"),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; TLS is the proxy's job
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, settings, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )


def demo_site(prefix):
    """The demo content on a throwaway SQLite file, static files collected: the environment
    that serves it (bench/render.py uses it too)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    env = environment(folder)
    print(f"Demo data on {folder}/bench.sqlite3 …", flush=True)
    manage(env, "cms.settings.dev", "migrate", "--no-input")
    manage(env, "cms.settings.dev", "load_demo")
    manage(env, "cms.settings.production", "collectstatic", "--no-input")
    return env


def fetch(port, path, timeout=10):
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "Mozilla/5.0 bench"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache")
    finally:
        connection.close()


def wait_until_up(port, deadline):
    while time.monotonic() < deadline:
        try:
            if fetch(port, "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start in time")


def load(port, path, seconds, threads):
    """Requests from ``threads`` clients for ``seconds``: (done, errors, per second)."""
    stop = time.monotonic() + seconds
    counts = [[0, 0] for _ in range(threads)]

    def client(slot):
        while time.monotonic() < stop:
            try:
                status, _ = fetch(port, path)
                counts[slot][0] += 1
                if status != 200:
                    counts[slot][1] += 1
            except OSError:
                counts[slot][1] += 1

    started = time.monotonic()
    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 15)
    elapsed = time.monotonic() - started
    done = sum(c[0] for c in counts)
    errors = sum(c[1] for c in counts)
    return done, errors, done / elapsed


def print_rates(results):
    """The table of ``load`` results, {page: (requests, errors, req/s)}, each page beside
    /healthz's rate; returns the errors in all."""
    health = results["healthz"][2] or 1
    width = max(len(name) for name in results) + 2
    print(f"{'page':<{width}}{'requests':>10}{'errors':>8}{'req/s':>10}{'/healthz':>10}")
    for name, (done, errors, rate) in results.items():
        print(f"{name:<{width}}{done:>10}{errors:>8}{rate:>10.1f}{rate / health:>10.2f}")
    return sum(errors for _done, errors, _rate in results.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="per page (default 8)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (default: a free one)")
    args = parser.parse_args()

    env = demo_site("doan-bench-serve-")

    port = args.port or free_port()
    server = subprocess.Popen(
        [
            GUNICORN,
            "cms.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
        start_new_session=True,
    )
    try:
        wait_until_up(port, time.monotonic() + 60)
        article = "/mot-ngay-mot-tin-tot/chu-nhat-xanh-khu-ky-tuc-xa/"
        column = "/mot-ngay-mot-tin-tot/"
        pages = {
            "home": "/",
            "column": column,
            "article": article,
            "healthz": "/healthz",
            # A shared link: Facebook adds fbclid, which the page cache ignores.
            "fbclid": article + "?fbclid=IwAR0bench",
            # The same pages past the cache (an unknown query parameter is never cached): what
            # a logged-in editor or the first reader after publishing waits for.
            "uncached-article": article + "?nocache=1",
            "uncached-column": column + "?nocache=1",
            "uncached-home": "/?nocache=1",
        }
        for name, path in pages.items():
            # Warm each worker: renditions made and the page stored in its cache.
            for _ in range(6):
                status, cache = fetch(port, path, timeout=60)
            if status != 200:
                raise SystemExit(f"{name} {path} answered {status}")
            print(f"  {name:<16} {path}  (cache: {cache or '-'})", flush=True)

        results = {}
        for name, path in pages.items():
            results[name] = load(port, path, args.seconds, args.threads)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)

    print(f"\n{args.threads} clients, {args.seconds:g} s per page, gunicorn 2 workers")
    total_errors = print_rates(results)
    ratio = results["article"][2] / (results["healthz"][2] or 1)
    shared = results["fbclid"][2] / (results["article"][2] or 1)
    print(f"fbclid/article: {shared:.2f}")
    print(f"article/healthz: {ratio:.2f} errors: {total_errors}")


if __name__ == "__main__":
    main()
