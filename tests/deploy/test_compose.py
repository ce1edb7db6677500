"""compose.yaml's shape (Docker is not available here): it scales, migrates once, runs the
worker and the scheduler, and runs the very deploy/ files the native stack runs."""

import ipaddress
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def mounts(service):
    return {volume.split(":")[0]: volume.split(":")[1] for volume in service.get("volumes", [])}


def test_the_app_has_no_host_port_so_it_can_scale(services):
    assert "ports" not in services["app"]
    assert [name for name, service in services.items() if "ports" in service] == ["proxy"]


def test_migrations_run_once_before_the_processes_that_need_them(services):
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("app", "worker", "scheduler"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name
    entrypoint = (ROOT / "deploy" / "entrypoint.sh").read_text()
    migrate_step = entrypoint.split("migrate)")[1].split(";;")[0]
    assert "manage.py migrate" in migrate_step and "set_site_url" in migrate_step
    assert "manage.py migrate" not in entrypoint.split("web)")[1].split(";;")[0]


def test_worker_and_scheduler_are_services(services):
    assert services["worker"]["command"] == ["worker"]
    assert services["scheduler"]["command"] == ["scheduler"]
    entrypoint = (ROOT / "deploy" / "entrypoint.sh").read_text()
    assert "manage.py db_worker" in entrypoint
    assert "manage.py run_scheduler" in entrypoint


def test_request_path_is_proxy_cache_balancer_app(services):
    assert services["proxy"]["environment"]["CACHE_UPSTREAM"] == "cache:80"
    assert services["balancer"]["environment"]["APP_UPSTREAM"] == "app:8000"
    backend = (ROOT / "deploy" / "varnish" / "compose-backend.vcl").read_text()
    assert re.search(r'\.host = "balancer";\s*\.port = "8000";', backend)
    assert services["app"]["environment"]["FRONTEND_CACHE_PURGE_URL"] == "http://cache:80"


def test_the_same_deploy_files_as_the_native_stack_are_mounted(services):
    stack = (ROOT / "scripts" / "stack.sh").read_text()
    templates = "/etc/nginx/templates/default.conf.template"
    assert mounts(services["proxy"])["./deploy/nginx/front.conf.template"] == templates
    assert mounts(services["balancer"])["./deploy/nginx/balancer.conf.template"] == templates
    assert mounts(services["cache"])["./deploy/varnish/default.vcl"] == "/etc/varnish/default.vcl"
    for name in ("app", "worker", "scheduler", "migrate"):
        assert mounts(services[name])["./deploy"] == "/app/deploy", name
    for used in ("front.conf.template", "balancer.conf.template", "default.vcl", "entrypoint.sh"):
        assert used in stack, used
    for process in ("web", "worker", "scheduler", "migrate"):
        assert f"deploy/entrypoint.sh {process}" in stack, process
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["/app/deploy/entrypoint.sh"]' in dockerfile


def test_gunicorn_trusts_forwarded_headers_from_the_balancer_only(compose, services):
    trusted = services["app"]["environment"]["FORWARDED_ALLOW_IPS"]
    assert trusted == services["balancer"]["networks"]["internal"]["ipv4_address"]
    assert "*" not in (ROOT / "deploy" / "gunicorn.conf.py").read_text().split("forwarded_allow")[1]
    internal = compose["networks"]["internal"]["ipam"]["config"][0]
    address = ipaddress.ip_address(trusted)
    assert address in ipaddress.ip_network(internal["subnet"])
    # Outside the pool Docker hands out, so no other container can take the address first.
    assert address not in ipaddress.ip_network(internal["ip_range"])
    # Purges come only from the app network; the proxy (readers) sits on another one.
    backend = (ROOT / "deploy" / "varnish" / "compose-backend.vcl").read_text()
    assert '"172.30.0.0"/24' in backend and internal["subnet"] == "172.30.0.0/24"
    assert services["proxy"]["networks"] == ["front"]


def test_media_and_static_are_volumes_the_proxy_serves(services):
    proxy = mounts(services["proxy"])
    assert proxy["media"] == "/srv/media" and services["proxy"]["environment"]["MEDIA_ROOT"] == (
        "/srv/media"
    )
    assert proxy["static"] == "/srv/static"
    assert mounts(services["app"])["media"] == "/app/media"
    assert mounts(services["app"])["static"] == "/app/staticfiles"
