"""Serve the site from a throwaway database and drive it with Debian's Chromium.

Shared by the browser tests (tests/browser/conftest.py) and `make screenshots`
(scripts/screenshots.py). Nothing here imports Django: the site runs in its own process
(gunicorn, as in production) on a temporary SQLite file holding the demo content, and is
reached only as a reader reaches it, over HTTP.
"""

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Playwright's own browser download does not work here: we drive the distribution's Chromium.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI and helpers run as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# axe-core, pinned in package.json and installed by `npm ci` (see the Makefile).
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# organisation.demo.DEMO_PASSWORD, repeated because this module runs without Django set up.
DEMO_PASSWORD = "doantruong2022"


def missing_browser():
    """Why a real browser cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


def missing_axe():
    """Why the accessibility checker cannot run here, or None when it can."""
    if not AXE_JS.exists():
        return f"{AXE_JS.relative_to(BASE_DIR)} is missing (run `npm ci`)"
    return None


def launch(playwright):
    """Headless Chromium from the distribution."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite:
    """The site served by gunicorn on a free loopback port, from a SQLite file in `workdir`."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.mail_dir = self.workdir / "mail"
        self.log_path = self.workdir / "server.log"
        self.process = None
        self.url = None
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
            "BROWSER_DB": str(self.workdir / "site.sqlite3"),
            "BROWSER_MEDIA": str(self.workdir / "media"),
            "BROWSER_MAIL": str(self.mail_dir),
            "BROWSER_BASE_URL": "http://127.0.0.1",
            "PYTHONWARNINGS": "ignore",  # the server's deprecation noise is not the tests' news
        }
        self.env.pop("DATABASE_URL", None)  # `make test-pg` sets it; this site stays on SQLite

    def manage(self, *args, timeout=600):
        """Run a management command against the site's database; return what it printed."""
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code):
        """Run Python in the site's Django (to set up or inspect what a browser cannot)."""
        return self.manage("shell", "--no-imports", "-v0", "-c", code)

    def prepare(self):
        """A fresh database with the demo content, as `make run` gives a new developer.

        Migrating and loading the demo takes tens of seconds, so the result is kept in the
        temp folder under a fingerprint of the code and reused until the code changes."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.mail_dir.mkdir(exist_ok=True)
        cached = Path(tempfile.gettempdir()) / f"doan-browser-demo-{code_fingerprint()}"
        if not cached.exists():
            forget_old_demos()
            building = Path(tempfile.mkdtemp(prefix="doan-browser-demo-building-"))
            builder = LiveSite(building)
            builder.manage("migrate", "--noinput", "-v0")
            builder.manage("load_demo")
            try:
                building.rename(cached)
            except OSError:  # another run built it meanwhile
                shutil.rmtree(building, ignore_errors=True)
        shutil.copy2(cached / "site.sqlite3", self.workdir / "site.sqlite3")
        if (cached / "media").exists():
            shutil.copytree(cached / "media", self.workdir / "media", dirs_exist_ok=True)
        return self

    def start(self, attempts=3):
        """Start gunicorn and wait until /healthz answers; retry if the port was taken."""
        for _ in range(attempts):
            port = free_port()
            self.url = f"http://127.0.0.1:{port}"
            self.env["BROWSER_BASE_URL"] = self.url
            with self.log_path.open("a") as log:
                self.process = subprocess.Popen(  # noqa: S603 (our own interpreter)
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "cms.wsgi:application",
                        f"--bind=127.0.0.1:{port}",
                        "--workers=1",
                        "--threads=4",
                        "--graceful-timeout=2",
                        "--no-control-socket",  # its default path is shared by every run
                    ],
                    cwd=BASE_DIR,
                    env=self.env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            if self._wait_until_healthy():
                return self
            self.stop()
        raise RuntimeError(f"the site did not start; its log:\n{self.log_tail()}")

    def _wait_until_healthy(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_tail(self, lines=60):
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def errors_logged(self):
        """Server errors (tracebacks, HTTP 500s) in the log so far."""
        if not self.log_path.exists():
            return []
        text = self.log_path.read_text(errors="replace")
        return re.findall(r"^.*(?:Traceback|Internal Server Error| 500 ).*$", text, re.M)

    def mails(self):
        """The notification emails sent so far, as raw text, oldest first."""
        return [path.read_text() for path in sorted(self.mail_dir.glob("*.log"))]


# What the demo database is built from: code, catalogues and the demo's own files, outside
# tests, docs and tools.
NOT_CODE = {"node_modules", "tests", "docs", "bench", "media", "staticfiles", "scripts"}
DATA = (".py", ".po", ".txt", ".csv", ".xlsx", ".jpg", ".jpeg", ".png", ".webp", ".pdf", ".docx")


def forget_old_demos(age=24 * 3600):
    """Remove demo databases built for code that changed more than a day ago."""
    for old in Path(tempfile.gettempdir()).glob("doan-browser-demo-*"):
        if time.time() - old.stat().st_mtime > age:
            shutil.rmtree(old, ignore_errors=True)


def code_fingerprint():
    """A hash of everything that shapes the demo database: models, migrations, demo modules
    and their files, settings, catalogues and pinned requirements."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(BASE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in NOT_CODE and d[0] not in "._")
        for name in sorted(files):
            if name.endswith(DATA):
                path = Path(root, name)
                digest.update(str(path.relative_to(BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def log_in(page, username, password=DEMO_PASSWORD):
    """Log in through the Wagtail admin's form, as a person would, and land on the dashboard."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def is_csp_violation(console_text):
    """Whether a console message is Chromium reporting a Content-Security-Policy violation."""
    return "Content Security Policy" in console_text and "Refused to" in console_text


def tab_to(page, locator, limit=60):
    """Press Tab until the locator has focus, as a keyboard user would; return how many
    presses it took, or raise if it is never reached (a control the keyboard cannot use)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{locator} is not reached with Tab after {limit} presses")


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core in the page and return its violations of the given impacts."""
    # Evaluated through the DevTools protocol rather than added as an inline <script>, which
    # the site's Content-Security-Policy rightly refuses.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in impacts]


def describe_violations(violations):
    """One readable paragraph per axe violation: rule, impact, what to fix, where."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary']!r}")
    return "\n".join(lines)
