"""What a cheap phone downloads: compressed HTML, pre-compressed static files whose hashed names the
pages really use, stylesheets in <head>, and a description for link previews."""

import gzip
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from events import services as event_services
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, person
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def fetch(client, url, encoding="gzip, deflate, br"):
    return client.get(url, HTTP_ACCEPT_ENCODING=encoding)


def body(response):
    content = response.content
    return (gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content).decode()


@pytest.fixture
def event(home_page):
    return EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page),
        summary="",
        description="<p>Hướng dẫn Thông tư 24/2023/TT-BGDĐT &amp; Quyết định 324/QĐ-KHVN cho cán bộ.</p>",
    )


def test_pages_feeds_and_the_api_are_sent_compressed(client, home_page, event):
    ResourcePageFactory(parent=LibraryPageFactory(parent=home_page))
    for url in ("/", event.url, event.url + "ical/", "/api/resources/", reverse("sitemap")):
        response = fetch(client, url)
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"], url
    assert "<html" in body(fetch(client, event.url))
    # A client that does not accept gzip gets plain HTML.
    assert not fetch(client, event.url, encoding="identity").has_header("Content-Encoding")


def test_responses_holding_a_lasting_secret_and_files_are_not_compressed(client, home_page, event, settings):
    settings.EVENTS_RATE_LIMIT = 0
    registration = event_services.register(event, person(1)).registration
    fetch(client, reverse("events:manage", kwargs={"token": registration.token}))
    private_page = fetch(client, reverse("events:manage_current"))
    assert private_page.status_code == 200 and not private_page.has_header("Content-Encoding")

    client.force_login(User.objects.create_superuser("quanly", "quanly@example.org", "mat-khau-123"))
    admin = fetch(client, reverse("wagtailadmin_home"))
    assert admin.status_code == 200 and not admin.has_header("Content-Encoding")

    resource = ResourcePageFactory(parent=LibraryPageFactory(parent=home_page))
    download = fetch(client, resource.url + "tai-ve/")
    assert download.status_code == 200 and not download.has_header("Content-Encoding")


def test_event_and_search_pages_describe_themselves_for_link_previews(client, event):
    html = body(fetch(client, event.url))
    description = "Hướng dẫn Thông tư 24/2023/TT-BGDĐT &amp; Quyết định 324/QĐ-KHVN cho cán bộ."
    assert f'<meta name="description" content="{description}">' in html
    assert f'<meta property="og:description" content="{description}">' in html

    event.summary = "Tập huấn cho cán bộ phụ trách."
    event.save_revision().publish()
    assert '<meta name="description" content="Tập huấn cho cán bộ phụ trách.">' in body(fetch(client, event.url))

    for url, words in ((reverse("search"), "Tìm chiến dịch"), ("/en/search/", "Search campaigns")):
        html = body(fetch(client, url + "?q=khuyen+hoc"))
        assert re.search(rf'<meta name="description" content="{words}[^"]+">', html), url
        assert re.search(rf'<meta property="og:description" content="{words}[^"]+">', html), url


def stylesheets_outside_head(html):
    return re.findall(r'<link rel="stylesheet"[^>]*>', html.split("</head>", 1)[1])


def test_stylesheets_of_sections_are_linked_in_the_head(client, home_page, event):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page))
    for url in ("/", campaign.url):
        html = body(fetch(client, url))
        assert not stylesheets_outside_head(html), url
    head = body(fetch(client, "/")).split("</head>", 1)[0]
    # The home page's upcoming events section brings the events' stylesheet, once.
    assert head.count('href="/static/css/events.css"') == 1


def test_scripts_never_block_rendering(client, home_page):
    head = body(fetch(client, "/")).split("</head>", 1)[0]
    scripts = re.findall(r"<script\b[^>]*>", head)
    assert scripts and all(" defer" in tag or 'type="application/ld+json"' in tag for tag in scripts), scripts


def test_search_script_names_its_hashed_stylesheet_under_production_storage(home_page, production_static):
    html = body(fetch(Client(), "/"))
    tag = re.search(r'<script src="/static/js/search\.[0-9a-f]{12}\.js"[^>]*>', html).group(0)
    stylesheet = re.search(r'data-stylesheet="/static/(css/search\.[0-9a-f]{12}\.css)"', tag).group(1)
    assert (production_static / stylesheet).read_text().startswith("/*")
    assert 'href="/static/css/portal.' in html


def test_static_files_get_gzip_and_brotli_copies(production_static):
    stylesheet = next(production_static.glob("css/portal.*.css"))
    assert stylesheet.with_name(stylesheet.name + ".gz").exists()
    assert stylesheet.with_name(stylesheet.name + ".br").exists()
