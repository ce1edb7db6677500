"""Journeys against the live production-shaped stack, through its proxy (`make stack-test`).

They run only when STACK_ENV names the environment file `scripts/stack.sh up` wrote; a plain
`pytest` skips them. Setup the journeys cannot do as a reader (a page scheduled ahead, a backup)
goes through `manage.py` with the stack's own environment, as an operator would.
"""

import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
import requests

from cms.settings.env import read_env_file

ROOT = Path(__file__).resolve().parents[2]
PHONE = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Mobile Safari/537.36"
)
DESKTOP = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)


def pytest_configure(config):
    config.addinivalue_line("markers", "stack: a journey against the live stack (make stack-test)")


@pytest.fixture(scope="session")
def stack():
    path = os.environ.get("STACK_ENV")
    if not path or not Path(path).exists():
        pytest.skip("no live stack: `make stack-test` runs these journeys")
    env = read_env_file(path)

    def manage(*args, extra_env=None, check=True):
        result = subprocess.run(  # noqa: S603 - manage.py of this checkout
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**os.environ, **env, **(extra_env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stderr}")
        return result

    def shell(code, **kwargs):
        """Run Python in the stack's Django; the last line it prints is returned."""
        result = manage("shell", "-c", code, **kwargs)
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    return SimpleNamespace(
        env=env,
        base=env["BASE_URL"],
        proxy=env["STACK_PROXY_URL"],
        mail=Path(env["STACK_MAIL_DIR"]),
        dir=Path(env["STACK_DIR"]),
        manage=manage,
        shell=shell,
    )


@pytest.fixture
def browse(stack):
    """GET through the proxy as a reader's browser; every request of a journey answers within
    five seconds or the journey fails."""

    def get(path, agent=DESKTOP, **kwargs):
        url = urljoin(stack.proxy + "/", path)
        started = time.monotonic()
        response = requests.get(url, headers={"User-Agent": agent}, timeout=5, **kwargs)
        assert time.monotonic() - started < 5, url
        return response

    return get


class PageParts(HTMLParser):
    """The images, links and meta tags of a page."""

    def __init__(self):
        super().__init__()
        self.images, self.links, self.meta, self.canonical = [], [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            if attrs.get("src"):
                self.images.append(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.images.append(candidate.split()[0])
        elif tag == "source" and attrs.get("srcset"):
            self.images += [c.split()[0] for c in attrs["srcset"].split(",") if c.strip()]
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "meta" and attrs.get("property"):
            self.meta[attrs["property"]] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")


def parse(html):
    parts = PageParts()
    parts.feed(html)
    return parts


def first_article_path(stack, with_photo=False):
    """The newest live Vietnamese article's path (the newest with a hero photo, if asked)."""
    photo = ".filter(hero_image__isnull=False)" if with_photo else ""
    return stack.shell(
        "from columns.models import ArticlePage\n"
        "print(ArticlePage.objects.live().public().filter(locale__language_code='vi')"
        f"{photo}.order_by('-first_published_at').first().get_url())"
    )
