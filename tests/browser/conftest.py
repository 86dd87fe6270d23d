"""Playwright (Python) driving Debian's chromium against pytest-django's live server.

Every journey calls ``assert_accessible(page)``: axe-core from the npm registry is injected
and serious or critical violations fail the test.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import IN_CI, missing_service

# Playwright's sync API runs an event loop in this thread; the ORM calls the fixtures make
# from it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_PATH = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser(chromium_path, django_db_setup):
    from django.db import connections

    saved = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright_sync = pytest.importorskip("playwright.sync_api")
    with playwright_sync.sync_playwright() as playwright:
        # Playwright's sync API runs the tests in another context, where Django hands out
        # new connection objects: give them the contents that serialized_rollback restores
        # after each flush, or every browser test after the first starts on an empty database.
        for alias, contents in saved.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_PATH.exists():
        missing_service("Accessibility check: axe-core is missing (run `npm ci`)", optional=not IN_CI)
    return AXE_PATH.read_text()


@pytest.fixture
def assert_accessible(axe_source):
    def check(page):
        # Evaluated by the browser's debugging protocol, which the page's CSP does not govern
        # (a <script> tag added to the page would be blocked, as any inline script must be).
        page.evaluate(axe_source)
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']})"
        )
        serious = [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in serious
        )
        assert not serious, f"Accessibility violations on {page.url}:\n{details}"

    return check
