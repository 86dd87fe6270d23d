"""What gets indexed, generic over page types, and the writes to every configured backend.

Every live, public page of every locale is indexed, except the pages that only lead to others:
the pages of a type that sets ``search_listing = True`` (home pages, index pages such as the news
list), and pages with no text of their own beyond the title that list child pages. A page type
may refine what is indexed with ``get_search_extras()`` (keys ``date``, a date or only a year as
an ``int``; ``facets``, ``documents``, ``text``); otherwise its Wagtail ``search_fields``,
``first_published_at`` and verbose name are used.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Page
from wagtail.search import index

from .extract import MAX_BODY_CHARS, document_text, plain

logger = logging.getLogger(__name__)

FACET_NAMES = ("type", "topic", "audience", "year")
BATCH_SIZE = 200


@dataclass
class IndexedPage:
    """A page as both backends index it."""

    page_id: int
    language: str
    page_type: str
    title: str
    url: str
    date: datetime.date | None = None
    year_only: bool = False
    summary: str = ""
    body: str = ""
    facets: dict = field(default_factory=dict)

    @property
    def facet_pairs(self):
        """The (facet, value) pairs of the page: its type, its year, its topics and audiences."""
        pairs = {("type", self.page_type)}
        if self.date:
            pairs.add(("year", str(self.date.year)))
        for name in ("topic", "audience"):
            pairs.update((name, " ".join(str(label).split())) for label in self.facets.get(name) or [])
        return pairs


def page_type_key(model):
    return model._meta.label_lower


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _field_text(page, summary):
    parts = []
    for search_field in page.search_fields:
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            text = plain(search_field.get_value(page))
        except Exception:
            logger.warning("Could not read %s of page %s for search", search_field.field_name, page.pk, exc_info=True)
            continue
        # A summary field often says what the search description says: once is enough.
        if text and text != summary:
            parts.append(text)
    return parts


def _date(extras, page):
    """(date, year only) of the page: its own date if its type gives one, else its first publication."""
    value = extras.get("date") or page.first_published_at
    if isinstance(value, int):
        return datetime.date(value, 1, 1), True
    return _as_date(value), False


def build(page):
    """The IndexedPage for a specific page, or None when the page is not for search results:
    no public URL, or a page that only leads to others."""
    if getattr(page, "search_listing", False):
        return None
    url = page.get_url()
    if not url:
        return None
    extras = page.get_search_extras() if hasattr(page, "get_search_extras") else {}
    summary = plain(page.search_description)
    parts = _field_text(page, summary)
    if extras.get("text"):
        parts.append(plain(extras["text"]))
    parts.extend(document_text(document) for document in extras.get("documents") or [])
    body = " ".join(part for part in parts if part)[:MAX_BODY_CHARS]
    if not body and page.numchild:
        return None
    facets = {name: [str(label) for label in values] for name, values in (extras.get("facets") or {}).items()}
    day, year_only = _date(extras, page)
    return IndexedPage(
        page_id=page.pk,
        language=page.locale.language_code,
        page_type=page_type_key(page.specific_class),
        title=page.title,
        url=url,
        date=day,
        year_only=year_only,
        summary=summary,
        body=body,
        facets=facets,
    )


def indexable_pages():
    return Page.objects.live().public().exclude(depth=1).select_related("locale").order_by("path")


def backends():
    """The database backend always (it is the fallback), Elasticsearch when configured."""
    from .backends import database, elastic

    result = [database.DatabaseBackend()]
    if elastic.is_configured():
        if elastic.breaker.allow():
            result.append(elastic.ElasticsearchBackend())
        else:
            logger.warning("Elasticsearch is skipped for now (circuit breaker open); the next reindex catches up")
    return result


def _failed(backend, error):
    from .backends import elastic

    if backend.name == "elasticsearch" and elastic.counts_as_failure(error):
        elastic.breaker.failed()


def _build_all(pages, progress=None):
    sources = []
    total = pages.count()
    for start in range(0, total, BATCH_SIZE):
        for page in pages[start : start + BATCH_SIZE].specific():
            source = build(page)
            if source is not None:
                sources.append(source)
        if progress:
            progress(min(start + BATCH_SIZE, total), total)
    return sources


def rebuild(progress=None, stdout=None):
    """Index every page from scratch in every backend; returns the number of pages indexed."""
    sources = _build_all(indexable_pages(), progress)
    for backend in backends():
        try:
            backend.rebuild(sources)
        except backend.errors as error:
            _failed(backend, error)
            # The database index is rebuilt regardless; the next reindex retries Elasticsearch.
            logger.exception("Rebuilding the %s search index failed", backend.name)
            if stdout is not None:
                stdout.write(f"Rebuilding the {backend.name} search index failed; see the log.")
    return len(sources)


def update(page_ids):
    """Re-index these pages: index those that are live and public, remove the others."""
    page_ids = set(page_ids)
    sources = _build_all(indexable_pages().filter(pk__in=page_ids))
    gone = page_ids - {source.page_id for source in sources}
    for backend in backends():
        try:
            backend.index(sources)
            backend.remove(gone)
        except backend.errors as error:
            _failed(backend, error)
            logger.exception("Updating the %s search index failed for pages %s", backend.name, sorted(page_ids))


def remove(page_ids):
    for backend in backends():
        try:
            backend.remove(set(page_ids))
        except backend.errors as error:
            _failed(backend, error)
            logger.exception("Removing pages %s from the %s search index failed", sorted(page_ids), backend.name)
