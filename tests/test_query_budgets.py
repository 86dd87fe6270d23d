"""Query budgets: every page type renders in a fixed number of queries, at most ``BUDGET``,
the same with ten times the content. Measured without the page cache (a page cache miss), after
one request that fills the per-process site fragments and the rendition cache, as in a running
worker. Each test grows its content tenfold between two measurements.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.models import SiteSettings
from network.models import LearningTitle
from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CampaignTargetFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.factories.evaluation import EvaluationPageFactory, PeriodFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, add_question, add_quota
from tests.factories.home import StandardPageFactory
from tests.factories.network import DirectoryFactory, LearningCentreFactory, OrganisationFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.resources import (
    LibraryPageFactory,
    ResourceCollectionFactory,
    ResourcePageFactory,
    audience,
    topic,
)

BUDGET = 15
# Page types still above BUDGET (Wagtail's routing alone takes 7 to 9 queries; these pages add
# several sections of other apps): the measured figure, so that any growth fails.
ABOVE_BUDGET = {
    "home": 20,
    "campaign": 29,
    "library": 25,
    "resource": 19,
}
SMALL, LARGE = 2, 20


@pytest.fixture(autouse=True)
def _uncached(settings, home_page):
    settings.PAGE_CACHE_ENABLED = False
    SiteSettings.for_site(home_page.get_site())


def queries(url):
    Client().get(url)
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(captured)


def within_budget(kind, url):
    count = queries(url)
    assert count <= ABOVE_BUDGET.get(kind, BUDGET), f"{kind} ({url}): {count} queries"


def assert_flat(kind, url, grow):
    small = queries(url)
    grow()
    large = queries(url)
    assert large == small, f"{kind} ({url}): {small} queries, then {large} with ten times the content"
    assert large <= ABOVE_BUDGET.get(kind, BUDGET), f"{kind} ({url}): {large} queries"


def image():
    return Image.objects.create(title="Ảnh", file=get_test_image_file())


@pytest.fixture
def sections(home_page):
    """Everything the home page and a campaign page show, and a way to make it ten times bigger."""
    campaigns = CampaignIndexPageFactory(parent=home_page, show_in_menus=True)
    campaign = CampaignPageFactory(
        parent=campaigns,
        hero_image=image(),
        start_date=datetime.date.today() - datetime.timedelta(days=3),
        end_date=datetime.date.today() + datetime.timedelta(days=20),
        year=datetime.date.today().year,
    )
    stories = StoryIndexPageFactory(parent=home_page, show_in_menus=True)
    news = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    events = EventIndexPageFactory(parent=home_page, show_in_menus=True)
    library = LibraryPageFactory(parent=home_page, show_in_menus=True)

    def add(count):
        for n in range(count):
            organisation = OrganisationFactory()
            CampaignActivityFactory(page=campaign, lead_organisation=organisation)
            CampaignTargetFactory(page=campaign)
            StoryPageFactory(parent=stories, campaign=campaign, photo=image())
            item = NewsPageFactory(parent=news, campaign=campaign, image=image())
            item.tags.add(f"khuyến học {n}")
            event = EventPageFactory.build(campaign=campaign)
            events.add_child(instance=event)
            event.organisers.set([organisation])
            event.save_revision().publish()
            resource = ResourcePageFactory(parent=library, topics=[topic("ky-nang-so")], audiences=[audience("tre-em")])
            ResourceCollectionFactory(campaign=campaign, show_on_home_page=True, resources=[resource])
        campaign.save_revision().publish()

    add(SMALL)
    return {"add": add, "campaign": campaign, "stories": stories, "news": news, "events": events, "library": library}


def test_home_page(home_page, sections):
    assert_flat("home", home_page.url, lambda: sections["add"](LARGE - SMALL))


def test_campaign_page_and_index(sections):
    assert_flat("campaign", sections["campaign"].url, lambda: sections["add"](LARGE - SMALL))
    within_budget("campaign index", sections["campaign"].get_parent().url)


def test_story_index_and_story(sections):
    story = sections["stories"].get_children().first()
    assert_flat("story index", sections["stories"].url, lambda: sections["add"](LARGE - SMALL))
    within_budget("story", story.url)


def test_news_index_and_article(sections):
    article = sections["news"].get_children().first()
    assert_flat("news index", sections["news"].url, lambda: sections["add"](LARGE - SMALL))
    within_budget("news article", article.url)


def test_event_index_calendar_archive_and_event(sections):
    events = sections["events"]
    event = events.get_children().first().specific
    add_quota(event, maximum=3)
    add_question(event)
    assert_flat("event index", events.url, lambda: sections["add"](LARGE - SMALL))
    within_budget("event calendar", events.url + "?view=calendar")
    within_budget("event archive", events.url + "past/")
    within_budget("event", event.url)


def test_library_and_resource(sections):
    resource = sections["library"].get_children().first()
    assert_flat("library", sections["library"].url, lambda: sections["add"](LARGE - SMALL))
    within_budget("resource", resource.url)


def test_learning_centres(home_page):
    directory = DirectoryFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    centre = LearningCentreFactory()

    def add(count):
        for _ in range(count):
            LearningCentreFactory()
            event = EventPageFactory.build()
            events.add_child(instance=event)
            event.organisers.set([centre])
            event.save_revision().publish()

    add(SMALL)
    html = Client().get(directory.url).content.decode()
    centre_url = re.search(rf'href="([^"]+/{centre.pk}-[^"]+)"', html).group(1)
    assert_flat("learning centres", directory.url, lambda: add(LARGE - SMALL))
    within_budget("learning centre", centre_url)


def test_standard_page(home_page):
    about = StandardPageFactory(parent=home_page, show_in_menus=True)

    def add(count):
        for _ in range(count):
            StandardPageFactory(parent=about)

    add(SMALL)
    assert_flat("standard page", about.url, lambda: add(LARGE - SMALL))


def test_the_breadcrumb_trail_reads_the_sites_addresses_once(home_page):
    """Every ancestor in the trail is a link: their addresses come from the site's root paths the
    request already read, not from one more cache read per ancestor."""
    parent = home_page
    for _ in range(4):
        parent = StandardPageFactory(parent=parent)
    Client().get(parent.url)
    with CaptureQueriesContext(connection) as captured:
        html = Client().get(parent.url).content.decode()
    assert html.count('class="breadcrumbs') == 1 and html.count("<li><a href=") >= 4
    reads = [q for q in captured.captured_queries if "wagtail_site_root_paths" in q["sql"]]
    assert len(reads) <= 1


def test_evaluation_page(home_page):
    page = EvaluationPageFactory(parent=home_page)
    titles = list(LearningTitle)
    this_year = datetime.date.today().year
    made = []

    def add(count):
        # Every title open this year, and closed periods of past years behind them.
        for _ in range(count):
            year = this_year - len(made) // len(titles)
            dates = (
                {}
                if year == this_year
                else {"opens_on": datetime.date(year, 1, 1), "closes_on": datetime.date(year, 12, 31)}
            )
            made.append(PeriodFactory(title=titles[len(made) % len(titles)], year=year, **dates))

    add(1)
    assert_flat("evaluation", page.url, lambda: add(LARGE - 1))
    within_budget("evaluation start", page.url + "cong-dan-hoc-tap/")
