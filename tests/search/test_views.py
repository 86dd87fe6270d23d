import datetime
import json

import pytest
from django.test import override_settings
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from home.models import StandardPage
from search import documents, indexer, services
from search.backends import database
from tests.search.conftest import CampaignPageFactory, standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, en_home_page, campaign_index):
    pages = {
        "campaign": CampaignPageFactory(
            parent=campaign_index,
            title="Tuần lễ hưởng ứng học tập suốt đời 2024",
            slug="tuan-le-hoc-tap-suot-doi-2024",
            start_date=datetime.date(2024, 10, 1),
            end_date=datetime.date(2024, 10, 7),
        ),
        "family": standard(home_page, "Gia đình học tập", "Mô hình gia đình học tập ở khu phố."),
        "unit": standard(home_page, "Đơn vị học tập", "Tiêu chí công nhận đơn vị học tập."),
        "english": standard(en_home_page, "Learning families", "Families that learn together."),
    }
    indexer.rebuild()
    return pages


def test_results_have_type_badge_highlighted_snippet_date_and_link(client, site):
    response = client.get("/search/", {"q": "gia dinh hoc tap"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/gia-dinh-hoc-tap/">Gia đình học tập</a>' in html
    assert f'<span class="badge">{capfirst(StandardPage._meta.verbose_name)}</span>' in html
    assert "<mark>gia</mark> <mark>đình</mark> <mark>học</mark> <mark>tập</mark>" in html
    assert 'role="status"' in html
    assert 'name="robots" content="noindex, follow"' in html


def test_english_search_finds_english_pages_only(client, site):
    html = client.get("/en/search/", {"q": "learning"}).content.decode()
    assert "Learning families" in html
    assert "Gia đình học tập" not in html
    assert "1 result for “learning”" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type what you are looking for"),
        ("?!... ---", "no words we can look for"),
        ('"gia đình" AND title:(học*)', None),
        ("học tập " * 300, None),
        ('{"query": {"match_all": {}}}', None),
        ("___ khuyen__hoc", None),
    ],
)
def test_bad_input_never_breaks_the_page(client, site, query, message):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()


def test_empty_state_is_friendly(client, site):
    html = client.get("/en/search/", {"q": "xyzzy"}).content.decode()
    assert "Nothing matches “xyzzy” yet." in html
    assert "Accents are optional" in html


def test_facets_filter_and_count(client, site):
    html = client.get("/search/", {"q": "hoc tap"}).content.decode()
    assert 'id="facet-type"' in html
    assert 'id="facet-year"' in html
    response = client.get("/search/", {"q": "hoc tap", "type": "campaigns.campaignpage"})
    html = response.content.decode()
    assert "Tuần lễ hưởng ứng học tập suốt đời 2024" in html
    assert "Gia đình học tập</a>" not in html
    # The selected value is marked and links back to the unfiltered results.
    assert 'href="?q=hoc+tap" aria-current="true"' in html


def test_more_matches_than_are_counted_read_more_than(backend, client, site, monkeypatch):
    # "hoc tap" matches three pages; counted up to two.
    monkeypatch.setattr(database, "COUNT_LIMIT", 2)
    monkeypatch.setattr(documents, "COUNT_LIMIT", 2)
    html = client.get("/search/", {"q": "hoc tap"}).content.decode()
    assert "Hơn 2 kết quả cho “hoc tap”" in html
    # Facets counted over the first matches only (the database) are listed without numbers;
    # Elasticsearch counts them over every match.
    assert 'id="facet-type"' in html
    assert ('class="facet-list__count"' in html) == (backend == "elasticsearch")


def test_date_sort_and_pagination(client, home_page):
    for number in range(12):
        page = standard(home_page, f"Lớp học số {number}", slug=f"lop-{number}")
        StandardPage.objects.filter(pk=page.pk).update(
            first_published_at=datetime.datetime(2020 + number, 1, 1, tzinfo=datetime.UTC)
        )
    indexer.rebuild()
    html = client.get("/search/", {"q": "lop hoc", "sort": "date"}).content.decode()
    assert html.index("Lớp học số 11") < html.index("Lớp học số 10")
    assert '<nav class="pagination"' in html
    second = client.get("/search/", {"q": "lop hoc", "sort": "date", "page": 2}).content.decode()
    assert "Lớp học số 1</a>" in second and "Lớp học số 0</a>" in second
    assert client.get("/search/", {"q": "lop hoc", "page": "abc"}).status_code == 200
    past_the_end = client.get("/search/", {"q": "lop hoc", "sort": "date", "page": "7"}).content.decode()
    assert "Lớp học số 0</a>" in past_the_end


def test_did_you_mean(client, site):
    html = client.get("/search/", {"q": "gja dinh"}).content.decode()
    assert '<a href="?q=gia+%C4%91%C3%ACnh">gia đình</a>' in html


def test_promoted_results_come_first_accents_optional(client, site):
    query = Query.get("khuyến học")
    SearchPromotion.objects.create(query=query, page=site["unit"], description="Bộ tiêu chí mới nhất", sort_order=0)
    html = client.get("/search/", {"q": "Khuyen hoc"}).content.decode()
    assert "Bộ tiêu chí mới nhất" in html
    assert "search-hit--promoted" in html


def test_suggest_endpoint_returns_titles_as_typed(client, site):
    response = client.get("/search/suggest/", {"q": "tuan le hoc tap suot d"})
    data = json.loads(response.content)
    assert data["suggestions"][0]["title"] == "Tuần lễ hưởng ứng học tập suốt đời 2024"
    assert data["suggestions"][0]["url"] == "/chien-dich/tuan-le-hoc-tap-suot-doi-2024/"
    assert json.loads(client.get("/search/suggest/", {"q": "!!"}).content) == {"suggestions": []}


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", SEARCH_ELASTICSEARCH_TIMEOUT=0.5)
def test_elasticsearch_down_falls_back_to_the_database_quietly(client, site, caplog):
    response = client.get("/search/", {"q": "don vi hoc tap"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đơn vị học tập</a>" in html
    assert "Elasticsearch" not in html
    assert "falling back" in caplog.text
    suggestions = json.loads(client.get("/search/suggest/", {"q": "don vi"}).content)["suggestions"]
    assert [s["title"] for s in suggestions] == ["Đơn vị học tập"]


def test_search_page_query_budget(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get("/search/", {"q": "hoc tap"})


@pytest.mark.parametrize("query", ["learning families", "gja dinh hoc tapp", "khuy", "don vi hoc tap"])
def test_searches_that_widen_keep_to_a_query_budget(site, django_assert_max_num_queries, query):
    # Widening, the other language's results and "did you mean" cost a query or two each, whatever
    # the number of pages: one statement reads a search's matches, one more its page of hits.
    with django_assert_max_num_queries(9):
        services.search(query, "vi")
