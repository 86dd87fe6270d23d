"""The page cache: whole pages for anonymous visitors, shared by every worker.

``PageCacheMiddleware`` keeps each Wagtail page that an anonymous visitor gets (the page and its
routable sub-pages: lists, archives, feeds) in the shared cache (``PAGE_CACHE_ALIAS``: Redis with
``REDIS_URL``, a database table otherwise), with the tags of everything the page showed (see
``portal.cache``). A later visitor gets the kept copy while every tag still carries the stamp it
was stored with, and at most until ``PAGE_CACHE_TIMEOUT``, local midnight (campaign and event
states follow the date) or the moment a view declared with ``expires_at``.

Never kept: anything but GET/HEAD, requests with a session (editors, who also never get a kept
copy) or a pending message, previews, private pages, responses that set a cookie, say
``private``/``no-store``/``no-cache``, render a CSRF token outside a hole, or are not 200.

Holes: a template writes ``hole(name, arg)`` where a value must differ per request (a form's CSRF
token and one-time key, seats left). The kept copy holds the marker; every response, kept or
not, gets the marker replaced by ``register_hole``'s function on its way out, and is then marked
``private, no-store`` for browsers and proxies. Other pages carry ``Cache-Control`` for a CDN
(``PAGE_CACHE_BROWSER_MAX_AGE``, ``PAGE_CACHE_CDN_MAX_AGE``), an ``ETag`` and ``Last-Modified``.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import re
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from threading import Lock
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_init
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import salted_hmac
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from . import cache as tags_api

logger = logging.getLogger(__name__)

# Trackers that share links add; they change nothing on the page.
IGNORED_PARAMETERS = {"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "fbclid", "zarsrc"}
UNSTORED_HEADERS = {"set-cookie", "date", "expires", "cache-control", "etag", "last-modified", "content-length"}
NOT_SHARED = ("private", "no-store", "no-cache")

_current = contextvars.ContextVar("portal_page_cache_render", default=None)
_request = contextvars.ContextVar("portal_request", default=None)

# The menu shows the home page (depth 2) and its children (depth 3): a change to any of them stamps
# ``site`` (portal.invalidation), so the site fragments may keep them.
MENU_DEPTH = 3


@dataclass
class Render:
    """What a page being rendered for the cache has shown so far."""

    generation: int
    tags: set = field(default_factory=lambda: {tags_api.SITE_TAG})
    expires: float | None = None
    page: object = None
    refused: str = ""

    def expire_at(self, moment):
        stamp = moment.timestamp() if isinstance(moment, datetime) else float(moment)
        if stamp > time.time() and (self.expires is None or stamp < self.expires):
            self.expires = stamp

    def inherit(self, tags, expires):
        """What a part of the page (a kept or rendered fragment) showed: the page goes with it."""
        self.tags.update(tags)
        if expires is not None:
            self.expire_at(expires)


def current_render():
    return _current.get()


def current_request():
    """The request being served, where one is (for per-request memos deep in model code)."""
    return _request.get()


def serving_page(page, request):
    """Wagtail's ``before_serve_page``: this response is a page, and may be kept."""
    request._portal_page_served = True
    # Every view asks the page for its language; the site fragments know the languages.
    if "locale" not in page._state.fields_cache:
        locale = locales_by_id(request).get(page.locale_id)
        if locale is not None:
            page._state.fields_cache["locale"] = locale
    render = _current.get()
    if render is None:
        return
    if getattr(request, "is_preview", False):
        render.refused = "preview"
        return
    render.page = page
    render.tags.add(f"subtree:{page.pk}")
    render.tags.add(f"translations:{page.translation_key}")


# --- What a render loaded ------------------------------------------------------------------


def _record_instance(sender, instance, **kwargs):
    render = _current.get()
    if render is not None:
        tag = instance_tag(instance)
        if tag:
            render.tags.add(tag)


def instance_tag(instance):
    """The tag a loaded or saved object stands under; None for objects no page shows as content
    (renditions, revisions, registrations, logs…)."""
    rule = _rules.get(type(instance))
    if rule is None:
        rule = _rules[type(instance)] = _rule_for(type(instance))
    return rule(instance)


