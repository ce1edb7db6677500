"""With the SMTP server down, an assignment is still saved and the site answers normally; the
mail goes out once the server is back (the task worker retries it)."""

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.stack

ASSIGN = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from directives.assignments import assign, assignable_units
from directives.models import Assignment, DirectivePage
from directives.rules import SCOPE_UNIT
admin = get_user_model().objects.get(username="admin")
document = DirectivePage.objects.live().filter(locale__language_code="vi").first()
unit = assignable_units(document).exclude(directive_assignments__document=document).first()
deadline = timezone.localdate() + datetime.timedelta(days=7)
assign(document, unit, SCOPE_UNIT, deadline, admin)
print(Assignment.objects.filter(document=document, unit=unit).count(), document.url)
"""


def start_sink(stack):
    """Start the SMTP sink again, as stack.sh does, in its own session and outliving this test:
    stack-down stops what the pid file names, so it names the new sink."""
    started = subprocess.run(  # noqa: S603 - the stack's own sink
        [  # noqa: S607 - bash from PATH, as make runs stack.sh
            "bash",
            "-c",
            'setsid "$0" scripts/smtp_sink.py --port "$1" --folder "$2" >>"$3" 2>&1 </dev/null '
            "& echo $!",
            sys.executable,
            stack.env["EMAIL_PORT"],
            str(stack.mail),
            str(stack.dir / "log" / "smtp.log"),
        ],
        cwd=stack.dir.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    (stack.dir / "pids" / "smtp.pid").write_text(started.stdout.strip())
    time.sleep(1)


def test_smtp_outage_never_loses_an_assignment(stack, browse):
    pid_file = stack.dir / "pids" / "smtp.pid"
    os.kill(int(pid_file.read_text()), signal.SIGTERM)
    time.sleep(1)
    sent_before = set(stack.mail.glob("*.eml"))
    try:
        result = stack.manage("shell", "-c", ASSIGN, check=False)
        assert result.returncode == 0, result.stderr  # no error reaches the person assigning
        saved, path = result.stdout.strip().splitlines()[-1].split()
        assert saved == "1"
        assert browse(path).status_code == 200
        assert browse("/").status_code == 200
    finally:
        start_sink(stack)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (set(stack.mail.glob("*.eml")) - sent_before):
        time.sleep(2)
    assert set(stack.mail.glob("*.eml")) - sent_before, "no mail after the SMTP server came back"
