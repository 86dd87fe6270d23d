"""The admin's JavaScript speaks Vietnamese too: the catalogue it loads, and what it draws."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.test_admin_i18n import _content, _english_words


def _log_in(page):
    get_user_model().objects.create_superuser("lan", "lan@example.org", "mat-khau-123", first_name="Lan")
    page.goto("/admin/login/")
    page.get_by_label("Tên đăng nhập").fill("lan")
    page.get_by_label("Mật khẩu").fill("mat-khau-123")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_the_admin_drawn_by_javascript_is_vietnamese(page, home_page, settings):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page))
    _log_in(page)
    page.goto(f"/admin/pages/{campaign.pk}/edit/")

    # The catalogue the admin's scripts translate with is the project's.
    assert page.evaluate("() => window.django.gettext('Toggle sidebar')") == "Ẩn/hiện thanh bên"
    # What the scripts draw (the sidebar is React) reads Vietnamese, and no text shown is English.
    expect(page.get_by_role("button", name="Ẩn/hiện thanh bên")).to_be_attached()
    data = _content(settings.WAGTAILDOCS_EXTENSIONS)
    english = {}
    for url in (
        f"/admin/pages/{campaign.pk}/edit/",
        "/admin/",
        f"/admin/pages/{home_page.pk}/",
        "/admin/images/",
        "/admin/documents/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        english.update(
            {url: found} if (found := _english_words(page.evaluate("document.body.innerText"), data)) else {}
        )
    assert not english, english
    page.goto("about:blank")  # ends the editing session while the database is still there
