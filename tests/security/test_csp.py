"""The Content-Security-Policy header: strict on the public site, the admin's own policy on
admin pages, report-only by environment variable, and a nonce on any inline script."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def directives(header_value):
    return {
        name: values
        for name, *values in (part.split() for part in header_value.split(";") if part.strip())
    }


@pytest.mark.django_db
def test_public_pages_allow_only_our_own_scripts_and_styles(client, article):
    for url in ["/", article.url, "/tim-kiem/?q=sach"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response[HEADER])
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'"
        assert all(value.startswith("'nonce-") for value in policy["script-src"][1:]), url
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["frame-ancestors"] == ["'self'"]
        assert REPORT_ONLY not in response


@pytest.mark.django_db
def test_every_inline_script_of_a_public_page_carries_the_nonce(client, article):
    for url in ["/", article.url]:
        response = client.get(url)
        nonce = re.search(r"'nonce-([^']+)'", response[HEADER])
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            if "src=" in tag or "application/ld+json" in tag:
                continue  # a file of ours, or data the browser does not run
            assert nonce and f'nonce="{nonce.group(1)}"' in tag, f"{url}: {tag}"


@pytest.mark.django_db
def test_admin_pages_get_the_admin_policy(client, people):
    client.force_login(people.superuser)
    response = client.get("/admin/")
    policy = directives(response[HEADER])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    # The sign-in page too, before anyone is signed in.
    assert "'unsafe-inline'" in directives(Client().get("/admin/login/")[HEADER])["script-src"]


@pytest.mark.django_db
def test_responses_that_are_not_html_carry_no_policy(client):
    response = client.get("/api/csrf/")
    assert response["Content-Type"] == "application/json"
    assert HEADER not in response and REPORT_ONLY not in response


@pytest.mark.django_db
def test_a_cached_page_keeps_its_policy(client, article, settings):
    settings.COLUMNS_PAGE_CACHE_SECONDS = 300
    first = client.get(article.url)
    second = Client().get(article.url)
    assert second[HEADER] == first[HEADER]


@pytest.mark.django_db
def test_report_only_switch(client, people, settings):
    settings.SITE_CSP_REPORT_ONLY = True
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    public = client.get("/")
    assert HEADER not in public
    assert directives(public[REPORT_ONLY])["style-src"] == ["'self'"]
    client.force_login(people.superuser)
    admin = client.get("/admin/")
    assert HEADER not in admin
    assert "'unsafe-inline'" in directives(admin[REPORT_ONLY])["script-src"]


@pytest.mark.parametrize(("value", "enforced"), [("", True), ("1", False), ("true", False)])
def test_the_environment_variable_chooses_the_mode(value, enforced):
    env = {k: v for k, v in os.environ.items() if k != "CSP_REPORT_ONLY"}
    if value:
        env["CSP_REPORT_ONLY"] = value
    code = (
        "from cms.settings import base as s; "
        "print(s.CONTENT_SECURITY_POLICY is not None, "
        "s.CONTENT_SECURITY_POLICY_REPORT_ONLY is None)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [str(enforced), str(enforced)]


@pytest.mark.parametrize(
    ("text", "violation"),
    [
        (
            "Refused to execute inline script because it violates the following Content "
            "Security Policy directive: \"script-src 'self'\".",
            True,
        ),
        (
            "[Report Only] Refused to apply inline style because it violates the following "
            "Content Security Policy directive: \"style-src 'self'\".",
            True,
        ),
        ("Failed to load resource: the server responded with a status of 404", False),
    ],
)
def test_the_browser_harness_recognises_chromiums_csp_reports(text, violation):
    from tests.browser import harness

    assert harness.is_csp_violation(text) is violation