_rules = {}


def _rule_for(cls):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Page

    if issubclass(cls, Page):
        return lambda page: tags_api.page_tag(page.pk) if page.pk else None
    if issubclass(cls, AbstractImage):
        return lambda image: f"image:{image.pk}" if image.pk else None
    if issubclass(cls, AbstractDocument):
        return lambda document: f"document:{document.pk}" if document.pk else None
    label = cls._meta.concrete_model._meta.label_lower
    if label in content_models():
        tag = f"model:{label}"
        return lambda instance: tag
    return _child_rule(cls)


def _child_rule(cls):
    """A page's or a snippet's inline item (an activity, a collection's entry) stands under its parent."""
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    for model_field in cls._meta.concrete_fields:
        if isinstance(model_field, ParentalKey):
            parent, attname = model_field.related_model, model_field.attname
            if issubclass(parent, Page):
                return lambda instance: tags_api.page_tag(getattr(instance, attname))
            if parent._meta.label_lower in content_models():
                tag = f"model:{parent._meta.label_lower}"
                return lambda instance: tag
    return lambda instance: None


_content_models = None


def content_models():
    """Labels of the models whose edits change what pages show, besides pages, images and documents:
    every snippet and setting, sites, locales, collections, tags, and ``PAGE_CACHE_CONTENT_MODELS``."""
    global _content_models
    if _content_models is None:
        from wagtail.contrib.settings.registry import registry as settings_registry
        from wagtail.snippets.models import get_snippet_models

        labels = {"wagtailcore.site", "wagtailcore.locale", "wagtailcore.collection", "taggit.tag"}
        labels |= {model._meta.label_lower for model in get_snippet_models()}
        labels |= {model._meta.label_lower for model in settings_registry}
        labels |= {label.lower() for label in settings.PAGE_CACHE_CONTENT_MODELS}
        _content_models = frozenset(labels)
    return _content_models


def connect():
    post_init.connect(_record_instance, dispatch_uid="portal_page_cache_record")
    _locales_from_fragments()


def _locales_from_fragments():
    """Wagtail looks up the active language's Locale (one query) on every page it routes and every
    ``localized``: while a request is served, the site fragments answer."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models.i18n import LocaleManager

    original = LocaleManager.get_for_language
    if getattr(original, "from_fragments", False):
        return

    def get_for_language(self, language_code):
        request = _request.get()
        if request is not None:
            try:
                code = get_supported_content_language_variant(language_code)
            except LookupError:
                code = None
            locale = locales_by_code(request).get(code)
            if locale is not None:
                return locale
        return original(self, language_code)

    get_for_language.from_fragments = True
    LocaleManager.get_for_language = get_for_language


# --- Holes --------------------------------------------------------------------------------

_holes = {}


def register_hole(name):
    """``function(request, arg) -> str`` fills the hole ``name`` in every response."""

    def register(function):
        _holes[name] = function
        return function

    return register


@functools.cache
def _marker_secret(secret_key=None):
    # Editors' HTML cannot forge a marker they cannot know.
    return salted_hmac("portal.pagecache.hole", "marker", secret=secret_key).hexdigest()[:12]


@register_hole("csrf")
def csrf_token(request, arg):
    """A form's CSRF token: write ``{% csrf_token %}`` with ``csrf_token=hole("csrf")`` in the context."""
    return get_token(request)


def hole(name, arg=""):
    """The marker for a hole; safe inside an attribute (no character HTML escapes)."""
    return mark_safe(f"@@pc:{_marker_secret(settings.SECRET_KEY)}:{name}:{arg}@@")


@functools.cache
def _hole_pattern(secret_key):
    return re.compile(rb"@@pc:" + _marker_secret(secret_key).encode() + rb":([a-z_.]+):([^@]*)@@")


