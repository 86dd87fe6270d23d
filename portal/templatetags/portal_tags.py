"""Site-wide template tags: navigation, language switcher, breadcrumbs, SEO helpers."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal.pagecache import fragments, menu_pages

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


def _locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = site_home(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    if home is not None:
        request = context["request"]
        for item in menu_pages(home, request):
            items.append(
                {
                    "page": item,
                    "is_current": item.path == current_path,
                    "is_ancestor": current_path.startswith(item.path) and item.path != current_path,
                }
            )
    return {
        "home": home,
        "home_is_current": home is not None and home.path == current_path,
        "items": items,
        "request": context["request"],
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same content in every language: the page's translation, else that language's home."""
    request = context["request"]
    page = context.get("page")
    current_language = translation.get_language()
    links = []
    site = Site.find_for_request(request)
    for code, name in settings.LANGUAGES:
        url = None
        if isinstance(page, Page):
            locale = fragments.get(request, "locales", (), _locales).get(code)
            translated = page.get_translation_or_none(locale) if locale else None
            if translated is not None and translated.live:
                url = translated.get_url(request)
            elif site is not None and locale is not None:
                home = site.root_page.get_translation_or_none(locale)
                url = home.get_url(request) if home else None
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current_language})
    return {"links": links}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    # depth 1 is Wagtail's invisible root; the home page starts the trail.
    # Titles and addresses are all a trail shows: no specific page needed.
    ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def site_settings(context, label):
    """A site setting (``"home.SiteSettings"``) from the site fragments: no query on most requests."""
    from django.apps import apps

    request = context["request"]
    model = apps.get_model(label)
    site = Site.find_for_request(request)
    return fragments.get(request, "setting", (label, site.pk if site else None), lambda: model.for_site(site))


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    return context["request"].build_absolute_uri(url)
