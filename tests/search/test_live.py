"""Publishing, unpublishing, moving and deleting pages update the index once committed."""

import logging

import pytest
from django.test import override_settings

from search import services
from search.models import SearchEntry
from tests.search.conftest import standard

pytestmark = pytest.mark.django_db


def found(query, language="vi"):
    results = services.search(query, language)
    return [(hit.title, hit.url) for hit in results.hits]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs the after-commit callbacks of the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_indexes_after_commit(home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        standard(home_page, "Gia đình học tập")
    assert not SearchEntry.objects.filter(title="Gia đình học tập").exists()
    for callback in callbacks:
        callback()
    assert found("gia dinh hoc tap") == [("Gia đình học tập", "/gia-dinh-hoc-tap/")]


def test_republishing_updates_the_title(home_page, committed):
    with committed():
        page = standard(home_page, "Gia đình học tập")
    page.title = "Dòng họ học tập"
    with committed():
        page.save_revision().publish()
    assert found("dong ho") == [("Dòng họ học tập", "/gia-dinh-hoc-tap/")]
    assert found("gia dinh") == []


def test_unpublishing_removes_the_page(home_page, committed):
    with committed():
        page = standard(home_page, "Gia đình học tập")
    with committed():
        page.unpublish()
    assert found("gia dinh hoc tap") == []


def test_moving_reindexes_the_page_and_its_descendants(home_page, committed):
    with committed():
        section = standard(home_page, "Mô hình", slug="mo-hinh")
        parent = standard(home_page, "Gia đình học tập", slug="gia-dinh")
        standard(parent, "Dòng họ học tập", slug="dong-ho")
    with committed():
        parent.move(section, pos="last-child")
    assert found("dong ho hoc tap") == [("Dòng họ học tập", "/mo-hinh/gia-dinh/dong-ho/")]


def test_deleting_removes_the_page_and_its_descendants(home_page, committed):
    with committed():
        parent = standard(home_page, "Gia đình học tập")
        standard(parent, "Dòng họ học tập")
    with committed():
        parent.delete()
    assert found("hoc tap") == []
    assert not SearchEntry.objects.exclude(title="Trang chủ").exists()


def test_making_a_page_private_removes_it(home_page, committed):
    from wagtail.models import PageViewRestriction

    with committed():
        page = standard(home_page, "Gia đình học tập")
    with committed():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert found("gia dinh") == []


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", SEARCH_ELASTICSEARCH_TIMEOUT=0.5)
def test_publishing_succeeds_when_elasticsearch_is_down(home_page, committed, caplog):
    caplog.set_level(logging.WARNING)
    with committed():
        page = standard(home_page, "Gia đình học tập")
    assert page.live
    # The database index is still updated, and searching falls back to it.
    assert found("gia dinh hoc tap") == [("Gia đình học tập", "/gia-dinh-hoc-tap/")]
    assert "Updating the elasticsearch search index failed" in caplog.text