def fill_holes(request, response):
    """Replace the markers; True if there were any (the response is then this visitor's only)."""
    if response.streaming or b"@@pc:" not in response.content:
        return False
    found = False

    def fill(match):
        nonlocal found
        found = True
        return str(_holes[match.group(1).decode()](request, match.group(2).decode())).encode()

    response.content = _hole_pattern(settings.SECRET_KEY).sub(fill, response.content)
    return found


# --- Site fragments -----------------------------------------------------------------------


class SiteFragments:
    """Per-process memory for what every page repeats (home, menu, footer settings, locales),
    keyed by the ``site`` tag's stamp: one cache read per request instead of their queries, and a
    menu or settings change (which stamps ``site``) reaches every worker at its next request."""

    def __init__(self, size=512):
        self.size = size
        self.items = OrderedDict()
        self.lock = Lock()

    def get(self, request, name, parts, build):
        request = request or _request.get()
        if request is None:
            return build()
        version = site_version(request)
        if version is None:
            return build()
        key = (name, version, *parts)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = build()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.items.clear()


fragments = SiteFragments()


def view_restrictions(request=None):
    """Every page view restriction (most sites have none): Wagtail asks for them on every page served
    and every ``public()`` list. A restriction's change stamps ``site``."""
    from wagtail.models import PageViewRestriction

    return fragments.get(request, "restrictions", (), lambda: list(PageViewRestriction.objects.select_related("page")))


def public_pages(queryset):
    """``queryset.public()`` without its query for the restrictions."""
    private = Q()
    for restriction in view_restrictions():
        private |= queryset.descendant_of_q(restriction.page, inclusive=True)
    return queryset.exclude(private) if private else queryset


def locales_by_id(request=None):
    from wagtail.models import Locale

    return fragments.get(request, "locales_by_id", (), lambda: {locale.pk: locale for locale in Locale.objects.all()})


def index_page(model, locale_id, request=None):
    """The live page of ``model`` in a language among the home pages' children (an index: events,
    news, stories): the menu's level, whose changes stamp ``site``."""
    label = model._meta.label_lower
    return fragments.get(
        request, "index", (label, locale_id), lambda: model.objects.live().filter(locale_id=locale_id).first()
    )


def menu_pages(home, request=None):
    """The home page's children shown in menus."""
    return fragments.get(request, "menu", (home.pk,), lambda: list(public_pages(home.get_children().live().in_menu())))


def menu_level_pages(paths, request=None):
    """{path: page} of the pages at ``paths``, all at the menu's level or above (the home pages and
    their children), whose every change stamps ``site``: base pages, for titles and addresses."""
    from wagtail.models import Page

    paths = tuple(sorted(paths))
    return fragments.get(
        request, "pages_at", paths, lambda: {page.path: page for page in Page.objects.filter(path__in=paths)}
    )


