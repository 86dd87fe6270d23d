import datetime

import pytest
from django.utils.text import slugify

from search import indexer
from search.text import fold
from tests.factories import campaigns as campaign_factories
from tests.factories.campaigns import CampaignIndexPageFactory
from tests.factories.home import StandardPageFactory


class CampaignPageFactory(campaign_factories.CampaignPageFactory):
    # The search cases control every word a campaign page holds.
    theme = ""
    year = 2024
    start_date = datetime.date(2024, 10, 1)
    end_date = datetime.date(2024, 10, 7)


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def standard(parent, title, body="", **fields):
    fields.setdefault("slug", slugify(fold(title)))
    return StandardPageFactory(parent=parent, title=title, intro="", body=paragraph(body) if body else [], **fields)


@pytest.fixture(params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request, settings):
    """Runs a test once on the database backend and once, for real, on Elasticsearch."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    yield request.param


@pytest.fixture
def campaign_index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def reindex():
    return indexer.rebuild
