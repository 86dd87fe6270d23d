from datetime import date

import pytest
from django.http import QueryDict

from resources.services import browse, count_download, parse_browse_params
from search import indexer
from tests.factories.resources import ResourcePageFactory, audience, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(library):
    digital = topic("ky-nang-so")
    reading = topic("van-hoa-doc")
    elderly = audience("nguoi-cao-tuoi")
    pupils = audience("hoc-sinh")
    return {
        "phone": ResourcePageFactory(
            parent=library, title="Dùng điện thoại thông minh", topics=[digital], audiences=[elderly]
        ),
        "zalo": ResourcePageFactory(
            parent=library,
            title="An toàn trên Zalo",
            topics=[digital],
            audiences=[elderly, pupils],
            kind="course",
            document=None,
            external_url="https://example.org/khoa-hoc",
            licence="cc0",
        ),
        "books": ResourcePageFactory(parent=library, title="Bé tập đọc sách", topics=[reading], audiences=[pupils]),
    }


def counts(result, facet):
    return {value.value: value.count for value in result.facets[facet]}


def titles(result):
    return sorted(page.title for page in result.page.object_list)


def test_facets_count_every_live_resource_of_the_language(shelf):
    result = browse({}, language="vi")
    assert result.total == 3
    assert counts(result, "topic") == {"ky-nang-so": 2, "van-hoa-doc": 1}
    assert counts(result, "audience") == {"hoc-sinh": 2, "nguoi-cao-tuoi": 2}
    assert counts(result, "kind") == {"document": 2, "course": 1}
    assert counts(result, "licence") == {"cc-by": 2, "cc0": 1}


def test_values_of_one_facet_widen_and_facets_narrow(shelf):
    result = browse({"topic": ["ky-nang-so", "van-hoa-doc"]}, language="vi")
    assert result.total == 3
    result = browse({"topic": ["ky-nang-so"], "audience": ["hoc-sinh"]}, language="vi")
    assert titles(result) == ["An toàn trên Zalo"]
    # The topic facet still offers reading culture, counted under the audience filter alone.
    assert counts(result, "topic") == {"ky-nang-so": 1, "van-hoa-doc": 1}
    assert counts(result, "audience") == {"hoc-sinh": 1, "nguoi-cao-tuoi": 2}
    assert [v.value for v in result.facets["topic"] if v.selected] == ["ky-nang-so"]


def test_values_that_no_longer_exist_are_ignored(shelf):
    result = browse({"audience": ["nguoi-ngoai-hanh-tinh"], "kind": ["hologram", "course"]}, language="vi")
    assert titles(result) == ["An toàn trên Zalo"]
    assert result.filters == {"kind": ["course"]}


def test_sort_by_title_and_by_downloads(shelf):
    by_title = [p.title for p in browse({}, sort="title", language="vi").page.object_list]
    assert by_title == ["An toàn trên Zalo", "Bé tập đọc sách", "Dùng điện thoại thông minh"]
    for _ in range(3):
        count_download(shelf["books"].translation_key, date(2024, 4, 21))
    count_download(shelf["phone"].translation_key, date(2024, 4, 22))
    ordered = [p.title for p in browse({}, sort="downloads", language="vi").page.object_list]
    assert ordered == ["Bé tập đọc sách", "Dùng điện thoại thông minh", "An toàn trên Zalo"]


def test_query_words_must_all_appear(shelf):
    indexer.rebuild()
    assert titles(browse({}, language="vi", query="zalo an toàn")) == ["An toàn trên Zalo"]
    assert browse({}, language="vi", query="zalo sách").total == 0


def test_unpublished_and_other_language_resources_are_left_out(shelf, en_home_page, locales):
    shelf["books"].unpublish()
    assert browse({}, language="vi").total == 2
    assert browse({}, language="en").total == 0


def test_pagination_and_shareable_querystring(library):
    for n in range(5):
        ResourcePageFactory(parent=library, title=f"Tài liệu {n}", audiences=[audience("giao-vien")])
    params = parse_browse_params(QueryDict("audience=giao-vien&sort=title&page=2&bogus=1&kind="))
    result = params.run(language="vi", per_page=2)
    assert [p.title for p in result.page.object_list] == ["Tài liệu 2", "Tài liệu 3"]
    assert result.querystring(page=3) == "?audience=giao-vien&sort=title&page=3"
    assert result.previous_query == "?audience=giao-vien&sort=title"
    assert [link.get("number") for link in result.page_links] == [1, 2, 3]


def test_out_of_range_page_and_bad_sort_fall_back(library):
    ResourcePageFactory(parent=library)
    params = parse_browse_params(QueryDict("page=99&sort=drop-table"))
    result = params.run(language="vi")
    assert params.sort == "newest"
    assert result.page.number == 1 and result.total == 1


def test_library_page_lists_filters_with_counts(client, shelf, library):
    assert '<meta name="robots"' not in client.get(library.url).content.decode()
    html = client.get(library.url + "?audience=hoc-sinh").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'name="audience" value="hoc-sinh" checked' in html
    assert "An toàn trên Zalo" in html and "Bé tập đọc sách" in html
    assert "Dùng điện thoại thông minh" not in html


def test_library_listing_queries_do_not_grow_with_page_size(client, library, django_assert_max_num_queries, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # What rendering costs: the page cache would answer the second visit from a kept copy.
    settings.PAGE_CACHE_ENABLED = settings.PAGE_CACHE_FRAGMENTS = False
    for n in range(30):
        ResourcePageFactory(
            parent=library, title=f"Học liệu {n:02}", topics=[topic("suc-khoe")], audiences=[audience("nguoi-lon")]
        )

    def queries_for(per_page):
        library.per_page = per_page
        library.save_revision().publish()
        client.get(library.url)  # warm caches and renditions
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(library.url).status_code == 200
        return len(ctx.captured_queries)

    small, large = queries_for(10), queries_for(30)
    assert large <= small
    with django_assert_max_num_queries(small):
        client.get(library.url + "?topic=suc-khoe&sort=downloads")


def test_filter_form_addresses_are_tidied_for_sharing(client, library):
    response = client.get(library.url + "?q=&audience=hoc-sinh&sort=newest&kind=")
    assert response.status_code == 302
    assert response["Location"] == library.url + "?audience=hoc-sinh"
    assert client.get(library.url + "?q=&sort=newest")["Location"] == library.url
    assert client.get(library.url + "?audience=hoc-sinh&sort=title").status_code == 200


def test_the_library_search_ignores_accents_through_the_search_service(library):
    ResourcePageFactory(parent=library, title="Kỹ năng số cho người cao tuổi", summary="Dùng điện thoại an toàn.")
    ResourcePageFactory(parent=library, title="Đọc sách cùng con", summary="Văn hóa đọc trong gia đình.")
    indexer.rebuild()
    assert titles(browse({}, language="vi", query="ky nang so")) == ["Kỹ năng số cho người cao tuổi"]
    assert titles(browse({}, language="vi", query="doc sach")) == ["Đọc sách cùng con"]
    assert browse({}, language="vi", query="ky nang sach").total == 0
