"""Scripts and stylesheets as a browser meets them: hashed production names, deferred scripts."""

import mimetypes

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories.home import StandardPageFactory

PORTAL = "http://portal.test"


@pytest.fixture
def about_page(home_page):
    return StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)


def test_every_stylesheet_loads_under_production_static_storage(
    browser, transactional_db, home_page, production_static
):
    """The pages come from Django, the static files from collectstatic's output, as WhiteNoise serves them.

    ``transactional_db`` (like the live server of the other browser tests) makes pytest-django run
    this test after the others: it ends with a flush they must not see."""
    html = Client().get("/").content
    context = browser.new_context(viewport={"width": 390, "height": 844})
    failed, stylesheets = [], []

    def serve(route):
        path = route.request.url.removeprefix(PORTAL)
        if path == "/":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif path.startswith("/static/") and (production_static / path.removeprefix("/static/")).is_file():
            file = production_static / path.removeprefix("/static/")
            route.fulfill(body=file.read_bytes(), content_type=mimetypes.guess_type(file.name)[0])
        else:
            failed.append(path)
            route.fulfill(status=404, body="")

    context.route("**/*", serve)
    page = context.new_page()
    page.on("request", lambda request: request.resource_type == "stylesheet" and stylesheets.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    try:
        page.goto(PORTAL + "/")
        # search.js adds its stylesheet once it has run.
        expect(page.locator('link[rel="stylesheet"][href*="/css/search."]')).to_have_count(1)
        page.wait_for_load_state("networkidle")
        assert not failed, failed
        assert stylesheets and all(url.endswith(".css") for url in stylesheets), stylesheets
        assert any("/css/search." in url for url in stylesheets)
        # The listbox search.css styles is hidden: the stylesheet applied.
        assert page.locator("#header-search-listbox").evaluate("e => getComputedStyle(e).position") == "absolute"
    finally:
        context.close()


def test_the_phone_menu_is_folded_before_the_deferred_script_runs(page, about_page):
    held = []
    page.route("**/js/portal.js", lambda route: held.append(route))
    page.goto("/", wait_until="commit")
    nav = page.get_by_role("navigation", name="Menu chính")
    expect(page.locator(".menu-toggle")).to_be_visible()
    expect(nav).to_be_hidden()

    held[0].continue_()
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Giới thiệu").click()
    expect(page.locator("h1")).to_have_text("Giới thiệu")


def test_the_phone_menu_opens_even_if_its_script_never_arrives(page, about_page):
    page.route("**/js/portal.js", lambda route: route.abort())
    page.goto("/")
    nav = page.get_by_role("navigation", name="Menu chính")
    expect(nav).to_be_hidden()
    page.get_by_role("link", name="Menu").click()
    nav.get_by_role("link", name="Giới thiệu").click()
    expect(page.locator("h1")).to_have_text("Giới thiệu")
