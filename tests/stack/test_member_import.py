"""A 20,000-row member file through the proxy, as the office sends it: checked, then imported,
by the background worker with the progress visible, and no request of the journey takes five
seconds. The worker killed half-way through the import leaves nothing written; the import's
page says it failed, and once a worker runs again the same import runs to the end."""

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from urllib.parse import urljoin

import pytest
import requests
from django_otp.oath import totp

pytestmark = pytest.mark.stack

ROWS = 20_000
LOGIN = ("quanly", "doantruong2022")  # the demo's member manager for the whole school
FAMILY = ("Lò", "Quàng", "Cà", "Lường", "Giàng", "Vàng", "Nguyễn", "Tòng")
MIDDLE = ("Văn", "Thị", "A", "Thị Thu", "Minh", "Ngọc")
GIVEN = ("Tú", "Hạnh", "Dũng", "Pà", "Sinh", "Xuân", "Hương", "Thắng", "Mai", "Chứ")
# The member manager's authenticator app, as enrolment leaves it (a known key for the test).
OTP_KEY = "3132333435363738393031323334353637383930"
ENROL = f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
user = get_user_model().objects.get(username="{LOGIN[0]}")
TOTPDevice.objects.filter(user=user).delete()
TOTPDevice.objects.create(user=user, name="app", key="{OTP_KEY}", confirmed=True)
print("ok")
"""
COUNT_MEMBERS = "from members.models import Member\nprint(Member.objects.count())"
CHAPTERS = (
    "from organisation.models import Unit\n"
    "print(' '.join(Unit.objects.chapters().values_list('code', flat=True)))"
)


class Office:
    """The member manager's browser: a session through the proxy, every request timed."""

    def __init__(self, stack):
        self.base = stack.proxy
        self.session = requests.Session()
        self.slowest = 0.0

    def request(self, method, path, **kwargs):
        started = time.monotonic()
        response = self.session.request(method, urljoin(self.base + "/", path), timeout=5, **kwargs)
        self.slowest = max(self.slowest, time.monotonic() - started)
        assert response.status_code < 500, (path, response.status_code)
        return response

    def post(self, path, **kwargs):
        token = self.session.cookies.get("csrftoken")
        headers = {"X-CSRFToken": token, "Referer": urljoin(self.base + "/", path)}
        return self.request("POST", path, headers=headers, **kwargs)

    def log_in(self, username, password, otp_key):
        """The password, then the code of the authenticator app (member managers must)."""
        self.request("GET", "/admin/login/")
        response = self.post("/admin/login/", data={"username": username, "password": password})
        assert "/admin/login/" not in response.url, "the member manager could not sign in"
        if "/two-factor/verify/" in response.url:
            code = f"{totp(bytes.fromhex(otp_key)):06d}"
            response = self.post(response.url, data={"code": code})
        assert "/two-factor/" not in response.url, "the code was refused"


def member_file(office, chapters):
    """The office's CSV template, filled with ROWS members spread over the demo's chapters."""
    template = office.request("GET", "/admin/members/import/template/csv/").content.decode(
        "utf-8-sig"
    )
    header = next(line for line in csv.reader(io.StringIO(template)) if not line[0].startswith("#"))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for number in range(ROWS):
        row = {
            "Mã đoàn viên": f"NHAP{number:05d}",
            "Họ và tên": " ".join(
                (FAMILY[number % 8], MIDDLE[number // 8 % 6], GIVEN[number // 48 % 10])
            ),
            "Ngày sinh": "01/02/2005",
            "Giới tính": "Nam" if number % 2 else "Nữ",
            "Dân tộc": "Thái",
            "Chi đoàn": chapters[number % len(chapters)],
            "Ngày vào Đoàn": "26/03/2020",
            "Số thẻ đoàn": f"N{number:06d}",
            "Số điện thoại": f"09{number:08d}",
            "Email": f"nhap{number}@example.com",
            "Đảng viên": "Không",
            "Đã cập nhật trên ứng dụng Thanh niên Việt Nam": "Không",
            "Trạng thái": "Đang sinh hoạt",
        }
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8")


def state(page):
    return re.search(r'id="import-result" data-state="([a-z-]+)"', page).group(1)


def rows_checked(page):
    found = re.search(r"Đã kiểm tra ([\d.,]+) / ([\d.,]+) dòng", page)
    return int(re.sub(r"\D", "", found.group(1))) if found else 0


def wait_for(office, path, done, seconds=240):
    """Reload the import's page, as it reloads itself, until ``done(page)``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = office.request("GET", path).text
        if done(page):
            return page
        assert state(page) != "refused", re.findall(r"<tr><td>\d+</td>.*?</tr>", page)[:3]
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting; the page said {state(page)!r}")


def start_worker(stack):
    """Start a worker again as stack.sh does; stack-down stops what the pid file names."""
    started = subprocess.run(  # noqa: S603 - the stack's own worker
        [  # noqa: S607 - bash from PATH, as make runs stack.sh
            "bash",
            "-c",
            'setsid sh deploy/entrypoint.sh worker >>"$0" 2>&1 </dev/null & echo $!',
            str(stack.dir / "log" / "worker.log"),
        ],
        cwd=stack.dir.parent,
        env={
            **os.environ,
            **stack.env,
            "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    (stack.dir / "pids" / "worker.pid").write_text(started.stdout.strip())


def test_a_20000_row_import_survives_its_worker_being_killed(stack):
    before = int(stack.shell(COUNT_MEMBERS))
    office = Office(stack)
    stack.shell(ENROL)
    office.log_in(*LOGIN, otp_key=OTP_KEY)
    content = member_file(office, stack.shell(CHAPTERS).split())

    # The upload only reads the file; the check runs in the background, then the preview.
    response = office.post(
        "/admin/members/import/", files={"file": ("doan-vien-2026.csv", content, "text/csv")}
    )
    status_path = response.url
    refusal = re.search(
        r'role="alert".*?</table>|class="error-message".*?</p>', response.text, re.S
    )
    assert re.search(r"/admin/members/import/\d+/$", status_path), refusal and refusal.group(0)
    page = wait_for(office, status_path, lambda page: state(page) == "previewed")
    assert "20.000 đoàn viên mới" in page or "20000 đoàn viên mới" in page
    confirm_path = re.search(r'action="(/admin/members/import/\d+/confirm/)"', page).group(1)

    # Confirmed: the worker imports; the page shows the rows checked as it goes.
    office.post(confirm_path)
    page = wait_for(office, status_path, lambda page: rows_checked(page) >= 2_000)
    assert state(page) == "running" and rows_checked(page) < ROWS

    # The worker dies half-way. Nothing of its transaction is kept.
    os.kill(int((stack.dir / "pids" / "worker.pid").read_text()), signal.SIGKILL)
    page = wait_for(office, status_path, lambda page: state(page) == "failed", seconds=120)
    assert "Chạy lại việc nhập" in page
    assert int(stack.shell(COUNT_MEMBERS)) == before

    # A worker again, and the person runs the same import again: all of it goes in.
    start_worker(stack)
    office.post(confirm_path)
    page = wait_for(office, status_path, lambda page: state(page) == "done", seconds=300)
    assert "20.000 đoàn viên mới" in page or "20000 đoàn viên mới" in page
    assert int(stack.shell(COUNT_MEMBERS)) == before + ROWS
    assert office.slowest < 5, f"the slowest request took {office.slowest:.1f} s"
