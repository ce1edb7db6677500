# ruff: noqa: S603  (runs manage.py and gunicorn from this checkout)
"""SQLite as a web server's database: readers who comment and count views at the same moment,
and chapter secretaries who confirm their member imports at the same moment, through gunicorn's
worker processes, all get their answer (no "database is locked", no 500, no lost import)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.deploy.servers import wait_until_ok
from tests.members.conftest import csv_file, rows

ROOT = Path(__file__).resolve().parents[2]
PORT = 8092  # this test's own port, inside the stack's range
WRITERS = 24
IMPORTERS = 8  # chapter secretaries confirming at the same moment, through 4 workers
IMPORT_ROWS = 60

SETUP = """
from organisation.models import UnitKind
from tests.factories.columns import make_article, make_column
from tests.factories.organisation import UnitFactory
school = UnitFactory(code="DT", name="Đoàn trường", kind=UnitKind.SCHOOL, parent=None)
print(make_article(make_column(), school).pk)
"""
SECRETARIES = f"""
from organisation.models import Role, UnitKind, Unit
from tests.factories.organisation import UnitFactory, UnitRoleFactory, UserFactory
school = Unit.objects.get(code="DT")
for number in range({IMPORTERS}):
    chapter = UnitFactory(code=f"C{{number}}", name=f"Chi đoàn C{{number}}", parent=school)
    secretary = UserFactory(username=f"bithu{{number}}", password="mat-khau-bi-thu")
    UnitRoleFactory(user=secretary, unit=chapter, role=Role.EDITOR)
"""
MEMBERS = "from members.models import Member\nprint(Member.objects.count())"
COUNT = """
from django.db.models import Sum
from columns.models import ArticleView, Comment
print(Comment.objects.count(), ArticleView.objects.aggregate(n=Sum("count"))["n"])
"""


@contextmanager
def sqlite_server(folder, settings_module):
    """gunicorn with 4 workers on a fresh SQLite file: (address, manage)."""
    if not shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")):
        pytest.skip("gunicorn is not installed")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "SECRET_KEY": "sqlite-writers-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        # Production serves the admin's static files from a manifest, as after a deployment's
        # collectstatic; a clean checkout has none, so this server collects its own.
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_URL": "locmem://",
        "SECURE_SSL_REDIRECT": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SESSION_COOKIE_SECURE": "false",
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
    manage("collectstatic", "--noinput", "-v0")
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
        yield base, manage
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """The production settings' SQLite: WAL, IMMEDIATE transactions, a busy timeout."""
    with sqlite_server(tmp_path_factory.mktemp("sqlite-site"), "cms.settings.production") as (
        base,
        manage,
    ):
        article = int(manage("shell", "-c", SETUP).split()[-1])
        manage("shell", "-c", SECRETARIES)
        yield base, article, manage


def race_imports(base):
    """Each secretary signs in, previews a file for their chapter, then all confirm at once.
    Returns the state each import's page shows."""
    sessions = []
    for number in range(IMPORTERS):
        session = requests.Session()
        login = session.get(f"{base}/admin/login/", timeout=30)
        assert login.status_code == 200, f"the sign-in page answered {login.status_code}"
        session.post(
            f"{base}/admin/login/",
            data={
                "username": f"bithu{number}",
                "password": "mat-khau-bi-thu",
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            headers={"Referer": f"{base}/admin/login/"},
            timeout=30,
        )
        content = csv_file(*rows(IMPORT_ROWS, chapter=f"C{number}", start=number * 1000))
        preview = session.post(
            f"{base}/admin/members/import/",
            data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
            files={"file": (f"c{number}.csv", content, "text/csv")},
            headers={"Referer": f"{base}/admin/members/import/"},
            timeout=60,
        )
        confirm = re.search(r'action="(/admin/members/import/\d+/confirm/)"', preview.text)
        assert confirm, f"bithu{number}'s preview: {preview.status_code}"
        sessions.append((session, confirm.group(1)))

    start = threading.Barrier(IMPORTERS)
    states = []

    def confirm_import(session, path):
        start.wait()
        page = session.post(
            base + path,
            data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": base + path},
            timeout=120,
        )
        found = re.search(r'data-state="([a-z-]+)"', page.text)
        states.append(found.group(1) if found else page.status_code)

    threads = [threading.Thread(target=confirm_import, args=pair) for pair in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return states


def test_concurrent_comments_and_view_counts_all_succeed(sqlite_site):
    base, article, manage = sqlite_site
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
    assert manage("shell", "-c", COUNT).split()[-2:] == [str(WRITERS), str(WRITERS)]


def test_member_imports_confirmed_at_the_same_moment_all_go_in(sqlite_site):
    base, _, manage = sqlite_site
    assert race_imports(base) == ["done"] * IMPORTERS
    assert int(manage("shell", "-c", MEMBERS).split()[-1]) == IMPORTERS * IMPORT_ROWS
