"""Fixtures of the browser tests: one Chromium and one live site for the whole package, a fresh
browser context (cookies, viewport) for every page a test opens.

Without Chromium or the playwright package every test here is skipped with the reason; set
REQUIRE_BROWSER=1 (CI does) to make that a failure instead, so a broken install cannot pass
quietly.
"""

import os

import pytest

from . import harness

REQUIRED = os.environ.get("REQUIRE_BROWSER", "") not in ("", "0")


def _need(reason):
    if reason:
        if REQUIRED:
            pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """Headless Chromium, started once. Package scope: it is gone before the rest of the
    suite runs, so Playwright's event loop never meets Django's async-safety checks."""
    _need(harness.missing_browser())
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = harness.launch(playwright)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="package")
def site(browser, tmp_path_factory):
    """The site with the demo content on a throwaway database, served on a free port."""
    live = harness.LiveSite(tmp_path_factory.mktemp("site")).prepare().start()
    yield live
    live.stop()


@pytest.fixture
def open_page(browser, site, request):
    """Open a page in a new browser context (its own cookies), at phone or desktop size,
    logged in as a demo user if asked. Uncaught JavaScript errors (but the `known_errors` a
    test names), missing assets, server errors and Content-Security-Policy violations fail the
    test."""
    contexts = []
    errors = []

    def open_page(viewport=harness.DESKTOP, user=None, known_errors=()):
        phone = viewport["width"] < 600
        context = browser.new_context(
            base_url=site.url,
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        context.set_default_timeout(15_000)
        context.on("weberror", lambda error: _script_error(error, known_errors, errors))
        context.on("response", lambda response: _broken_asset(response, errors))
        context.on("console", lambda message: _csp_violation(message, errors))
        contexts.append(context)
        page = context.new_page()
        if user:
            harness.log_in(page, user)
        return page

    open_page.errors = errors  # for a test that checks them itself
    yield open_page

    failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
    if failed:
        _keep_evidence(request, contexts, site)
    for context in contexts:
        context.close()
    assert not errors, "errors in the browser:\n" + "\n".join(errors)


@pytest.fixture
def page(open_page):
    """A reader's page at desktop width."""
    return open_page(harness.DESKTOP)


@pytest.fixture
def phone(open_page):
    """A reader's page on a phone-sized screen (390×844, touch)."""
    return open_page(harness.PHONE)


@pytest.fixture
def axe():
    """Assert that axe-core finds no serious or critical violation in a page."""
    _need(harness.missing_axe())

    def check(page):
        violations = harness.axe_violations(page)
        assert not violations, (
            f"accessibility violations on {page.url}:\n{harness.describe_violations(violations)}"
        )

    return check


def _script_error(error, known_errors, errors):
    """An uncaught JavaScript error, unless the test names it as a known, reported bug."""
    message = str(error.error)
    if not any(known in message for known in known_errors):
        errors.append(message)


def _csp_violation(message, errors):
    """Chromium reports each thing a Content-Security-Policy refused (or, report-only, would
    refuse) on the console: every journey fails on one."""
    if harness.is_csp_violation(message.text):
        errors.append(
            f"CSP violation on {message.page.url if message.page else '?'}: {message.text}"
        )


def _broken_asset(response, errors):
    """A page may answer 404 on purpose, and a script's request 400 to refuse bad input; a
    stylesheet, script or image may not fail, and nothing may fail with a server error."""
    kind = response.request.resource_type
    lowest = 500 if kind in ("document", "fetch", "xhr") else 400
    if response.status >= lowest:
        errors.append(f"{response.status} for {kind} {response.url}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures know whether it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _keep_evidence(request, contexts, site):
    """Save a screenshot of every open page and print the server log's tail."""
    folder = request.config.rootpath / "tests" / "browser" / "failures"
    folder.mkdir(exist_ok=True)
    for number, context in enumerate(contexts):
        for index, page in enumerate(context.pages):
            path = folder / f"{request.node.name}-{number}-{index}.png"
            try:
                page.screenshot(path=path, full_page=True)
            except Exception as error:  # noqa: BLE001 (evidence is best effort: report, go on)
                print(f"no screenshot of {page.url}: {error}")
            else:
                print(f"screenshot of {page.url}: {path}")
    print(f"server log (tail):\n{site.log_tail()}")
