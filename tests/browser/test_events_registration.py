import re
from pathlib import Path

from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from events import services
from events.models import Registration, RegistrationMode, RegistrationStatus
from home import roles
from network.models import OrganisationKind
from tests.factories.events import EventPageFactory, add_quota, person
from tests.factories.network import OrganisationFactory


def test_citizen_registers_then_cancels_with_the_private_link(page, assert_accessible, event_index):
    event = EventPageFactory(parent=event_index, title="Ngày hội đọc sách gia đình", capacity=30)

    page.goto(event.url)
    expect(page.locator("h1")).to_have_text("Ngày hội đọc sách gia đình")
    assert_accessible(page)

    page.get_by_label("Họ và tên").fill("Trần Thị Lan")
    page.get_by_label("Email").fill("lan@example.org")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    # Forgot the consent box: the error sits next to it and what was typed is still there.
    expect(page.locator("#id_consent_error")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Trần Thị Lan")
    assert_accessible(page)

    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Cảm ơn bạn: đăng ký đã được xác nhận.")).to_be_visible()
    registration = Registration.objects.get()
    expect(page.locator(".registration__reference")).to_have_text(registration.display_reference)
    expect(page.locator(".registration__qr svg")).to_be_visible()
    assert_accessible(page)

    private_link = page.url.split("?")[0]
    page.goto(private_link)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hủy đăng ký của tôi").click()
    expect(page.locator(".event-state--cancelled")).to_be_visible()
    assert_accessible(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_officer_registers_three_agency_delegates_and_is_refused_a_fourth(page, assert_accessible, event_index):
    event = EventPageFactory(
        parent=event_index, title="Tập huấn Đơn vị học tập", capacity=100, registration_mode=RegistrationMode.DELEGATES
    )
    add_quota(event, OrganisationKind.GOVERNMENT, "", 3)
    agency = OrganisationFactory(name="Sở Tư pháp", kind=OrganisationKind.GOVERNMENT)

    page.goto(event.url)
    page.get_by_label("Đơn vị").select_option(str(agency.pk))
    expect(page.locator("#quota-hint")).to_contain_text("thêm 3")
    page.get_by_label("Họ và tên của bạn").fill("Phạm Văn Quản")
    page.locator("#id_email").fill("quan@example.org")
    for n, name in enumerate(["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]):
        row = page.get_by_role("group", name=f"Đại biểu {n + 1}")
        row.get_by_label("Họ và tên").fill(name)
        row.get_by_label("Vai trò").select_option("delegate")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_text("Cảm ơn bạn: đăng ký đã được xác nhận.")).to_be_visible()
    # Before the deadline the private page lets the officer edit the three delegates.
    expect(page.get_by_role("group", name="Đại biểu 3").get_by_label("Họ và tên")).to_have_value("Trần Văn Cường")
    assert_accessible(page)

    page.goto(event.url)
    page.get_by_label("Đơn vị").select_option(str(agency.pk))
    expect(page.locator("#quota-hint")).to_contain_text("thêm 0")
    page.get_by_label("Họ và tên của bạn").fill("Đỗ Thị Khác")
    page.locator("#id_email").fill("khac@example.org")
    row = page.get_by_role("group", name="Đại biểu 1")
    row.get_by_label("Họ và tên").fill("Võ Văn Tư")
    row.get_by_label("Vai trò").select_option("delegate")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator("#delegates-errors")).to_contain_text("Sở Tư pháp được cử tối đa 3")
    expect(row.get_by_label("Họ và tên")).to_have_value("Võ Văn Tư")
    assert_accessible(page)
    assert Registration.objects.count() == 1


def test_organiser_exports_the_list(page, assert_accessible, event_index, live_server):
    event = EventPageFactory(parent=event_index, title="Hội thảo xã hội học tập", capacity=10)
    services.register(event, person(1))
    services.register(event, person(2))
    user = User.objects.create_user("quanly", "quanly@example.org", "mat-khau-123")
    user.groups.add(roles.group(roles.EVENT_MANAGERS))
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_registration", "change_registration"])
    )

    page.goto("/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill("quanly")
    page.get_by_label(re.compile("Mật khẩu|Password")).fill("mat-khau-123")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.goto("/admin/events/")
    page.get_by_role("link", name="Hội thảo xã hội học tập").click()
    expect(page.locator('[data-count="confirmed"]')).to_have_text("2")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Nguyễn Văn 1" in content and "Nguyễn Văn 2" in content
    assert "Mã đăng ký" in content
