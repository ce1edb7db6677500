# ruff: noqa: S603, S607  (runs the real nginx and varnishd, found on PATH as the stack does)
"""The proxy of the stack and of compose (deploy/nginx, deploy/varnish), run for real in front
of a stand-in app: what it caches, what it never caches, who may purge, what the app is told."""

import http.client
import http.server
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest
import requests

from tests.deploy.servers import wait_until_ok

ROOT = Path(__file__).resolve().parents[2]
APP, CACHE, BALANCER, FRONT = 8093, 8094, 8095, 8096  # inside the stack's range of ports
BASE = f"http://127.0.0.1:{FRONT}"

pytestmark = pytest.mark.skipif(
    not (
        shutil.which("nginx", path="/usr/sbin:/usr/bin")
        and shutil.which("varnishd", path="/usr/sbin:/usr/bin")
    ),
    reason="nginx and varnish are not installed (apt-get install nginx varnish)",
)


class StandIn(http.server.BaseHTTPRequestHandler):
    """Answers like the app would, with the caching headers the path asks for, and says what
    it was sent and how many times it was asked."""

    calls = {}

    def do_GET(self):
        path = self.path.split("?")[0]
        StandIn.calls[path] = StandIn.calls.get(path, 0) + 1
        body = json.dumps(
            {
                "calls": StandIn.calls[path],
                "url": self.path,
                "cookie": self.headers.get("Cookie"),
                "forwarded_for": self.headers.get("X-Forwarded-For"),
                "proto": self.headers.get("X-Forwarded-Proto"),
                "host": self.headers.get("Host"),
            }
        ).encode()
        self.send_response(200)
        if path.startswith("/public"):
            self.send_header("Cache-Control", "max-age=300")
        elif path.startswith("/private"):
            self.send_header("Cache-Control", "private, max-age=300")
        elif path.startswith("/sets-cookie"):
            self.send_header("Cache-Control", "max-age=300")
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.send_header("Vary", "Accept-Language, Cookie")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def render(template, output, **names):
    subprocess.run(
        ["sh", "deploy/nginx/render.sh", template, str(output)],
        cwd=ROOT,
        env={**os.environ, **names},
        check=True,
    )


