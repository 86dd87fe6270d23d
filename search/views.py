from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().filter(locale=Locale.get_active()).search(query)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "search/search.html", {"search_query": query, "results": page})
