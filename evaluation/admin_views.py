"""Reviewers' views in the Wagtail admin: assessments of their areas, review, decisions,
certificates, exports; and the editors' XLSX import of criteria sets.

Every object is read through ``access`` (the reviewer's areas and those below): another area's
assessment, file, decision or certificate answers 404, whatever address is typed.
"""

import io
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from network.models import LearningTitle

from . import access, importer, services
from .certificates import certificate_pdf
from .emails import verify_url
from .forms import DecisionForm
from .models import AssessmentPeriod, AssessmentStatus, CriteriaSet, ExportRecord
from .views import criteria_items, file_response

PER_PAGE = 50


def allowed(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _filtered(request):
    assessments = access.assessments(request.user).select_related("area", "period")
    params = request.GET
    filters = {name: params.get(name, "").strip() for name in ("status", "title", "year", "area", "q")}
    if filters["status"] in AssessmentStatus.values:
        assessments = assessments.filter(status=filters["status"])
    if filters["title"] in LearningTitle.values:
        assessments = assessments.filter(title=filters["title"])
    if filters["year"].isdigit():
        assessments = assessments.filter(year=int(filters["year"]))
    if filters["area"].isdigit():
        from network.services import AreaGraph

        assessments = assessments.filter(area_id__in=AreaGraph().descendants(int(filters["area"])))
    if filters["q"]:
        query = filters["q"]
        reference = services.parse_code(query)
        assessments = assessments.filter(
            Q(subject_name__icontains=query)
            | Q(contact_name__icontains=query)
            | Q(email__icontains=query)
            | (Q(reference__icontains=reference) if reference else Q(pk__in=[]))
        )
    return assessments, filters


def _area_options(user):
    areas = access.areas(user)
    return areas.order_by("code")[:500]


@allowed(access.can_view)
def assessment_list(request):
    assessments, filters = _filtered(request)
    page = Paginator(assessments.order_by("-submitted_at", "-created_at"), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "assessments": page,
        "filters": filters,
        "statuses": AssessmentStatus.choices,
        "titles": LearningTitle.choices,
        "areas": _area_options(request.user),
        "years": sorted(set(AssessmentPeriod.objects.values_list("year", flat=True)), reverse=True),
        "query": query.urlencode(),
        "can_decide": access.can_decide(request.user),
        "exports": ExportRecord.objects.select_related("user")[:10] if request.user.is_superuser else [],
        "assignments": request.user.evaluation_assignments.select_related("area"),
    }
    return TemplateResponse(request, "evaluation/admin/assessment_list.html", context)


def _comments(request, assessment):
    return {c["code"]: request.POST.get(f"comment-{c['code']}", "") for c in assessment.criteria.get("criteria", [])}


@allowed(access.can_view)
def assessment_detail(request, pk):
    assessment = get_object_or_404(
        access.assessments(request.user).select_related("area", "period", "organisation"), pk=pk
    )
    if request.method == "POST":
        if not access.can_review(request.user):
            raise PermissionDenied
        action = request.POST.get("action")
        functions = {
            "approve": (services.approve, _("%(reference)s approved. The person has been told.")),
            "return": (services.return_for_changes, _("%(reference)s returned for changes. The person has been told.")),
        }
        if action not in functions:
            messages.error(request, _("Unknown action."))
        else:
            function, message = functions[action]
            try:
                function(
                    assessment,
                    user=request.user,
                    comments=_comments(request, assessment),
                    note=request.POST.get("note", ""),
                )
            except services.EvaluationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, message % {"reference": assessment.display_reference})
                return redirect("evaluation_admin:assessment", pk=assessment.pk)
    outcome = services.result(assessment)
    context = {
        "assessment": assessment,
        "result": outcome,
        "groups": criteria_items(assessment, outcome, {}),
        "can_review": access.can_review(request.user) and assessment.status == AssessmentStatus.SUBMITTED,
        "certificate": getattr(assessment, "certificate", None),
        "posted": request.POST if request.method == "POST" else {},
    }
    return TemplateResponse(request, "evaluation/admin/assessment_detail.html", context)


@allowed(access.can_view)
def evidence_file(request, pk, evidence_id):
    assessment = get_object_or_404(access.assessments(request.user), pk=pk)
    item = get_object_or_404(assessment.evidence, pk=evidence_id)
    response = file_response(item)
    response["Cache-Control"] = "private, no-store"
    return response


