"""Shared pieces of the benchmarks: Django set-up on a throwaway database, timing, figures.

Benchmarks print figures; they are not tests and assert nothing about speed. Each script
ends with one summary line that a note or CI log can quote.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url=None):
    """Point Django at a fresh SQLite file (or DATABASE_URL) and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    if database_url is None and "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="doan-bench-")
        database_url = f"sqlite:///{folder}/bench.sqlite3"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


@contextmanager
def timed(label, results):
    """Record wall time (s) and peak traced memory (MB) of the block under ``label``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[label] = (elapsed, peak / 1024 / 1024)
        print(f"{label:<40} {elapsed:8.3f} s   peak {peak / 1024 / 1024:8.1f} MB", flush=True)
