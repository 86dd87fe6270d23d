"""The library's rules: browsing with facets, downloads, collections, validation, search extras."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qs, urlencode, urlparse

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, IntegerField, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.http import client_ip
from portal.images import prefetch_renditions
from portal.pagecache import index_page, locales_by_code, public_pages
from portal.prepared import PreparedQuery, related
from search import services as search_services

from .models import (
    Audience,
    LibraryPage,
    Licence,
    ResourceCollection,
    ResourceCollectionItem,
    ResourceDownload,
    ResourceKind,
    ResourceLanguage,
    ResourcePage,
    Topic,
)

FACETS = ("topic", "audience", "kind", "language", "licence")
FACET_TITLES = {
    "topic": _("Topic"),
    "audience": _("Audience"),
    "kind": pgettext_lazy("resource facet", "Kind"),
    "language": _("Language"),
    "licence": _("Licence"),
}
SORTS = {"newest": _("Newest"), "downloads": _("Most downloaded"), "title": _("Title (A–Z)")}
DEFAULT_SORT = "newest"
CHOICE_FACETS = {"kind": ResourceKind, "language": ResourceLanguage, "licence": Licence}
VOCABULARY_FACETS = {"topic": (Topic, "topics"), "audience": (Audience, "audiences")}

VIDEO_EXTENSIONS = {"mp4", "webm"}
AUDIO_EXTENSIONS = {"mp3", "m4a", "ogg", "wav"}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class BrowseResult:
    page: object  # a Paginator page of ResourcePage
    total: int
    count_facets: Callable  # () -> the facets: read only when shown (a kept filter panel needs none)
    filters: dict
    sort: str
    query: str

    @cached_property
    def facets(self):
        """Facet name -> list of FacetValue."""
        return self.count_facets()

    @property
    def facet_groups(self):
        return [
            {"name": name, "title": FACET_TITLES[name], "values": values}
            for name, values in self.facets.items()
            if values
        ]

    @property
    def sort_options(self):
        return [{"value": value, "label": label, "selected": value == self.sort} for value, label in SORTS.items()]

    @property
    def selected_filters(self):
        """Each active filter with the address that removes it, so a visitor can undo one choice."""
        if not self.filters:
            return []
        chosen = []
        for name, values in self.facets.items():
            for value in values:
                if value.selected:
                    remaining = {**self.filters, name: [v for v in self.filters[name] if v != value.value]}
                    chosen.append(
                        {"label": value.label, "facet": FACET_TITLES[name], "query": self.querystring(remaining)}
                    )
        return chosen

    def querystring(self, filters=None, page=None):
        filters = self.filters if filters is None else filters
        pairs = [(name, value) for name in FACETS for value in filters.get(name, [])]
        if self.query:
            pairs.append(("q", self.query))
        if self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        if page and page > 1:
            pairs.append(("page", page))
        return "?" + urlencode(pairs) if pairs else "?"

    @property
    def page_links(self):
        paginator = self.page.paginator
        return [
            {"gap": True}
            if number == paginator.ELLIPSIS
            else {"number": number, "query": self.querystring(page=number), "current": number == self.page.number}
            for number in paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)
        ]

    @property
    def previous_query(self):
        return self.querystring(page=self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_query(self):
        return self.querystring(page=self.page.next_page_number()) if self.page.has_next() else ""


@dataclass
class BrowseParams:
    filters: dict = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: int = 1
    query: str = ""

    def run(self, language, per_page=12, within=None, list_data=None):
        return browse(
            self.filters,
            self.sort,
            self.page,
            language,
            query=self.query,
            per_page=per_page,
            within=within,
            list_data=list_data,
        )


def parse_browse_params(querydict):
    """Read filters, sort, page and query from a URL's query string, ignoring anything unknown."""
    filters = {}
    for name in FACETS:
        values = [v.strip()[:100] for v in querydict.getlist(name) if v.strip()]
        if values:
            filters[name] = list(dict.fromkeys(values))[:20]
    sort = querydict.get("sort", DEFAULT_SORT)
    try:
        page = max(1, int(querydict.get("page", 1)))
    except (TypeError, ValueError):
        page = 1
    return BrowseParams(
        filters=filters,
        sort=sort if sort in SORTS else DEFAULT_SORT,
        page=page,
        query=querydict.get("q", "").strip()[:200],
    )


