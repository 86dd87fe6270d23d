"""The page cache: anonymous visitors get kept pages, and a kept page never outlives what it shows.

Each invalidation test first has the page kept (a second anonymous request is a hit), then makes
the change the way editors do (publish, unpublish, move, delete, snippet and settings edits),
and checks that the next visitor sees the change.
"""

import datetime
import re
import zlib

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction

from campaigns.models import CampaignKind
from events import services as event_services
from home.models import SiteSettings
from network.models import Organisation
from portal import cache as page_cache
from portal import pagecache
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    campaign_kind,
)
from tests.factories.events import EventIndexPageFactory, EventPageFactory, person
from tests.factories.home import StandardPageFactory
from tests.factories.network import DirectoryFactory, LearningCentreFactory, OrganisationFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory


def visit(url, client=None):
    response = (client or Client()).get(url)
    assert response.status_code == 200, url
    return response


def kept(url):
    """Visit twice; the second visitor must get the kept copy."""
    visit(url)
    response = visit(url)
    assert response["X-Page-Cache"] == "hit", f"{url} was not kept"
    return response.content.decode()


def fresh(url):
    """What the next visitor sees, after a change."""
    response = visit(url)
    assert response["X-Page-Cache"] == "miss", f"{url} was served stale"
    return response.content.decode()


@pytest.fixture(autouse=True)
def _settings_exist(request):
    """A new site's first page creates its settings row, which changes what it shows as it renders
    (that render is not kept); the tests start from a site that has them."""
    if "home_page" in request.fixturenames:
        home = request.getfixturevalue("home_page")
        SiteSettings.for_site(home.get_site())
        pagecache.site_version(None)


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, show_in_menus=True)


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)


@pytest.fixture
def campaign(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    return CampaignPageFactory(parent=index, title="Tháng Khuyến học 2023", slug="thang-khuyen-hoc-2023")


# --- What is kept, and for whom -----------------------------------------------------------


def test_a_second_visitor_gets_the_kept_page_with_headers_for_a_cdn(about):
    first = visit(about.url)
    assert first["X-Page-Cache"] == "miss"
    second = visit(about.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"]
    assert second.has_header("Last-Modified")
    revalidated = Client().get(about.url, HTTP_IF_NONE_MATCH=second["ETag"])
    assert revalidated.status_code == 304


def test_the_kept_copy_is_keyed_by_address_and_language(about, en_home_page):
    kept(about.url)
    kept(en_home_page.url)
    assert "Giới thiệu" in visit(about.url).content.decode()
    assert visit(en_home_page.url).content.decode() != visit(about.url).content.decode()
    assert visit(about.url + "?page=2")["X-Page-Cache"] == "miss"
    assert visit(about.url + "?utm_source=zalo")["X-Page-Cache"] == "hit"


def test_editors_never_get_a_kept_page_and_their_pages_are_never_kept(about):
    kept(about.url)
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 12)
    client = Client()
    client.force_login(editor)
    response = client.get(about.url)
    assert response["X-Page-Cache"] != "hit"
    assert "private" in response["Cache-Control"]
    assert "wagtail-userbar" in response.content.decode()
    assert "wagtail-userbar" not in visit(about.url).content.decode()


def test_a_preview_is_never_kept_nor_shown_to_visitors(about):
    kept(about.url)
    about.title = "Bản nháp chưa đăng"
    about.save_revision()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "x" * 12)
    client = Client()
    client.force_login(editor)
    preview = client.get(f"/admin/pages/{about.pk}/edit/preview/")
    assert preview.status_code == 200
    html = visit(about.url).content.decode()
    assert "Bản nháp chưa đăng" not in html


def test_a_stand_in_request_for_a_draft_never_gets_the_kept_page(about):
    # Wagtail renders previews and moderators' views through a stand-in request, anonymous when
    # it is made without an editor's request.
    kept(about.url)
    draft = Page.objects.get(pk=about.pk).specific
    draft.title = "Bản nháp chưa đăng"
    response = draft.make_preview_request()
    assert response.get("X-Page-Cache") != "hit"
    assert "Bản nháp chưa đăng" in response.content.decode()
    assert "Bản nháp chưa đăng" not in visit(about.url).content.decode()


