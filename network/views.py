"""The public directory of community learning centres: thin views over the services."""

import json
from urllib.parse import quote_plus, urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify

from home.sections import page_sections, section_stylesheets
from portal.links import public_url
from search.text import fold

from . import models, services

CENTRES_PER_PAGE = 20
MAX_QUERY_LENGTH = 100


def _page_context(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    return page.get_context(request)


def centre_slug(centre):
    return slugify(fold(centre.name)) or "trung-tam"


def directory(page, request):
    context = _page_context(page, request)
    groups = services.directory_areas()
    known = {str(area.pk): area for group in groups for area in [group["province"], *group["areas"]]}
    area = known.get(request.GET.get("area", ""))
    text = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    centres = services.find_centres(area=area, text=text)
    paginator = Paginator(centres, CENTRES_PER_PAGE)
    results = paginator.get_page(request.GET.get("page"))
    for centre in results:
        centre.url = page.url + page.reverse_subpage("centre", kwargs={"pk": centre.pk, "slug": centre_slug(centre)})
    query = urlencode({k: v for k, v in (("area", area.pk if area else ""), ("q", text)) if v})
    context.update(
        area_groups=groups,
        selected_area=area,
        text=text,
        centres=results,
        total=paginator.count,
        is_filtered=bool(area or text),
        query=query,
    )
    return TemplateResponse(request, page.get_template(request), context)


def _json_ld(centre, url):
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "name": centre.label,
        "url": url,
    }
    if centre.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": centre.address, "addressCountry": "VN"}
    if centre.phone:
        data["telephone"] = centre.phone
    if centre.email:
        data["email"] = centre.email
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def centre(page, request, pk, slug):
    centre = models.Organisation.objects.learning_centres().select_related("area", "area__parent").filter(pk=pk).first()
    if centre is None:
        raise Http404
    expected = centre_slug(centre)
    path = page.url + page.reverse_subpage("centre", kwargs={"pk": centre.pk, "slug": expected})
    if slug != expected:
        return redirect(path, permanent=True)
    context = _page_context(page, request)
    area_path = []
    area = centre.area
    while area is not None:
        area_path.append(area)
        area = area.parent
    place = ", ".join(filter(None, [centre.name, centre.address]))
    sections = page_sections("portal_learning_centre_sections", centre, request)
    context.update(
        centre=centre,
        area_path=area_path,
        map_link=f"https://www.google.com/maps/search/?api=1&query={quote_plus(place)}" if centre.address else "",
        sections=sections,
        section_stylesheets=section_stylesheets(sections),
        json_ld=_json_ld(centre, public_url(path)),
    )
    return TemplateResponse(request, "network/learning_centre.html", context)
