import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "ALLOWED_HOSTS": "doan.example.vn",
    "CSRF_TRUSTED_ORIGINS": "https://doan.example.vn",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_manage(*args, env):
    clean_env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ALLOWED_HOSTS"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is required in production" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_demo_content_is_refused_in_production():
    result = run_manage("load_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "refused" in result.stderr


def test_cache_url_parsing():
    from cms.settings.env import cache_from_url

    redis = cache_from_url("redis://cache:6379/1?key_prefix=doan")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache:6379/1"
    assert redis["KEY_PREFIX"] == "doan"
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        cache_from_url("memcache://x")


def test_the_stacks_env_file_is_read_as_stack_sh_writes_it(tmp_path):
    """The stack journeys and bench/proxy.py read .stack/env to reach the running stack."""
    from cms.settings.env import read_env_file

    env = tmp_path / "env"
    env.write_text(
        "# written by scripts/stack.sh\n\nBASE_URL=http://127.0.0.1:8080\n"
        "DATABASE_URL=postgres://doan@%2Ftmp%2Fstack/doan?x=1\nEMPTY=\n",
        encoding="utf-8",
    )
    assert read_env_file(env) == {
        "BASE_URL": "http://127.0.0.1:8080",
        "DATABASE_URL": "postgres://doan@%2Ftmp%2Fstack/doan?x=1",
        "EMPTY": "",
    }


@pytest.mark.django_db
def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_fails_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
def test_admin_login_page_is_in_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Tên đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_gets_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
