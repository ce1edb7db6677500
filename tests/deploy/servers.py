"""Starting and waiting for the real servers the deployment tests run."""

import time

import requests


def wait_until_ok(url, seconds=60):
    """True once ``url`` answers 200, False if it has not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return True
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    return False
