"""A hung Elasticsearch costs one timeout, not one per search: the circuit breaker, against a real
socket that accepts connections and never answers."""

import socket
import threading

import pytest

from search import indexer, services
from tests.search.conftest import standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung_cluster():
    """The address of a local server that accepts every connection and never says a word, and the
    list of connections it accepted."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.05)
    accepted, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def titles(results):
    return [hit.title for hit in results.hits]


def test_a_hung_cluster_is_skipped_after_it_fails_then_tried_again(hung_cluster, home_page, settings, caplog):
    url, connections = hung_cluster
    settings.ELASTICSEARCH_URL = ""
    standard(home_page, "Đơn vị học tập", "Tiêu chí công nhận đơn vị học tập.")
    indexer.rebuild()
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 0.5
    settings.SEARCH_ELASTICSEARCH_COOLDOWN = 60

    results = services.search("don vi hoc tap", "vi")
    assert (results.backend, titles(results)) == ("database", ["Đơn vị học tập"])
    assert len(connections) == 1
    assert "the database answers for the next 60" in caplog.text

    # While the breaker is open nothing is sent to the cluster: no search, no suggestion, no index write.
    for _ in range(5):
        assert services.search("don vi hoc tap", "vi").backend == "database"
    assert [row["title"] for row in services.suggest("don v", "vi")] == ["Đơn vị học tập"]
    indexer.update([home_page.pk])
    assert len(connections) == 1

    # Once the cool-down is over, one search tries the cluster again; it still hangs.
    settings.SEARCH_ELASTICSEARCH_COOLDOWN = 0
    assert titles(services.search("don vi hoc tap", "vi")) == ["Đơn vị học tập"]
    assert len(connections) == 2


@pytest.mark.elasticsearch
def test_a_cluster_that_answers_again_is_used_again(home_page, settings):
    standard(home_page, "Đơn vị học tập", "Tiêu chí công nhận đơn vị học tập.")
    indexer.rebuild()
    working = settings.ELASTICSEARCH_URL
    settings.SEARCH_ELASTICSEARCH_TIMEOUT = 0.5
    # Nothing listens on port 9 (discard): connections are refused at once.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert services.search("don vi", "vi").backend == "database"

    settings.ELASTICSEARCH_URL = working
    assert services.search("don vi", "vi").backend == "database"
    settings.SEARCH_ELASTICSEARCH_COOLDOWN = 0
    assert services.search("don vi", "vi").backend == "elasticsearch"
    assert services.search("don vi", "vi").backend == "elasticsearch"