@allowed(access.can_view)
def certificate_file(request, pk):
    item = get_object_or_404(
        access.certificates(request.user).select_related("assessment__area", "decision__area"), assessment_id=pk
    )
    response = HttpResponse(certificate_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="giay-chung-nhan-{item.code}.pdf"'
    return response


def _cell(value):
    """A cell starting with = + - @ would run as a formula in a spreadsheet."""
    value = "" if value is None else str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@allowed(access.can_view)
def export(request):
    assessments, _filters = _filtered(request)
    rows = list(assessments.select_related("area", "organisation").order_by("area__code", "subject_name"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Self-assessments")[:31]
    header = [
        pgettext("evaluation", "Reference code"),
        pgettext("learning title", "Title"),
        _("Year"),
        _("Name"),
        _("Area"),
        _("Address"),
        _("Year of birth"),
        _("Filled in by"),
        _("E-mail"),
        _("Phone"),
        _("Status"),
        _("Score"),
        _("Criteria met"),
        _("Reaches the thresholds"),
        _("Submitted at"),
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for a in rows:
        sheet.append(
            [
                _cell(v)
                for v in (
                    a.display_reference,
                    a.get_title_display(),
                    a.year,
                    a.subject_name,
                    a.area.name,
                    a.address,
                    a.birth_year or "",
                    a.contact_name,
                    a.email,
                    a.phone,
                    a.get_status_display(),
                    a.score,
                    a.criteria_met,
                    _("Yes") if a.is_eligible else _("No"),
                    timezone.localtime(a.submitted_at).strftime("%d/%m/%Y %H:%M") if a.submitted_at else "",
                )
            ]
        )
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    services.log_export(request.user, "assessments.xlsx", len(rows), request.GET.urlencode())
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="tu-danh-gia-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


# --- Decisions ---------------------------------------------------------------------------------


@allowed(access.can_view)
def decision_list(request):
    decisions = access.decisions(request.user).select_related("period", "area").order_by("-signed_on", "-pk")
    context = {"decisions": decisions, "can_decide": access.can_decide(request.user)}
    return TemplateResponse(request, "evaluation/admin/decision_list.html", context)


@allowed(access.can_view)
def decision_detail(request, pk):
    decision = get_object_or_404(access.decisions(request.user).select_related("period", "area"), pk=pk)
    certificates = list(decision.certificates.select_related("assessment__area").order_by("holder_name"))
    for item in certificates:
        item.verify_url = verify_url(item)
    context = {"decision": decision, "certificates": certificates, "can_revoke": access.can_decide(request.user)}
    return TemplateResponse(request, "evaluation/admin/decision_detail.html", context)


@require_POST
@allowed(access.can_decide)
def certificate_revoke(request, pk):
    certificate = get_object_or_404(access.certificates(request.user).select_related("decision"), pk=pk)
    try:
        services.revoke_certificate(
            certificate,
            user=request.user,
            reason=request.POST.get("reason", ""),
            allowed_area_ids=access.area_ids(request.user),
        )
    except services.EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Certificate %(code)s of %(name)s revoked. The holder has been told.")
            % {"code": certificate.display_code, "name": certificate.holder_name},
        )
    return redirect("evaluation_admin:decision", pk=certificate.decision_id)


@allowed(access.can_decide)
def decision_new(request):
    periods = AssessmentPeriod.objects.order_by("-year", "title")
    areas = _area_options(request.user)
    period = periods.filter(pk=request.GET.get("period") or 0).first()
    area = access.areas(request.user).filter(pk=request.GET.get("area") or 0).first()
    candidates = []
    if period is not None and area is not None:
        from network.services import AreaGraph

        candidates = list(
            access.assessments(request.user)
            .filter(period=period, status=AssessmentStatus.APPROVED, area_id__in=AreaGraph().descendants(area.pk))
            .select_related("area")
            .order_by("area__name", "subject_name")
        )
    form = DecisionForm(request.POST or None, candidates=candidates, initial={"signed_on": timezone.localdate()})
    if request.method == "POST" and period is not None and area is not None and form.is_valid():
        allowed_areas = access.area_ids(request.user)
        try:
            decision = services.issue_decision(
                form.to_request(period, area), form.chosen(), user=request.user, allowed_area_ids=allowed_areas
            )
        except services.EvaluationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Decision %(number)s recorded: %(count)s certificates issued and sent.")
                % {"number": decision.number, "count": decision.certificates.count()},
            )
            return redirect("evaluation_admin:decision", pk=decision.pk)
    context = {
        "periods": periods,
        "areas": areas,
        "period": period,
        "area": area,
        "form": form,
        "candidates": candidates,
    }
    return TemplateResponse(request, "evaluation/admin/decision_new.html", context)


# --- Criteria sets: XLSX import and export ---------------------------------------------------------


def _can_edit_criteria(user):
    return user.is_active and (user.is_superuser or user.has_perm("evaluation.add_criteriaset"))


@allowed(_can_edit_criteria)
def criteria_import(request):
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose an XLSX file."))
        else:
            dry_run = request.POST.get("confirm") != "1"
            result = importer.import_criteria(upload, dry_run=dry_run)
            if result.criteria_set is not None:
                messages.success(
                    request,
                    _("Criteria set “%(set)s” imported with %(count)s criteria.")
                    % {"set": result.criteria_set, "count": len(result.criteria)},
                )
                return redirect("wagtailsnippets_evaluation_criteriaset:edit", result.criteria_set.pk)
    return TemplateResponse(request, "evaluation/admin/criteria_import.html", {"result": result})


@allowed(lambda user: user.is_active and (user.is_superuser or user.has_perm("evaluation.view_criteriaset")))
def criteria_export(request, pk):
    criteria_set = get_object_or_404(CriteriaSet, pk=pk)
    response = HttpResponse(
        importer.export_criteria(criteria_set),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"bo-tieu-chi-{criteria_set.title}-{criteria_set.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allowed(_can_edit_criteria)
def criteria_copy(request, pk):
    """A new version to edit, with the same criteria: the way to change a set that is in use."""
    source = get_object_or_404(CriteriaSet, pk=pk)
    if request.method != "POST":
        return TemplateResponse(request, "evaluation/admin/criteria_copy.html", {"source": source})
    copy = services.copy_criteria_set(source)
    messages.success(
        request,
        _("New version “%(version)s” created: edit it, then choose it for the next period.")
        % {"version": copy.version},
    )
    return redirect("wagtailsnippets_evaluation_criteriaset:edit", copy.pk)