def tidy_querystring(querydict):
    """The query string without empty fields and the default sort, or None when it is tidy already.

    The filter form sends every field; a visitor who shares the address should share a short one.
    """
    pairs = [(key, value) for key, values in querydict.lists() for value in values]
    kept = [(key, value) for key, value in pairs if value.strip() and not (key == "sort" and value == DEFAULT_SORT)]
    if kept == pairs:
        return None
    return "?" + urlencode(kept) if kept else ""


def live_resources(language, within=None):
    queryset = public_pages(ResourcePage.objects.live()).filter(locale__language_code=language)
    if within is not None:
        queryset = queryset.child_of(within)
    return queryset


def _filter_by(queryset, name, values):
    if name in VOCABULARY_FACETS:
        model, relation = VOCABULARY_FACETS[name]
        through = getattr(ResourcePage, relation).through
        column = model.__name__.lower()
        matching = through.objects.filter(**{f"{column}__slug__in": values}).values("resourcepage_id")
        return queryset.filter(pk__in=matching)
    return queryset.filter(**{f"{name}__in": values})


def _apply_filters(queryset, filters, skip=None):
    for name, values in filters.items():
        if name != skip and values:
            queryset = _filter_by(queryset, name, values)
    return queryset


def facet_options(language):
    """Every value each facet can take, with its label in the language."""
    with translation.override(language):
        options = {name: [(v, str(label)) for v, label in choices.choices] for name, choices in CHOICE_FACETS.items()}
    for name, (model, _relation) in VOCABULARY_FACETS.items():
        options[name] = [(term.slug, term.label(language)) for term in model.objects.all()]
    return options


def _facet_counts(base, filters):
    """{facet: {value: how many resources have it}}, each facet counted under the other facets'
    filters (a value stays selectable alongside the ones chosen): one query for all of them."""
    counts = []
    for name in FACETS:
        queryset = _apply_filters(base, filters, skip=name).order_by()
        column = name
        if name in VOCABULARY_FACETS:
            relation = VOCABULARY_FACETS[name][1]
            queryset = queryset.filter(**{f"{relation}__isnull": False})
            column = f"{relation}__slug"
        counts.append(
            queryset.values(facet=Value(name, output_field=CharField()), value=F(column))
            .annotate(n=Count("pk", distinct=True))
            .values_list("facet", "value", "n")
        )
    found = {name: {} for name in FACETS}
    for name, value, n in counts[0].union(*counts[1:], all=True):
        found[name][value] = n
    return found


def download_totals(since=None):
    """Each resource's download count (all time, or from a day on), as a subquery on its translation key."""
    downloads = ResourceDownload.objects.filter(translation_key=OuterRef("translation_key"))
    if since is not None:
        downloads = downloads.filter(date__gte=since)
    return Coalesce(
        Subquery(
            downloads.order_by().values("translation_key").annotate(total=Sum("count")).values("total"),
            output_field=IntegerField(),
        ),
        0,
    )


def _search(queryset, query, language):
    """Through the search service, so that "ky nang so" finds "Kỹ năng số" on either backend."""
    ids = search_services.matching_page_ids(query, language, ResourcePage._meta.label_lower)
    return queryset if ids is None else queryset.filter(pk__in=ids)


def with_list_data(queryset):
    """What a resource in a list of the API shows, fetched in a fixed number of queries whatever the
    page size (their covers' renditions: ``covers``)."""
    return (
        with_card_data(queryset)
        .select_related("publisher")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.all()),
            Prefetch("audiences", queryset=Audience.objects.all()),
        )
    )


def with_card_data(queryset):
    """What a result card (resources/includes/resource_card.html) shows: the resource, its file and
    its cover, in one query; its topics, audiences and publisher are not on the card."""
    return queryset.select_related("document", "cover_image", "generated_cover")


def covers(resources):
    """The cover images of these resources (for their renditions, loaded at once)."""
    return [resource.cover for resource in resources]


def collection_covers(entries):
    return [cover for entry in entries for cover in covers(entry["resources"])]


