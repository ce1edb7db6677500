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
    port = stack.env["EMAIL_PORT"]
    log = (stack.dir / "log" / "smtp.log").open("ab")
    process = subprocess.Popen(  # noqa: S603 - the stack's own sink, as stack.sh starts it
        [sys.executable, "scripts/smtp_sink.py", "--port", port, "--folder", str(stack.mail)],
        cwd=stack.dir.parent,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # stack-down stops what the pid file names: the new sink, not the one we stopped.
    (stack.dir / "pids" / "smtp.pid").write_text(str(process.pid))
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
