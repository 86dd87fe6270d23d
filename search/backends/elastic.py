"""The Elasticsearch backend: an index per environment behind an alias, swapped on rebuild."""

import logging

from django.conf import settings
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError, NotFoundError
from elasticsearch.dsl import Q as ESQ
from elasticsearch.dsl import Search, connections
from elasticsearch.helpers import BulkIndexError, bulk

from ..documents import PageDocument, PageSearch
from ..highlight import hit_snippet
from ..query import FacetValue, Hit, SearchResults
from ..text import exact, fold, words

logger = logging.getLogger(__name__)

BULK_CHUNK = 500


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def client():
    """The client for the configured URL, created on first use (settings may change in tests)."""
    url = settings.ELASTICSEARCH_URL
    alias = f"search:{url}"
    try:
        return connections.get_connection(alias)
    except KeyError:
        return connections.create_connection(
            alias=alias, hosts=[url], request_timeout=settings.SEARCH_ELASTICSEARCH_TIMEOUT, max_retries=1
        )


def alias_name():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-pages"


def _date(value):
    if not value:
        return None
    return value.date() if hasattr(value, "date") else value


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
        except self.errors:
            self.es.indices.delete(index=name, ignore_unavailable=True)
            raise
        old = self._aliased_indices()
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.es.indices.update_aliases(actions=actions)
        self._delete_indices(keep=name)

    def _delete_indices(self, keep=None):
        # The cluster refuses wildcard deletes: list the indices, then name them.
        names = [name for name in self.es.indices.get(index=f"{self.alias}-*").body if name != keep]
        if names:
            self.es.indices.delete(index=",".join(names), ignore_unavailable=True)

    def drop(self):
        """Delete the alias and its indices (tests, benchmarks)."""
        self._delete_indices()

    # Reads

    def search(self, query):
        if not self._aliased_indices():
            # Never indexed: nothing to find, which the database backend answers as well.
            raise NotFoundError("no index", meta=None, body={"alias": self.alias})
        response = PageSearch(self.es, self.alias, query)[query.offset : query.offset + query.per_page].execute()
        total = response.hits.total.value
        partial = total == 0 and len(query.folded_terms) > 1 and not query.every_word
        if partial:
            response = PageSearch(self.es, self.alias, query, require_all=False)[
                query.offset : query.offset + query.per_page
            ].execute()
            total = response.hits.total.value
        hits = [
            Hit(
                page_id=hit.page_id,
                page_type=hit.page_type,
                title=hit.title,
                url=hit.url,
                date=_date(hit.date),
                snippet=hit_snippet(hit, query.folded_terms),
            )
            for hit in response
        ]
        facets = {
            name: [FacetValue(str(value), count, selected) for value, count, selected in values]
            for name, values in response.facets.to_dict().items()
        }
        suggestion = self.correct(query) if partial or total == 0 else ""
        return SearchResults(query, hits, total, facets, suggestion, self.name)

    def suggest(self, text, language, limit=8):
        terms = words(fold(text))
        if not terms:
            return []
        search = (
            Search(using=self.es, index=self.alias)
            .filter("term", language=language)
            .query(
                ESQ("match_bool_prefix", title_folded={"query": " ".join(terms), "operator": "and"})
                | ESQ("match_phrase_prefix", title_folded={"query": " ".join(terms), "boost": 3})
            )
            .source(["page_id", "title", "url", "page_type"])[:limit]
        )
        return [hit.to_dict() for hit in search.execute()]

    def correct(self, query):
        """Did-you-mean: the term suggester on folded titles and summaries, shown with accents."""
        text = " ".join(query.folded_terms)
        response = (
            Search(using=self.es, index=self.alias)
            .suggest("spelling", text, term={"field": "spelling", "min_word_length": 2, "suggest_mode": "missing"})
            .extra(size=0)
            .execute()
        )
        corrected = [entry.options[0].text if entry.options else entry.text for entry in response.suggest.spelling]
        if not corrected or corrected == query.folded_terms:
            return ""
        return self._with_accents(corrected, query.language)

    def _with_accents(self, terms, language):
        """Each folded word as the pages that contain it spell it."""
        hits = (
            Search(using=self.es, index=self.alias)
            .filter("term", language=language)
            .query("match", spelling=" ".join(terms))
            .source(["title", "summary"])[:10]
            .execute()
        )
        spellings = {}
        for hit in hits:
            for word in words(exact(f"{hit.title} {hit.summary or ''}")):
                spellings.setdefault(fold(word), word)
        return " ".join(spellings.get(term, term) for term in terms)
