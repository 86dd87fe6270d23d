import pytest

from tests.factories.events import EventIndexPageFactory


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture(autouse=True)
def _no_rate_limit_by_default(settings):
    settings.EVENTS_RATE_LIMIT = 0
