import pytest

from tests.factories.events import EventIndexPageFactory


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture(autouse=True)
def _no_rate_limit_by_default(settings):
    settings.EVENTS_RATE_LIMIT = 0
    settings.EVENTS_FLOOD_LIMIT = 0


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the e-mails) as the real transaction would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
