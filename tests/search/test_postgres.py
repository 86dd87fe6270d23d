"""On PostgreSQL the database backend folds accents with the unaccent extension."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import indexer, services
from search.models import SearchEntry
from tests.search.conftest import standard

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_unaccent_extension_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT unaccent('Đơn vị học tập, Khuyến học, Thuỷ')")
        assert cursor.fetchone()[0] == "Don vi hoc tap, Khuyen hoc, Thuy"


def test_database_backend_folds_with_unaccent(home_page, settings):
    settings.ELASTICSEARCH_URL = ""
    standard(home_page, "Đơn vị học tập", "Tiêu chí công nhận ở cấp huyện.")
    standard(home_page, "Hòa nhập cộng đồng")
    with CaptureQueriesContext(connection) as queries:
        indexer.rebuild()
    assert any("UNACCENT" in query["sql"].upper() for query in queries.captured_queries)
    assert SearchEntry.objects.get(title="Đơn vị học tập").title_folded == " don vi hoc tap "
    assert [hit.title for hit in services.search("don vi hoc tap", "vi").hits] == ["Đơn vị học tập"]
    assert [hit.title for hit in services.search("hoà nhập", "vi").hits] == ["Hòa nhập cộng đồng"]
    assert [hit.title for hit in services.search("cap huyen", "vi").hits] == ["Đơn vị học tập"]
