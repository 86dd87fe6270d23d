"""Layouts as a phone (390 × 844, the ``page`` fixture) and a desktop show them: nothing wider than
the screen, no word broken mid-syllable, no field squeezed, no card or badge out of place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from events import services
from home.seed import generated_image
from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.factories.events import EventPageFactory, person
from tests.factories.network import OrganisationFactory
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

PHONE_WIDTH = 390

# Words whose letters the browser laid out on more than one line ("trườn|g").
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (tops.size > 1) { broken.push(match[0]); }
      }
    }
  }
  return broken;
}"""


def private_page(registration):
    return reverse("events:manage", kwargs={"token": registration.token})


def assert_fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width} px wide"


def box(locator):
    return locator.bounding_box()


def test_a_long_email_address_wraps_on_the_confirmation_page(page, assert_accessible, event_index):
    event = EventPageFactory(parent=event_index, title="Ngày hội đọc sách gia đình")
    email = "nguyen.thi.thanh.huong.phong.giao.duc.quan.binh.thanh@truongthcsnguyenvantroi.edu.vn"
    registration = services.register(event, person(1, email=email)).registration
    page.goto(private_page(registration) + "?new=1")
    expect(page.get_by_text(email).first).to_be_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)


def test_the_phone_calendar_lists_the_days_with_events_and_breaks_no_word(page, assert_accessible, event_index):
    start = timezone.localtime().replace(day=25, hour=8, minute=0, second=0, microsecond=0)
    EventPageFactory(
        parent=event_index,
        title="Hội thảo “Xây dựng Đơn vị học tập trong trường học”",
        start=start,
        end=start + datetime.timedelta(hours=4),
        registration_closes=None,
    )
    page.goto(f"{event_index.url}?view=calendar&month={start:%Y-%m}")
    link = page.get_by_role("link", name="08:00 Hội thảo “Xây dựng Đơn vị học tập trong trường học”")
    expect(link).to_be_visible()
    weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][start.weekday()]
    expect(page.locator(".month-calendar__busy")).to_contain_text(f"{weekday}, 25/{start:%m/%Y}")
    assert page.evaluate(BROKEN_WORDS, ".month-calendar") == []
    assert_fits_the_screen(page)
    assert_accessible(page)


def test_campaign_activity_fields_take_the_phone_width(page, assert_accessible, home_page):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page), title="Tháng Khuyến học 2023")
    activity = CampaignActivityFactory(
        page=campaign,
        title="Ký kết chương trình phối hợp với lực lượng vũ trang",
        lead_organisation=OrganisationFactory(name="Hội Khuyến học thành phố Hải Phòng"),
        other_coordinators="Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng; Công an thành phố Hải Phòng",
    )
    activity.coordinating_organisations.add(OrganisationFactory(name="Bộ Chỉ huy Quân sự thành phố Hải Phòng"))
    campaign.save_revision().publish()
    page.goto(campaign.url)
    values = page.locator(".campaign-activity__facts dd")
    expect(values.first).to_be_visible()
    article = box(page.locator(".campaign-activity").first)
    for index in range(values.count()):
        assert box(values.nth(index))["width"] >= article["width"] - 1, values.nth(index).inner_text()
    assert_fits_the_screen(page)
    assert_accessible(page)


@pytest.fixture
def pdf_resource(home_page):
    return ResourcePageFactory(parent=LibraryPageFactory(parent=home_page), title="Sổ tay khuyến học", page_count=2)


def pretend_pdf_viewer(context, enabled):
    context.add_init_script(
        f"Object.defineProperty(navigator, 'pdfViewerEnabled', {{get: () => {str(enabled).lower()}}})"
    )


def test_on_a_phone_the_pdf_preview_is_a_link_to_open_the_file(page, assert_accessible, pdf_resource):
    # Even a phone browser that says it shows PDFs gets the link: a 390 px frame is no way to read one.
    pretend_pdf_viewer(page.context, True)
    page.goto(pdf_resource.url)
    preview = page.locator(".resource__preview")
    link = preview.get_by_role("link", name="Mở tệp PDF (2 trang)")
    expect(link).to_be_visible()
    assert link.get_attribute("href") == f"{pdf_resource.url}xem-truoc/"
    expect(preview.locator("iframe")).to_have_count(0)
    assert box(preview)["height"] < 400
    assert_fits_the_screen(page)
    assert_accessible(page)


