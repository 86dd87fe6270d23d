"""An editor of the Department, working in Vietnamese, publishes a campaign with its units, an event
with quotas and a library resource; every address is the transliterated title."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from campaigns.models import CampaignKind, CampaignPage
from events.models import EventPage
from home import roles
from network.models import AreaKind, Organisation, OrganisationKind
from resources.models import ResourcePage
from tests.factories.campaigns import CampaignIndexPageFactory
from tests.factories.events import EventIndexPageFactory
from tests.factories.network import AreaFactory, OrganisationFactory, city
from tests.factories.resources import LibraryPageFactory

PASSWORD = "mat-khau-bien-tap"


@pytest.fixture
def desk(browser, live_server):
    """The editor's screen: a desktop browser in Vietnamese, signed in."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport={"width": 1366, "height": 900})
    context.set_default_timeout(15_000)
    context.add_init_script(AUTOSAVE_NOTES)
    page = context.new_page()
    user = User.objects.create_user("bientap", "bientap@example.org", PASSWORD, first_name="Hoa", last_name="Nguyễn")
    # A senior editor: writes like every editor, and may publish (the moderators' role).
    user.groups.add(roles.group(roles.EDITORS), roles.group(roles.MODERATORS))
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập")).fill("bientap")
    page.get_by_label(re.compile("Mật khẩu")).fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    yield page
    context.close()


