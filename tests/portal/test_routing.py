"""Routing a visitor's address to a page: the home page's children and the language come from the
site fragments, an index of one type of child finds it in one query, and none of that may change
which page a visitor gets."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.home import StandardPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _uncached(settings):
    settings.PAGE_CACHE_ENABLED = settings.PAGE_CACHE_FRAGMENTS = False


def page_queries(url):
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    return response, [query["sql"] for query in captured.captured_queries]


def test_a_page_added_below_a_menu_entry_after_it_was_kept_is_found(home_page):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    assert Client().get(about.url).status_code == 200
    contact = StandardPageFactory(parent=about, title="Liên hệ", slug="lien-he")
    response = Client().get(contact.url)
    assert response.status_code == 200 and "Liên hệ" in response.content.decode()
    # The menu entry's own list of pages below it, too.
    assert "Liên hệ" in Client().get(about.url).content.decode()


def test_an_article_is_found_with_its_image_in_one_query_below_its_index(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=news, title="Phát động Tháng Khuyến học")
    Client().get(article.url)
    response, queries = page_queries(article.url)
    assert response.status_code == 200 and "Phát động Tháng Khuyến học" in response.content.decode()
    [lookup] = [sql for sql in queries if '"slug" =' in sql]
    assert 'FROM "news_newspage"' in lookup and '"wagtailimages_image"' in lookup
    assert not [sql for sql in queries if 'FROM "wagtailimages_image"' in sql]


def test_a_page_of_a_type_its_index_no_longer_takes_is_still_served(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    # Made before the index allowed only news items (add_child does not check the types).
    legacy = news.add_child(instance=StandardPageFactory.build(title="Trang cũ", slug="trang-cu"))
    response = Client().get(legacy.url)
    assert response.status_code == 200 and "Trang cũ" in response.content.decode()


def test_an_unpublished_item_and_an_unknown_address_are_not_found(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=news, slug="tin-nhap")
    url = article.url
    article.unpublish()
    assert Client().get(url).status_code == 404
    assert Client().get(news.url + "khong-co/").status_code == 404
    assert Client().get("/khong-co/").status_code == 404


def test_the_language_and_the_menu_level_come_from_the_site_fragments(home_page, en_home_page):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    Client().get(about.url)
    response, queries = page_queries(about.url)
    assert response.status_code == 200
    assert not [sql for sql in queries if "wagtailcore_locale" in sql]
    assert not [sql for sql in queries if '"slug" = ' in sql]
    # No English version of the page: the switcher leads to the English home page.
    assert 'href="/en/"' in response.content.decode()
    english = Client().get("/en/")
    assert english.status_code == 200 and "Lifelong learning" in english.content.decode()


def test_a_new_language_version_of_the_home_page_reaches_the_switcher(home_page, locales):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    assert 'href="/en/"' not in Client().get(about.url).content.decode()
    english = home_page.copy_for_translation(locales["en"])
    english.save_revision().publish()
    assert 'href="/en/"' in Client().get(about.url).content.decode()
