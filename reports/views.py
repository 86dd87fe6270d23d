"""The public dashboard, its open-data downloads, the report to UNESCO and public evidence: thin views."""

import csv
import io
from urllib.parse import urlencode

from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal import cache as page_cache

from .apps import FIGURES_TAG

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _page_context(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    return page.get_context(request)


def _query(board, **changes):
    params = {"year": board.period.year, "area": board.area.code}
    if board.basis != "time":
        params["basis"] = board.basis
    if board.sort != "name" or board.order != "asc":
        params.update(sort=board.sort, order=board.order)
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _sort_links(board):
    links = []
    for code, label in [("name", _("Area")), *[(c.code, c.label) for c in board.columns]]:
        current = board.sort == code
        order = "desc" if current and board.order == "asc" else "asc"
        links.append(
            {
                "code": code,
                "label": label,
                "query": _query(board, sort=code, order=order, page=None),
                "aria_sort": ("ascending" if board.order == "asc" else "descending") if current else None,
                "next_order": order,
            }
        )
    return links


def dashboard(page, request):
    page_cache.depends_on(FIGURES_TAG)
    from . import dashboard as boards

    context = _page_context(page, request)
    board = (
        boards.build(page.indicator_set_id, request.GET, page.area_id, framework_set_id=page.framework_set_id)
        if page.indicator_set_id
        else None
    )
    if board is not None and board.area is not None:
        context.update(
            sort_links=_sort_links(board),
            query=_query(board),
            page_query=_query(board, page=None),
            area_query=_query(board, area=None, page=None, sort=None, order=None),
            unesco_year=_unesco_year(board),
        )
    context["board"] = board
    return TemplateResponse(request, page.get_template(request), context)


def _unesco_year(board):
    years = board.framework_years
    return board.period.year if board.period.year in years else max(years, default=None)


def table_data(board):
    """The figures as a plain structure: the JSON download and the figures API give the same."""
    from .dashboard import flat_rows
    from .figures import shown_indicators

    shown = shown_indicators(board.indicators)
    return {
        "set": {
            "code": board.indicator_set.code,
            "name": board.indicator_set.label,
            "version": board.period.version.number,
        },
        "year": board.period.year,
        "years": board.years,
        "boundaries": "today" if board.is_recomputed else "of the year",
        "as_of": board.period.figures_as_of.isoformat() if board.period.figures_as_of else None,
        "source": board.source,
        "licence": "CC BY 4.0",
        "indicators": [
            {
                "code": i.code,
                "name": i.label,
                "kind": i.kind,
                "unit": i.unit,
                "unit_en": i.unit_en,
                "title": i.title or None,
                "numerator": i.numerator or None,
                "denominator": i.denominator or None,
                "sample_text": i.is_sample,
            }
            for i in shown
        ],
        "areas": [
            {
                "code": row.area.code,
                "name": row.area.label,
                "level": row.area.level,
                "parent": board.area.code
                if index
                else (board.area_path[-2].code if len(board.area_path) > 1 else None),
                "reports": row.figures.sources,
                "reported_itself": row.figures.reported,
                "values": {reading.indicator.code: _json_value(reading) for reading in row.readings},
            }
            for index, row in enumerate(flat_rows(board))
        ],
    }


def _json_value(reading):
    value = reading.value
    if reading.answered is not None and value is None:
        return {"yes": reading.yes, "answered": reading.answered}
    if value is None or isinstance(value, bool | int | str):
        return value
    return float(value)


def download(page, request, fmt):
    page_cache.depends_on(FIGURES_TAG)
    from . import dashboard as boards

    if not page.indicator_set_id:
        raise Http404
    board = boards.build(page.indicator_set_id, request.GET, page.area_id, paginate=False)
    if board.area is None:
        raise Http404
    data = table_data(board)
    filename = f"so-lieu-{slugify(board.indicator_set.code)}-{board.period.year}-{board.area.code}"
    if fmt == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 (Vietnamese) correctly only with a BOM.
    writer = csv.writer(buffer)
    indicators = data["indicators"]
    header = [_("Area code"), _("Area"), pgettext("area", "level"), pgettext("figures", "Reports")]
    writer.writerow([*header, *[f"{i['code']} {i['name']}" for i in indicators]])
    for area in data["areas"]:
        writer.writerow(
            [
                area["code"],
                area["name"],
                area["level"],
                area["reports"],
                *[_csv_value(area["values"].get(i["code"])) for i in indicators],
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _csv_value(value):
    if isinstance(value, dict):
        return f"{value['yes']}/{value['answered']}"
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else value


def _framework_report(page, request, year):
    from network.models import Area

    from . import unesco

    if not page.framework_set_id:
        raise Http404
    code = request.GET.get("area", "")
    area = Area.objects.filter(code=code).first() if code else page.area
    if area is None:
        raise Http404

    def evidence_url(document):
        return request.build_absolute_uri(page.url + page.reverse_subpage("evidence", kwargs={"pk": document.pk}))

    report = unesco.build(page.framework_set, year, area, evidence_url)
    if report is None:
        raise Http404
    return report


def unesco_report(page, request, year):
    page_cache.depends_on(FIGURES_TAG)
    report = _framework_report(page, request, year)
    context = _page_context(page, request)
    context.update(
        report=report,
        workbook_url=page.url + page.reverse_subpage("unesco_xlsx", kwargs={"year": year}) + _area_suffix(request),
    )
    return TemplateResponse(request, "reports/unesco_report.html", context)


def _area_suffix(request):
    code = request.GET.get("area", "")
    return f"?{urlencode({'area': code})}" if code else ""


def unesco_workbook(page, request, year):
    page_cache.depends_on(FIGURES_TAG)
    from . import unesco

    report = _framework_report(page, request, year)
    content = unesco.workbook(report, translation.get_language())
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="unesco-{report.area.code}-{year}.xlsx"'
    return response


def public_evidence(page, request, pk):
    """An evidence document, for anyone, once its report is approved and it is marked public."""
    page_cache.depends_on(FIGURES_TAG)
    from .models import Evidence, Status

    document = Evidence.objects.filter(pk=pk, is_public=True, submission__status=Status.APPROVED).first()
    if document is None or not document.file.storage.exists(document.file.name):
        raise Http404
    return FileResponse(document.file.open("rb"), as_attachment=False, filename=document.filename)
