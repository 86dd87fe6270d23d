"""The Elasticsearch backend: an index per environment behind an alias, swapped on rebuild.

A search is one request, built and read as plain dictionaries: the Elasticsearch DSL's response
objects cost more time in Python than the cluster spends answering (see benchmarks/README.md).
A circuit breaker keeps a failing or hung cluster from costing every search its timeout.
"""

import logging
import threading
import time

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import connections
from elasticsearch.helpers import BulkIndexError, bulk

from ..documents import PageDocument, query_clause, search_body
from ..highlight import hit_snippet
from ..query import FacetValue, Hit, SearchResults
from ..text import fold, words

logger = logging.getLogger(__name__)

BULK_CHUNK = 500
# Merging a rebuilt index into one segment takes seconds at 100,000 pages, more than a search's
# timeout; past this, the rebuild goes on without waiting (the cluster finishes the merge).
MERGE_TIMEOUT = 120


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def client():
    """The client for the configured URL, created on first use (settings may change in tests)."""
    url, timeout = settings.ELASTICSEARCH_URL, settings.SEARCH_ELASTICSEARCH_TIMEOUT
    alias = f"search:{url}:{timeout}"
    try:
        return connections.get_connection(alias)
    except KeyError:
        return connections.create_connection(alias=alias, hosts=[url], request_timeout=timeout, max_retries=1)


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


class CircuitBreaker:
    """After ``SEARCH_ELASTICSEARCH_FAILURES`` failures in a row, Elasticsearch is skipped for
    ``SEARCH_ELASTICSEARCH_COOLDOWN`` seconds (the database answers); then one request tries it
    again, and its outcome closes the breaker or opens it for another cool-down.

    One per process: each worker learns of a failure by itself, at the cost of one timeout.
    """

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.failures = 0
        self.opened_at = None

    def allow(self):
        with self.lock:
            if self.opened_at is None:
                return True
            if self.clock() - self.opened_at < settings.SEARCH_ELASTICSEARCH_COOLDOWN:
                return False
            # Half-open: this request tries the cluster; the others keep skipping it meanwhile.
            self.opened_at = self.clock()
            return True

    def succeeded(self):
        with self.lock:
            if self.opened_at is not None:
                logger.warning("Elasticsearch answers again; searches use it again")
            self.reset()

    def failed(self):
        with self.lock:
            self.failures += 1
            if self.failures >= settings.SEARCH_ELASTICSEARCH_FAILURES:
                if self.opened_at is None:
                    logger.warning(
                        "Elasticsearch failed %s times in a row; the database answers for the next %s s",
                        self.failures,
                        settings.SEARCH_ELASTICSEARCH_COOLDOWN,
                    )
                self.opened_at = self.clock()


breaker = CircuitBreaker()


def counts_as_failure(error):
    """Whether an error says the cluster is unwell (unreachable, timing out, failing), rather than
    answering about a request (no index yet, a rejected document)."""
    if isinstance(error, ApiError):
        return error.meta.status >= 500
    return isinstance(error, TransportError)


def _hit(source, query):
    return Hit(
        page_id=source["page_id"],
        page_type=source["page_type"],
        title=source["title"],
        url=source["url"],
        date=parse_date(source["date"][:10]) if source.get("date") else None,
        year_only=bool(source.get("year_only")),
        snippet=hit_snippet(source.get("snippet_text") or "", query),
    )


