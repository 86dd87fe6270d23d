"""In a real browser: the public pages run under their Content-Security-Policy without a single
violation, and an administrator signs in with a code from an authenticator app."""

import base64
import re

import pytest
from django.contrib.auth.models import User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories.events import EventIndexPageFactory, EventPageFactory, add_quota
from tests.factories.network import OrganisationFactory

PASSWORD = "mat-khau-du-dai-2024"

# Added before any script of the page runs: every violation the policy reports is kept.
COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(autouse=True)
def _two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def test_public_pages_run_under_their_policy_without_violations(page, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Tập huấn công dân học tập", registration_mode="delegates")
    add_quota(event, "government", "", 3)
    agency = OrganisationFactory(name="Sở Tư pháp")
    page.add_init_script(COLLECT_VIOLATIONS)

    for url in [home_page.url, index.url, event.url, "/search/?q=tap+huan"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], url

    # The page's own script works under the policy: the quota hint is fetched and shown.
    page.goto(event.url)
    page.get_by_label("Đơn vị").select_option(str(agency.pk))
    expect(page.locator("#quota-hint")).to_contain_text("thêm 3")
    # The search box's suggestions (search.js) as well.
    page.locator("#header-search-input").fill("tap")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == []
    # JSON-LD is data, not script: it is neither run nor reported, and stays in the page for search engines.
    assert "schema.org" in page.locator('script[type="application/ld+json"]').inner_text()


def _sign_in_with_password(page, username):
    page.goto("/admin/")
    page.get_by_label(re.compile("Tên đăng nhập")).fill(username)
    page.get_by_label(re.compile("Mật khẩu")).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_an_administrator_signs_in_with_the_code_of_an_authenticator_app(page, assert_accessible, live_server):
    user = User.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    page.add_init_script(COLLECT_VIOLATIONS)

    _sign_in_with_password(page, "quantri")
    code_field = page.get_by_label(re.compile("Mã"))
    expect(code_field).to_be_visible()
    assert_accessible(page)
    code_field.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("window.__cspViolations") == [], "the admin's enforced policy blocks nothing it needs"


def test_a_new_administrator_sets_up_the_authenticator_at_first_sign_in(page, live_server):
    User.objects.create_superuser("quantri", "quantri@example.org", PASSWORD)
    _sign_in_with_password(page, "quantri")
    expect(page).to_have_url(re.compile(r"/admin/account/two_factor/setup/"))
    expect(page.get_by_text("dữ liệu cá nhân")).to_be_visible()
    page.get_by_role("button", name="Tiếp tục").click()

    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    secret = page.locator('a[href^="otpauth://"]').inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label(re.compile("Mã")).fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page).to_have_url(re.compile(r"/setup/complete/"))
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
