"""The English page keeps the Vietnamese page's numbers, dates and relations; its own words stay English."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from campaigns.models import CampaignActivity, CampaignPage, CampaignTarget
from events.models import EventPage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    page = CampaignPageFactory(
        parent=index,
        title="Tháng Khuyến học 2026",
        year=2026,
        start_date=datetime.date(2026, 9, 2),
        end_date=datetime.date(2026, 10, 2),
        theme="Cả nước thi đua xây dựng xã hội học tập",
    )
    page.lead_organisations = [OrganisationFactory(name="Sở Giáo dục và Đào tạo")]
    page.targets = [CampaignTarget(label="Gia đình học tập", target_value=Decimal("60"), unit="percent")]
    page.save_revision().publish()
    return page


@pytest.fixture
def english(campaign, en_home_page, locales):
    page = campaign.copy_for_translation(locales["en"], copy_parents=True).specific
    page.title, page.slug, page.theme = "Encouraging Learning Month 2026", "learning-month-2026", "Learning for all"
    target = page.targets.get()
    target.label = "Learning families"
    page.targets = [target]
    page.save_revision().publish()
    return page


def change_numbers(campaign, **extra):
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.start_date, page.end_date = datetime.date(2026, 9, 5), datetime.date(2026, 10, 5)
    page.lead_organisations = [OrganisationFactory(name="Hội Khuyến học Thành phố")]
    target = page.targets.get()
    target.target_value, target.achieved_value = Decimal("65"), Decimal("61.5")
    target.as_of = datetime.date(2026, 10, 5)
    page.targets = [target, CampaignTarget(label="Công dân học tập", target_value=Decimal("30"), unit="percent")]
    for name, value in extra.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_publishing_the_source_brings_the_translation_in_step(campaign, english, locales):
    change_numbers(campaign)

    english = CampaignPage.objects.get(pk=english.pk)
    assert english.live and not english.has_unpublished_changes
    assert (english.start_date, english.end_date) == (datetime.date(2026, 9, 5), datetime.date(2026, 10, 5))
    assert [o.name for o in english.lead_organisations.all()] == ["Hội Khuyến học Thành phố"]
    first, added = english.targets.all()
    assert first.label == "Learning families"
    assert (first.target_value, first.achieved_value) == (Decimal("65"), Decimal("61.5"))
    assert (added.label, added.target_value) == ("Công dân học tập", Decimal("30"))  # to be translated
    assert (english.title, english.theme) == ("Encouraging Learning Month 2026", "Learning for all")
    # The editor's next edit of the English page starts from the new figures too.
    assert english.get_latest_revision_as_object().start_date == datetime.date(2026, 9, 5)


def test_a_pending_english_draft_keeps_its_words_and_takes_the_figures(campaign, english):
    draft = CampaignPage.objects.get(pk=english.pk)
    draft.theme = "A better theme, not yet published"
    draft.save_revision()

    change_numbers(campaign)

    english = CampaignPage.objects.get(pk=english.pk)
    assert english.has_unpublished_changes
    assert english.start_date == datetime.date(2026, 9, 5)  # the live page
    assert english.theme == "Learning for all"
    draft = english.get_latest_revision_as_object()
    assert draft.theme == "A better theme, not yet published"
    assert draft.start_date == datetime.date(2026, 9, 5)
    assert [t.target_value for t in draft.targets.all()] == [Decimal("65"), Decimal("30")]


def test_an_event_of_a_campaign_links_the_english_campaign(campaign, english, home_page, locales):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), campaign=campaign, capacity=30)
    english_event = event.copy_for_translation(locales["en"], copy_parents=True).specific
    english_event.save_revision().publish()
    event = EventPage.objects.get(pk=event.pk)
    event.capacity = 40
    event.save_revision().publish()
    english_event = EventPage.objects.get(pk=english_event.pk)
    assert english_event.capacity == 40
    assert english_event.campaign_id == english.pk


def test_shared_fields_are_read_only_on_the_translation(campaign, english, admin_client):
    url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    html = admin_client.get(url).content.decode()
    assert "Kept as on the Vietnamese page" in html or "Giữ như trang tiếng Việt" in html
    target = english.targets.get()
    activity_forms = inline_formset([])
    data = nested_form_data(
        {
            "title": english.title,
            "slug": english.slug,
            "kind": "",
            "year": 1999,
            "theme": "Learning for everyone",
            "start_date": "2030-01-01",
            "end_date": "2030-01-02",
            "purposes": rich_text(""),
            "requirements": rich_text(""),
            "activities": activity_forms,
            "targets": inline_formset(
                [
                    {
                        "id": target.pk,
                        "label": "Learning families (%)",
                        "target_value": "99",
                        "unit": "percent",
                        "unit_label": "",
                        "achieved_value": "",
                        "as_of": "",
                    }
                ],
                initial=1,
            ),
            "comments": inline_formset([]),
        }
    )
    response = admin_client.post(url, {**data, "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[-3000:]
    english = CampaignPage.objects.get(pk=english.pk)
    assert english.theme == "Learning for everyone"
    assert (english.year, english.start_date) == (2026, datetime.date(2026, 9, 2))
    target = english.targets.get()
    assert (target.label, target.target_value) == ("Learning families (%)", Decimal("60"))


def test_pages_without_shared_fields_are_left_alone(home_page, en_home_page, locales):
    from tests.factories.home import StandardPageFactory

    about = StandardPageFactory(parent=home_page, title="Giới thiệu")
    english = about.copy_for_translation(locales["en"], copy_parents=True)
    english.title = "About"
    english.save_revision().publish()
    about.title = "Giới thiệu chung"
    about.save_revision().publish()
    english.refresh_from_db()
    assert english.title == "About"
    assert CampaignActivity.objects.count() == 0