class ElasticsearchBackend:
    name = "elasticsearch"
    errors = (ApiError, TransportError, BulkIndexError)

    def __init__(self):
        self.es = client()
        self.alias = alias_name()

    # Writes

    def _create_index(self):
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        self.es.indices.create(
            index=name,
            mappings=PageDocument._doc_type.mapping.to_dict(),
            settings={"number_of_shards": 1, "number_of_replicas": 0},
        )
        return name

    def _bulk(self, sources, index, refresh=False):
        actions = (
            PageDocument.from_source(source, index).to_dict(include_meta=True, skip_empty=False) for source in sources
        )
        bulk(self.es, actions, chunk_size=BULK_CHUNK, refresh=refresh)

    def _aliased_indices(self):
        try:
            return sorted(self.es.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure_index(self):
        """The alias, pointing at a new empty index if there is none yet."""
        if not self._aliased_indices():
            name = self._create_index()
            self.es.indices.put_alias(index=name, name=self.alias)

    def index(self, sources):
        if sources:
            self.ensure_index()
            self._bulk(sources, self.alias, refresh="wait_for" if settings.SEARCH_ELASTICSEARCH_REFRESH else False)

    def remove(self, page_ids):
        if not page_ids or not self._aliased_indices():
            return
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": page_id} for page_id in page_ids)
        # A page that was never indexed is not an error.
        refresh = "wait_for" if settings.SEARCH_ELASTICSEARCH_REFRESH else False
        bulk(self.es, actions, raise_on_error=False, refresh=refresh)

    def rebuild(self, sources):
        """Fill a new index, then move the alias to it in one atomic step and drop the old ones."""
        name = self._create_index()
        try:
            self._bulk(sources, name)
            self.es.indices.refresh(index=name)
            self._merge(name)
        except self.errors:
            self.es.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = self._aliased_indices()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.es.indices.update_aliases(actions=actions)
        self._delete_indices(keep=name)

    def _merge(self, name):
        """One segment before the alias points to the index: a bulk load leaves several, and
        every search (its facet aggregations most) visits each. Not waited for beyond
        MERGE_TIMEOUT: the index is complete and searchable meanwhile."""
        try:
            self.es.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(index=name, max_num_segments=1)
        except ConnectionTimeout:
            logger.warning("Elasticsearch is still merging %s after %s s; the rebuild goes on", name, MERGE_TIMEOUT)

    def _delete_indices(self, keep=None):
        # The cluster refuses wildcard deletes: list the indices, then name them.
        names = [name for name in self.es.indices.get(index=f"{self.alias}-*").body if name != keep]
        if names:
            self.es.indices.delete(index=",".join(names), ignore_unavailable=True)

    def drop(self):
        """Delete the alias and its indices (tests, benchmarks)."""
        self._delete_indices()

    # Reads (an alias that does not exist yet raises NotFoundError: the database answers)

    def search(self, query):
        response = self.es.search(index=self.alias, **search_body(query)).body
        hits = [_hit(hit["_source"], query) for hit in response["hits"]["hits"]]
        facets = {
            name: [
                FacetValue(str(bucket["key"]), bucket["doc_count"], str(bucket["key"]) in query.filters.get(name, ()))
                for bucket in aggregation["values"]["buckets"]
            ]
            for name, aggregation in response["aggregations"].items()
        }
        total = response["hits"]["total"]
        # The facets are aggregations over every match: exact, whatever the total says.
        return SearchResults(
            query, hits, total["value"], facets, backend=self.name, total_exact=total["relation"] == "eq"
        )

    def finds(self, query):
        """Whether anything matches: counting stops at the first match."""
        return self.es.count(index=self.alias, query=query_clause(query), terminate_after=1).body["count"] > 0

    def suggest(self, text, language, limit=8):
        terms = words(fold(text))
        if not terms:
            return []
        typed = " ".join(terms)
        response = self.es.search(
            index=self.alias,
            query={
                "bool": {
                    "filter": [{"term": {"language": language}}],
                    "should": [
                        {"match_bool_prefix": {"title_folded": {"query": typed, "operator": "and"}}},
                        {"match_phrase_prefix": {"title_folded": {"query": typed, "boost": 3}}},
                    ],
                    "minimum_should_match": 1,
                }
            },
            source=["page_id", "title", "url", "page_type"],
            size=limit,
        ).body
        return [hit["_source"] for hit in response["hits"]["hits"]]
