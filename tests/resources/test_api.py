import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.resources import ResourcePageFactory, audience, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(library):
    return [
        ResourcePageFactory(
            parent=library,
            title=f"Tài liệu {n}",
            topics=[topic("suc-khoe")],
            audiences=[audience("nguoi-cao-tuoi" if n % 2 else "hoc-sinh")],
            authors="Lê Văn Tám",
        )
        for n in range(5)
    ]


def test_catalogue_lists_filters_and_pages(client, shelf):
    response = client.get("/api/resources/?audience=hoc-sinh&sort=title&page_size=2")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    data = response.json()
    assert data["count"] == 3 and data["pages"] == 2
    assert [r["title"] for r in data["results"]] == ["Tài liệu 0", "Tài liệu 2"]
    assert data["next"] == "http://testserver/api/resources/?audience=hoc-sinh&sort=title&page=2&lang=vi&page_size=2"
    first = data["results"][0]
    assert first["topics"] == [{"slug": "suc-khoe", "name": "Sức khỏe"}]
    assert first["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert first["file"]["format"] == "pdf"
    assert first["file"]["download_url"].endswith("/tai-ve/")
    assert first["authors"] == ["Lê Văn Tám"]
    assert {"value": "nguoi-cao-tuoi", "name": "Người cao tuổi", "count": 2} in data["facets"]["audience"]
    assert client.get(data["next"]).json()["previous"].startswith("http://testserver/api/resources/?audience=hoc-sinh")


def test_catalogue_is_read_only_and_query_count_is_flat(client, shelf):
    assert client.post("/api/resources/").status_code == 405
    client.get("/api/resources/?page_size=5")  # makes the cover renditions once
    with CaptureQueriesContext(connection) as one:
        client.get("/api/resources/?page_size=5")  # makes the cover renditions once
    with CaptureQueriesContext(connection) as five:
        client.get("/api/resources/?page_size=5")
    assert len(five.captured_queries) <= len(one.captured_queries)


def test_detail_and_english_names(client, shelf, en_home_page, locales):
    data = client.get(f"/api/resources/{shelf[0].pk}/").json()
    assert data["title"] == "Tài liệu 0" and "description" in data
    assert client.get("/api/resources/999999/").status_code == 404
    shelf[1].unpublish()
    assert client.get(f"/api/resources/{shelf[1].pk}/").status_code == 404
    english = shelf[0].copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    data = client.get("/api/resources/?lang=en").json()
    assert data["count"] == 1
    assert data["results"][0]["audiences"] == [{"slug": "hoc-sinh", "name": "Pupils"}]
