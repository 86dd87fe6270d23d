"""The search contract shared by both backends: what is asked and what comes back."""

import math
from dataclasses import dataclass, field

from .text import clean_query, exact, fold, words

SORTS = ("relevance", "date")
PER_PAGE = 10
MAX_PAGE = 100


@dataclass
class SearchQuery:
    text: str
    language: str
    filters: dict = field(default_factory=dict)
    page: int = 1
    sort: str = "relevance"
    per_page: int = PER_PAGE
    # A filter (the library's search box) wants every word; the search page may fall back to some.
    every_word: bool = False

    @classmethod
    def build(cls, raw, language, filters=None, page=1, sort="relevance", per_page=PER_PAGE, every_word=False):
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
            every_word=every_word,
        )

    @property
    def exact_terms(self):
        return words(exact(self.text))

    @property
    def folded_terms(self):
        return words(fold(self.text))

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

    @property
    def num_pages(self):
        return max(1, min(math.ceil(self.total / self.query.per_page), 100))
