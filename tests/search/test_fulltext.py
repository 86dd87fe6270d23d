"""The database backend at scale: a full-text index serves the folded words (no scan of every
entry), and the vocabulary of "did you mean" follows every index write."""

import datetime

import pytest
from django.db import connection

from search import indexer, services, spelling
from search.backends import database
from search.backends.database import DatabaseBackend
from search.indexer import IndexedPage
from search.models import SearchEntry, SearchTerm
from search.query import SearchQuery
from tests.search.conftest import standard

pytestmark = pytest.mark.django_db


def synthetic(count):
    words = ["gia đình", "dòng họ", "cộng đồng", "đơn vị", "kỹ năng số", "văn hóa đọc", "thư viện"]
    return [
        IndexedPage(
            page_id=50_000 + number,
            language="vi",
            page_type="home.standardpage",
            title=f"Mô hình {words[number % len(words)]} số {number}",
            url=f"/mo-hinh/{number}/",
            date=datetime.date(2024, 1, 1),
            body=f"Hướng dẫn {words[(number * 3) % len(words)]} cho người cao tuổi.",
        )
        for number in range(count)
    ]


@pytest.fixture
def entries(settings):
    settings.ELASTICSEARCH_URL = ""
    backend = DatabaseBackend()
    backend.rebuild([*synthetic(3000), *synthetic_rare()])
    return backend


def synthetic_rare():
    return [
        IndexedPage(
            page_id=90_001,
            language="vi",
            page_type="home.standardpage",
            title="Huyện Tháp Mười",
            url="/thap-muoi/",
            body="Kế hoạch học tập suốt đời.",
        )
    ]


def test_sqlite_searches_the_folded_words_through_fts5(entries):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    plan = entries._matches(SearchQuery.build("thap muoi", "vi")).explain()
    assert "VIRTUAL TABLE INDEX" in plan, plan
    assert [hit.title for hit in entries.search(SearchQuery.build("thap muoi", "vi")).hits] == ["Huyện Tháp Mười"]


@pytest.mark.postgres
def test_postgresql_searches_the_folded_words_through_a_gin_index(entries):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    plan = entries._matches(SearchQuery.build("thap muoi", "vi")).explain()
    assert "search_searchentry_vector" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert [hit.title for hit in entries.search(SearchQuery.build("thap muoi", "vi")).hits] == ["Huyện Tháp Mười"]
    # Unfinished words use the index too.
    plan = entries._matches(SearchQuery.build("thap mu", "vi").widened("prefix")).explain()
    assert "search_searchentry_vector" in plan, plan


def test_counts_and_facets_cover_every_match(entries):
    results = entries.search(SearchQuery.build("gia dinh", "vi"))
    expected = sum(1 for source in synthetic(3000) if "gia đình" in f"{source.title} {source.body}")
    assert results.total == expected
    assert [(value.value, value.count) for value in results.facets["year"]] == [("2024", expected)]


def test_counting_stops_at_the_limit_but_ranking_reads_every_match(entries, monkeypatch):
    monkeypatch.setattr(database, "COUNT_LIMIT", 100)
    # Indexed last, so that a scan meets it after the first hundred matches; the newest of the
    # pages with the words in title and body, so the first result.
    entries.index(
        [
            IndexedPage(
                page_id=90_002,
                language="vi",
                page_type="campaigns.campaignpage",
                title="Gia đình học tập",
                url="/gia-dinh-hoc-tap/",
                date=datetime.date(2025, 1, 1),
                body="Mô hình gia đình học tập.",
            )
        ]
    )
    results = entries.search(SearchQuery.build("gia đình", "vi"))
    assert (results.total, results.total_exact, results.facets_exact) == (100, False, False)
    assert results.hits[0].title == "Gia đình học tập"
    # Filtered down to one page: that is counted exactly, but the type facet counts the pages of
    # every type, more than the limit.
    results = entries.search(SearchQuery.build("gia đình", "vi", filters={"type": ["campaigns.campaignpage"]}))
    assert (results.total, results.total_exact, results.facets_exact) == (1, True, False)
    # Fewer matches than the limit: everything counted exactly.
    results = entries.search(SearchQuery.build("thap muoi", "vi"))
    assert (results.total, results.total_exact, results.facets_exact) == (1, True, True)
    assert [(value.value, value.count) for value in results.facets["type"]] == [("home.standardpage", 1)]


def test_the_vocabulary_follows_publishing_and_deleting(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    indexer.rebuild()
    assert spelling.correct(["khuyeen"], ["khuyeen"], "vi") == ""
    page = standard(home_page, "Quỹ khuyến học", "Trao học bổng.")
    indexer.update([page.pk])
    assert SearchTerm.objects.get(language="vi", spelling="khuyến học").count == 1
    assert services.search("quy khuyeen hoc", "vi").suggestion == "quỹ khuyến học"

    page.delete()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert not SearchTerm.objects.filter(spelling__in=["khuyến", "khuyến học"]).exists()
    assert spelling.correct(["khuyeen"], ["khuyeen"], "vi") == ""
    assert services.search("khuyen hoc", "vi").total == 0
