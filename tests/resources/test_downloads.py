import pytest
from django.core.cache import cache

from resources.models import ResourceDownload
from resources.services import download_count, is_bot
from tests.factories.resources import MINIMAL_PDF, ResourcePageFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def resource(library):
    return ResourcePageFactory(parent=library, title="Cẩm nang khuyến học")


def test_download_serves_the_file_as_an_attachment(client, resource):
    response = client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(MINIMAL_PDF))
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert download_count(resource) == 1


def test_same_visitor_is_counted_once_but_another_visitor_counts(client, resource):
    for _ in range(3):
        client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER)
    client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.9")
    assert download_count(resource) == 2
    assert ResourceDownload.objects.get().count == 2


def test_visitors_behind_a_proxy_are_told_apart_by_the_address_the_proxy_saw(client, resource, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # What the client wrote (the left part) does not make it another visitor.
    for forwarded in ["10.0.0.1, 203.0.113.5", "10.0.0.2, 203.0.113.6", "10.0.0.3, 203.0.113.5"]:
        client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER, HTTP_X_FORWARDED_FOR=forwarded)
    assert download_count(resource) == 2


def test_bots_are_not_counted(client, resource):
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1", "curl/8.5", ""]:
        response = client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=agent)
        assert response.status_code == 200
    assert download_count(resource) == 0
    assert is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert not is_bot(BROWSER)


def test_downloads_of_translations_add_up(client, resource, en_home_page, locales):
    english = resource.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER)
    client.get(english.url + "tai-ve/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.2")
    assert download_count(english) == 2


def test_preview_is_inline_and_not_counted(client, resource):
    response = client.get(resource.url + "xem-truoc/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert download_count(resource) == 0


def test_resource_without_file_has_no_download(client, library):
    course = ResourcePageFactory(parent=library, kind="course", document=None, external_url="https://example.org/")
    assert client.get(course.url + "tai-ve/").status_code == 404


def test_web_server_can_send_the_file(client, resource, settings):
    settings.RESOURCES_SENDFILE = "x-accel-redirect"
    settings.RESOURCES_SENDFILE_PREFIX = "/protected/"
    response = client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER)
    assert response["X-Accel-Redirect"] == "/protected/" + resource.document.file.name
    assert response.content == b""
    assert "attachment" in response["Content-Disposition"]


def test_resource_page_shows_download_button_and_count(client, resource):
    client.get(resource.url + "tai-ve/", HTTP_USER_AGENT=BROWSER)
    html = client.get(resource.url).content.decode()
    assert f'href="{resource.url}tai-ve/"' in html
    assert f'src="{resource.url}xem-truoc/"' in html
