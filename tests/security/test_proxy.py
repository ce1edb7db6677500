"""The documented nginx configuration (docs/deploy.md) in front of gunicorn, as in production:
a client that forges X-Forwarded-For is still counted by the address nginx saw."""

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


def documented_location_block():
    """The nginx `location` block docs/deploy.md tells the reader to use."""
    text = (ROOT / "docs" / "deploy.md").read_text()
    for block in re.findall(r"```nginx\n(.*?)```", text, re.S):
        if "proxy_add_x_forwarded_for" in block:
            return block
    raise AssertionError("docs/deploy.md shows no nginx block setting X-Forwarded-For")


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
def stack(tmp_path, db):
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
    location = documented_location_block().replace(
        "proxy_pass http://127.0.0.1:8000;", f"proxy_pass http://127.0.0.1:{APP_PORT};"
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


def test_forged_forwarded_for_through_the_documented_proxy_is_counted_by_real_address(stack):
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
