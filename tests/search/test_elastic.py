"""Elasticsearch specifics: an index per environment behind an alias, swapped without downtime."""

import pytest
from django.core.management import call_command

from search import indexer, services
from search.backends import elastic
from tests.search.conftest import standard

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def aliased(backend):
    return backend._aliased_indices()


def test_reindex_builds_a_new_index_and_moves_the_alias(home_page, settings, capsys):
    settings.ELASTICSEARCH_INDEX_PREFIX = "search-test-env"
    backend = elastic.ElasticsearchBackend()
    try:
        standard(home_page, "Gia đình học tập")
        call_command("search_reindex")
        first = aliased(backend)
        assert len(first) == 1 and first[0].startswith("search-test-env-pages-")
        assert "Indexed 1 pages (database, elasticsearch)." in capsys.readouterr().out

        standard(home_page, "Đơn vị học tập")
        indexer.rebuild()
        second = aliased(backend)
        assert len(second) == 1 and second != first
        # The old index is gone; only the aliased one remains.
        assert list(backend.es.indices.get(index="search-test-env-pages-*").body) == second
        results = services.search("don vi hoc tap", "vi")
        assert results.backend == "elasticsearch"
        assert [hit.title for hit in results.hits] == ["Đơn vị học tập"]
    finally:
        backend.drop()


def test_a_failed_rebuild_keeps_the_previous_index(home_page, monkeypatch, settings):
    standard(home_page, "Gia đình học tập")
    indexer.rebuild()
    backend = elastic.ElasticsearchBackend()
    before = aliased(backend)

    def broken_bulk(*args, **kwargs):
        raise elastic.TransportError("cluster went away")

    monkeypatch.setattr(elastic, "bulk", broken_bulk)
    indexer.rebuild()

    assert aliased(backend) == before
    assert list(backend.es.indices.get(index=f"{backend.alias}-*").body) == before
    # The failure opened the circuit breaker: the database answers for a while...
    assert services.search("gia dinh", "vi").backend == "database"
    # ...then Elasticsearch is tried again, and answers from the index it kept.
    settings.SEARCH_ELASTICSEARCH_COOLDOWN = 0
    results = services.search("gia dinh", "vi")
    assert results.backend == "elasticsearch"
    assert [hit.title for hit in results.hits] == ["Gia đình học tập"]


def test_a_rebuilt_index_is_merged_into_one_segment_or_used_while_it_merges(home_page, monkeypatch, caplog):
    standard(home_page, "Gia đình học tập")
    standard(home_page, "Đơn vị học tập")
    indexer.rebuild()
    backend = elastic.ElasticsearchBackend()
    (name,) = aliased(backend)
    segments = backend.es.indices.segments(index=name).body["indices"][name]["shards"]["0"][0]["segments"]
    assert len(segments) == 1

    # A merge that outlasts its timeout: the rebuild goes on, and the new index is used.
    class Stalled:
        class indices:
            @staticmethod
            def forcemerge(**kwargs):
                raise elastic.ConnectionTimeout("still merging")

    options = type(backend.es).options

    def stalled_merge(client, **kwargs):
        if kwargs.get("request_timeout") == elastic.MERGE_TIMEOUT:
            return Stalled()
        return options(client, **kwargs)

    monkeypatch.setattr(type(backend.es), "options", stalled_merge)
    standard(home_page, "Công dân học tập")
    indexer.rebuild()
    assert "still merging" in caplog.text
    assert aliased(backend) != [name]
    results = services.search("cong dan hoc tap", "vi")
    assert results.backend == "elasticsearch"
    assert [hit.title for hit in results.hits] == ["Công dân học tập"]


def test_mapping_indexes_both_spellings(home_page):
    standard(home_page, "Hòa nhập cộng đồng", "Lớp học cho người khuyết tật")
    indexer.rebuild()
    backend = elastic.ElasticsearchBackend()
    document = backend.es.search(index=backend.alias, query={"match": {"title_folded": "hoa nhap"}})["hits"]["hits"][0]
    source = document["_source"]
    assert source["title"] == "Hòa nhập cộng đồng"
    assert source["title_exact"] == "hoà nhập cộng đồng"
    assert source["title_folded"] == "hoa nhap cong dong"
    assert source["body_folded"].strip() == "lop hoc cho nguoi khuyet tat"
    settings = backend.es.indices.get_settings(index=backend.alias).body
    assert next(iter(settings.values()))["settings"]["index"]["number_of_replicas"] == "0"


def test_typos_are_tolerated_on_longer_words_only(home_page):
    standard(home_page, "Khuyến học, khuyến tài")
    standard(home_page, "Hợp tác quốc tế")
    indexer.rebuild()
    assert [hit.title for hit in services.search("khuyenn hoc", "vi").hits] == ["Khuyến học, khuyến tài"]
    # "hop" → "hoc" and "tac" → "tai" are one edit each, but three-letter words must be typed right.
    assert [hit.title for hit in services.search("hop tac", "vi").hits] == ["Hợp tác quốc tế"]
