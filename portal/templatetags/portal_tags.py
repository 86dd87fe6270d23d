"""Site-wide template tags: navigation, language switcher, breadcrumbs, SEO helpers."""

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page, Site

from portal import links
from portal.links import public_url
from portal.pagecache import MENU_DEPTH, ancestors, fragments, home_in, locales_by_code, locales_by_id, menu_pages
from portal.prepared import PreparedQuery

register = template.Library()


def _localized_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


def _site_key(request):
    site = Site.find_for_request(request)
    return (site.pk if site else None, translation.get_language())


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context["request"]
    cache_key = "_portal_site_home"
    if not hasattr(request, cache_key):
        home = fragments.get(request, "home", _site_key(request), lambda: _localized_home(request))
        setattr(request, cache_key, home)
    return getattr(request, cache_key)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer: the same on every page of a site in one language, so it is written once per change
    of the site (its settings stamp ``site``) rather than on every page."""
    request = context["request"]
    return fragments.get(
        request, "footer", _site_key(request), lambda: render_to_string("includes/footer.html", request=request)
    )


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The main menu, kept per site, language and the entry the page being shown falls under: only
    which entry says ``aria-current`` changes from page to page."""
    home = site_home(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    request = context["request"]
    pages = menu_pages(home, request) if home is not None else []
    under = next((item.path for item in pages if current_path.startswith(item.path)), None)
    marks = (home is not None and home.path == current_path, under, under == current_path)

    def build():
        items, home_url = [], None
        if home is not None:
            home_url, *urls = [page.get_url(request) for page in [home, *pages]]
            for item, url in zip(pages, urls, strict=True):
                items.append(
                    {
                        "page": item,
                        "url": url,
                        "is_current": item.path == current_path,
                        "is_ancestor": current_path.startswith(item.path) and item.path != current_path,
                    }
                )
        return render_to_string(
            "includes/main_menu.html",
            {"home": home, "home_url": home_url, "home_is_current": marks[0], "items": items},
        )

    return fragments.get(request, "main_menu", (*_site_key(request), *marks), build)


_LIVE_VERSIONS = PreparedQuery(
    lambda translation_key: Page.objects.filter(translation_key=translation_key, live=True).values_list(
        "pk", "locale_id", "url_path"
    )
)


def _live_versions(page):
    return page.get_translations(inclusive=True).live().select_related("locale")


def _translated_paths(request, page):
    """{language code: path} of the page's live versions, itself included. On a sub-route of a
    routable page (``/su-kien/past/``) each path keeps that sub-route (``/en/events/past/``)."""
    if not isinstance(page, Page) or page.pk is None:
        return {}
    cache_key = f"_portal_translated_paths_{page.pk}"
    if not hasattr(request, cache_key):
        own = page.get_url(request) or ""
        sub_route = request.path[len(own) :] if own and request.path.startswith(own) else ""
        if page.depth <= MENU_DEPTH:
            versions = fragments.get(request, "translations", (page.pk,), lambda: list(_live_versions(page)))
            paths = {version.locale.language_code: version.get_url(request) for version in versions}
        elif type(page).get_url_parts is Page.get_url_parts or getattr(page, "path_from_url_path", False):
            # Its address is the url_path under a site's root: three columns are all it takes, and the
            # languages come from the site fragments. Each version still stands under its own tag for
            # the page cache (a move or a rename of one of them drops this page).
            locales = locales_by_id(request)
            paths = {
                locales[locale_id].language_code: own
                if pk == page.pk and url_path == page.url_path
                else Page(pk=pk, url_path=url_path, locale_id=locale_id).get_url(request)
                for pk, locale_id, url_path in _LIVE_VERSIONS(page.translation_key)
            }
        else:
            paths = {version.locale.language_code: version.get_url(request) for version in _live_versions(page)}
        setattr(request, cache_key, {code: path + sub_route for code, path in paths.items() if path})
    return getattr(request, cache_key)


def _route_paths(request):
    """{language code: path} of a view outside the page tree (search, certificate check): its URL
    pattern reversed in each language, the query string kept (``/search/?q=…`` ↔ ``/en/search/?q=…``)."""
    full_path = request.get_full_path()
    return {code: translate_url(full_path, code) for code, _name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def page_addresses(context):
    """The canonical address of the page being shown, and its versions in each language (hreflang).
    A view outside the page tree gets them from its URL pattern (templates opt in by including
    includes/page_addresses.html: private pages must not announce their addresses)."""
    request = context["request"]
    page = context.get("page")
    paths = _translated_paths(request, page) if isinstance(page, Page) else _route_paths(request)
    current = paths.get(translation.get_language())
    alternates = [{"code": code, "url": public_url(paths[code])} for code, _name in settings.LANGUAGES if code in paths]
    return {
        "canonical": public_url(current) if current else "",
        # One language alone has no alternates to announce.
        "alternates": alternates if len(alternates) > 1 else [],
        "default": public_url(paths.get(settings.LANGUAGE_CODE, "")),
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same content in every language: the page's translation, else that language's home."""
    request = context["request"]
    page = context.get("page")
    current_language = translation.get_language()
    translated_paths = _translated_paths(request, page)
    links = []
    site = Site.find_for_request(request)
    for code, name in settings.LANGUAGES:
        url = translated_paths.get(code)
        if url is None and isinstance(page, Page):
            locale = locales_by_code(request).get(code)
            if site is not None and locale is not None:
                home = home_in(site, locale, request)
                url = home.get_url(request) if home else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current_language})
    return {"links": links}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page, "request": request}
    # depth 1 is Wagtail's invisible root; the home page starts the trail.
    # Titles and addresses are all a trail shows: no specific page needed. The request goes along so
    # that every ancestor's address reuses the site's root paths the request already read.
    return {"ancestors": ancestors(page, request), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def site_settings(context, label):
    """A site setting (``"home.SiteSettings"``) from the site fragments: no query on most requests."""
    from django.apps import apps

    request = context["request"]
    model = apps.get_model(label)
    site = Site.find_for_request(request)
    return fragments.get(request, "setting", (label, site.pk if site else None), lambda: model.for_site(site))


@register.simple_tag
def source_language():
    """``lang="vi"`` for text only ever written in Vietnamese (an address, opening hours) when the page
    is in another language, so that it is read out in Vietnamese (WCAG 3.1.2, language of parts)."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


@register.filter
def source_text(value):
    """Text only ever written in Vietnamese, set inside a translated sentence: wrapped in a
    ``lang="vi"`` span on pages in another language (see ``source_language``)."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return value
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)


@register.simple_tag(takes_context=True)
def social_image_url(context):
    """The page's picture for social networks (``portal.links.social_image_url``), or ""."""
    return links.social_image_url(context.get("page"), context.get("request"))
