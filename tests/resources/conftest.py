import pytest

from tests.factories.resources import LibraryPageFactory


@pytest.fixture
def library(home_page):
    return LibraryPageFactory(parent=home_page)
