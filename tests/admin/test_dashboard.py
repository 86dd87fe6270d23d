"""The editors' dashboard and the campaign and event listings."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from campaigns import services as campaign_services
from events import services as event_services
from resources.models import ResourceDownload
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, person
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def listed(html):
    """The listing's rows, without the filter form (whose choices name pages too)."""
    start = html.index('<table class="listing')
    return html[start : html.index("</table>", start)]


@pytest.fixture
def campaigns(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    today = campaign_services.local_today()
    ongoing = CampaignPageFactory(
        parent=index,
        title="Tuần lễ hưởng ứng học tập suốt đời",
        year=today.year,
        start_date=today - datetime.timedelta(days=3),
        end_date=today + datetime.timedelta(days=4),
    )
    ended = CampaignPageFactory(
        parent=index,
        title="Tháng Khuyến học năm trước",
        year=today.year - 1,
        start_date=datetime.date(today.year - 1, 9, 2),
        end_date=datetime.date(today.year - 1, 10, 2),
    )
    return ongoing, ended


@pytest.fixture
def event(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Tập huấn Công dân học tập")
    event_services.register(event, person(1))
    event_services.register(event, person(2))
    return event


def test_the_dashboard_shows_what_editors_follow(admin_client, campaigns, event, home_page):
    library = LibraryPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library, title="Sổ tay học tập suốt đời")
    today = timezone.localdate()
    ResourceDownload.objects.create(translation_key=resource.translation_key, date=today, count=7)
    ResourceDownload.objects.create(
        translation_key=resource.translation_key, date=today.replace(day=1) - datetime.timedelta(days=1), count=50
    )

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Tuần lễ hưởng ứng học tập suốt đời" in html
    assert "Tháng Khuyến học năm trước" not in html  # ended
    assert "Tập huấn Công dân học tập" in html and "2 / 10" in html
    assert "Sổ tay học tập suốt đời" in html
    assert "pending-moderation" in html and "library-downloads" in html
    downloads = BeautifulSoup(html, "html.parser").find(id="library-downloads-content")
    month = today.strftime("%m/%Y")
    assert downloads.p.get_text(strip=True) in (f"7 downloads in {month}.", f"7 lượt tải trong tháng {month}.")
    assert [td.get_text(strip=True) for td in downloads.tbody.tr("td")] == ["Sổ tay học tập suốt đời", "7"]


def test_pages_in_moderation_are_listed_for_every_editor(admin_client, campaigns, django_user_model):
    from campaigns.services import ensure_campaign_workflow

    ongoing, _ended = campaigns
    workflow = ensure_campaign_workflow([ongoing.get_parent()])
    submitter = django_user_model.objects.create_user("bientap", first_name="Hoa", last_name="Nguyễn Thị")
    ongoing.save_revision(user=submitter)
    workflow.start(ongoing, submitter)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    section = html[html.index("pending-moderation") :]
    assert "Tuần lễ hưởng ứng học tập suốt đời" in section[:4000]
    assert "Hoa Nguyễn Thị" in section[:4000]


def test_the_campaign_listing_has_year_period_and_status_and_filters(admin_client, campaigns):
    ongoing, ended = campaigns
    url = reverse("campaign_listing:index")
    html = admin_client.get(url).content.decode()
    assert ongoing.title in html and ended.title in html
    assert f"{ended.start_date:%d/%m/%Y} – {ended.end_date:%d/%m/%Y}" in html
    assert str(ended.year) in html

    html = listed(admin_client.get(url, {"campaign_state": campaign_services.ONGOING}).content.decode())
    assert ongoing.title in html and ended.title not in html
    html = listed(admin_client.get(url, {"year": ended.year}).content.decode())
    assert ended.title in html and ongoing.title not in html


def test_the_event_listing_shows_seats_and_filters_by_time(admin_client, event, home_page):
    past = EventPageFactory(
        parent=event.get_parent(),
        title="Hội thảo đã qua",
        start=timezone.now() - datetime.timedelta(days=30),
        end=timezone.now() - datetime.timedelta(days=30, hours=-3),
        registration_closes=None,
    )
    url = reverse("event_listing:index")
    html = admin_client.get(url).content.decode()
    assert event.title in html and past.title in html and "2 / 10" in html
    html = listed(admin_client.get(url, {"event_state": "upcoming"}).content.decode())
    assert event.title in html and past.title not in html
