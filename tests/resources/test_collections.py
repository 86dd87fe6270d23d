import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from home.sections import page_sections
from tests.factories.resources import ResourceCollectionFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(library):
    return [ResourcePageFactory(parent=library, title=f"Sách hay {n}") for n in range(3)]


def test_library_home_shows_collections_in_the_editors_order(client, library, shelf):
    ResourceCollectionFactory(title="Tủ sách khuyến học", resources=[shelf[2], shelf[0]])
    ResourceCollectionFactory(title="Ẩn đi", show_in_library=False, resources=[shelf[1]])
    html = client.get(library.url).content.decode()
    assert "Tủ sách khuyến học" in html and "Ẩn đi" not in html
    section = html[html.index("Tủ sách khuyến học") : html.index('id="library-results-title"')]
    assert section.index("Sách hay 2") < section.index("Sách hay 0")
    assert "Sách hay 1" not in section
    # A filtered list is about the results: the collections step aside, and are not even read.
    with CaptureQueriesContext(connection) as captured:
        html = client.get(library.url + "?kind=document").content.decode()
    assert "Tủ sách khuyến học" not in html and "Sách hay 0" in html
    assert not [query for query in captured.captured_queries if "resources_resourcecollection" in query["sql"]]


def test_unpublished_resources_leave_their_collections(client, library, shelf):
    ResourceCollectionFactory(title="Tủ sách khuyến học", resources=[shelf[0]])
    shelf[0].unpublish()
    assert "Tủ sách khuyến học" not in client.get(library.url).content.decode()


def test_home_page_section_shows_featured_collections_in_each_language(client, home_page, library, shelf, locales):
    request = RequestFactory().get("/")
    assert page_sections("portal_home_sections", home_page, request) == []
    ResourceCollectionFactory(
        title="Mỗi năm ba cuốn sách", title_en="Three books a year", show_on_home_page=True, resources=shelf[:2]
    )
    [section] = page_sections("portal_home_sections", home_page, request)
    assert section["template"] == "resources/includes/collections_section.html"
    [entry] = section["context"]["collections"]
    assert entry["title"] == "Mỗi năm ba cuốn sách" and entry["resources"] == shelf[:2]
    html = client.get("/").content.decode()
    assert "Học liệu tiêu biểu" in html and "Sách hay 1" in html

    english_library = library.copy_for_translation(locales["en"], copy_parents=True)
    english_library.save_revision().publish()
    english = shelf[0].copy_for_translation(locales["en"])
    english.title = "Good book 0"
    english.save_revision().publish()
    english_home = home_page.get_translation(locales["en"])
    [section] = page_sections("portal_home_sections", english_home, request)
    [entry] = section["context"]["collections"]
    assert entry["title"] == "Three books a year"
    assert [page.title for page in entry["resources"]] == ["Good book 0"]


def test_campaign_page_shows_its_collections(client, home_page, library, shelf):
    campaigns = pytest.importorskip("tests.factories.campaigns", reason="needs the campaigns app's factories")
    index = campaigns.CampaignIndexPageFactory(parent=home_page)
    campaign = campaigns.CampaignPageFactory(parent=index, title="Ngày Sách và Văn hóa đọc")
    other = campaigns.CampaignPageFactory(parent=index, title="Tháng Khuyến học")
    ResourceCollectionFactory(title="Sách cho Ngày Sách", campaign=campaign, resources=[shelf[1]])
    html = client.get(campaign.url).content.decode()
    assert "Sách cho Ngày Sách" in html and "Sách hay 1" in html
    assert "Sách cho Ngày Sách" not in client.get(other.url).content.decode()


def test_each_collection_has_its_own_page(client, library, shelf):
    collection = ResourceCollectionFactory(title="Tủ sách khuyến học", slug="tu-sach", resources=shelf)
    html = client.get(library.url).content.decode()
    assert f'href="{library.url}tuyen-tap/tu-sach/"' in html
    response = client.get(f"{library.url}tuyen-tap/tu-sach/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tủ sách khuyến học</h1>" in html
    assert all(page.title in html for page in shelf)
    assert client.get(f"{library.url}tuyen-tap/khong-co/").status_code == 404
    collection.items.all().delete()
    assert client.get(f"{library.url}tuyen-tap/tu-sach/").status_code == 404
