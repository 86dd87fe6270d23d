"""The search contract shared by both backends: what is asked and what comes back."""

import math
from dataclasses import dataclass, field, replace
from functools import cached_property

from .text import clean_query, exact, fold, words

SORTS = ("relevance", "date")
PER_PAGE = 10
MAX_PAGE = 100
# Matches are counted up to this many (Elasticsearch's default, ``track_total_hits``); beyond it a
# search says "more than 10,000", which no one pages through, and counting every one of tens of
# thousands of matches is what made a common word slow. Ranking still reads every match.
COUNT_LIMIT = 10_000


@dataclass
class SearchQuery:
    text: str
    language: str
    filters: dict = field(default_factory=dict)
    page: int = 1
    sort: str = "relevance"
    per_page: int = PER_PAGE
    # How the words match, strictest first; the service widens a search that found nothing:
    # "all": every word, whole; "prefix": the last word may be unfinished ("khuy"); "fuzzy":
    # typos tolerated on longer words (Elasticsearch only); "any": all the words but one.
    mode: str = "all"

    @classmethod
    def build(cls, raw, language, filters=None, page=1, sort="relevance", per_page=PER_PAGE):
        try:
            page = min(max(int(page), 1), MAX_PAGE)
        except (TypeError, ValueError):
            page = 1
        return cls(
            text=clean_query(raw),
            language=language,
            filters={name: list(values) for name, values in (filters or {}).items() if values},
            page=page,
            sort=sort if sort in SORTS else "relevance",
            per_page=per_page,
        )

    @cached_property
    def exact_terms(self):
        return words(exact(self.text))

    @cached_property
    def folded_terms(self):
        return words(fold(self.text))

    @property
    def prefix_term(self):
        """The unfinished last word of a "prefix" query, or ''."""
        return self.folded_terms[-1] if self.mode == "prefix" and self.folded_terms else ""

    @property
    def whole_terms(self):
        """The folded words matched whole: all of them but an unfinished last one."""
        return self.folded_terms[:-1] if self.prefix_term else self.folded_terms

    def widened(self, mode, **changes):
        return replace(self, mode=mode, **changes)

    @property
    def enough_terms(self):
        """How many of the words an "any" query needs: all but one."""
        return max(1, len(self.whole_terms) - 1)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class Hit:
    page_id: int
    page_type: str
    title: str
    url: str
    date: object
    snippet: str
    year_only: bool = False


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False
    label: str = ""


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list
    total: int
    facets: dict
    suggestion: str = ""
    backend: str = ""
    # False when more than COUNT_LIMIT pages match: ``total`` is then COUNT_LIMIT, a lower bound.
    total_exact: bool = True
    # False when the facets were counted over the first COUNT_LIMIT matches only (the database
    # backend): which values there are is shown, but not how many pages have each.
    facets_exact: bool = True
    # Set by the service: the results of the query in another language, when it found nothing here.
    elsewhere: object = None

    @property
    def num_pages(self):
        return max(1, min(math.ceil(self.total / self.query.per_page), 100))
