import re

from playwright.sync_api import expect

from tests.factories.home import StandardPageFactory


def test_home_switch_to_english_then_open_a_standard_page(page, assert_accessible, home_page, en_home_page, locales):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    english = about.copy_for_translation(locales["en"])
    english.title = "About"
    english.slug = "about"
    english.save_revision().publish()

    page.goto("/")
    expect(page.locator("h1")).to_have_text("Học tập suốt đời")
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="About").click()
    expect(page).to_have_url(re.compile(r"/en/about/$"))
    expect(page.locator("h1")).to_have_text("About")
    assert_accessible(page)