@pytest.fixture
def site(home_page):
    hcmc = city()
    ward = AreaFactory(name="Phường Bến Thành", kind=AreaKind.WARD, parent=hcmc)
    OrganisationFactory(name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", area=hcmc)
    OrganisationFactory(name="Hội Khuyến học Thành phố Hồ Chí Minh", kind=OrganisationKind.ASSOCIATION, area=hcmc)
    return {
        "kind": CampaignKind.objects.order_by("name").first().name,
        "ward": ward,
        "campaigns": CampaignIndexPageFactory(parent=home_page),
        "events": EventIndexPageFactory(parent=home_page),
        "library": LibraryPageFactory(parent=home_page),
    }


# Wagtail 8 autosaves the editor's form (wagtail/admin/static/wagtailadmin/js/core.js): its w-unsaved
# controller compares the form with what it last saw every 500 ms, and 530 ms after the last change it
# saw asks w-autosave to save; w-autosave sends the form 500 ms later. A new page's first autosave
# creates it as a draft, and only its answer turns the form's action into the draft's edit address.
# Publish clicked while it is on its way posts to the add address: a second page, the editor's own
# draft moved aside as "…-ban-nhap-<id>" (home/forms.py), or a server error when both pass the form.
#
# Each autosave is noted on the window: what it sent (as w-unsaved reads the form) and how it ended.
AUTOSAVE_NOTES = """
addEventListener("w-autosave:save", (event) => {
    const unsaved = window.wagtail.app.getControllerForElementAndIdentifier(event.target, "w-unsaved");
    window.journeyAutosave = { sent: unsaved && unsaved.formData, outcome: null };
});
for (const outcome of ["success", "error"]) {
    addEventListener(`w-autosave:${outcome}`, () => { window.journeyAutosave.outcome = outcome; });
}
"""

# True once no autosave is waiting, on its way or due for a retry, and none can start until the
# form changes. Read from the controllers' own state; an error if Wagtail renamed what it reads.
AUTOSAVE_SETTLED = """() => {
    const form = document.querySelector("form[data-edit-form]");
    const app = window.wagtail && window.wagtail.app;
    if (!form || !app) throw new Error("settle(): no editor form, or no Wagtail admin application");
    const autosave = app.getControllerForElementAndIdentifier(form, "w-autosave");
    if (!autosave) return true;  // autosave is off: nothing saves behind the editor's back
    const unsaved = app.getControllerForElementAndIdentifier(form, "w-unsaved");
    for (const [controller, name] of [[autosave, "submitPromise"], [autosave, "retryTimeout"],
            [unsaved, "checkInterval"], [unsaved, "previousFormData"], [unsaved, "formData"]]) {
        if (!(name in controller)) throw new Error(`settle(): Wagtail's ${controller.identifier} has no ${name}`);
    }
    if (autosave.submitPromise || autosave.retryTimeout) return false;  // waiting, on its way, or to retry
    // A form shown again after a refused Publish is not watched for changes: no more autosaves.
    if (!unsaved.checkInterval) return true;
    const now = unsaved.formData;
    if (now !== unsaved.previousFormData) return false;  // a change not yet seen, so not yet autosaved
    if (!unsaved.hasEditsValue) return true;  // no change since the last autosave, or since the form was first read
    // Changes the server refused to autosave (the form is invalid), all of them sent: none will follow.
    const last = window.journeyAutosave;
    return Boolean(last) && last.outcome === "error" && last.sent === now;
}"""


def settle(page):
    """Before a button of the editor's footer: wait until no autosave is pending or on its way, and
    none can start, so that the button's request is the only one creating or changing the page."""
    page.wait_for_function(AUTOSAVE_SETTLED)


def publish(page):
    settle(page)
    footer = page.locator("footer")
    footer.locator("[data-w-dropdown-target='toggle']").first.click()
    footer.locator("button[name='action-publish']").click()
    # Published, Wagtail shows the parent's list of pages.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages").first).to_be_visible()


def choose_organisations(page, field, query, *, finds=None, create=None):
    """Open the organisation chooser of a many-to-many field, search, tick the first result."""
    page.locator(f"#{field} [data-action='organisations-chooser#choose']").click()
    modal = page.locator(".modal")
    if create:
        modal.get_by_role("tab").nth(1).click()
        for name, value in create.items():
            control = modal.locator(f"#id_new_{name}")
            if control.evaluate("el => el.tagName") == "SELECT":
                control.select_option(label=value)
            else:
                control.fill(value)
        modal.locator("form button[type=submit], form input[type=submit]").last.click()
    else:
        modal.locator("#id_q").fill(query)
        # Typed without accents, as many do on a phone keyboard.
        expect(modal.locator("#search-results tbody tr")).to_have_count(1)
        expect(modal.locator("#search-results")).to_contain_text(finds)
        modal.locator("#search-results input[type=checkbox]").first.check()
        modal.locator("[data-multiple-choice-submit]").click()
    expect(modal).to_be_hidden()


def choose_one(page, field, text):
    page.locator(f"#{field}-chooser .unchosen [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    if modal.locator("#id_q").count():
        modal.locator("#id_q").fill(text)
    modal.locator("a[data-chooser-modal-choice]", has_text=text).first.click()
    expect(page.locator(f"#{field}-chooser .chooser__title")).to_contain_text(text)


def test_an_editor_publishes_a_campaign_an_event_and_a_resource_in_vietnamese(desk, site, client):
    page = desk

    # A campaign with its lead unit, and a coordinating unit added from inside the chooser.
    page.goto(f"/admin/pages/add/campaigns/campaignpage/{site['campaigns'].pk}/")
    page.locator("#id_title").fill("Tuần lễ hưởng ứng học tập suốt đời 2026")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("tuan-le-huong-ung-hoc-tap-suot-doi-2026")
    choose_one(page, "id_kind", site["kind"])
    page.locator("#id_year").fill("2026")
    page.locator("#id_start_date").fill("2026-10-01")
    page.locator("#id_end_date").fill("2026-10-07")
    choose_organisations(page, "id_lead_organisations", "so giao duc", finds="Sở Giáo dục và Đào tạo")
    choose_organisations(
        page,
        "id_coordinating_organisations",
        None,
        create={
            "name": "Trung tâm học tập cộng đồng phường Bến Thành",
            "kind": "Trung tâm học tập cộng đồng",
            "area": "Phường Bến Thành – Thành phố Hồ Chí Minh",
        },
    )
    expect(page.locator("#id_coordinating_organisations")).to_contain_text(
        "Trung tâm học tập cộng đồng phường Bến Thành"
    )
    publish(page)

    campaign = CampaignPage.objects.get(title="Tuần lễ hưởng ứng học tập suốt đời 2026")
    assert campaign.live and campaign.slug == "tuan-le-huong-ung-hoc-tap-suot-doi-2026"
    assert [o.name for o in campaign.lead_organisations.all()] == ["Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"]
    centre = Organisation.objects.get(name="Trung tâm học tập cộng đồng phường Bến Thành")
    assert centre.kind == OrganisationKind.LEARNING_CENTRE and centre.area == site["ward"]
    assert list(campaign.coordinating_organisations.all()) == [centre]
    assert client.get(campaign.url).status_code == 200

    # A training session for delegates, with a quota per kind of organisation.
    page.goto(f"/admin/pages/add/events/eventpage/{site['events'].pk}/")
    page.locator("#id_title").fill("Tập huấn đánh giá “Công dân học tập” năm 2026")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("tap-huan-danh-gia-cong-dan-hoc-tap-nam-2026")
    page.locator("#id_start").fill("2026-12-09 08:00")
    page.locator("#id_end").fill("2026-12-09 11:30")
    choose_organisations(page, "id_organisers", "hoi khuyen hoc", finds="Hội Khuyến học")
    page.get_by_role("tab").nth(1).click()
    page.locator("#id_registration_mode").select_option("delegates")
    page.locator("#id_capacity").fill("0")
    page.locator("#id_quotas-ADD").click()
    page.locator("#id_quotas-0-organisation_kind").select_option("government")
    page.locator("#id_quotas-0-max_per_organisation").fill("3")
    settle(page)
    publish_attempt = page.locator("footer")
    publish_attempt.locator("[data-w-dropdown-target='toggle']").first.click()
    publish_attempt.locator("button[name='action-publish']").click()
    # A capacity of 0 is refused with a message, and nothing typed is lost.
    page.get_by_role("tab").nth(1).click()
    expect(page.get_by_text(re.compile("at least 1|từ 1 người"))).to_be_visible()
    expect(page.locator("#id_capacity")).to_have_value("0")
    expect(page.locator("#id_quotas-0-max_per_organisation")).to_have_value("3")
    page.locator("#id_capacity").fill("60")
    publish(page)

    event = EventPage.objects.get(slug="tap-huan-danh-gia-cong-dan-hoc-tap-nam-2026")
    assert event.live and event.capacity == 60
    assert [(q.organisation_kind, q.max_per_organisation) for q in event.quotas.all()] == [("government", 3)]
    assert [o.name for o in event.organisers.all()] == ["Hội Khuyến học Thành phố Hồ Chí Minh"]

    # A library resource published by the association.
    page.goto(f"/admin/pages/add/resources/resourcepage/{site['library'].pk}/")
    page.locator("#id_title").fill("Sổ tay tự học suốt đời cho người cao tuổi")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("so-tay-tu-hoc-suot-doi-cho-nguoi-cao-tuoi")
    page.locator("#id_summary").fill(
        "Gợi ý tự học mỗi ngày: đọc sách, dùng điện thoại thông minh, tham gia câu lạc bộ."
    )
    page.locator("#id_kind").select_option("course")
    page.locator("#id_external_url").fill("https://example.org/so-tay-tu-hoc")
    choose_one(page, "id_publisher", "Hội Khuyến học Thành phố Hồ Chí Minh")
    publish(page)

    resource = ResourcePage.objects.get(slug="so-tay-tu-hoc-suot-doi-cho-nguoi-cao-tuoi")
    assert resource.live and resource.publisher.name == "Hội Khuyến học Thành phố Hồ Chí Minh"
    assert client.get(resource.url).status_code == 200
