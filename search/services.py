"""The search service: one contract, whichever backend answers.

``search()`` and ``suggest()`` ask Elasticsearch when it is configured and fall back to the
database, silently for the citizen (a warning in the log), when it is down or failing; after
failures a circuit breaker skips Elasticsearch for a while (``elastic.CircuitBreaker``).

A search that finds nothing with every word whole is widened, one step at a time: the last word
as the beginning of a word ("khuy" finds "Khuyến học"), then typos tolerated on longer words
(Elasticsearch), then, for three words or more, pages with all of them but one. Typo tolerance
never adds noise to a search that found something. A search that found nothing also gets the
pages of another language that match it ("lifelong learning" on the Vietnamese page), or else a
"did you mean" drawn from the index's own words, offered only when it finds something itself.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion

from . import spelling
from .backends import database, elastic
from .indexer import FACET_NAMES
from .query import FacetValue, SearchQuery
from .text import clean_query, fold

logger = logging.getLogger(__name__)

PROMOTIONS_CACHE_KEY = "search:promotions"
PROMOTIONS_TIMEOUT = 300
# More matches than a list could page through usefully; the best ones are kept.
MATCH_LIMIT = 1000
# A last word this long may be unfinished; a shorter one is most likely a whole syllable.
PREFIX_MIN_LENGTH = 3
ELSEWHERE_HITS = 3
ANY_MIN_WORDS = 3


def _backends():
    if elastic.is_configured() and elastic.breaker.allow():
        try:
            yield elastic.ElasticsearchBackend()
        except Exception:
            logger.warning("Elasticsearch client could not be created; using the database", exc_info=True)
    yield database.DatabaseBackend()


def _ask(method, *args):
    last = None
    for backend in _backends():
        try:
            result = getattr(backend, method)(*args)
        except backend.errors as error:
            logger.warning("Search backend %s failed (%s); falling back", backend.name, error)
            if backend.name == "elasticsearch" and elastic.counts_as_failure(error):
                elastic.breaker.failed()
            last = error
            continue
        if backend.name == "elasticsearch":
            elastic.breaker.succeeded()
        return result
    raise last


def type_label(page_type):
    try:
        model = apps.get_model(page_type)
    except (LookupError, ValueError):
        return page_type
    return capfirst(model._meta.verbose_name)


def _widenings(query, some_words=True):
    if len(query.folded_terms[-1]) >= PREFIX_MIN_LENGTH:
        yield "prefix"
    yield "fuzzy"
    # One word of two is another word altogether ("dong thap" is not "đồng"): only longer queries
    # fall back to pages with all their words but one.
    if some_words and len(query.folded_terms) >= ANY_MIN_WORDS:
        yield "any"


def _find(query, some_words=True):
    """The results of the strictest way of matching that finds something (``query.mode``)."""
    results = _ask("search", query)
    for mode in _widenings(query, some_words) if not results.total else ():
        widened = _ask("search", query.widened(mode))
        if widened.total:
            return widened
    return results


def _elsewhere(query):
    """The best matches in another language of the site, for a query that found nothing here."""
    for code, _name in settings.LANGUAGES:
        if code == query.language:
            continue
        results = _ask("search", query.widened("all", language=code, filters={}, page=1, per_page=ELSEWHERE_HITS))
        if results.total:
            return results
    return None


def _suggestion(query):
    text = spelling.correct(query.folded_terms, query.exact_terms, query.language)
    if not text or fold(text) == fold(query.text):
        return ""
    return text if _ask("finds", SearchQuery.build(text, query.language)) else ""


def _label(results):
    for value in results.facets.get("type", []):
        value.label = type_label(value.value)
    for hit in results.hits:
        hit.type_label = type_label(hit.page_type)


def search(text, language, filters=None, page=1, sort="relevance"):
    """Results for a query in one language: hits, facets with counts, total, and for a query that
    found nothing, another language's results or a suggestion."""
    query = SearchQuery.build(text, language, filters, page, sort)
    if not query.text:
        return None
    results = _find(query)
    if not results.hits and results.total and query.page > results.num_pages:
        # A page number past the end (an old link, a hand-edited URL) shows the last page.
        results = _ask("search", results.query.widened(results.query.mode, page=results.num_pages))
    if not results.total or results.query.mode in ("fuzzy", "any"):
        results.elsewhere = _elsewhere(query)
        if results.elsewhere is None:
            results.suggestion = _suggestion(query)
        else:
            _label(results.elsewhere)
    _label(results)
    for name in FACET_NAMES:
        facet = results.facets.setdefault(name, [])
        # A chosen value stays listed (so that it can be removed) even when nothing has it now.
        listed = {value.value for value in facet}
        facet.extend(FacetValue(value, 0, True) for value in query.filters.get(name, ()) if value not in listed)
        for value in facet:
            value.label = value.label or value.value
    results.facets["year"] = sorted(results.facets["year"], key=lambda value: value.value, reverse=True)
    return results


def matching_page_ids(text, language, page_type, limit=MATCH_LIMIT):
    """Ids of the pages of one type that match a query, for lists that filter and count with the ORM
    (the library): the same accent-insensitive matching, on whichever backend answers."""
    query = SearchQuery.build(text, language, {"type": [page_type]}, per_page=limit)
    if not query.text:
        return None
    return [hit.page_id for hit in _find(query, some_words=False).hits]


def suggest(text, language, limit=8):
    """Pages whose title starts with what has been typed so far (for the header box)."""
    text = clean_query(text)
    if not text:
        return []
    return [
        {"title": row["title"], "url": row["url"], "type": str(type_label(row["page_type"]))}
        for row in _ask("suggest", text, language, limit)
    ]


def _promotions_by_query():
    promotions = cache.get(PROMOTIONS_CACHE_KEY)
    if promotions is None:
        promotions = {}
        for promotion in SearchPromotion.objects.select_related("query").order_by("sort_order", "pk"):
            promotions.setdefault(fold(clean_query(promotion.query.query_string)), []).append(promotion.pk)
        cache.set(PROMOTIONS_CACHE_KEY, promotions, PROMOTIONS_TIMEOUT)
    return promotions


def promotions(text, language):
    """Editors' promoted results for this query (accents optional), in the page's language."""
    ids = _promotions_by_query().get(fold(clean_query(text)))
    if not ids:
        return []
    found = {
        promotion.pk: promotion
        for promotion in SearchPromotion.objects.filter(pk__in=ids).select_related("page", "page__locale")
    }
    result = []
    for pk in ids:
        promotion = found.get(pk)
        if promotion is None:
            continue
        if promotion.page is not None:
            page = promotion.page
            if not page.live or page.locale.language_code != language:
                continue
            result.append({"title": page.title, "url": page.get_url(), "description": promotion.description})
        elif promotion.external_link_url:
            result.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return result


def forget_promotions():
    cache.delete(PROMOTIONS_CACHE_KEY)
