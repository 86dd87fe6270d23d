"""The Elasticsearch document for pages, and the faceted search over it.

The integ-test distribution has no folding analyzers, so each text is indexed twice with the
standard analyzer: as written (tone placement normalised) and folded in Python.
"""

from elasticsearch.dsl import Date, Document, FacetedSearch, Integer, Keyword, TermsFacet, Text
from elasticsearch.dsl import Q as ESQ

from .text import exact, fold, normalise

# Typos are tolerated on words of four letters or more only: most Vietnamese syllables are short
# and one edit turns "học" into "họp" or "hợp".
FUZZINESS = "AUTO:4,7"


class PageDocument(Document):
    page_id = Integer()
    language = Keyword()
    page_type = Keyword()
    title = Keyword(index=False)
    url = Keyword(index=False)
    date = Date()
    year = Keyword()
    topic = Keyword()
    audience = Keyword()
    summary = Text(analyzer="standard")
    title_exact = Text(analyzer="standard")
    title_folded = Text(analyzer="standard")
    body = Text(analyzer="standard")
    body_folded = Text(analyzer="standard")
    spelling = Text(analyzer="standard")

    @classmethod
    def from_source(cls, source, index):
        """A document from an IndexedPage: each field from ``prepare_<field>`` or the same attribute."""
        values = {}
        for name in cls._doc_type.mapping:
            prepare = getattr(cls, f"prepare_{name}", None)
            values[name] = prepare(source) if prepare else getattr(source, name)
        return cls(meta={"id": source.page_id, "index": index}, **values)

    @staticmethod
    def prepare_summary(source):
        return normalise(source.summary)

    @staticmethod
    def prepare_title_exact(source):
        return exact(source.title)

    @staticmethod
    def prepare_title_folded(source):
        return fold(source.title)

    @staticmethod
    def prepare_body(source):
        return normalise(source.body)

    @staticmethod
    def prepare_body_folded(source):
        return fold(f"{source.summary} {source.body}")

    @staticmethod
    def prepare_spelling(source):
        # The words "did you mean" may propose: titles and summaries, folded so that a missing
        # accent does not count as a typo.
        return fold(f"{source.title} {source.summary}")

    @staticmethod
    def prepare_year(source):
        return str(source.date.year) if source.date else None

    @staticmethod
    def prepare_topic(source):
        return sorted(value for name, value in source.facet_pairs if name == "topic")

    @staticmethod
    def prepare_audience(source):
        return sorted(value for name, value in source.facet_pairs if name == "audience")


class PageSearch(FacetedSearch):
    """Both spellings queried: every word must match (folded, typos tolerated); the accents boost."""

    doc_types = [PageDocument]
    facets = {
        "type": TermsFacet(field="page_type", size=50),
        "topic": TermsFacet(field="topic", size=50),
        "audience": TermsFacet(field="audience", size=50),
        "year": TermsFacet(field="year", size=50),
    }

    def __init__(self, using, index, query, require_all=True):
        self.using = using
        self.index = index
        self.search_query = query
        self.require_all = require_all
        if query.sort == "date":
            sort = [{"date": {"order": "desc", "missing": "_last"}}, "_score"]
        else:
            sort = ["_score", {"date": {"order": "desc", "missing": "_last"}}]
        filters = {name: values for name, values in query.filters.items() if name in self.facets}
        super().__init__(query.text, filters=filters, sort=sort)

    def search(self):
        return (
            super()
            .search()
            .filter("term", language=self.search_query.language)
            .source(["page_id", "page_type", "title", "url", "date", "summary", "body"])
            .extra(track_total_hits=True)
        )

    def query(self, search, query):
        folded_terms = self.search_query.folded_terms
        exact_terms = self.search_query.exact_terms
        per_term = [
            ESQ(
                "multi_match",
                query=term,
                fields=["title_folded^2", "body_folded"],
                fuzziness=FUZZINESS,
                prefix_length=1,
            )
            for term in folded_terms
        ]
        boosts = [ESQ("multi_match", query=term, fields=["title_exact^4", "body^2"]) for term in exact_terms]
        if len(folded_terms) > 1:
            boosts.append(ESQ("match_phrase", title_exact={"query": " ".join(exact_terms), "boost": 6}))
            boosts.append(ESQ("match_phrase", title_folded={"query": " ".join(folded_terms), "boost": 3}))
        if self.require_all:
            return search.query(ESQ("bool", must=per_term, should=boosts))
        return search.query(ESQ("bool", should=per_term + boosts, minimum_should_match=1))
