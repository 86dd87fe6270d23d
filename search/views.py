from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language, get_language_info
from django.views.decorators.http import require_GET

from . import services
from .indexer import FACET_NAMES
from .text import MAX_QUERY_LENGTH, clean_query

MAX_FILTER_VALUES = 10
PAGE_WINDOW = 2


def _filters(request):
    return {name: request.GET.getlist(name)[:MAX_FILTER_VALUES] for name in FACET_NAMES if request.GET.getlist(name)}


def _url(params):
    return "?" + params.urlencode() if params else "?"


def _toggle_url(request, name, value):
    params = request.GET.copy()
    values = params.getlist(name)
    params.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    params.pop("page", None)
    return _url(params)


def _page_links(request, results):
    current, last = results.query.page, results.num_pages
    numbers = sorted({1, last, *range(max(1, current - PAGE_WINDOW), min(last, current + PAGE_WINDOW) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        params = request.GET.copy()
        params["page"] = number
        links.append({"number": number, "url": _url(params), "current": number == current})
        previous = number
    return links


@require_GET
def search(request):
    raw = request.GET.get("q", "")
    language = get_language()
    filters = _filters(request)
    sort = request.GET.get("sort", "relevance")
    results = services.search(raw, language, filters, request.GET.get("page", 1), sort)
    context = {
        "search_query": raw.strip()[:MAX_QUERY_LENGTH],
        "query_text": clean_query(raw),
        "raw_query_was_blank": not raw.strip(),
        "results": results,
        "sort": results.query.sort if results else "relevance",
    }
    if results is not None:
        for name, values in results.facets.items():
            for value in values:
                value.url = _toggle_url(request, name, value.value)
        context["facet_groups"] = [(name, results.facets.get(name, [])) for name in FACET_NAMES]
        context["facet_groups_shown"] = any(values for _name, values in context["facet_groups"])
        context["active_filters"] = [
            {"name": name, "value": value.label, "url": value.url}
            for name in FACET_NAMES
            for value in results.facets.get(name, [])
            if value.selected
        ]
        # "More than 10.000" in Vietnamese, "10,000" in English: the locale's grouping.
        context["total_at_least"] = number_format(results.total, force_grouping=True)
        context["promotions"] = services.promotions(raw, language) if results.query.page == 1 else []
        context["page_links"] = _page_links(request, results) if results.num_pages > 1 else []
        params = request.GET.copy()
        params.pop("page", None)
        params.pop("sort", None)
        context["sort_urls"] = {
            "relevance": _url(params),
            "date": _url(params) + ("&" if params else "") + "sort=date",
        }
        if results.suggestion:
            context["suggestion_url"] = "?" + urlencode({"q": results.suggestion})
        if results.elsewhere:
            code = results.elsewhere.query.language
            with translation.override(code):
                context["elsewhere_url"] = reverse("search") + "?" + urlencode({"q": results.query.text})
            context["elsewhere_at_least"] = number_format(results.elsewhere.total, force_grouping=True)
            name = get_language_info(code)["name_translated"]
            # Vietnamese writes a language's name in lower case mid-sentence ("bằng tiếng Anh").
            context["elsewhere_language"] = name[:1].lower() + name[1:] if language == "vi" else name
    return render(request, "search/search.html", context)


@require_GET
def suggest(request):
    suggestions = services.suggest(request.GET.get("q", ""), get_language())
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "public, max-age=60"
    return response
