"""The search service: one contract, whichever backend answers.

``search()`` and ``suggest()`` ask Elasticsearch when it is configured and fall back to the
database, silently for the citizen (a warning in the log), when it is down or failing.
"""

import logging

from django.apps import apps
from django.core.cache import cache
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion

from .backends import database, elastic
from .query import SearchQuery
from .text import clean_query, fold

logger = logging.getLogger(__name__)

PROMOTIONS_CACHE_KEY = "search:promotions"
PROMOTIONS_TIMEOUT = 300
# More matches than a list could page through usefully; the best ones are kept.
MATCH_LIMIT = 1000


def _backends():
    if elastic.is_configured():
        try:
            yield elastic.ElasticsearchBackend()
        except Exception:
            logger.warning("Elasticsearch client could not be created; using the database", exc_info=True)
    yield database.DatabaseBackend()


def _ask(method, *args):
    last = None
    for backend in _backends():
        try:
            return getattr(backend, method)(*args)
        except backend.errors as error:
            logger.warning("Search backend %s failed (%s); falling back", backend.name, error)
            last = error
    raise last


def type_label(page_type):
    try:
        model = apps.get_model(page_type)
    except (LookupError, ValueError):
        return page_type
    return capfirst(model._meta.verbose_name)


def search(text, language, filters=None, page=1, sort="relevance"):
    """Results for a query in one language: hits, facets with counts, total and a suggestion."""
    query = SearchQuery.build(text, language, filters, page, sort)
    if not query.text:
        return None
    results = _ask("search", query)
    if not results.hits and results.total and query.page > results.num_pages:
        # A page number past the end (an old link, a hand-edited URL) shows the last page.
        query.page = results.num_pages
        results = _ask("search", query)
    for value in results.facets.get("type", []):
        value.label = type_label(value.value)
    for facet in results.facets.values():
        for value in facet:
            value.label = value.label or value.value
    results.facets["year"] = sorted(results.facets.get("year", []), key=lambda value: value.value, reverse=True)
    for hit in results.hits:
        hit.type_label = type_label(hit.page_type)
    return results


def matching_page_ids(text, language, page_type, limit=MATCH_LIMIT):
    """Ids of the pages of one type that match a query, for lists that filter and count with the ORM
    (the library): the same accent-insensitive matching, on whichever backend answers."""
    query = SearchQuery.build(text, language, {"type": [page_type]}, per_page=limit, every_word=True)
    if not query.text:
        return None
    return [hit.page_id for hit in _ask("search", query).hits]


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
