"""Site-wide template tags: navigation, language switcher, breadcrumbs, SEO helpers."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from portal.links import public_url

register = template.Library()


def _localized_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return site.root_page.localized.specific


@register.simple_tag(takes_context=True)
def site_home(context):
    request = context["request"]
    cache_key = "_portal_site_home"
    if not hasattr(request, cache_key):
        setattr(request, cache_key, _localized_home(request))
    return getattr(request, cache_key)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = site_home(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = []
    if home is not None:
        for item in home.get_children().live().public().in_menu():
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
            locale = Locale.objects.filter(language_code=code).first()
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
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    return {"ancestors": ancestors, "page": page}


@register.simple_tag
def absolute_url(url):
    return public_url(url)
