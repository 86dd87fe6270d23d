"""PostgreSQL ranks a search with more than COUNT_LIMIT matches among the pages that score most
(found through the indexes of the title's and the body's words) and only when it can show that no
other page could be among the page of hits: the hits are the same as ranking every match."""

import datetime
import itertools

import pytest

from search.backends import database
from search.backends.database import DatabaseBackend
from search.indexer import IndexedPage
from search.query import SearchQuery
from tests.search.corpus import CAMPAIGNS, PAGES

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Pages that a bound taken too tight would put in the wrong place: the words in the body many
# times and as written, in the title folded or out of order, in another language, no date.
TRAPS = [
    ("Học tập cho mọi người", "Khuyến học khuyến học khuyến học, thư viện thư viện, mà mà mà, học tập."),
    ("Khuyen hoc khong dau", "Tieu de khong dau: khuyen hoc, thu vien, hoc tap cong dong."),
    ("Học khuyến, tập học", "Đơn vị cộng đồng, công dân tập học, khuyến tài."),
    ("Thư viện", "Thư viện, thư viện, thư viện: doanh nghiệp, cộng đồng học tập, mà."),
    ("Cộng đồng học tập", "Trung tâm học tập cộng đồng, công dân học tập, gia đình học tập."),
    ("Mà thôi", "Mà, má, mã, ma túy: học tập, thư viện."),
    ("Tin vắn", "Ho ngheo vuot kho, tay nghe cao."),
    ("Thư viện mới", "Sách hay cho thiếu nhi."),
]
QUERIES = [
    "khuyến học",
    "khuyen hoc",
    "thư viện",
    "thu vien",
    "học tập",
    "hoc tap",
    "cong dan hoc tap",
    "công dân học tập",
    "trung tam hoc tap cong dong",
    "gia đình học tập",
    "mà",
    "ma",
    "má",
    "doanh nghiep",
    "doanh nghiệp",
    "hoà nhập",
    "xoa mu chu",
    "nguoi cao tuoi",
    "hoc",
    # In no title: every match scores the same, or only the body as written tells them apart.
    "ngheo",
    "nghèo",
    "tay nghề",
    "tay nghe",
]


def pages():
    texts = [(title, "") for title, _year, _start in CAMPAIGNS] + PAGES + TRAPS
    for number, ((title, body), copy) in enumerate(itertools.product(texts, range(3))):
        yield IndexedPage(
            page_id=70_000 + number,
            language="en" if number % 7 == 3 else "vi",
            page_type=["home.standardpage", "campaigns.campaignpage"][number % 2],
            title=title,
            url=f"/p/{number}/",
            # Ties of score broken by the date, some pages without one, some on the same day.
            date=None if number % 5 == 0 else datetime.date(2020 + number % 4, 1 + copy, 1),
            body=body,
            facets={"topic": [["Khuyến học", "Văn hóa đọc"][number % 2]]},
        )


@pytest.fixture
def entries(settings):
    settings.ELASTICSEARCH_URL = ""
    backend = DatabaseBackend()
    backend.rebuild(list(pages()))
    return backend


def hits(backend, query):
    return [hit.page_id for hit in backend.search(query).hits]


def test_the_page_found_among_the_best_candidates_is_the_page_of_every_match(entries, monkeypatch):
    served = {"tier": 0, "every match": 0}
    bounded, ranked = DatabaseBackend._bounded, DatabaseBackend._ranked

    def count_bounded(self, *args):
        found = bounded(self, *args)
        served["tier"] += found is not None
        return found

    def count_ranked(self, *args):
        served["every match"] += 1
        return ranked(self, *args)

    monkeypatch.setattr(DatabaseBackend, "_bounded", count_bounded)
    monkeypatch.setattr(DatabaseBackend, "_ranked", count_ranked)
    searches = 0
    for text, page, mode, filters in itertools.product(
        QUERIES, [1, 2, 4], ["all", "prefix", "any"], [{}, {"topic": ["Khuyến học"]}]
    ):
        query = SearchQuery.build(text, "vi", filters=filters, page=page, per_page=3)
        if mode == "any" and len(query.folded_terms) < 2:
            continue
        query = query.widened(mode)
        # Every match ranked with every check, in the one statement that counts them (no more
        # than COUNT_LIMIT), as before ...
        with monkeypatch.context() as before:
            before.setattr(database, "COUNT_LIMIT", 10_000)
            before.setattr(DatabaseBackend, "_relevant_checks", DatabaseBackend._checks)
            expected = hits(entries, query)
        # ... and the same search when it has more matches than that.
        monkeypatch.setattr(database, "COUNT_LIMIT", 0)
        assert hits(entries, query) == expected, (text, page, mode, filters)
        searches += 1
    # Both ways were taken: the candidates proved enough, or every match was ranked.
    assert served["tier"] + served["every match"] == searches
    assert served["tier"] >= 50, served
    assert served["every match"] > 0, served