def ancestors(page, request=None):
    """The page's ancestors below Wagtail's root, home page first: those at the menu's level from
    the site fragments, the others (pages deeper than the menu) in one query."""
    from wagtail.models import Page

    paths = [page.path[: page.steplen * depth] for depth in range(2, page.depth)]
    shallow = [path for path in paths if len(path) // page.steplen <= MENU_DEPTH]
    found = dict(menu_level_pages(shallow, request)) if shallow else {}
    deep = paths[len(shallow) :]
    if deep:
        found.update({ancestor.path: ancestor for ancestor in Page.objects.filter(path__in=deep)})
    return [found[path] for path in paths if path in found]


def parent_page(page, request=None):
    """``page.get_parent()``, from the site fragments when the parent is at the menu's level (an
    index page): for a link to it."""
    parent_path = page.path[: -page.steplen]
    if page.depth - 1 > MENU_DEPTH:
        return page.get_parent()
    return menu_level_pages([parent_path], request).get(parent_path) or page.get_parent()


def home_children(home, request=None):
    """{slug: specific page} of a home page's live children, for routing the first part of every
    address without its two queries."""
    return fragments.get(
        request,
        "home_children",
        (home.pk,),
        lambda: {page.slug: page for page in home.get_children().live().specific()},
    )


def home_in(site, locale, request=None):
    """The site's home page in ``locale`` (live or not), or None."""
    return fragments.get(
        request, "home_in", (site.pk, locale.pk), lambda: site.root_page.get_translation_or_none(locale)
    )


def site_root_paths(request):
    """Wagtail's site root paths (one read of the shared cache per request otherwise): they change
    with a site, a locale or a home page's address, each of which stamps ``site``."""
    from wagtail.models import Site

    return fragments.get(request, "site_root_paths", (), Site.get_site_root_paths)


def locales_by_code(request=None):
    locales = locales_by_id(request).values()
    return fragments.get(request, "locales_by_code", (), lambda: {locale.language_code: locale for locale in locales})


def _find_site(request):
    from wagtail.models import Site

    return fragments.get(request, "wagtail_site", (request.get_host(),), lambda: Site._find_for_request(request))


def site_version(request):
    """The ``site`` tag's stamp; None when the cache cannot tell (the fragments are then built anew)."""
    version = getattr(request, "_portal_site_version", None)
    if version is None:
        try:
            version = tags_api.tag_versions([tags_api.SITE_TAG])[tags_api.SITE_TAG]
            if version is None:
                # Never stamped (or evicted): stamp it, so that the fragments kept under it are known.
                tags_api.invalidate(tags_api.SITE_TAG)
                version = tags_api.tag_versions([tags_api.SITE_TAG])[tags_api.SITE_TAG]
        except Exception:
            logger.exception("Page cache: cannot read the site stamp")
            return None
        if request is not None:
            request._portal_site_version = version
    return version


# --- Kept fragments -----------------------------------------------------------------------


class KeptFragments:
    """Parts of a page (its feature sections) kept in the shared cache for anonymous visitors, each
    under the tags of what it loaded, exactly as whole pages are: a page the page cache has just
    dropped because its news changed renders its news again, and takes its other sections as they
    were kept. All of them cost two cache reads; the page being rendered inherits their tags and
    their expiry, so that it is dropped with any of them.

    ``names`` identify the fragments (with the address's host and the language); for each one not
    kept, build it inside ``recording(name)`` (which collects its tags, and may be entered more than
    once) and hand its HTML to ``keep(name, html)``.
    """

    def __init__(self, request, names):
        self.request = request
        self.html = {}
        self.renders = {}
        self.keys = {}
        self.enabled = _fragments_allowed(request)
        if not self.enabled:
            return
        cache = tags_api.page_cache()
        self.keys = {name: _fragment_key(request, name) for name in names}
        try:
            found = cache.get_many([*self.keys.values(), tags_api.GENERATION_KEY])
            now = time.time()
            entries = {name: found.get(key) for name, key in self.keys.items()}
            entries = {name: entry for name, entry in entries.items() if entry and entry["expires"] > now}
            stamps = cache.get_many(list({tags_api.tag_key(tag) for e in entries.values() for tag in e["tags"]}))
        except Exception:
            logger.exception("Page cache: fragment lookup failed")
            self.enabled = False
            return
        self.generation = found.get(tags_api.GENERATION_KEY) or 0
        outer = _current.get()
        for name, entry in entries.items():
            if _still_current(entry, stamps):
                self.html[name] = mark_safe(entry["html"])
                if outer is not None:
                    outer.inherit(entry["tags"], entry["expires"])

    @contextlib.contextmanager
    def recording(self, name):
        if not self.enabled:
            yield
            return
        render = self.renders.setdefault(name, Render(generation=self.generation))
        # A CSRF token rendered outside a hole is this visitor's: such a fragment is never kept.
        csrf_before = self.request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        token = _current.set(render)
        try:
            yield
        finally:
            _current.reset(token)
            if self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                render.refused = "renders a CSRF token outside a hole"
            elif csrf_before is not None:
                self.request.META["CSRF_COOKIE_NEEDS_UPDATE"] = csrf_before

    def keep(self, name, html):
        self.html[name] = html
        render = self.renders.get(name)
        if render is None:
            return
        outer = _current.get()
        if outer is not None:
            outer.inherit(render.tags, render.expires)
            outer.refused = outer.refused or render.refused
        if render.refused:
            return
        try:
            _keep(self.keys[name], render, html=html)
        except Exception:
            logger.exception("Page cache: storing a fragment failed")


def model_tag(model):
    """The tag that any change to an object of ``model`` stamps: for a list of them that may gain one."""
    from wagtail.models import Page

    label = model._meta.concrete_model._meta.label_lower
    return f"pages:{label}" if issubclass(model, Page) else f"model:{label}"


def _fragments_allowed(request):
    return (
        settings.PAGE_CACHE_FRAGMENTS
        and request is not None
        and _anonymous_read(request)
        and not getattr(request, "is_preview", False)
    )


def _fragment_key(request, name):
    identity = "|".join([request.scheme, request.get_host(), translation.get_language() or "", *map(str, name)])
    return "pc:fragment:" + hashlib.sha256(identity.encode()).hexdigest()


# --- Keeping and serving ------------------------------------------------------------------


def entry_key(request):
    parameters = sorted((k, v) for k, v in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    query = urlencode([(k, v) for k, v in parameters if k not in IGNORED_PARAMETERS])
    identity = "|".join([request.scheme, request.get_host(), translation.get_language() or "", request.path, query])
    return "pc:entry:" + hashlib.sha256(identity.encode()).hexdigest()


def _anonymous_read(request):
    """A GET or HEAD from no editor (no session) and no API client (no credentials)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _may_use_cache(request):
    if not settings.PAGE_CACHE_ENABLED or not _anonymous_read(request) or "messages" in request.COOKIES:
        return False
    # Wagtail's stand-in request for a preview or a moderator's view (make_preview_request): it
    # shows a draft, which must neither come from nor go into the cache.
    if getattr(request, "is_dummy", False):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_SKIP_PATHS)):
        return False
    return _serves_pages(request)


def _serves_pages(request):
    """Only addresses that Wagtail's page view answers are looked up: search, the API and the
    like cost the cache nothing."""
    from wagtail import views as wagtail_views

    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.func is wagtail_views.serve


def _refusal(request, response, render):
    """Why this response must not be kept, or ""."""
    if render.refused:
        return render.refused
    if render.page is None:
        return "not a page"
    if response.status_code != 200 or response.streaming:
        return "status"
    if response.cookies:
        return "sets a cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "renders a CSRF token outside a hole"
    if any(word in response.get("Cache-Control", "") for word in NOT_SHARED):
        return "private"
    if response.has_header("Content-Encoding"):
        return "encoded"
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return "session"
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return "messages"
    user = getattr(request, "_cached_user", None)
    if user is not None and user.is_authenticated:
        return "user"
    return ""


def _lifetime(render):
    now = time.time()
    local = timezone.localtime()
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    ends = [now + settings.PAGE_CACHE_TIMEOUT, midnight.timestamp()]
    if render.expires is not None:
        ends.append(render.expires)
    return min(ends)


def _etag(content):
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _keep(key, render, **content):
    """Keep ``content`` under the stamps of the render's tags, until its lifetime ends; the entry, or
    None when something changed while it rendered (what it shows may be old already)."""
    cache = tags_api.page_cache()
    tags = sorted(render.tags)
    found = cache.get_many([tags_api.GENERATION_KEY, *(tags_api.tag_key(tag) for tag in tags)])
    if (found.get(tags_api.GENERATION_KEY) or 0) != render.generation:
        return None
    # Never stamped yet (or evicted): stamped now with the render's generation, but never over a
    # stamp that another process writes meanwhile.
    tags_api.add_many(
        cache, {tags_api.tag_key(tag): render.generation for tag in tags if tags_api.tag_key(tag) not in found}
    )
    versions = {tag: found.get(tags_api.tag_key(tag), render.generation) for tag in tags}
    expires = _lifetime(render)
    entry = {**content, "tags": versions, "expires": expires}
    cache.set(key, entry, timeout=max(1, int(expires - time.time())))
    return entry


def _store(key, response, render):
    return _keep(
        key,
        render,
        content=zlib.compress(response.content, 1),
        status=response.status_code,
        headers=[(k, v) for k, v in response.items() if k.lower() not in UNSTORED_HEADERS],
        stored=time.time(),
        etag=_etag(response.content),
    )


def _lookup(request, key):
    """The kept entry if still valid, else None (and the stamps a render would start from, read in the
    same round trip)."""
    cache = tags_api.page_cache()
    site_key = tags_api.tag_key(tags_api.SITE_TAG)
    found = cache.get_many([key, tags_api.GENERATION_KEY, site_key])
    if site_key in found:
        request._portal_site_version = found[site_key]
    request._portal_generation = found.get(tags_api.GENERATION_KEY) or 0
    entry = found.get(key)
    if entry is None or entry["expires"] <= time.time():
        return None
    stamps = cache.get_many([tags_api.tag_key(tag) for tag in entry["tags"]])
    return entry if _still_current(entry, stamps) else None


def _still_current(entry, stamps):
    """Every tag of a kept entry still carries the stamp it was kept under."""
    return all(stamps.get(tags_api.tag_key(tag)) == version for tag, version in entry["tags"].items())


def _shared_headers(response, entry):
    """For browsers and a CDN: how long to keep the page, and how to ask whether it changed."""
    remaining = max(0, int(entry["expires"] - time.time()))
    patch_cache_control(
        response,
        public=True,
        max_age=min(settings.PAGE_CACHE_BROWSER_MAX_AGE, remaining),
        s_maxage=min(settings.PAGE_CACHE_CDN_MAX_AGE, remaining),
    )
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["stored"])


def _visitor_only(response):
    for header in ("ETag", "Last-Modified"):
        if response.has_header(header):
            del response[header]
    response["Cache-Control"] = "private, no-store"


class PageCacheMiddleware:
    """Placed after the session, CSRF, authentication and message middleware (it reads their
    cookies, and a CSRF token filled into a hole gets its cookie from CsrfViewMiddleware) and
    outside anything that compresses, so that it keeps plain bodies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self._respond(request)
        finally:
            _request.reset(token)

    def _respond(self, request):
        if not _may_use_cache(request):
            if request.method in ("GET", "HEAD") and not request.path_info.startswith(
                tuple(settings.PAGE_CACHE_SKIP_PATHS)
            ):
                request._wagtail_site = _find_site(request)
            response = self.get_response(request)
            self._finish_uncached(request, response)
            return response
        key = entry_key(request)
        try:
            entry = _lookup(request, key)
            render = Render(generation=request._portal_generation) if entry is None else None
        except Exception:
            # A cache that is down slows pages; it must not break them.
            logger.exception("Page cache: lookup failed")
            response = self.get_response(request)
            self._finish_uncached(request, response)
            return response
        if entry is not None:
            return self._serve(request, entry)
        request._wagtail_site = _find_site(request)
        token = _current.set(render)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        entry = None
        if not _refusal(request, response, render):
            try:
                entry = _store(key, response, render)
            except Exception:
                logger.exception("Page cache: storing failed")
        if fill_holes(request, response):
            _visitor_only(response)
        elif entry is not None:
            _shared_headers(response, entry)
        response["X-Page-Cache"] = "miss" if entry is not None else "bypass"
        return response

    def _serve(self, request, entry):
        response = HttpResponse(zlib.decompress(entry["content"]), status=entry["status"], headers=entry["headers"])
        if fill_holes(request, response):
            _visitor_only(response)
        else:
            not_modified = get_conditional_response(request, etag=entry["etag"], last_modified=int(entry["stored"]))
            if not_modified is not None:
                response = not_modified
            _shared_headers(response, entry)
        response["X-Page-Cache"] = "hit"
        return response

    def _finish_uncached(self, request, response):
        if fill_holes(request, response):
            _visitor_only(response)
        if getattr(request, "_portal_page_served", False):
            response["X-Page-Cache"] = "bypass"
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                # An editor's view (user bar, drafts in listings) must never be kept by a proxy.
                patch_cache_control(response, private=True, no_cache=True)
