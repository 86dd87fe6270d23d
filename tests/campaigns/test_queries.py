"""Rendering a campaign costs the same number of queries whatever the number of its parts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns import services
from home.seed import generated_image
from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignPageFactory,
    CampaignTargetFactory,
    StoryPageFactory,
)
from tests.factories.network import OrganisationFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

# Wagtail's page routing, the site shell (menu, language switcher, settings) and each section.
CAMPAIGN_PAGE_BUDGET = 45


@pytest.fixture(autouse=True)
def _render(settings):
    # What rendering costs: the page cache would answer the second visit from a kept copy.
    settings.PAGE_CACHE_ENABLED = settings.PAGE_CACHE_FRAGMENTS = False


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(services, "local_today", lambda now=None: datetime.date(2023, 9, 20))


def campaign_with(campaign_index, story_index, news_index, size, slug):
    page = CampaignPageFactory(parent=campaign_index, slug=slug, hero_image=generated_image(f"hero {slug}"))
    page.lead_organisations.set(OrganisationFactory.create_batch(size))
    page.coordinating_organisations.set(OrganisationFactory.create_batch(size))
    for n in range(size):
        activity = CampaignActivityFactory(page=page, start_date=datetime.date(2023, 9, 2 + n))
        activity.coordinating_organisations.set(OrganisationFactory.create_batch(2))
        CampaignTargetFactory(page=page, achieved_value=n, as_of=datetime.date(2023, 9, 15))
        StoryPageFactory(
            parent=story_index, slug=f"{slug}-story-{n}", campaign=page, photo=generated_image(f"{slug} story {n}")
        )
        NewsPageFactory(
            parent=news_index, slug=f"{slug}-news-{n}", campaign=page, image=generated_image(f"{slug} news {n}")
        )
    page.save_revision().publish()
    return page


def queries_to_render(client, url):
    client.get(url)  # renditions are made once, on the first visit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_activities_targets_or_related_pages(
    client, campaign_index, story_index, news_index, home_page
):
    listings = ("/", campaign_index.url, story_index.url, news_index.url)
    small = campaign_with(campaign_index, story_index, news_index, 2, "nho")
    before = {url: queries_to_render(client, url) for url in listings}
    large = campaign_with(campaign_index, story_index, news_index, 10, "lon")
    assert {url: queries_to_render(client, url) for url in listings} == before
    for suffix in ("", "print/", "rss/"):
        assert queries_to_render(client, small.url + suffix) == queries_to_render(client, large.url + suffix), suffix
    assert queries_to_render(client, large.url) <= CAMPAIGN_PAGE_BUDGET