@pytest.fixture(scope="module")
def proxy():
    # Not pytest's tmp_path: its parents are private to root, and nginx's workers run as nobody.
    folder = Path(tempfile.mkdtemp(prefix="doan-proxy-test-"))
    folder.chmod(0o755)
    (folder / "static" / "css").mkdir(parents=True)
    (folder / "static" / "css" / "site.0123456789ab.css").write_text("body{}")
    (folder / "media" / "images").mkdir(parents=True)
    (folder / "media" / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "media" / "documents").mkdir()
    (folder / "media" / "documents" / "secret.pdf").write_bytes(b"%PDF-1.4")
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "nginx" / temp).mkdir(parents=True)
    (folder / "log").mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder / "nginx", "nobody")
        for temp in (folder / "nginx").iterdir():
            shutil.chown(temp, "nobody")
    (folder / "backend.vcl").write_text(
        f'backend default {{ .host = "127.0.0.1"; .port = "{BALANCER}"; }}\n'
        'acl purgers { "127.0.0.2"; }\n'  # the stand-in app's address in this test
    )
    render(
        "deploy/nginx/front.conf.template",
        folder / "nginx" / "front.conf",
        PROXY_LISTEN=f"127.0.0.1:{FRONT}",
        CACHE_UPSTREAM=f"127.0.0.1:{CACHE}",
        STATIC_ROOT=str(folder / "static"),
        MEDIA_ROOT=str(folder / "media"),
    )
    render(
        "deploy/nginx/balancer.conf.template",
        folder / "nginx" / "balancer.conf",
        BALANCER_LISTEN=f"127.0.0.1:{BALANCER}",
        APP_UPSTREAM=f"127.0.0.1:{APP}",
    )
    render(
        "deploy/nginx/native.conf.template", folder / "nginx" / "nginx.conf", STACK_DIR=str(folder)
    )

    app = http.server.ThreadingHTTPServer(("127.0.0.1", APP), StandIn)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    log = (folder / "log" / "processes.log").open("wb")
    processes = [
        subprocess.Popen(
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-a",
                f"127.0.0.1:{CACHE}",
                "-T",
                "none",
                "-s",
                "malloc,16m",
                "-n",
                str(folder / "varnish"),
                "-p",
                f"vcl_path={folder}:{ROOT / 'deploy' / 'varnish'}",
                "-f",
                "default.vcl",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        subprocess.Popen(
            [
                "nginx",
                "-c",
                str(folder / "nginx" / "nginx.conf"),
                "-p",
                str(folder / "nginx"),
                "-g",
                "daemon off;",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
    ]
    try:
        if not wait_until_ok(f"{BASE}/ready", seconds=30):
            pytest.fail((folder / "log" / "processes.log").read_text())
        yield folder
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        log.close()
        app.shutdown()
        app.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def get(path, **kwargs):
    response = requests.get(BASE + path, timeout=10, **kwargs)
    return response, response.json() if "json" in response.headers.get("Content-Type", "") else None


def test_tracking_parameters_share_the_cached_copy(proxy):
    first, seen = get("/public/article/?fbclid=IwAR0abc")
    assert first.headers["X-Cache-Status"] == "MISS"
    assert seen["url"] == "/public/article/?fbclid=IwAR0abc"  # the app still gets the link as sent
    for link in (
        "/public/article/",
        "/public/article/?utm_source=zalo&utm_medium=social",
        "/public/article/?zarsrc=30&gclid=x&fbclid=y",
    ):
        response, seen = get(link)
        assert response.headers["X-Cache-Status"] == "HIT", link
        assert seen["calls"] == 1
    # A listing's own page number is a different page.
    response, seen = get("/public/article/?page=2&fbclid=z")
    assert response.headers["X-Cache-Status"] == "MISS"
    assert get("/public/article/?page=2")[0].headers["X-Cache-Status"] == "HIT"


def test_readers_cookies_never_reach_a_shared_copy(proxy):
    response, seen = get("/public/cookies/", cookies={"csrftoken": "mine", "_ga": "GA1.1"})
    assert seen["cookie"] is None  # stored without anyone's cookies
    response, seen = get("/public/cookies/", cookies={"csrftoken": "other"})
    assert response.headers["X-Cache-Status"] == "HIT"
    # An editor (session) or a reader with a flash message goes to the app with their cookies.
    for cookie in ({"sessionid": "s3ss10n"}, {"messages": "m"}):
        response, seen = get("/public/cookies/", cookies=cookie)
        assert response.headers["X-Cache-Status"] == "PASS"
        assert seen["cookie"] == "{}={}".format(*next(iter(cookie.items())))


@pytest.mark.parametrize("path", ["/private/", "/sets-cookie/", "/no-cache-control/"])
def test_what_the_app_does_not_share_is_never_stored(proxy, path):
    get(path)
    response, seen = get(path)
    assert response.headers["X-Cache-Status"] != "HIT"
    assert seen["calls"] == 2


def test_posts_are_passed_with_their_cookies(proxy):
    response = requests.post(f"{BASE}/public/form/", cookies={"csrftoken": "t"}, timeout=10)
    assert response.status_code == 501  # the stand-in has no POST; it reached the app
    assert response.headers["X-Cache-Status"] == "PASS"


def purge(path, source):
    connection = http.client.HTTPConnection(
        "127.0.0.1", CACHE, timeout=10, source_address=(source, 0)
    )
    connection.request("PURGE", path, headers={"Host": f"127.0.0.1:{FRONT}"})
    status = connection.getresponse().status
    connection.close()
    return status


def test_only_the_app_may_purge_and_a_purge_refreshes_the_page(proxy):
    get("/public/column/")
    assert get("/public/column/")[0].headers["X-Cache-Status"] == "HIT"
    # Readers cannot purge: not through nginx, not from another address.
    assert requests.request("PURGE", f"{BASE}/public/column/", timeout=10).status_code == 405
    assert purge("/public/column/", "127.0.0.1") == 405
    assert get("/public/column/")[0].headers["X-Cache-Status"] == "HIT"
    # The app's address purges what Wagtail names; the next reader gets a fresh copy.
    assert purge("/public/column/", "127.0.0.2") == 200
    response, seen = get("/public/column/?fbclid=after")
    assert response.headers["X-Cache-Status"] == "MISS"
    assert seen["calls"] == 2


def test_the_app_sees_the_reader_as_the_right_most_forwarded_address(proxy):
    _, seen = get("/plain/", headers={"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "https"})
    assert seen["forwarded_for"].split(",")[-1].strip() == "127.0.0.1"  # not the forged hop
    assert seen["proto"] == "http"  # the proxy's own scheme, never the reader's claim
    assert seen["host"] == f"127.0.0.1:{FRONT}"


def test_static_and_media_come_from_disk(proxy):
    hashed = requests.get(f"{BASE}/static/css/site.0123456789ab.css", timeout=10)
    assert hashed.status_code == 200
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    image = requests.get(f"{BASE}/media/images/a.png", timeout=10)
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    # Documents go through Wagtail's view, which applies privacy: never straight from disk.
    assert requests.get(f"{BASE}/media/documents/secret.pdf", timeout=10).status_code == 404
