"""The event index's filter form: unfiltered, it is kept for anonymous visitors under what it offers
(the districts of the events below the index, the campaigns they name). Each test keeps it, changes
one thing the way editors do, and checks what the next visitor sees. The page cache itself is off
here, so that every visit renders the page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sections_kept_pages_not")]


@pytest.fixture
def campaign(home_page):
    return CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page), title="Tháng Khuyến học 2026")


@pytest.fixture
def events(event_index, campaign):
    return [
        EventPageFactory(parent=event_index, title="Tập huấn cán bộ", district="Quận 1", campaign=campaign),
        EventPageFactory(parent=event_index, title="Ngày hội đọc sách", district="Quận 3"),
    ]


def visit(url, client=None, **params):
    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(url, params)
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in captured.captured_queries)


def form(html):
    return html[html.index('<form class="event-filters"') : html.index("</form>", html.index('class="event-filters"'))]


def test_a_second_visitor_gets_the_same_form_without_its_queries(event_index, events):
    first, first_sql = visit(event_index.url)
    second, second_sql = visit(event_index.url)
    assert form(second) == form(first)
    assert "<option>Quận 1</option>" in form(second) and "Tháng Khuyến học 2026" in form(second)
    assert '"events_eventpage"."district" AS "district"' in first_sql
    assert '"events_eventpage"."district" AS "district"' not in second_sql
    assert "Tập huấn cán bộ" in second and "Ngày hội đọc sách" in second


def test_a_filtered_list_and_the_calendar_show_their_own_choices(event_index, events):
    visit(event_index.url)
    filtered, _sql = visit(event_index.url, district="Quận 3")
    assert "<option selected>Quận 3</option>" in form(filtered)
    assert "Tập huấn cán bộ" not in filtered and "Ngày hội đọc sách" in filtered
    calendar, _sql = visit(event_index.url, view="calendar")
    assert '<input type="hidden" name="view" value="calendar">' in form(calendar)
    assert '<input type="hidden" name="view"' not in form(visit(event_index.url)[0])


def test_a_new_event_in_a_new_district_is_offered(event_index, events):
    visit(event_index.url)
    EventPageFactory(parent=event_index, title="Hội thảo học tập suốt đời", district="Huyện Cần Giờ")
    assert "<option>Huyện Cần Giờ</option>" in form(visit(event_index.url)[0])


def test_an_unpublished_event_takes_its_district_and_campaign_away(event_index, events):
    visit(event_index.url)
    events[0].unpublish()
    html = form(visit(event_index.url)[0])
    assert "Quận 1" not in html and "Tháng Khuyến học 2026" not in html
    assert "<option>Quận 3</option>" in html


def test_a_renamed_campaign_is_offered_under_its_new_title(event_index, events, campaign):
    visit(event_index.url)
    campaign.title = "Tháng Khuyến học năm 2026"
    campaign.save_revision().publish()
    assert "Tháng Khuyến học năm 2026" in form(visit(event_index.url)[0])


def test_editors_get_the_form_rendered_for_them(event_index, events, editor_client):
    visit(event_index.url)
    html, sql = visit(event_index.url, client=editor_client)
    assert "<option>Quận 1</option>" in form(html)
    assert '"events_eventpage"."district" AS "district"' in sql