def browse(filters, sort=DEFAULT_SORT, page=1, language="vi", query="", per_page=12, within=None, list_data=None):
    """A page of live resources in a language, with facet counts; the same on SQLite and PostgreSQL.

    ``filters`` maps a facet name to the values chosen (topic and audience slugs, kind,
    language and licence codes): values of one facet are alternatives, facets add up. The facets
    are counted when first read (``BrowseResult.facets``); ``list_data`` loads what each resource
    of the page shows (``with_list_data``, the default, or ``with_card_data``).
    """
    options = {}
    if any(filters.get(name) for name in FACETS):
        options = facet_options(language)
        # Values that no longer exist (a deleted topic in a shared link) are dropped rather than matching nothing.
        filters = {name: [v for v, _label in options[name] if v in filters.get(name, ())] for name in FACETS}
        filters = {name: values for name, values in filters.items() if values}
    else:
        filters = {}
    base = live_resources(language, within)
    if query:
        base = _search(base, query, language)

    def count_facets():
        all_options = options or facet_options(language)
        all_counts = _facet_counts(base, filters)
        facets = {}
        for name in FACETS:
            counts = all_counts[name]
            chosen = filters.get(name, [])
            facets[name] = [
                FacetValue(value=value, label=label, count=counts.get(value, 0), selected=value in chosen)
                for value, label in all_options[name]
                if counts.get(value) or value in chosen
            ]
        return facets

    results = _apply_filters(base, filters)
    if sort == "downloads":
        results = results.annotate(downloads=download_totals()).order_by("-downloads", "title", "pk")
    elif sort == "title":
        results = results.order_by("title", "pk")
    else:
        sort = DEFAULT_SORT
        results = results.order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    paginator = Paginator((list_data or with_list_data)(results), per_page)
    page_obj = paginator.get_page(page)
    prefetch_renditions(covers(page_obj))
    return BrowseResult(
        page=page_obj, total=paginator.count, count_facets=count_facets, filters=filters, sort=sort, query=query
    )


# Downloads


BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|curl|wget|python-requests|"
    r"httpclient|okhttp|go-http-client|scrapy|monitor|lighthouse|pingdom",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def record_download(request, page):
    """Count a download unless it comes from a bot or the same visitor downloaded it a moment ago."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if request.method != "GET" or is_bot(user_agent):
        return False
    visitor = f"{client_ip(request)}|{user_agent}|{page.translation_key}"
    key = "resources:download:" + hashlib.sha256(visitor.encode()).hexdigest()
    if not cache.add(key, 1, timeout=settings.RESOURCES_DOWNLOAD_DEDUPE_SECONDS):
        return False
    count_download(page.translation_key, timezone.localdate())
    return True


def count_download(translation_key, day):
    updated = ResourceDownload.objects.filter(translation_key=translation_key, date=day).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            ResourceDownload.objects.create(translation_key=translation_key, date=day, count=1)
    except IntegrityError:
        # Another request created today's row first.
        ResourceDownload.objects.filter(translation_key=translation_key, date=day).update(count=F("count") + 1)


def classification(page, preview=False):
    """The page's topics and audiences, each in their order: their page, its metadata and its
    JSON-LD show them. A preview shows the editor's choices, which only the page object holds."""
    if preview:
        return list(page.topics.all()), list(page.audiences.all())
    return related(page, "topics", _TOPICS), related(page, "audiences", _AUDIENCES)


_TOPICS = PreparedQuery(lambda page_id: Topic.objects.filter(resources=page_id))
_AUDIENCES = PreparedQuery(lambda page_id: Audience.objects.filter(resources=page_id))


def download_count(page):
    return sum(_DOWNLOADS(page.translation_key))


_DOWNLOADS = PreparedQuery(
    lambda translation_key: (
        ResourceDownload.objects.filter(translation_key=translation_key)
        .values("translation_key")
        .annotate(total=Sum("count"))
        .values_list("total", flat=True)
    )
)


# Collections


def _collections(queryset, language, list_data=None):
    """The collections of ``queryset`` that hold live resources in the language, in order, each with
    its resources (and what ``list_data`` loads with them: ``with_list_data`` by default) and the
    address of its own page: two queries for all of them (the entries with their collections, then
    the resources in the language)."""
    items = (
        ResourceCollectionItem.objects.filter(collection__in=queryset)
        .select_related("collection")
        .annotate(resource_key=F("resource__translation_key"))
        .order_by("collection__sort_order", "collection__title", "collection_id", "sort_order")
    )
    keys_by_collection = {}
    for item in items:
        keys_by_collection.setdefault(item.collection, []).append(item.resource_key)
    keys = {key for keys in keys_by_collection.values() for key in keys}
    pages = (list_data or with_list_data)(live_resources(language).filter(translation_key__in=keys)) if keys else []
    by_key = {page.translation_key: page for page in pages}
    locale = locales_by_code().get(language)
    library = index_page(LibraryPage, locale.pk) if locale else None
    entries = []
    for collection, keys in keys_by_collection.items():
        resources = [by_key[key] for key in keys if key in by_key]
        if resources:
            entries.append(
                {
                    "collection": collection,
                    "title": collection.label(language),
                    "intro": collection.intro_label(language),
                    "resources": resources,
                    "url": (
                        library.url + library.reverse_subpage("collection", kwargs={"slug": collection.slug})
                        if library
                        else ""
                    ),
                }
            )
    return entries


