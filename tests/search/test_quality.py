"""What a citizen notices about the results, on the database backend and on Elasticsearch alike:
unfinished words, typos that neither drown exact matches nor invent results, "did you mean",
the other language's results, snippets, which pages are results at all, and their dates."""

import datetime

import pytest

from search import indexer, services
from tests.factories.campaigns import StoryIndexPageFactory, StoryPageFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.resources import LibraryPageFactory, ResourcePageFactory
from tests.search import corpus
from tests.search.conftest import CampaignPageFactory, standard

pytestmark = pytest.mark.django_db


def titles(results):
    return [hit.title for hit in results.hits]


@pytest.fixture
def site(backend, home_page, campaign_index):
    pages = corpus.build(home_page, campaign_index)
    pages["thap_muoi"] = standard(home_page, "Huyện Tháp Mười", "Kế hoạch xây dựng xã hội học tập của huyện.")
    indexer.rebuild()
    return pages


def test_an_unfinished_last_word_finds_the_words_it_begins(site):
    results = services.search("khuy", "vi")
    # Khuyến học and khuyết tật, nothing one edit away ("khu", "huy").
    assert set(titles(results)) == {
        "Khuyến học, khuyến tài",
        corpus.THANG_KHUYEN_HOC,
        "Hòa nhập cộng đồng cho người khuyết tật",
        "Giáo dục hoà nhập",
    }
    snippets = {hit.title: hit.snippet for hit in results.hits}
    assert "<mark>Khuyến</mark> học" in snippets["Khuyến học, khuyến tài"]
    assert results.suggestion == ""
    # Two finished words, an unfinished third one.
    assert titles(services.search("trung tam hoc t", "vi"))[:1] == ["Trung tâm học tập cộng đồng"]


def test_typo_tolerance_does_not_drown_an_exact_match(site):
    # "thap" is one edit from "tap", in almost every page here: only the page with "Tháp" is a result.
    assert titles(services.search("thap", "vi")) == ["Huyện Tháp Mười"]
    assert titles(services.search("thap muoi", "vi")) == ["Huyện Tháp Mười"]
    assert titles(services.search("Tháp Mười", "vi")) == ["Huyện Tháp Mười"]


def test_words_absent_from_the_content_find_nothing(backend, home_page):
    standard(home_page, "Học tập suốt đời", "Thư viện mở cửa cả tuần.")
    standard(home_page, "Trung tâm học tập cộng đồng", "Lớp tin học cho người cao tuổi.")
    indexer.rebuild()
    for query in ("dong thap", "thuy", "thap"):
        results = services.search(query, "vi")
        assert (results.total, results.suggestion) == (0, ""), query


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("khuyen hco", "khuyến học"),
        ("thang khuyen hok", "tháng khuyến học"),
        ("gia dinhh hoc tap", "gia đình học tập"),
        ("khuyến hco", "khuyến học"),
    ],
)
def test_did_you_mean_respells_from_the_pages_words(site, typed, meant):
    assert services.search(typed, "vi").suggestion == meant


@pytest.mark.parametrize("typed", ["a OR b AND", "khuyeen hoc xyzzyq", "hoc tap"])
def test_no_suggestion_that_would_find_nothing_or_that_is_not_needed(site, typed):
    assert services.search(typed, "vi").suggestion == ""


def test_the_other_languages_results_are_offered_instead_of_a_bad_respelling(backend, client, home_page, en_home_page):
    standard(home_page, "Khuyến học, khuyến tài", "Hội Khuyến học trao học bổng.")
    standard(en_home_page, "Lifelong learning week", "Lifelong learning for every citizen.")
    standard(en_home_page, "Learning families", "Families that learn together.")
    indexer.rebuild()

    results = services.search("lifelong learning", "vi")
    assert results.total == 0 and results.suggestion == ""
    assert results.elsewhere.query.language == "en"
    assert titles(results.elsewhere) == ["Lifelong learning week"]
    html = client.get("/search/", {"q": "lifelong learning"}).content.decode()
    assert "1 kết quả bằng tiếng Anh" in html
    assert 'href="/en/search/?q=lifelong+learning" hreflang="en"' in html
    assert "Lifelong learning week</a>" in html

    english = services.search("khuyen hoc", "en")
    assert english.suggestion == ""
    assert titles(english.elsewhere) == ["Khuyến học, khuyến tài"]
    html = client.get("/en/search/", {"q": "khuyen hoc"}).content.decode()
    assert "1 result in Vietnamese" in html
    assert 'href="/search/?q=khuyen+hoc" hreflang="vi"' in html


def test_snippets_keep_the_pages_spelling_and_say_the_summary_once(backend, home_page):
    standard(home_page, "Thư viện xanh", "Thư viện của Trường Tiểu học Hòa Bình mở cửa cho cả phường.")
    index = StoryIndexPageFactory(parent=home_page)
    summary = "Ông bà học dùng điện thoại thông minh, các cháu đều là học sinh giỏi."
    StoryPageFactory(parent=index, title="Ba thế hệ cùng học", summary=summary, search_description=summary)
    indexer.rebuild()

    for query in ("hoà bình", "hòa bình", "hoa binh"):
        snippet = services.search(query, "vi").hits[0].snippet
        assert "<mark>Hòa</mark> <mark>Bình</mark>" in snippet, (query, snippet)
    snippet = services.search("dien thoai thong minh", "vi").hits[0].snippet
    assert snippet.count("Ông bà học dùng") == 1, snippet


def test_pages_that_only_lead_to_others_are_neither_results_nor_facets(backend, home_page, campaign_index):
    NewsIndexPageFactory(parent=home_page, title="Danh sách tin tức khuyến học")
    section = standard(home_page, "Khuyến học", slug="khuyen-hoc-muc")
    standard(section, "Quỹ khuyến học phường", "Quỹ trao học bổng khuyến học.")
    CampaignPageFactory(parent=campaign_index, title="Tháng Khuyến học 2024")
    indexer.rebuild()

    results = services.search("khuyen hoc", "vi")
    assert set(titles(results)) == {"Quỹ khuyến học phường", "Tháng Khuyến học 2024"}
    assert {value.value for value in results.facets["type"]} == {"home.standardpage", "campaigns.campaignpage"}


def test_results_show_each_items_own_date(backend, client, home_page, campaign_index):
    honoured_in = CampaignPageFactory(
        parent=campaign_index,
        title="Tháng Khuyến học Hải Phòng",
        year=2023,
        start_date=datetime.date(2023, 9, 2),
        end_date=datetime.date(2023, 10, 2),
    )
    stories = StoryIndexPageFactory(parent=home_page)
    StoryPageFactory(parent=stories, title="Dòng họ Nguyễn và quỹ khuyến học", campaign=honoured_in)
    library = LibraryPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Sổ tay khuyến học", year=2021)
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Trao học bổng khuyến học", date=datetime.date(2023, 10, 2))
    indexer.rebuild()

    dates = {hit.title: (hit.date, hit.year_only) for hit in services.search("khuyen hoc", "vi").hits}
    assert dates["Dòng họ Nguyễn và quỹ khuyến học"] == (datetime.date(2023, 1, 1), True)
    assert dates["Sổ tay khuyến học"] == (datetime.date(2021, 1, 1), True)
    assert dates["Trao học bổng khuyến học"] == (datetime.date(2023, 10, 2), False)
    html = client.get("/search/", {"q": "khuyen hoc"}).content.decode()
    assert '<time datetime="2021">2021</time>' in html
    assert '<time datetime="2023-10-02">02/10/2023</time>' in html
