"""The deployed nginx configuration (deploy/nginx/front.conf.template) in front of gunicorn, as
in production: a client that forges X-Forwarded-For is still counted by the address nginx saw."""

import http.client
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
APP_PORT, PROXY_PORT = 8150, 8151  # this suite's own loopback ports


def deployed_location_block():
    """The `location /` block of the front nginx that deploy/ ships, which proxies the app."""
    text = (ROOT / "deploy" / "nginx" / "front.conf.template").read_text()
    block = re.search(r"^    location / \{\n.*?^    \}\n", text, re.S | re.M)
    assert block, "deploy/nginx/front.conf.template has no `location /` block"
    assert "$proxy_add_x_forwarded_for" in block.group(0)
    return block.group(0)


def wait_for(port, process, seconds=60):
    for _ in range(seconds * 10):
        if process.poll() is not None:
            raise AssertionError(f"the server on {port} stopped")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


def get(path, source="127.0.0.1", **headers):
    """GET through the proxy from a loopback address of our choice; the status."""
    client = http.client.HTTPConnection(
        "127.0.0.1", PROXY_PORT, timeout=60, source_address=(source, 0)
    )
    try:
        client.request("GET", path, headers=headers)
        return client.getresponse().status
    finally:
        client.close()


@pytest.fixture
def stack(tmp_path, transactional_db):
    if shutil.which("nginx") is None or connection.vendor != "sqlite":
        pytest.skip("needs nginx and the SQLite test database")
    database = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as target:
        connection.connection.backup(target)
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        "TRUSTED_PROXIES": "127.0.0.1",
        "CSRF_RATE_LIMIT": "3/m",
    }
    app_log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "-w", "1", "-b", f"127.0.0.1:{APP_PORT}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=app_log,
    )
    location = deployed_location_block().replace(
        "proxy_pass http://${CACHE_UPSTREAM};", f"proxy_pass http://127.0.0.1:{APP_PORT};"
    )
    (tmp_path / "nginx.conf").write_text(
        f"""
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    server {{
        listen 127.0.0.1:{PROXY_PORT};
        {location}
    }}
}}
"""
    )
    proxy = subprocess.Popen(  # noqa: S603
        [
            "/usr/sbin/nginx",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(APP_PORT, app)
        wait_for(PROXY_PORT, proxy)
        yield
    finally:
        print((tmp_path / "app.log").read_text()[-3000:])
        print((tmp_path / "error.log").read_text()[-2000:])
        for process in (proxy, app):
            process.terminate()
            process.wait(10)
        app_log.close()


# Outside a test transaction, so that SQLite's backup of the test database does not wait for
# the write lock an open BEGIN IMMEDIATE holds.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_forged_forwarded_for_through_the_deployed_proxy_is_counted_by_real_address(stack):
    answers = [
        get(
            "/api/csrf/",
            **{"X-Forwarded-For": f"10.9.9.{n}, 203.0.113.{n}", "User-Agent": f"Agent {n}"},
        )
        for n in range(5)
    ]
    assert answers == [200, 200, 200, 429, 429]
    # Another reader (another address reaching nginx) has a limit of their own.
    assert get("/api/csrf/", source="127.0.0.2") == 200
