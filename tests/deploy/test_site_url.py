"""One public address: the default Wagtail Site follows BASE_URL."""

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

pytestmark = pytest.mark.django_db


def default_site():
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    """The deployment checks as production runs them: with two-factor sign-in required (the
    test settings turn it off, and cms.W004 would say so)."""
    settings.TWO_FACTOR_REQUIRED = True


def deploy_warnings():
    return [m for m in run_checks(include_deployment_checks=True) if m.id.startswith("cms.")]


def test_migrated_site_starts_as_localhost_and_the_check_names_the_fix(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://doan.example.vn"
    assert (default_site().hostname, default_site().port) == ("localhost", 80)
    [warning] = deploy_warnings()
    assert warning.id == "cms.W001"
    assert "localhost:80" in warning.msg and "https://doan.example.vn" in warning.msg
    assert "set_site_url" in warning.hint


def test_command_sets_the_site_from_base_url_and_the_check_is_quiet(settings, capsys):
    settings.WAGTAILADMIN_BASE_URL = "https://doan.example.vn"
    call_command("set_site_url")
    site = default_site()
    assert (site.hostname, site.port) == ("doan.example.vn", 443)
    assert site.root_url == "https://doan.example.vn"
    assert "now doan.example.vn:443" in capsys.readouterr().out
    assert deploy_warnings() == []
    # A page's full URL, which canonical and share links use, names the public address.
    home = Page.objects.get(depth=2)
    assert home.get_full_url().startswith("https://doan.example.vn/")


def test_command_is_idempotent_and_keeps_a_non_default_port(settings, capsys):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8080/"
    call_command("set_site_url")
    call_command("set_site_url")
    out = capsys.readouterr().out
    assert "now 127.0.0.1:8080" in out and "already 127.0.0.1:8080" in out
    assert default_site().root_url == "http://127.0.0.1:8080"
    assert Site.objects.count() == 1


def test_url_option_overrides_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("set_site_url", url="https://doantruong.edu.vn")
    assert default_site().hostname == "doantruong.edu.vn"


@pytest.mark.parametrize(
    "url",
    ["doan.example.vn", "ftp://doan.example.vn", "https://", "https://doan.example.vn/news/"],
)
def test_command_refuses_an_address_that_is_not_a_site_root(url):
    with pytest.raises(CommandError):
        call_command("set_site_url", url=url)
    assert default_site().hostname == "localhost"


def test_check_warns_about_a_malformed_base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = "doan.example.vn"
    assert [m.id for m in deploy_warnings()] == ["cms.W002"]


def test_check_is_not_part_of_the_everyday_checks(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://doan.example.vn"
    assert not [m for m in run_checks() if m.id.startswith("cms.")]
