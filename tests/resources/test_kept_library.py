"""The library's kept parts: its unfiltered filter panel (the facet counts) and its collections are
kept for anonymous visitors under what they show, like the home page's sections. Each test keeps
them, changes one thing the way editors do, and checks what the next visitor sees. The page cache
itself is off here, so that every visit renders the page.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from resources.models import ResourceCollectionItem
from tests.factories.resources import ResourceCollectionFactory, ResourcePageFactory, audience, topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sections_kept_pages_not")]


@pytest.fixture
def shelf(library):
    return [
        ResourcePageFactory(parent=library, title="Sổ tay kỹ năng số", topics=[topic("ky-nang-so")]),
        ResourcePageFactory(parent=library, title="Đọc sách cùng con", audiences=[audience("tre-em")]),
    ]


@pytest.fixture
def collection(shelf):
    return ResourceCollectionFactory(title="Tủ sách gia đình", resources=shelf)


def visit(url, client=None):
    """The page's HTML, and the SQL its render ran."""
    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(url)
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in captured.captured_queries)


def panel(html):
    return html[html.index('class="library__filters"') : html.index('class="library__results"')]


def count_of(html, value):
    """The count the filter panel shows next to a facet value, or None when it is not offered."""
    part = panel(html)
    if f'value="{value}"' not in part:
        return None
    after = part[part.index(f'value="{value}"') :]
    return int(after.split('class="facet-list__count">', 1)[1].split("</span>", 2)[1].split("<", 1)[0])


def test_a_second_visitor_gets_the_same_page_without_counting_or_reading_collections(library, collection):
    first, first_sql = visit(library.url)
    second, second_sql = visit(library.url)
    assert second == first
    assert "Tủ sách gia đình" in second and count_of(second, "ky-nang-so") == 1
    assert '"resources_resourcecollection"' in first_sql and "COUNT(DISTINCT" in first_sql
    assert '"resources_resourcecollection"' not in second_sql and "COUNT(DISTINCT" not in second_sql
    assert '"resources_topic"' not in second_sql


def test_publishing_a_resource_counts_it_at_once(library, collection):
    visit(library.url)
    ResourcePageFactory(parent=library, title="Kỹ năng số cho người cao tuổi", topics=[topic("ky-nang-so")])
    html, _sql = visit(library.url)
    assert count_of(html, "ky-nang-so") == 2 and "Kỹ năng số cho người cao tuổi" in html


def test_a_resource_given_another_topic_moves_in_the_counts(library, shelf):
    visit(library.url)
    resource = shelf[1]
    resource.topics = [topic("ky-nang-so")]
    resource.save_revision().publish()
    assert count_of(visit(library.url)[0], "ky-nang-so") == 2


def test_unpublishing_a_resource_leaves_the_counts_and_its_collection(library, shelf, collection):
    visit(library.url)
    shelf[0].unpublish()
    html, _sql = visit(library.url)
    assert count_of(html, "ky-nang-so") is None
    collections = html[html.index("Tủ sách gia đình") : html.index('class="library__filters"')]
    assert "Sổ tay kỹ năng số" not in collections and "Đọc sách cùng con" in collections
    shelf[1].delete()
    assert "Tủ sách gia đình" not in visit(library.url)[0]


def test_retitling_a_resource_reaches_its_collection(library, shelf, collection):
    visit(library.url)
    shelf[0].title = "Sổ tay kỹ năng số cho mọi nhà"
    shelf[0].save_revision().publish()
    html = visit(library.url)[0]
    collections = html[html.index("Tủ sách gia đình") : html.index('class="library__filters"')]
    assert "Sổ tay kỹ năng số cho mọi nhà" in collections


def test_editing_collections_reaches_the_library(library, shelf, collection):
    visit(library.url)
    collection.title = "Tủ sách của mọi nhà"
    collection.save()
    assert "Tủ sách của mọi nhà" in visit(library.url)[0]
    ResourceCollectionItem.objects.filter(collection=collection, resource=shelf[0]).delete()
    html = visit(library.url)[0]
    collections = html[html.index("Tủ sách của mọi nhà") : html.index('class="library__filters"')]
    assert "Sổ tay kỹ năng số" not in collections
    ResourceCollectionFactory(title="Tủ sách mới", resources=[shelf[0]])
    assert "Tủ sách mới" in visit(library.url)[0]
    collection.show_in_library = False
    collection.save()
    assert "Tủ sách của mọi nhà" not in visit(library.url)[0]


def test_renaming_or_deleting_a_topic_reaches_the_filter_panel(library, shelf):
    visit(library.url)
    term = topic("ky-nang-so")
    term.name = "Kỹ năng số cho mọi người"
    term.save()
    assert "Kỹ năng số cho mọi người" in panel(visit(library.url)[0])
    term.delete()
    assert count_of(visit(library.url)[0], "ky-nang-so") is None


def test_each_sort_keeps_its_own_panel_and_filtered_pages_none(library, shelf):
    visit(library.url)
    html = visit(library.url + "?sort=title")[0]
    assert '<option value="title" selected>' in panel(html)
    html, sql = visit(library.url + "?topic=ky-nang-so")
    assert 'value="ky-nang-so" checked' in panel(html) and "COUNT(DISTINCT" in sql
    html, sql = visit(library.url + "?topic=ky-nang-so")
    assert "COUNT(DISTINCT" in sql


def test_editors_never_get_kept_parts(library, collection, editor_client):
    visit(library.url)
    _html, sql = visit(library.url, client=editor_client)
    assert '"resources_resourcecollection"' in sql and "COUNT(DISTINCT" in sql


def test_the_first_collection_and_the_first_topic_appear(library):
    html = visit(library.url)[0]
    assert "library__collections" not in html and count_of(html, "ky-nang-so") is None
    resource = ResourcePageFactory(parent=library, title="Sổ tay kỹ năng số", topics=[topic("ky-nang-so")])
    assert count_of(visit(library.url)[0], "ky-nang-so") == 1
    ResourceCollectionFactory(title="Tủ sách đầu tiên", resources=[resource])
    assert "Tủ sách đầu tiên" in visit(library.url)[0]
