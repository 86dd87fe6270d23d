"""The Elasticsearch document for pages, and the search request over it.

The integ-test distribution has no folding analyzers, so each text is indexed twice with the
standard analyzer: as written (tone placement normalised) and folded in Python. What results show
(title, snippet text) is kept as the page spells it, and not indexed.
"""

from elasticsearch.dsl import Boolean, Date, Document, Integer, Keyword, Text

from .highlight import snippet_source
from .query import COUNT_LIMIT
from .text import exact, fold, normalise

# Typos are tolerated, when a search found nothing, on words of five letters or more only: most
# Vietnamese syllables are short, and one edit turns "thap" into "tap" or "thuy" into "thu".
FUZZINESS = "AUTO:5,8"
FACET_FIELDS = {"type": "page_type", "topic": "topic", "audience": "audience", "year": "year"}
FACET_SIZE = 50
SOURCE = ["page_id", "page_type", "title", "url", "date", "year_only", "snippet_text"]


class PageDocument(Document):
    page_id = Integer()
    language = Keyword()
    page_type = Keyword()
    title = Keyword(index=False)
    url = Keyword(index=False)
    date = Date()
    year_only = Boolean(index=False)
    year = Keyword()
    topic = Keyword()
    audience = Keyword()
    title_exact = Text(analyzer="standard")
    title_folded = Text(analyzer="standard")
    body_exact = Text(analyzer="standard")
    body_folded = Text(analyzer="standard")
    snippet_text = Text(index=False)

    @classmethod
    def from_source(cls, source, index):
        """A document from an IndexedPage: each field from ``prepare_<field>`` or the same attribute."""
        values = {}
        for name in cls._doc_type.mapping:
            prepare = getattr(cls, f"prepare_{name}", None)
            values[name] = prepare(source) if prepare else getattr(source, name)
        return cls(meta={"id": source.page_id, "index": index}, **values)

    @staticmethod
    def prepare_title_exact(source):
        return exact(source.title)

    @staticmethod
    def prepare_title_folded(source):
        return fold(source.title)

    @staticmethod
    def prepare_body_exact(source):
        return normalise(f"{source.summary} {source.body}")

    @staticmethod
    def prepare_body_folded(source):
        return fold(f"{source.summary} {source.body}")

    @staticmethod
    def prepare_snippet_text(source):
        return snippet_source(source.summary, source.body)

    @staticmethod
    def prepare_year(source):
        return str(source.date.year) if source.date else None

    @staticmethod
    def prepare_topic(source):
        return sorted(value for name, value in source.facet_pairs if name == "topic")

    @staticmethod
    def prepare_audience(source):
        return sorted(value for name, value in source.facet_pairs if name == "audience")


def _multi_match(term, fields, **options):
    return {"multi_match": {"query": term, "fields": fields, **options}}


def query_clause(query):
    """The query part of a search: every word (or some, or an unfinished last one) on the folded
    fields; the words as typed, with their accents, and the phrase in the title rank higher."""
    folded = ["title_folded^2", "body_folded"]
    fuzzy = {"fuzziness": FUZZINESS, "prefix_length": 1} if query.mode == "fuzzy" else {}
    per_term = [_multi_match(term, folded, **fuzzy) for term in query.whole_terms]
    if query.prefix_term:
        per_term.append(_multi_match(query.prefix_term, folded, type="bool_prefix"))
    accented = query.exact_terms[: len(query.whole_terms)]
    boosts = [_multi_match(term, ["title_exact^4", "body_exact^2"]) for term in accented]
    if len(query.whole_terms) > 1:
        boosts.append({"match_phrase": {"title_exact": {"query": " ".join(accented), "boost": 6}}})
        boosts.append({"match_phrase": {"title_folded": {"query": " ".join(query.whole_terms), "boost": 3}}})
    language = [{"term": {"language": query.language}}]
    if query.mode == "any":
        per_term = [{"bool": {"should": per_term, "minimum_should_match": query.enough_terms}}]
    return {"bool": {"filter": language, "must": per_term, "should": boosts}}


def _facet_filters(filters, leave_out=None):
    return [
        {"terms": {FACET_FIELDS[name]: values}}
        for name, values in filters.items()
        if name in FACET_FIELDS and name != leave_out
    ]


def search_body(query):
    """One request: the page of hits, the total up to COUNT_LIMIT and the facets. Each facet is counted over the
    pages the *other* filters keep (filtered aggregations), the hits over all filters (post_filter)."""
    if query.sort == "date":
        sort = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
    else:
        sort = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    aggregations = {
        name: {
            "filter": {"bool": {"filter": _facet_filters(query.filters, leave_out=name)}},
            "aggs": {"values": {"terms": {"field": field, "size": FACET_SIZE}}},
        }
        for name, field in FACET_FIELDS.items()
    }
    return {
        "query": query_clause(query),
        "post_filter": {"bool": {"filter": _facet_filters(query.filters)}},
        "aggs": aggregations,
        "sort": sort,
        "from": query.offset,
        "size": query.per_page,
        "_source": SOURCE,
        "track_total_hits": COUNT_LIMIT,
    }
