"""Memory of reading each hostile member file (tests/data/hostile.py), refused or accepted.

Each file is read by `members.files.read_member_file` (what the admin and the command run
before any row is imported) in a forked child process, which reports its peak resident memory
above what it held when it started (VmHWM − VmRSS from /proc, so memory allocated by the Rust
reader counts too). Prints one line per kind, then the largest growth, and exits 1 when a file
costs more than the budget. Run with `.venv/bin/python bench/uploads.py [BUDGET_MB]`.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MB = float(sys.argv[1]) if len(sys.argv) > 1 else 150.0


def status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def reset_peak():
    # Writing 5 to clear_refs resets VmHWM to the current resident size (Linux ≥ 4.0).
    Path("/proc/self/clear_refs").write_text("5")


def measure(build):
    """(peak growth in MB, seconds, what happened) of reading the file ``build`` makes."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reads the file and reports
        os.close(read)
        from members.files import FileRefused, read_member_file

        name, content = build()
        reset_peak()
        baseline = status_kb("VmRSS")
        started = time.perf_counter()
        try:
            rows = read_member_file(name, content)
            result = f"accepted, {len(rows.rows)} rows"
        except FileRefused as refusal:
            result = f"refused at line {refusal.line}: {refusal.message[:70]}"
        elapsed = time.perf_counter() - started
        growth = (status_kb("VmHWM") - baseline) / 1024
        os.write(write, f"{growth:.1f}\t{elapsed:.2f}\t{result}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        report = pipe.read()
    _, code = os.waitpid(pid, 0)
    if not report:
        return float("inf"), 0.0, f"the reader died (status {code})"
    growth, elapsed, result = report.split("\t", 2)
    return float(growth), float(elapsed), result


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.utils import translation

    from tests.data.hostile import KINDS

    translation.activate("vi")
    worst = 0.0
    for kind, build in KINDS.items():
        growth, elapsed, result = measure(build)
        worst = max(worst, growth)
        print(f"{growth:7.1f} MB {elapsed:6.2f} s  {kind:<66} {result}", flush=True)
    print(f"largest growth: {worst:.1f} MB over {len(KINDS)} kinds (budget {BUDGET_MB:.0f} MB)")
    return 0 if worst <= BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
