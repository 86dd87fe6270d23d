import re

import pytest
from playwright.sync_api import expect

from tests.factories.home import StandardPageFactory


@pytest.fixture
def about_page(home_page, en_home_page, locales):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    english = about.copy_for_translation(locales["en"])
    english.title = "About"
    english.slug = "about"
    english.save_revision().publish()
    return about


def open_menu_if_folded(page):
    """On a phone the main menu folds behind its toggle: open it as a person would."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible():
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")


def test_home_switch_to_english_then_open_a_standard_page(page, assert_accessible, about_page):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Học tập suốt đời")
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    open_menu_if_folded(page)
    assert_accessible(page)
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="About").click()
    expect(page).to_have_url(re.compile(r"/en/about/$"))
    expect(page.locator("h1")).to_have_text("About")
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page).to_have_url(re.compile(r"/gioi-thieu/$"))
    expect(page.locator("h1")).to_have_text("Giới thiệu")


def test_header_search_box_sends_the_query_to_search(page, about_page):
    page.goto("/en/")
    # search.js turns the box into a combobox; its label stays.
    search_box = page.get_by_label("Search the portal")
    search_box.fill("lifelong learning")
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=lifelong\+learning$"))


def test_on_a_wide_screen_the_menu_needs_no_toggle(page, about_page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Giới thiệu")).to_be_visible()


def test_without_javascript_the_phone_menu_is_simply_open(browser, live_server, about_page):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    try:
        page = context.new_page()
        page.goto("/")
        expect(page.locator(".menu-toggle")).to_be_hidden()
        page.get_by_role("navigation", name="Menu chính").get_by_role("link", name="Giới thiệu").click()
        expect(page.locator("h1")).to_have_text("Giới thiệu")
    finally:
        context.close()
