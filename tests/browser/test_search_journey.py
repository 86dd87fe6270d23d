import datetime
import re

import pytest
from playwright.sync_api import expect

from search import indexer
from tests.search.conftest import CampaignIndexPageFactory, CampaignPageFactory, standard

CAMPAIGN_TITLE = "Tuần lễ hưởng ứng học tập suốt đời 2024"


@pytest.fixture
def campaign(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    page = CampaignPageFactory(
        parent=index,
        title=CAMPAIGN_TITLE,
        slug="tuan-le-hoc-tap-suot-doi-2024",
        start_date=datetime.date(2024, 10, 1),
        end_date=datetime.date(2024, 10, 7),
    )
    standard(home_page, "Học tập suốt đời trong doanh nghiệp", "Doanh nghiệp học tập.")
    indexer.rebuild()
    return page


def test_pick_a_suggestion_from_the_header_box_and_land_on_the_campaign(page, assert_accessible, campaign):
    page.goto("/")
    box = page.locator("#header-search-input")
    expect(box).to_have_attribute("role", "combobox")
    box.press_sequentially("tuan le hoc tap suot doi", delay=20)

    listbox = page.get_by_role("listbox")
    option = listbox.get_by_role("option", name=re.compile(CAMPAIGN_TITLE))
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/chien-dich/tuan-le-hoc-tap-suot-doi-2024/$"))
    expect(page.locator("h1")).to_have_text(CAMPAIGN_TITLE)
    assert_accessible(page)


def test_escape_closes_the_suggestions_and_enter_searches(page, assert_accessible, campaign):
    page.goto("/")
    box = page.locator("#header-search-input")
    box.press_sequentially("hoc tap", delay=20)
    expect(page.get_by_role("listbox")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=hoc\+tap$"))
    expect(page.get_by_role("link", name=CAMPAIGN_TITLE)).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_box_submits_to_the_search_page(browser, live_server, campaign):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        box = page.locator("#header-search-input")
        expect(box).not_to_have_attribute("role", "combobox")
        box.fill("khong co gi ca xyz")
        box.press("Enter")
        expect(page).to_have_url(re.compile(r"/search/\?q="))
        expect(page.locator("h1")).to_have_text("Tìm kiếm")
        expect(page.get_by_text("Không cần gõ dấu")).to_be_visible()
    finally:
        context.close()


def test_on_a_phone_the_facets_fold_away_below_a_button(page, assert_accessible, campaign):
    page.goto("/search/?q=hoc+tap")
    facet = page.locator(".search-facets .facet-list a").first
    expect(facet).to_be_hidden()
    # The first result is on the first screen, not below the facets.
    first = page.locator(".search-hit").first.bounding_box()
    assert first["y"] + first["height"] < page.viewport_size["height"], first
    assert_accessible(page)

    page.get_by_text("Thu hẹp kết quả").click()
    expect(facet).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_wide_screen_the_facets_are_open(browser, live_server, campaign, javascript):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    try:
        page.goto("/search/?q=hoc+tap")
        expect(page.locator(".search-facets .facet-list a").first).to_be_visible()
        expect(page.get_by_text("Thu hẹp kết quả")).to_be_hidden()
    finally:
        context.close()