def test_a_pending_message_or_a_session_skips_the_cache(about):
    kept(about.url)
    client = Client()
    client.cookies["messages"] = "anything"
    assert client.get(about.url)["X-Page-Cache"] == "bypass"


def test_a_password_protected_page_is_never_kept(about):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="bimat")
    first, second = visit(about.url), visit(about.url)
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "bypass"
    assert _csrf_value(first) != _csrf_value(second)


def test_other_addresses_are_not_looked_up_nor_kept(home_page):
    for _ in range(2):
        assert not visit("/search/?q=hoc").has_header("X-Page-Cache")


def test_a_cache_that_is_down_slows_pages_but_does_not_break_them(about, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    pages = page_cache.page_cache()
    for method in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(pages, method, broken)
    assert "Giới thiệu" in visit(about.url).content.decode()


def test_a_first_migrate_before_the_cache_table_is_made_logs_no_errors(about, monkeypatch, caplog):
    pages = page_cache.page_cache()
    if not hasattr(pages, "_table"):
        pytest.skip("The page cache is Redis (REDIS_URL): it has no table to be missing")
    monkeypatch.setattr(pages, "_table", "portal_page_cache_not_made_yet")
    publish(about)
    assert "could not invalidate" not in caplog.text
    monkeypatch.undo()
    monkeypatch.setattr(pages, "incr", lambda *args, **kwargs: 1 / 0)
    publish(about)
    assert "could not invalidate" in caplog.text, "a cache that fails for another reason is still reported"


# --- Invalidation: the page itself and the pages that list it -------------------------------


def test_publishing_a_page_refreshes_it(about):
    kept(about.url)
    about.title = "Về chúng tôi"
    publish(about)
    assert "Về chúng tôi" in fresh(about.url)


def test_publishing_a_news_item_refreshes_the_index_and_the_home_page_but_not_unrelated_pages(
    home_page, news_index, about
):
    kept(news_index.url)
    kept(home_page.url)
    standalone = StandardPageFactory(parent=about, title="Liên hệ", slug="lien-he")
    kept(standalone.url)
    NewsPageFactory(parent=news_index, title="Phát động Tháng Khuyến học")
    assert "Phát động Tháng Khuyến học" in fresh(news_index.url)
    assert "Phát động Tháng Khuyến học" in fresh(home_page.url)
    assert visit(standalone.url)["X-Page-Cache"] == "hit"


def test_unpublishing_removes_a_page_from_its_listings_and_its_address(home_page, news_index):
    item = NewsPageFactory(parent=news_index, title="Tin sẽ gỡ")
    kept(news_index.url)
    kept(item.url)
    item.unpublish()
    assert "Tin sẽ gỡ" not in fresh(news_index.url)
    assert Client().get(item.url).status_code == 404


def test_deleting_removes_a_page_from_its_listings(home_page, news_index):
    item = NewsPageFactory(parent=news_index, title="Tin sẽ xoá")
    kept(news_index.url)
    item.delete()
    assert "Tin sẽ xoá" not in fresh(news_index.url)


def test_moving_a_page_refreshes_the_listing_it_leaves_and_the_pages_below(home_page, about):
    history = StandardPageFactory(parent=home_page, title="Lịch sử", slug="lich-su", show_in_menus=True)
    year = StandardPageFactory(parent=history, title="Năm 2023", slug="nam-2023")
    assert "Lịch sử" in _menu(kept(about.url))
    old_address = year.url
    assert "Giới thiệu" not in _breadcrumbs(kept(old_address))
    history.move(about, pos="last-child")
    assert "Lịch sử" not in _menu(fresh(about.url)), "the menu (the home page's children) lost it"
    moved = Client().get(old_address)
    assert moved.status_code == 301, "the old address is no longer served, from the cache or otherwise"
    new_address = Page.objects.get(pk=year.pk).url
    assert moved["Location"] == new_address == "/gioi-thieu/lich-su/nam-2023/"
    assert "Giới thiệu" in _breadcrumbs(fresh(new_address))


def _menu(html):
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def _breadcrumbs(html):
    return html.split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]


