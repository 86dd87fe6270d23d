"""Kept sections: the feature sections of a page (the home page's campaign, events, stories, news
and resources) are kept for anonymous visitors under the tags of what each one shows. A page the
page cache has dropped renders again only the sections that changed, and a section never outlives
what it shows: each test keeps the sections, changes one thing the way editors do, and checks what
the next visitor sees. The page cache itself is off here, so that every visit renders the page.
"""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal import cache as page_cache
from portal import pagecache
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.resources import LibraryPageFactory, ResourceCollectionFactory, ResourcePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sections_kept_pages_not")]


@pytest.fixture
def site(home_page):
    """A home page with a story and a news item, each from its own index."""
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=stories, title="Gia đình bà Lan học tập suốt đời")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Phát động Tháng Khuyến học")
    return {"home": home_page, "stories": stories, "news": news}


def visit(url="/", client=None):
    """The page's HTML, and the tables its render read."""
    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in captured.captured_queries)


def test_a_second_visitor_gets_the_same_page_from_kept_sections(site):
    first, first_sql = visit()
    second, second_sql = visit()
    assert second == first
    assert "Gia đình bà Lan học tập suốt đời" in second and "Phát động Tháng Khuyến học" in second
    assert '"campaigns_storypage"' in first_sql and '"news_newspage"' in first_sql
    assert '"campaigns_storypage"' not in second_sql and '"news_newspage"' not in second_sql


def test_publishing_news_renders_the_news_again_and_keeps_the_stories(site):
    visit()
    NewsPageFactory(parent=site["news"], title="Trao học bổng cho học sinh nghèo", date=datetime.date(2023, 9, 6))
    html, sql = visit()
    assert "Trao học bổng cho học sinh nghèo" in html and "Gia đình bà Lan học tập suốt đời" in html
    assert '"news_newspage"' in sql and '"campaigns_storypage"' not in sql


def test_a_list_that_was_empty_shows_its_first_item(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    html, _sql = visit()
    assert "Tin khuyến học" not in html
    NewsPageFactory(parent=news, title="Tin khuyến học đầu tiên")
    html, _sql = visit()
    assert "Tin khuyến học đầu tiên" in html


def test_retitling_unpublishing_and_deleting_reach_the_section(site):
    visit()
    story = site["stories"].get_children().first().specific
    story.title = "Gương sáng hiếu học ở phường Hạc Thành"
    story.save_revision().publish()
    assert "Gương sáng hiếu học ở phường Hạc Thành" in visit()[0]
    story.unpublish()
    assert "Gương sáng hiếu học ở phường Hạc Thành" not in visit()[0]
    item = site["news"].get_children().first()
    item.delete()
    assert "Phát động Tháng Khuyến học" not in visit()[0]


def test_a_new_collection_and_its_resources_reach_the_home_page(home_page):
    library = LibraryPageFactory(parent=home_page)
    resource = ResourcePageFactory(parent=library, title="Sổ tay kỹ năng số")
    visit()
    collection = ResourceCollectionFactory(title="Tủ sách gia đình", show_on_home_page=True, resources=[resource])
    assert "Tủ sách gia đình" in visit()[0]
    collection.title = "Tủ sách của mọi nhà"
    collection.save()
    html = visit()[0]
    assert "Tủ sách của mọi nhà" in html and "Sổ tay kỹ năng số" in html
    resource.title = "Sổ tay kỹ năng số cho người cao tuổi"
    resource.save_revision().publish()
    assert "Sổ tay kỹ năng số cho người cao tuổi" in visit()[0]


def test_a_new_campaign_is_featured_and_the_english_home_keeps_its_own_sections(home_page, en_home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    visit()
    visit("/en/")
    today = timezone.localdate()
    CampaignPageFactory(
        parent=index,
        title="Tuần lễ học tập suốt đời",
        start_date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=5),
        year=(today - datetime.timedelta(days=1)).year,
    )
    assert "Tuần lễ học tập suốt đời" in visit()[0]
    assert "Tuần lễ học tập suốt đời" not in visit("/en/")[0]


def test_an_event_leaves_the_upcoming_events_when_it_ends(home_page):
    events = EventIndexPageFactory(parent=home_page)
    end = timezone.now() + datetime.timedelta(minutes=5)
    EventPageFactory(parent=events, title="Tọa đàm sắp kết thúc", start=end - datetime.timedelta(hours=2), end=end)
    assert "Tọa đàm sắp kết thúc" in visit()[0]
    name = ("portal_home_sections", "home.homepage", home_page.pk, 20, "events/includes/events_section.html")
    entry = page_cache.page_cache().get(pagecache._fragment_key(RequestFactory().get("/"), name))
    assert "Tọa đàm sắp kết thúc" in entry["html"] and entry["expires"] <= end.timestamp()


def test_editors_and_previews_never_get_kept_sections(site):
    visit()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 12)
    client = Client()
    client.force_login(editor)
    _html, sql = visit(client=client)
    assert '"campaigns_storypage"' in sql and '"news_newspage"' in sql
    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert not pagecache.KeptFragments(preview, [("portal_home_sections", "home.homepage", site["home"].pk)]).enabled


def test_a_fragment_with_a_visitors_csrf_token_is_never_kept():
    name = ("test", "form")
    request = RequestFactory().get("/")
    kept = pagecache.KeptFragments(request, [name])
    with kept.recording(name):
        html = f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'
    kept.keep(name, html)
    assert pagecache.KeptFragments(RequestFactory().get("/"), [name]).html == {}


def test_a_fragment_is_kept_no_longer_than_it_declared():
    name = ("test", "soon")
    kept = pagecache.KeptFragments(RequestFactory().get("/"), [name])
    with kept.recording(name):
        page_cache.expires_at(time.time() + 1)
    kept.keep(name, "<p>sắp hết hạn</p>")
    assert pagecache.KeptFragments(RequestFactory().get("/"), [name]).html == {name: "<p>sắp hết hạn</p>"}
    time.sleep(1.1)
    assert pagecache.KeptFragments(RequestFactory().get("/"), [name]).html == {}
