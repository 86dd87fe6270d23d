"""A ward's yearly figures in a real browser, on a phone: the ward officer reports, the city reviewer
approves, and citizens read them on the public dashboard."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from reports.models import Status, Submission
from tests.factories.network import REFORM_DAY, AreaFactory, city
from tests.factories.reports import DashboardPageFactory, period, reporter, reviewer, title_version

PASSWORD = "mat-khau-123"
FIGURES = {
    "Số gia đình được công nhận": "1.260",
    "Số gia đình thuộc diện đánh giá": "1.800",
    "Số dòng họ được công nhận": "12",
    "Số dòng họ thuộc diện đánh giá": "20",
    "Số cộng đồng được công nhận": "9",
    "Số cộng đồng (tổ dân phố": "12",
    "Số đơn vị được công nhận": "30",
    "Số tổ chức, cơ quan": "45",
    "Số người lớn trong gia đình, dòng họ, cộng đồng học tập đạt": "2.400",
    "Số người lớn trong gia đình, dòng họ, cộng đồng học tập *": "8.000",
}


@pytest.fixture
def ward_setting(home_page):
    hcmc = city()
    ward = AreaFactory(name="Phường Sài Gòn", code="79-001", parent=hcmc, valid_from=REFORM_DAY)
    AreaFactory(name="Phường Tân Định", code="79-002", parent=hcmc, valid_from=REFORM_DAY)
    version = title_version()
    year = period(version, 2026, [hcmc], commune=datetime.date(2026, 11, 15))
    reporter("baocao.saigon", area=ward)
    reviewer("duyet.hcm", hcmc)
    dashboard = DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=hcmc)
    return {"ward": ward, "period": year, "dashboard": dashboard}


def log_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password")).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()


def field(page, label):
    return page.get_by_label(re.compile(r"^\s*" + re.escape(label)))


def test_from_the_ward_officer_to_the_reviewer_to_the_public(
    page, browser, live_server, assert_accessible, ward_setting
):
    log_in(page, "baocao.saigon")
    page.goto("/admin/reports/")
    row = page.get_by_role("row", name=re.compile("Phường Sài Gòn"))
    expect(row).to_contain_text("Chưa nhập")
    row.get_by_role("link", name="Bắt đầu nhập").click()
    expect(page.locator("h1")).to_contain_text("Phường Sài Gòn")

    # A slip of the finger: more families recognised than assessed. Nothing is lost.
    for label, value in FIGURES.items():
        field(page, label).fill(value)
    field(page, "Số gia đình được công nhận").fill("18.000")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Chưa lưu gì: hãy sửa các số liệu được đánh dấu bên dưới.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"\(18\.000\) không được lớn hơn số gia đình thuộc diện đánh giá \(1\.800\)")).first
    ).to_be_visible()
    expect(field(page, "Số dòng họ được công nhận")).to_have_value("12")
    # Wagtail fades its messages in: check the colours once they are shown in full.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')].every(e => getComputedStyle(e).opacity === '1')"
    )
    assert_accessible(page)

    field(page, "Số gia đình được công nhận").fill("1.260")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.get_by_text("Báo cáo đã được gửi để duyệt.")).to_be_visible()
    submission = Submission.objects.get(area=ward_setting["ward"])
    assert submission.status == Status.SUBMITTED and submission.values["GD-CN"] == 1260

    # Sent, not yet approved: the public does not see it.
    public = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    citizen = public.new_page()
    citizen.goto(ward_setting["dashboard"].url)
    expect(citizen.get_by_role("row", name=re.compile("Phường Sài Gòn"))).to_contain_text("chưa có")
    expect(citizen.get_by_text("70,0%")).to_have_count(0)

    reviewing = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844})
    reviewer_page = reviewing.new_page()
    log_in(reviewer_page, "duyet.hcm")
    reviewer_page.goto("/admin/reports/")
    expect(reviewer_page.get_by_text("1 báo cáo chờ bạn duyệt")).to_be_visible()
    reviewer_page.get_by_role("link", name="Phường Sài Gòn").click()
    expect(reviewer_page.get_by_text("70,0%").first).to_be_visible()  # 1.260 of 1.800 families, computed
    reviewer_page.get_by_role("button", name="Phê duyệt").click()
    expect(reviewer_page.get_by_text("Đã duyệt: số liệu của Phường Sài Gòn nay được công bố.")).to_be_visible()
    reviewing.close()

    citizen.reload()
    expect(citizen.locator("h2", has_text="Thành phố Hồ Chí Minh năm 2026")).to_be_visible()
    card = citizen.locator(".figure-card", has_text="Tỉ lệ gia đình đạt danh hiệu")
    expect(card).to_contain_text("70,0%")
    expect(card).to_contain_text("1.260 trên 1.800 gia đình")
    expect(citizen.get_by_role("row", name=re.compile("Phường Sài Gòn"))).to_contain_text("70,0%")
    assert_accessible(citizen)

    # Sorting is a plain link: it works without JavaScript.
    citizen.get_by_role("link", name=re.compile("^Tỉ lệ gia đình đạt danh hiệu")).click()
    expect(citizen.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    public.close()