@pytest.mark.parametrize(("viewer", "frames"), [(True, 1), (False, 0)])
def test_on_a_desktop_the_pdf_shows_in_the_page_where_the_browser_can(
    browser, live_server, pdf_resource, viewer, frames
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    pretend_pdf_viewer(context, viewer)
    try:
        page = context.new_page()
        page.goto(pdf_resource.url)
        expect(page.locator(".resource__preview iframe")).to_have_count(frames)
        expect(page.locator(".resource__preview").get_by_role("link", name="Mở tệp PDF (2 trang)")).to_be_visible()
    finally:
        context.close()


def test_the_error_summary_takes_focus_after_a_failed_submit(page, assert_accessible, event_index):
    event = EventPageFactory(parent=event_index, title="Tập huấn kỹ năng số")
    page.goto(event.url)
    page.get_by_label("Họ và tên").fill("Trần Thị Lan")
    page.get_by_label("Email").fill("lan@")
    page.get_by_label("Điện thoại").fill("abc-không-có-số")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Địa chỉ email này không hợp lệ")
    expect(summary).to_contain_text("Nhập số điện thoại Việt Nam")
    summary.get_by_role("link", name="Điện thoại: Nhập số điện thoại Việt Nam", exact=False).click()
    expect(page.get_by_label("Điện thoại")).to_be_focused()
    expect(page.get_by_label("Họ và tên")).to_have_value("Trần Thị Lan")
    assert_fits_the_screen(page)
    assert_accessible(page)


def test_without_javascript_too_the_error_summary_takes_focus(browser, live_server, event_index):
    event = EventPageFactory(parent=event_index, title="Tập huấn kỹ năng số")
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": PHONE_WIDTH, "height": 844}
    )
    try:
        page = context.new_page()
        page.goto(event.url)
        page.get_by_label("Họ và tên").fill("Trần Thị Lan")
        page.get_by_role("button", name="Đăng ký", exact=True).click()
        expect(page.locator("#form-errors")).to_be_focused()
    finally:
        context.close()


def test_an_individual_changes_their_details_on_the_private_page(page, assert_accessible, event_index):
    event = EventPageFactory(parent=event_index, title="Ngày hội đọc sách")
    registration = services.register(event, person(1, email="lan@example.org")).registration
    page.goto(private_page(registration))
    page.get_by_text("Sửa thông tin của bạn").click()
    page.get_by_label("Điện thoại").fill("+84 912 345 678")
    page.get_by_role("button", name="Lưu thông tin").click()
    expect(page.get_by_text("Thông tin của bạn đã được lưu.")).to_be_visible()
    expect(page.locator(".event__facts")).to_contain_text("0912 345 678")
    assert_fits_the_screen(page)
    assert_accessible(page)


# --- Desktop ---------------------------------------------------------------------------------


@pytest.fixture
def desktop(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


def test_a_lone_campaign_spans_its_row_and_badges_stay_in_their_cards(desktop, assert_accessible, home_page):
    today = timezone.localdate()
    index = CampaignIndexPageFactory(parent=home_page)
    CampaignPageFactory(
        parent=index,
        title="Đợt thi đua “Công dân học tập”",
        year=(today - datetime.timedelta(days=3)).year,
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=27),
        hero_image=generated_image("Bìa đợt thi đua"),
    )
    # Four upcoming campaigns: four narrow cards in a row, where a long badge used to stick out.
    for n in range(4):
        start = today + datetime.timedelta(days=136 + n)
        CampaignPageFactory(
            parent=index,
            title=f"Ngày Sách và Văn hóa đọc Việt Nam {n}",
            year=start.year,
            start_date=start,
            end_date=start + datetime.timedelta(days=6),
        )
    for year in (2021, 2022, 2023):
        start = datetime.date(year, 9, 2)
        CampaignPageFactory(parent=index, title=f"Tháng Khuyến học {year}", year=year, start_date=start, end_date=start)
    desktop.goto(index.url)
    expect(desktop.get_by_text("Sắp diễn ra · còn 136 ngày nữa")).to_be_visible()
    for section in ("#campaigns-ongoing", "#campaigns-upcoming", "#campaigns-past"):
        grid = box(desktop.locator(f"section:has({section}) .card-grid"))
        cards = desktop.locator(f"section:has({section}) .card-grid > .card")
        last = box(cards.last)
        # No empty columns: the cards reach the grid's right edge.
        assert last["x"] + last["width"] >= grid["x"] + grid["width"] - 2, section
    cards = desktop.locator(".card")
    for index_ in range(cards.count()):
        card, badge = box(cards.nth(index_)), box(cards.nth(index_).locator(".badge").last)
        assert badge["x"] >= card["x"] and badge["x"] + badge["width"] <= card["x"] + card["width"] + 0.5
    assert_accessible(desktop)


def test_three_cards_on_the_home_page_fill_their_row(desktop, home_page):
    stories = StoryIndexPageFactory(parent=home_page)
    for n in range(3):
        StoryPageFactory(parent=stories, title=f"Gia đình học tập {n}")
    desktop.goto("/")
    grid = box(desktop.locator("#home-stories-heading >> xpath=ancestor::section//ul[contains(@class,'card-grid')]"))
    last = box(desktop.locator("#home-stories-heading >> xpath=ancestor::section//li[contains(@class,'card')]").last)
    assert last["x"] + last["width"] >= grid["x"] + grid["width"] - 2


def test_public_pages_fit_a_phone(page, home_page, event_index, pdf_resource):
    event = EventPageFactory(parent=event_index, title="Tập huấn đánh giá, công nhận danh hiệu “Công dân học tập”")
    for url in ("/", event_index.url, event.url, pdf_resource.url, pdf_resource.get_parent().url, "/search/?q=hoc"):
        page.goto(url)
        assert_fits_the_screen(page)
