"""Every absolute link names the one public address (PUBLIC_BASE_URL), never the host a request came
in by nor the hostname typed into Wagtail's Site record."""

import json
import re
from io import StringIO
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from events import services as event_services
from home.management.commands import seed_demo
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory, person
from tests.factories.network import DirectoryFactory, LearningCentreFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://hoctap.example.vn"
# What a request's Host header says behind a proxy or on runserver, and what the Site record says.
SERVED_AS = "127.0.0.1:8011"
OUR_OTHER_HOSTS = {SERVED_AS, "127.0.0.1", "localhost", "testserver"}


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.EVENTS_RATE_LIMIT = 0


def get(client, url):
    response = client.get(url, HTTP_HOST=SERVED_AS)
    assert response.status_code == 200, url
    return response.content.decode()


def absolute_urls(text):
    """Every absolute URL in a text, including those URL-encoded inside share links."""
    pattern = r"https?://[^\s\"'<>\\]+"
    found = re.findall(pattern, text)
    return found + re.findall(pattern, unquote(" ".join(found)))


def assert_only_public(text):
    ours = [url for url in absolute_urls(text) if urlsplit(url).netloc in OUR_OTHER_HOSTS]
    assert not ours, f"absolute links that do not use PUBLIC_BASE_URL: {ours}"


def json_ld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def meta(html, attribute, name):
    return re.search(rf'<meta {attribute}="{name}" content="([^"]+)"', html).group(1)


def test_campaign_head_share_box_and_json_ld_use_the_public_address(client, home_page):
    from home.seed import generated_image

    index = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=index, slug="thang-khuyen-hoc-2023", hero_image=generated_image("Bìa"))
    html = get(client, campaign.url)
    expected = PUBLIC + campaign.url
    assert re.search(rf'<link rel="canonical" href="{expected}">', html)
    assert meta(html, "property", "og:url") == expected
    assert meta(html, "property", "og:image").startswith(PUBLIC + "/")
    assert f'value="{expected}" readonly' in html
    facebook = re.search(r'href="(https://www\.facebook\.com/sharer/sharer\.php\?[^"]+)"', html).group(1)
    zalo = re.search(r'href="(https://zalo\.me/share\?[^"]+)"', html).group(1)
    assert parse_qs(urlsplit(facebook).query)["u"] == [expected]
    assert parse_qs(urlsplit(zalo).query)["url"] == [expected]
    assert json_ld(html)[0]["url"] == expected
    assert_only_public(html)


def test_event_page_calendar_files_and_feed_use_the_public_address(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, slug="tap-huan")
    expected = PUBLIC + event.url
    html = get(client, event.url)
    assert json_ld(html)[0]["url"] == expected
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html).group(1).replace("&amp;", "&")
    assert expected in parse_qs(urlsplit(google).query)["details"][0]
    assert_only_public(html)
    for ics in (get(client, event.url + "ical/"), get(client, index.url + "ical/")):
        assert f"URL:{expected}" in ics.replace("\r\n ", "")
        assert_only_public(ics.replace("\r\n ", ""))


def test_registration_email_links_open_the_public_site(client, home_page, django_capture_on_commit_callbacks):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="tap-huan")
    with django_capture_on_commit_callbacks(execute=True):
        registration = event_services.register(event, person(1)).registration
    message = mail.outbox[0]
    manage = PUBLIC + reverse("events:manage", kwargs={"token": registration.token})
    assert manage in message.body
    assert f"{PUBLIC}{event.url}" in message.body
    assert_only_public(message.body)
    calendar_file = next(content for name, content, _type in message.attachments if name.endswith(".ics"))
    assert f"URL:{PUBLIC}{event.url}" in calendar_file.replace("\r\n ", "")
    # The manage link really opens the registration.
    assert client.get(urlsplit(manage).path, follow=True).status_code == 200


def test_sitemap_robots_and_feeds_use_the_public_address(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    news = NewsPageFactory(parent=news_index, slug="ky-ket")
    sitemap = get(client, reverse("sitemap"))
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert PUBLIC + news.url in locations
    assert all(location.startswith(PUBLIC + "/") for location in locations)
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in get(client, reverse("robots_txt"))
    for kind in ("rss", "atom"):
        feed = get(client, f"{news_index.url}{kind}/")
        assert PUBLIC + news.url in feed
        assert_only_public(feed)


def test_library_api_and_resource_metadata_use_the_public_address(client, home_page):
    library = LibraryPageFactory(parent=home_page)
    resources = [ResourcePageFactory(parent=library) for _ in range(2)]
    data = json.loads(get(client, "/api/resources/?page_size=1"))
    first = data["results"][0]
    page = next(r for r in resources if r.pk == first["id"])
    assert first["url"] == PUBLIC + page.url
    assert first["file"]["download_url"] == PUBLIC + page.url + "tai-ve/"
    assert data["next"].startswith(PUBLIC + "/api/resources/?")
    assert_only_public(json.dumps(data))
    html = get(client, page.url)
    assert json_ld(html)[0]["encoding"][0]["contentUrl"] == PUBLIC + page.url + "tai-ve/"
    assert meta(html, "name", "DC.identifier") == PUBLIC + page.url
    assert_only_public(html)


def test_learning_centre_json_ld_uses_the_public_address(client, home_page):
    directory = DirectoryFactory(parent=home_page)
    centre = LearningCentreFactory()
    # The short address redirects to the one with the centre's slug.
    response = client.get(f"{directory.url}{centre.pk}/", HTTP_HOST=SERVED_AS, follow=True)
    html = response.content.decode()
    assert json_ld(html)[0]["url"] == PUBLIC + response.redirect_chain[-1][0]
    assert_only_public(html)


def test_seed_demo_points_the_site_and_the_admin_address_at_the_public_address(settings, monkeypatch, locales):
    settings.PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8011"
    monkeypatch.setattr(seed_demo, "SEED_APPS", ["home"])
    out = StringIO()
    call_command("seed_demo", "--no-index", stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8011)
    assert site.root_url == "http://127.0.0.1:8011"
    assert "Admin: http://127.0.0.1:8011/admin/" in out.getvalue()