def test_renaming_a_parent_refreshes_the_breadcrumbs_of_the_pages_below(about):
    child = StandardPageFactory(parent=about, title="Lịch sử", slug="lich-su")
    kept(child.url)
    about.title = "Về Cổng học tập"
    publish(about)
    assert "Về Cổng học tập" in fresh(child.url)


def test_a_campaign_page_follows_the_events_news_and_stories_linked_to_it(home_page, campaign):
    events = EventIndexPageFactory(parent=home_page)
    news = NewsIndexPageFactory(parent=home_page)
    stories = StoryIndexPageFactory(parent=home_page)
    other = CampaignPageFactory(parent=campaign.get_parent(), title="Tuần lễ học tập 2023", slug="tuan-le-2023")
    kept(campaign.url)
    kept(other.url)

    event = EventPageFactory(parent=events, title="Lễ phát động", campaign=campaign)
    assert "Lễ phát động" in fresh(campaign.url)
    assert visit(other.url)["X-Page-Cache"] == "hit", "a campaign without the event stays kept"

    kept(campaign.url)
    NewsPageFactory(parent=news, title="Tin chiến dịch", campaign=campaign)
    assert "Tin chiến dịch" in fresh(campaign.url)

    kept(campaign.url)
    StoryPageFactory(parent=stories, title="Gia đình bà Lan", campaign=campaign)
    assert "Gia đình bà Lan" in fresh(campaign.url)

    kept(campaign.url)
    kept(other.url)
    event.campaign = other
    publish(event)
    assert "Lễ phát động" not in fresh(campaign.url)
    assert "Lễ phát động" in fresh(other.url)


def test_a_learning_centre_page_follows_its_events(home_page):
    directory = DirectoryFactory(parent=home_page)
    centre = LearningCentreFactory(name="Trung tâm học tập cộng đồng phường Bến Nghé")
    events = EventIndexPageFactory(parent=home_page)
    response = Client().get(directory.url)
    url = re.search(rf'href="([^"]+/{centre.pk}-[^"]+)"', response.content.decode()).group(1)
    kept(url)
    event = EventPageFactory.build(title="Đọc sách cùng con")
    events.add_child(instance=event)
    event.organisers.set([centre])
    publish(event)
    assert "Đọc sách cùng con" in fresh(url)


def test_a_new_translation_appears_in_the_language_switcher(about, en_home_page):
    html = kept(about.url)
    assert "/en/about/" not in html
    english = about.copy_for_translation(en_home_page.locale, copy_parents=False)
    english.slug = "about"
    publish(english)
    assert "/en/about/" in fresh(about.url)


def test_a_page_below_the_menu_follows_its_translations_addresses(
    about, en_home_page, django_capture_on_commit_callbacks
):
    history = StandardPageFactory(parent=about, title="Lịch sử", slug="lich-su")
    child = StandardPageFactory(parent=history, title="Những năm đầu", slug="nhung-nam-dau")
    english_about = about.copy_for_translation(en_home_page.locale, copy_parents=False)
    english_about.slug = "about"
    publish(english_about)
    english_history = history.copy_for_translation(en_home_page.locale, copy_parents=False)
    english_history.slug = "history"
    publish(english_history)
    assert "/en/about/history/early-years/" not in kept(child.url)

    english = child.copy_for_translation(en_home_page.locale, copy_parents=False)
    english.slug = "early-years"
    publish(english)
    html = fresh(child.url)
    assert 'hreflang="en" href="http://testserver/en/about/history/early-years/"' in html
    assert 'href="/en/about/history/early-years/" hreflang="en"' in html  # the language switcher

    # A new slug for the English parent moves the English page: the Vietnamese one links to where it went.
    kept(child.url)
    english_history.slug = "our-history"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail announces a new slug once committed
        publish(english_history)
    assert "/en/about/our-history/early-years/" in fresh(child.url)


