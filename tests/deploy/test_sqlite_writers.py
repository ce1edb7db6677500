# ruff: noqa: S603  (runs manage.py and gunicorn from this checkout)
"""SQLite as a web server's database: readers who comment and count views at the same moment,
through gunicorn's worker processes, all get their answer (no "database is locked", no 500)."""

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from tests.deploy.servers import wait_until_ok

ROOT = Path(__file__).resolve().parents[2]
PORT = 8092  # this test's own port, inside the stack's range
WRITERS = 24

SETUP = """
from organisation.models import UnitKind
from tests.factories.columns import make_article, make_column
from tests.factories.organisation import UnitFactory
school = UnitFactory(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL, parent=None)
print(make_article(make_column(), school).pk)
"""
COUNT = """
from django.db.models import Sum
from columns.models import ArticleView, Comment
print(Comment.objects.count(), ArticleView.objects.aggregate(n=Sum("count"))["n"])
"""


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    if not shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")):
        pytest.skip("gunicorn is not installed")
    folder = tmp_path_factory.mktemp("sqlite-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "sqlite-writers-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CACHE_URL": "locmem://",
        "SECURE_SSL_REDIRECT": "false",
        "CSRF_COOKIE_SECURE": "false",
        "COMMENT_RATE_LIMIT": "1000",
        "CSRF_RATE_LIMIT": "1000/m",
        # Each reader comes from an address of their own, as the proxy reports it: a view is
        # counted once per address, so 24 readers behind one address would count once.
        "TRUSTED_PROXIES": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "WEB_CONCURRENCY": "4",
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("migrate", "--noinput", "-v0")
    article = int(manage("shell", "-c", SETUP).split()[-1])
    log = (folder / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [ROOT / ".venv" / "bin" / "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        if not wait_until_ok(f"{base}/healthz"):
            pytest.fail((folder / "gunicorn.log").read_text())
        yield base, article, lambda: manage("shell", "-c", COUNT).split()[-2:]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_concurrent_comments_and_view_counts_all_succeed(sqlite_site):
    base, article, counts = sqlite_site
    start = threading.Barrier(WRITERS)
    statuses = []

    def reader(number):
        with requests.Session() as session:
            token = session.get(f"{base}/api/csrf/", timeout=30).json()["token"]
            start.wait()
            comment = session.post(
                f"{base}/binh-luan/{article}/",
                data={"name": f"Bạn đọc {number}", "body": "Bài viết rất hay, cảm ơn chi đoàn."},
                headers={"X-CSRFToken": token, "Accept": "application/json", "Referer": base},
                timeout=60,
            )
            view = session.post(
                f"{base}/api/views/{article}/",
                headers={
                    "User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile",
                    "X-Forwarded-For": f"203.0.113.{number + 1}",
                },
                timeout=60,
            )
            statuses.append((comment.status_code, view.status_code))

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [(201, 200)] * WRITERS
    assert counts() == [str(WRITERS), str(WRITERS)]
