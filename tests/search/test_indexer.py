import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import capfirst
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from search import indexer, services
from search.extract import MAX_DOCUMENT_CHARS, document_text
from search.models import ExtractedText, SearchEntry
from search.seed import seed
from tests.factories.campaigns import StoryIndexPageFactory, StoryPageFactory
from tests.factories.news import NewsIndexPageFactory
from tests.search.conftest import CampaignPageFactory, standard
from tests.search.files import docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def make_document(name, content):
    return get_document_model().objects.create(title=name, file=ContentFile(content, name=name))


def test_every_live_public_page_of_every_locale_is_indexed(home_page, en_home_page, campaign_index):
    CampaignPageFactory(
        parent=campaign_index,
        title="Tháng Khuyến học 2024",
        start_date=datetime.date(2024, 11, 1),
        end_date=datetime.date(2024, 11, 30),
    )
    standard(en_home_page, "About", "The study promotion movement.")
    draft = standard(home_page, "Bản nháp chưa đăng")
    draft.unpublish()
    private = standard(home_page, "Trang nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert indexer.rebuild() == 2

    entries = {entry.title: entry for entry in SearchEntry.objects.all()}
    assert set(entries) == {"About", "Tháng Khuyến học 2024"}
    assert entries["About"].language == "en"
    assert entries["Tháng Khuyến học 2024"].page_type == "campaigns.campaignpage"
    assert entries["Tháng Khuyến học 2024"].url == "/chien-dich/thang-khuyen-hoc-2024/"


def test_pages_that_only_lead_to_others_are_not_indexed(home_page, campaign_index):
    """Home pages, index pages and text-less section pages would crowd the results and the type facet."""
    NewsIndexPageFactory(parent=home_page)
    StoryIndexPageFactory(parent=home_page)
    section = standard(home_page, "Mô hình học tập", slug="mo-hinh")
    standard(section, "Gia đình học tập", "Ba thế hệ cùng học.")
    about = standard(home_page, "Giới thiệu", "Phong trào khuyến học, khuyến tài.", slug="gioi-thieu")
    standard(about, "Lịch sử", "Hội Khuyến học thành lập năm 1996.")

    indexer.rebuild()

    assert set(SearchEntry.objects.values_list("title", flat=True)) == {"Gia đình học tập", "Giới thiệu", "Lịch sử"}
    results = services.search("hoc", "vi")
    assert [value.value for value in results.facets["type"]] == ["home.standardpage"]


def test_a_summary_field_that_repeats_the_search_description_is_indexed_once(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    story = StoryPageFactory(
        parent=index,
        title="Ba thế hệ cùng học",
        summary="Gia đình ông Lộc được công nhận Gia đình học tập.",
        search_description="Gia đình ông Lộc được công nhận Gia đình học tập.",
    )
    source = indexer.build(story.specific)
    assert source.summary == "Gia đình ông Lộc được công nhận Gia đình học tập."
    assert "được công nhận" not in source.body


def test_text_comes_from_search_fields_rendered_as_plain_text(home_page):
    page = standard(home_page, "Giới thiệu", "Xây dựng <b>xã hội</b> học tập", search_description="Mục đích của cổng")
    page.refresh_from_db()
    source = indexer.build(page)
    assert source.body == "Xây dựng xã hội học tập"
    assert source.summary == "Mục đích của cổng"
    assert source.date == timezone.localtime(page.first_published_at).date()
    assert source.page_type == "home.standardpage"


def test_get_search_extras_gives_date_facets_text_and_documents(home_page, monkeypatch):
    pdf = make_document("ke-hoach.pdf", pdf_bytes("Ke hoach trien khai mo hinh cong dan hoc tap"))
    word = make_document("huong-dan.docx", docx_bytes("Hướng dẫn đánh giá Đơn vị học tập", "Phụ lục"))
    extras = {
        "date": datetime.date(2023, 5, 20),
        "facets": {"topic": ["Kỹ năng số"], "audience": ["Người cao tuổi", "Thanh niên"]},
        "documents": [pdf, word],
        "text": "Thông tin bổ sung",
    }
    monkeypatch.setattr(StandardPage, "get_search_extras", lambda self: extras, raising=False)
    page = standard(home_page, "Tài liệu hướng dẫn")

    indexer.rebuild()

    entry = SearchEntry.objects.get(page=page)
    assert entry.date == datetime.date(2023, 5, 20)
    assert "Ke hoach trien khai" in entry.body
    assert "Hướng dẫn đánh giá Đơn vị học tập" in entry.body
    assert "Thông tin bổ sung" in entry.body
    facets = services.search("tai lieu", "vi").facets
    assert {name: [(value.label, value.count) for value in values] for name, values in facets.items()} == {
        "type": [(capfirst(StandardPage._meta.verbose_name), 1)],
        "topic": [("Kỹ năng số", 1)],
        "audience": [("Người cao tuổi", 1), ("Thanh niên", 1)],
        "year": [("2023", 1)],
    }
    # The words inside the files are found, accents optional.
    assert [hit.title for hit in services.search("danh gia don vi hoc tap", "vi").hits] == ["Tài liệu hướng dẫn"]
    assert [hit.title for hit in services.search("cong dan hoc tap", "vi").hits] == ["Tài liệu hướng dẫn"]


def test_document_text_is_cached_by_file_hash(home_page, django_assert_num_queries):
    document = make_document("a.docx", docx_bytes("Gia đình học tập"))
    assert document_text(document) == "Gia đình học tập"
    assert ExtractedText.objects.count() == 1
    with django_assert_num_queries(1):
        assert document_text(document) == "Gia đình học tập"


def test_unreadable_documents_are_logged_not_raised(home_page, caplog):
    broken = make_document("hong.pdf", b"%PDF-1.4 this is not a pdf")
    other = make_document("anh.png", b"\x89PNG")
    assert document_text(broken) == ""
    assert document_text(other) == ""
    assert "Could not extract" in caplog.text


def test_document_text_is_bounded(home_page):
    document = make_document("dai.docx", docx_bytes(*["học tập suốt đời " * 100] * 200))
    assert len(document_text(document)) == MAX_DOCUMENT_CHARS


def test_search_reindex_command_shows_progress_and_replaces_the_index(home_page, capsys):
    standard(home_page, "Gia đình học tập")
    SearchEntry.objects.create(page_id=999_999, language="vi", page_type="home.standardpage", title="Cũ", url="/cu/")

    call_command("search_reindex")

    output = capsys.readouterr().out
    assert "[##############################] 2/2 pages" in output
    assert "Indexed 1 pages (database" in output
    assert set(SearchEntry.objects.values_list("title", flat=True)) == {"Gia đình học tập"}


def test_seed_builds_the_index(home_page):
    standard(home_page, "Gia đình học tập")
    out = io.StringIO()
    seed(out)
    assert "Search: indexed 1 pages" in out.getvalue()
    assert [hit.title for hit in services.search("gia dinh", "vi").hits] == ["Gia đình học tập"]