# --- Invalidation: snippets, settings, images and the menu ----------------------------------


def test_editing_the_site_settings_refreshes_the_footer_of_every_page(home_page, about):
    kept(home_page.url)
    kept(about.url)
    settings = SiteSettings.for_site(home_page.get_site())
    settings.hotline = "1900 1234"
    settings.save()
    assert "1900 1234" in fresh(home_page.url)
    assert "1900 1234" in fresh(about.url)


def test_editing_a_campaign_kind_refreshes_the_campaign_pages(campaign):
    kept(campaign.url)
    kind = campaign_kind()
    kind.name = "Tháng Khuyến học toàn quốc"
    kind.save()
    assert "Tháng Khuyến học toàn quốc" in fresh(campaign.url)


def test_editing_an_organisation_refreshes_the_events_it_organises(home_page):
    events = EventIndexPageFactory(parent=home_page)
    organisation = OrganisationFactory(name="Hội Khuyến học thành phố")
    event = EventPageFactory.build(title="Hội thảo")
    events.add_child(instance=event)
    event.organisers.set([organisation])
    publish(event)
    kept(event.url)
    organisation.name = "Hội Khuyến học TP. Hồ Chí Minh"
    organisation.save()
    assert "Hội Khuyến học TP. Hồ Chí Minh" in fresh(event.url)
    assert Organisation.objects.count() == 1


def test_replacing_an_image_refreshes_the_pages_that_show_it(home_page, campaign):
    from wagtail.images.models import Image

    image = Image.objects.create(title="Ảnh bìa", file=get_test_image_file())
    campaign.hero_image = image
    publish(campaign)
    kept(campaign.url)
    image.file = get_test_image_file(filename="moi.png", size=(80, 60))
    image.save()
    fresh(campaign.url)


def test_menu_changes_reach_every_page(home_page, about, news_index):
    kept(about.url)
    kept(news_index.url)
    new = StandardPageFactory(parent=home_page, title="Thư viện ảnh", slug="thu-vien-anh", show_in_menus=True)
    assert "Thư viện ảnh" in fresh(about.url)
    kept(about.url)
    new.show_in_menus = False
    publish(new)
    assert "Thư viện ảnh" not in fresh(about.url)
    kept(about.url)
    news_index.title = "Tin hoạt động"
    publish(news_index)
    assert "Tin hoạt động" in fresh(about.url)
    kept(about.url)
    news_index.slug = "tin-hoat-dong"
    publish(news_index)
    assert 'href="/tin-hoat-dong/">Tin hoạt động</a>' in fresh(about.url)


def test_drafts_and_locks_change_nothing_visitors_see(about):
    kept(about.url)
    about.title = "Nháp"
    about.save_revision()
    assert visit(about.url)["X-Page-Cache"] == "hit"


def test_feature_apps_invalidate_what_they_show_through_the_api(about):
    kept(about.url)
    page_cache.invalidate_pages([about])
    fresh(about.url)
    kept(about.url)
    page_cache.invalidate_pages([about.pk])
    fresh(about.url)


# --- Pages that change by themselves ---------------------------------------------------------


def test_a_kept_page_lives_until_midnight_at_most(about):
    kept(about.url)
    entry = _entry_for(about.url)
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    assert entry["expires"] <= midnight.timestamp()


def test_an_event_page_is_kept_no_longer_than_its_registration_stays_open(home_page):
    events = EventIndexPageFactory(parent=home_page)
    closes = timezone.now() + datetime.timedelta(minutes=3)
    event = EventPageFactory(parent=events, registration_closes=closes)
    kept(event.url)
    assert _entry_for(event.url)["expires"] <= closes.timestamp()


# --- Event pages: per-visitor tokens, fresh seats ---------------------------------------------


@pytest.fixture
def event(home_page):
    events = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=events, title="Tập huấn công dân học tập", capacity=3, waiting_list=True)


def _csrf_value(response):
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    return found.group(1) if found else None


def _form_key(response):
    return re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)