def with_title_and_address(queryset):
    """A resource as a link: its title and what its address is made of, nothing else."""
    return queryset.only("title", "url_path", "translation_key", "locale_id", "path", "depth")


def collections_for_library(language):
    """The library home lists each collection's resources as links (no cover, no card)."""
    return _collections(
        ResourceCollection.objects.filter(show_in_library=True), language, list_data=with_title_and_address
    )


def collections_for_home(language):
    return _collections(ResourceCollection.objects.filter(show_on_home_page=True), language)


def collections_for_campaign(campaign_page):
    """Collections attached to the campaign, or to any translation of it."""
    queryset = ResourceCollection.objects.filter(campaign__translation_key=campaign_page.translation_key)
    return _collections(queryset, campaign_page.locale.language_code)


def collection_by_slug(slug, language):
    entries = _collections(ResourceCollection.objects.filter(slug=slug), language)
    prefetch_renditions(collection_covers(entries))
    return entries[0] if entries else None


# Validation and presentation


def embed_url(url):
    """The privacy-friendly player address of a YouTube or Vimeo link, or "" for anything else."""
    if not url:
        return ""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    video_id = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if re.fullmatch(r"[\w-]{6,20}", video_id) else ""
    if host == "youtu.be":
        video_id = parsed.path.strip("/")
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if re.fullmatch(r"[\w-]{6,20}", video_id) else ""
    if host in {"vimeo.com", "player.vimeo.com"}:
        match = re.search(r"(\d{5,})", parsed.path)
        return f"https://player.vimeo.com/video/{match.group(1)}" if match else ""
    return ""


def file_kind(document):
    extension = document.file_extension.lower()
    if extension in VIDEO_EXTENSIONS:
        return ResourceKind.VIDEO
    if extension in AUDIO_EXTENSIONS:
        return ResourceKind.AUDIO
    return ResourceKind.DOCUMENT


def validate_resource(page):
    """What each kind of resource needs, as errors on the fields the editor must fix."""
    errors = {}
    document = page.document
    if page.kind == ResourceKind.DOCUMENT and document is None:
        errors["document"] = _("Choose the document file that visitors will download.")
    elif (
        page.kind in (ResourceKind.VIDEO, ResourceKind.AUDIO) and document is None and not embed_url(page.external_url)
    ):
        errors["external_url"] = _("Enter a YouTube or Vimeo address, or choose an audio or video file.")
    elif page.kind == ResourceKind.COURSE and not page.external_url:
        errors["external_url"] = _("Enter the address of the course or site.")
    if document is not None and page.kind != ResourceKind.COURSE and page.kind != ResourceKind.IMAGES:
        expected = page.kind
        if file_kind(document) != expected:
            errors["document"] = _("The file “%(name)s” is not a %(kind)s file.") % {
                "name": document.filename,
                "kind": ResourceKind(expected).label.lower(),
            }
    if errors:
        raise ValidationError(errors)


def facet_labels(page):
    """The page's facet values as words in its own language, for the search index."""
    with translation.override(page.locale.language_code):
        return {
            "topic": [t.label() for t in page.topics.all()],
            "audience": [a.label() for a in page.audiences.all()],
            "kind": [str(page.get_kind_display())],
            "language": [str(page.get_language_display())],
            "licence": [str(page.get_licence_display())],
        }


def search_extras(page):
    extras = {
        # A resource's own date is its publication year (search shows the year alone).
        "date": page.year or page.first_published_at,
        "facets": facet_labels(page),
        "documents": [page.document] if page.document else [],
    }
    text = [page.authors, page.publisher.name if page.publisher else "", page.accessibility_notes]
    extras["text"] = " ".join(part for part in text if part)
    return extras
