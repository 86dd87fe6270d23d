"""A read-only JSON catalogue of the library, for partners' sites and apps.

GET /api/resources/?lang=vi&topic=ky-nang-so&audience=nguoi-cao-tuoi&kind=document&language=vi
    &licence=cc-by&q=zalo&sort=newest|downloads|title&page=2&page_size=20
    -> {"count", "page", "pages", "next", "previous", "facets", "results"}
GET /api/resources/<id>/ -> one resource, with its description.
The filters are the library page's, so a filtered list's address maps onto the API directly.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal.links import public_url

from .models import ResourcePage
from .services import parse_browse_params, with_list_data

MAX_PAGE_SIZE = 100


def _language(request):
    code = request.GET.get("lang", settings.LANGUAGE_CODE)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def resource_data(page, request):
    document = page.document
    cover = page.cover
    return {
        "id": page.pk,
        "identifier": page.identifier,
        "title": page.title,
        "summary": page.summary,
        "url": page.get_full_url(request),
        "kind": {"code": page.kind, "name": str(page.get_kind_display())},
        "topics": [{"slug": t.slug, "name": t.label()} for t in page.topics.all()],
        "audiences": [{"slug": a.slug, "name": a.label()} for a in page.audiences.all()],
        "level": {"code": page.level, "name": str(page.get_level_display())},
        "language": page.language,
        "licence": {"code": page.licence, "name": str(page.get_licence_display()), "url": page.licence_url},
        "authors": [name.strip() for name in page.authors.split(",") if name.strip()],
        "publisher": page.publisher.label if page.publisher else None,
        "year": page.year,
        "pages": page.page_count,
        "minutes": page.duration_minutes,
        "file": {
            "download_url": public_url(page.url + page.reverse_subpage("download")),
            "format": document.file_extension.lower(),
            "content_type": document.content_type,
            "size": document.file_size,
        }
        if document
        else None,
        "external_url": page.external_url or None,
        "cover": public_url(cover.get_rendition("fill-240x320").url) if cover else None,
        "published": page.first_published_at.isoformat() if page.first_published_at else None,
    }


@require_GET
@cache_control(public=True, max_age=300)
def resource_list(request):
    language = _language(request)
    params = parse_browse_params(request.GET)
    try:
        page_size = min(MAX_PAGE_SIZE, max(1, int(request.GET.get("page_size", 20))))
    except ValueError:
        page_size = 20
    with translation.override(language):
        result = params.run(language=language, per_page=page_size)
        page = result.page
        base = public_url(request.path)
        extra = f"&lang={language}&page_size={page_size}"
        return JsonResponse(
            {
                "count": result.total,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "next": base + result.next_query + extra if page.has_next() else None,
                "previous": base + (result.previous_query or "?") + extra if page.has_previous() else None,
                "facets": {
                    name: [{"value": v.value, "name": v.label, "count": v.count} for v in values]
                    for name, values in result.facets.items()
                },
                "results": [resource_data(resource, request) for resource in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )


@require_GET
@cache_control(public=True, max_age=300)
def resource_detail(request, pk):
    resource = with_list_data(ResourcePage.objects.live().public().filter(pk=pk)).first()
    if resource is None:
        raise Http404
    with translation.override(resource.locale.language_code):
        data = resource_data(resource, request)
        data["description"] = resource.description
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
