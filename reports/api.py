"""The figures as open data, next to the library's catalogue (/api/resources/).

GET /api/figures/?set=thong-ke-danh-hieu&year=2025&area=79&basis=time|today&lang=vi|en
    &sort=name|<indicator code>&order=asc|desc&page=2&page_size=100
    -> {"set", "sets", "year", "years", "boundaries", "as_of", "source", "licence", "indicators": [...],
        "areas": [{"code", "name", "level", "parent", "reports", "values"}], "count", "page", "pages",
        "next", "previous"}
The first area is the one asked for, then a page of the areas below it (count: how many there are).
Only approved figures. The dashboard's CSV and JSON downloads hold every area at once.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .dashboard import build
from .models import DashboardPage, IndicatorSet, SetKind
from .views import table_data

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def _language(request):
    code = request.GET.get("lang", settings.LANGUAGE_CODE)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _page_size(request):
    try:
        return min(MAX_PAGE_SIZE, max(1, int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))))
    except ValueError:
        return DEFAULT_PAGE_SIZE


def _pages(request, page):
    if page is None:
        return {"count": 0, "page": 1, "pages": 1, "next": None, "previous": None}
    query = request.GET.copy()

    def link(number):
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }


@require_GET
@cache_control(public=True, max_age=300)
def figures(request):
    language = _language(request)
    page = DashboardPage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    sets = {s.code: s for s in IndicatorSet.objects.filter(periods__isnull=False).distinct()}
    chosen = sets.get(request.GET.get("set", ""))
    if chosen is None and page is not None and page.indicator_set_id:
        chosen = sets.get(page.indicator_set.code)
    if chosen is None:
        chosen = next((s for s in sets.values() if s.kind == SetKind.TITLES), None) or next(iter(sets.values()), None)
    with translation.override(language):
        listing = [{"code": s.code, "name": s.label, "kind": s.kind} for s in sets.values()]
        if chosen is None:
            return JsonResponse({"sets": listing, "years": [], "areas": []}, json_dumps_params={"ensure_ascii": False})
        board = build(chosen.pk, request.GET, page.area_id if page else None, per_page=_page_size(request))
        if board.area is None:
            data = {"set": {"code": chosen.code, "name": chosen.label}, "years": board.years, "areas": []}
        else:
            data = table_data(board)
            data.update(_pages(request, board.page))
        data["sets"] = listing
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