def test_two_visitors_never_get_the_same_csrf_token_or_submission_key(event):
    first, second = Client(), Client()
    one = visit(event.url, first)
    two = visit(event.url, second)
    assert two["X-Page-Cache"] == "hit", "the event page is kept too"
    assert _csrf_value(one) and _csrf_value(two)
    assert _csrf_value(one) != _csrf_value(two)
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert _form_key(one) != _form_key(two)
    assert two["Cache-Control"] == "private, no-store"
    assert not two.has_header("ETag")
    stored = zlib.decompress(_entry_for(event.url)["content"]).decode()
    assert _csrf_value(one) not in stored and _form_key(one) not in stored
    assert _form_key(two) not in stored


def test_the_token_a_kept_page_hands_out_is_accepted(event, django_capture_on_commit_callbacks):
    visit(event.url)
    client = Client(enforce_csrf_checks=True)
    page = visit(event.url, client)
    assert page["X-Page-Cache"] == "hit"
    data = {
        "csrfmiddlewaretoken": _csrf_value(page),
        "idempotency_key": _form_key(page),
        "contact_name": "Trần Thị Mai",
        "email": "mai@example.org",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, data)
    assert response.status_code == 302


def test_seats_left_are_fresh_and_a_full_event_offers_the_waiting_list(event, django_capture_on_commit_callbacks):
    assert "còn 3 chỗ" in kept(event.url)
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(event, person(1))
    page = visit(event.url)
    assert page["X-Page-Cache"] == "hit", "a change of seats alone keeps the page"
    assert "còn 2 chỗ" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        event_services.register(event, person(2))
        event_services.register(event, person(3))
    html = fresh(event.url)
    assert "danh sách chờ" in html
    assert "còn 0 chỗ" not in html


def test_a_registrants_own_page_is_never_kept(event):
    registration = event_services.register(event, person(1)).registration
    registrant = Client()
    registrant.get(reverse("events:manage", kwargs={"token": registration.token}))
    for _ in range(2):
        page = registrant.get(reverse("events:manage_current"))
        assert registration.display_reference in page.content.decode()
        assert page.get("X-Page-Cache") != "hit" and "no-store" in page["Cache-Control"]
    assert Client().get(reverse("events:manage_current")).status_code == 404, "another visitor gets nothing"


def _entry_for(url):
    from django.test import RequestFactory

    request = RequestFactory().get(url)
    from django.utils import translation

    with translation.override("en" if url.startswith("/en/") else "vi"):
        key = pagecache.entry_key(request)
    return page_cache.page_cache().get(key)


def test_an_image_tag_is_recorded_only_for_content_models():
    from wagtail.models import Revision

    assert pagecache.instance_tag(Page(pk=5)) == "page:5"
    assert pagecache.instance_tag(CampaignKind(pk=1)) == "model:campaigns.campaignkind"
    assert pagecache.instance_tag(Revision(pk=3)) is None


def _production_setting(code, **environment):
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTEND_CACHE", "CLOUDFLARE", "CLOUDFRONT"))}
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings.production", SECRET_KEY="x" * 50)
    env.setdefault("PUBLIC_BASE_URL", "https://hoctap.example.vn")
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; print({code})"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    return result


def test_a_cdn_in_front_is_configured_from_the_environment():
    code = (
        "getattr(settings, 'WAGTAILFRONTENDCACHE', None), 'wagtail.contrib.frontend_cache' in settings.INSTALLED_APPS"
    )
    assert _production_setting(code).stdout.strip() == "None False"
    varnish = _production_setting(code, FRONTEND_CACHE_BACKEND="http", FRONTEND_CACHE_LOCATION="http://127.0.0.1:6081")
    assert "HTTPBackend" in varnish.stdout and "http://127.0.0.1:6081" in varnish.stdout
    assert varnish.stdout.strip().endswith("True")
    wrong = _production_setting(code, FRONTEND_CACHE_BACKEND="akamai")
    assert wrong.returncode != 0 and "FRONTEND_CACHE_BACKEND" in wrong.stderr
