"""/healthz answers 200 only when a real table can be read and, with Redis, the cache answers;
a load balancer takes the process out otherwise."""

import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_PORT = 8141  # this suite's own loopback port

# Runs in its own process against a copy of the test database, as gunicorn would.
PROBE = """
import os, sys
import django
django.setup()
from django.test import Client
path = sys.argv[1]
client = Client()
print("fresh", client.get("/healthz").status_code)
os.rename(path, path + ".moved")
print("renamed", client.get("/healthz").status_code)
os.remove(path)  # the empty file SQLite made in its place
with open(path, "wb") as junk:
    junk.write(os.urandom(8192))
print("junk", client.get("/healthz").status_code)
"""


# Outside a test transaction: SQLite's backup waits for the write lock that an open
# `BEGIN IMMEDIATE` (our transaction mode) holds.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_healthz_fails_when_the_sqlite_file_is_renamed_or_junk(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the file cases are about SQLite")
    copy = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", PROBE, str(copy)],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"sqlite:///{copy}",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "fresh 200" in lines
    assert "renamed 503" in lines
    assert "junk 503" in lines


@pytest.mark.django_db
def test_healthz_fails_when_the_database_has_no_tables(client):
    # An empty database answers SELECT 1 but not the page tree.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE wagtailcore_site RENAME TO wagtailcore_site_away")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    process = subprocess.Popen(  # noqa: S603
        [binary, "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", ""],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", REDIS_PORT)) == 0:
                    break
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{REDIS_PORT}/0"
    finally:
        process.terminate()
        process.wait(10)


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "healthz-test",
        }
    }


@pytest.mark.django_db
def test_healthz_reaches_a_live_redis(client, redis_server):
    with override_settings(CACHES=redis_cache(redis_server)):
        response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db
def test_healthz_fails_when_redis_is_down(client):
    # Nothing listens on this port of ours: the cache every page uses is gone.
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{REDIS_PORT + 1}/0")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"cache unavailable\n"


def test_a_probe_never_reads_back_another_probes_key(redis_server, monkeypatch):
    """Probes at the same moment (the balancer's, a monitor's, under load) each read back their
    own key: a second probe landing between the first one's write and read must not make the
    first report the cache down, as it did under wrk (2 of 30 concurrent probes answered 503)."""
    from django.core.cache import caches

    from cms.views import _cache_answers

    with override_settings(CACHES=redis_cache(redis_server)):
        cache = caches["default"]
        write = cache.set
        second = []

        def write_then_let_another_probe_in(*args, **kwargs):
            write(*args, **kwargs)
            if not second:
                second.append(None)
                second[0] = _cache_answers()

        monkeypatch.setattr(cache, "set", write_then_let_another_probe_in)
        assert _cache_answers() is True
    assert second == [True]
