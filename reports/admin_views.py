"""Reporters' and reviewers' screens in the Wagtail admin.

Every view starts from the user's scope (``services.scope_for``): a ward reporter reaches only
that ward's report, whatever address is typed; a reviewer only the reports below their area.
"""

import datetime
import uuid
from functools import wraps

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from network.models import Area, Organisation
from network.services import AreaGraph

from . import services, spreadsheets, values
from .figures import read
from .forms import EvidenceForm, ImportForm, ReviewForm, SubmissionForm
from .models import Evidence, IndicatorKind, IndicatorSetVersion, Period, Status, Submission, private_storage
from .services import ReportError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_SALT = "reports.import"
IMPORT_MAX_AGE = 3600


def with_scope(view):
    """Refuses users with no part in the reports; hands the view the user's scope."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        graph = AreaGraph()
        scope = services.scope_for(request.user, graph)
        if not scope.has_access:
            raise PermissionDenied
        request.report_graph = graph
        return view(request, scope, *args, **kwargs)

    return wrapped


def _submission(scope, pk):
    """The report, only if the user may see it: others get the same answer as a missing one."""
    submission = get_object_or_404(
        Submission.objects.select_related("period__version__indicator_set", "area", "organisation"), pk=pk
    )
    if not scope.can_view(submission):
        raise PermissionDenied
    return submission


# ------------------------------------------------------------------------------ overview


@with_scope
def index(request, scope):
    today = timezone.localdate()
    periods = list(
        Period.objects.select_related("version__indicator_set")
        .prefetch_related("deadlines", "areas")
        .order_by("-year", "indicator_set__name")
    )
    mine, to_review = [], []
    for period in periods:
        rows = services.period_status(period, scope, request.report_graph)
        own = [
            r
            for r in rows
            if scope.reports_for(r.expected.area_id, r.expected.organisation_id) and not scope.is_manager
        ]
        own = [r for r in own if not (r.status == Status.APPROVED and period.year < today.year - 1)]
        if own:
            mine.append({"period": period, "rows": own})
    review_queue = scope.submissions(
        Submission.objects.filter(status=Status.SUBMITTED).select_related("period", "area", "organisation")
    ).order_by("submitted_at")
    to_review = [s for s in review_queue if scope.can_review(s)]
    summaries = []
    if scope.is_manager or scope.is_reviewer:
        counts = (
            scope.submissions(Submission.objects.all())
            .values("period_id")
            .annotate(
                draft=Count("pk", filter=Q(status=Status.DRAFT)),
                submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
                approved=Count("pk", filter=Q(status=Status.APPROVED)),
                returned=Count("pk", filter=Q(status=Status.RETURNED)),
            )
        )
        by_period = {c["period_id"]: c for c in counts}
        summaries = [{"period": p, "counts": by_period.get(p.pk, {})} for p in periods]
    context = {
        "scope": scope,
        "mine": mine,
        "to_review": to_review,
        "summaries": summaries,
        "today": today,
        "names": _names(mine),
    }
    return TemplateResponse(request, "reports/admin/index.html", context)


def _names(groups):
    area_ids = {r.expected.area_id for g in groups for r in g["rows"]}
    unit_ids = {r.expected.organisation_id for g in groups for r in g["rows"] if r.expected.organisation_id}
    areas = Area.objects.in_bulk(area_ids)
    units = Organisation.objects.in_bulk(unit_ids)
    return {
        r.expected.key: (
            units[r.expected.organisation_id].label if r.expected.organisation_id else areas[r.expected.area_id].label
        )
        for g in groups
        for r in g["rows"]
    }


@with_scope
def period_detail(request, scope, period_id, overdue_only=False):
    period = get_object_or_404(Period.objects.select_related("version__indicator_set"), pk=period_id)
    today = timezone.localdate()
    if overdue_only:
        rows = services.overdue(period, today, scope, request.report_graph)
    else:
        rows = services.period_status(period, scope, request.report_graph)
    status = request.GET.get("status", "")
    if status == "none":
        rows = [r for r in rows if r.submission is None]
    elif status in Status.values:
        rows = [r for r in rows if r.status == status]
    context = {
        "period": period,
        "rows": rows,
        "names": _names([{"rows": rows}]),
        "today": today,
        "scope": scope,
        "overdue_only": overdue_only,
        "status": status,
        "statuses": Status.choices,
        "can_import": scope.is_manager or scope.is_reporter,
    }
    return TemplateResponse(request, "reports/admin/period.html", context)


def overdue_list(request, period_id):
    return period_detail(request, period_id, overdue_only=True)


# ------------------------------------------------------------------------------ a report


@with_scope
def open_area(request, scope, period_id, area_id):
    period = get_object_or_404(Period, pk=period_id)
    area = get_object_or_404(Area, pk=area_id)
    if not scope.reports_for(area.pk):
        existing = Submission.objects.filter(period=period, area=area, organisation__isnull=True).first()
        if existing is not None and scope.can_view(existing):
            return redirect("reports_admin:submission", existing.pk)
        raise PermissionDenied
    return _open(request, period, area=area)


@with_scope
def open_unit(request, scope, period_id, organisation_id):
    period = get_object_or_404(Period, pk=period_id)
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not scope.reports_for(None, organisation.pk):
        existing = Submission.objects.filter(period=period, organisation=organisation).first()
        if existing is not None and scope.can_view(existing):
            return redirect("reports_admin:submission", existing.pk)
        raise PermissionDenied
    return _open(request, period, organisation=organisation)


def _open(request, period, area=None, organisation=None):
    try:
        submission = services.open_submission(period, request.user, area=area, organisation=organisation)
    except ReportError as error:
        messages.error(request, error.message)
        return redirect("reports_admin:index")
    return redirect("reports_admin:submission", submission.pk)


@with_scope
def submission_detail(request, scope, pk):
    submission = _submission(scope, pk)
    can_edit = scope.can_edit(submission)
    indicators = services.indicators_for(submission.period, submission.level)
    form = SubmissionForm(indicators, submission, request.POST or None) if can_edit else None
    check = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "save")
        if form.is_valid():
            try:
                check = services.save_values(submission, form.raw(), request.user)
            except ReportError as error:
                messages.error(request, error.message)
                return redirect("reports_admin:submission", submission.pk)
            if not check.ok:
                form.add_check(check)
                messages.error(
                    request,
                    _("Nothing was saved: correct the figures marked below. What was saved before is unchanged."),
                )
            elif action == "submit":
                try:
                    services.submit(submission, request.user)
                except ReportError as error:
                    messages.error(request, error.message)
                    return redirect(f"{reverse('reports_admin:submission', args=[submission.pk])}?check=1")
                messages.success(request, _("The report has been sent for review."))
                return redirect("reports_admin:submission", submission.pk)
            else:
                messages.success(request, _("Saved. The report stays a draft until you send it."))
                return redirect("reports_admin:submission", submission.pk)
    submission.refresh_from_db()
    return TemplateResponse(
        request,
        "reports/admin/submission.html",
        _submission_context(request, scope, submission, indicators, form, check),
    )


def _submission_context(request, scope, submission, indicators, form, check):
    period = submission.period
    complete = request.GET.get("check") == "1" or submission.status == Status.SUBMITTED
    if check is None or check.ok:
        _i, _t, check = services.check_submission(submission, complete=complete)
    evidence = list(submission.evidence.select_related("uploaded_by"))
    evidence_indicators = [i for i in indicators if i.kind == IndicatorKind.EVIDENCE]
    sections = _sections(indicators, submission, form, check, evidence)
    due = period.deadline_for(submission.level)
    today = timezone.localdate()
    return {
        "submission": submission,
        "period": period,
        "sections": sections,
        "form": form,
        "check": check,
        "errors": check.messages(indicators) if not check.ok else [],
        "warning_count": sum(len(m) for m in check.warnings.values()),
        "evidence": evidence,
        "evidence_form": EvidenceForm(evidence_indicators) if scope.can_edit(submission) else None,
        "review_form": ReviewForm() if scope.can_review(submission) else None,
        "can_edit": scope.can_edit(submission),
        "can_review": scope.can_review(submission) and submission.status in (Status.SUBMITTED, Status.APPROVED),
        "can_withdraw": submission.status == Status.SUBMITTED
        and scope.reports_for(submission.area_id, submission.organisation_id),
        "due": due,
        "days_left": (due - today).days if due else None,
        "is_sent": not submission.is_editable,
        "history": _history(submission, indicators),
    }


def _sections(indicators, submission, form, check, evidence):
    from .figures import AreaValues, leaf_values

    figures = AreaValues(leaf_values(indicators, check.values))
    sections, current = [], None
    for indicator in indicators:
        if current is None or current["section"].pk != indicator.section_id:
            current = {"section": indicator.section, "items": []}
            sections.append(current)
        item = {
            "indicator": indicator,
            "field": form.field_for(indicator.code) if form else None,
            "value": values.display(indicator.kind, check.values.get(indicator.code)),
            "warnings": check.warnings.get(indicator.code, []),
            "errors": [] if form else check.errors.get(indicator.code, []),
        }
        if indicator.kind == IndicatorKind.RATE:
            item["value"] = read(indicator, figures).text
        elif indicator.kind == IndicatorKind.EVIDENCE:
            item["documents"] = [e for e in evidence if e.indicator_code == indicator.code]
        current["items"].append(item)
    return sections


def _history(submission, indicators):
    names = {i.code: i.label for i in indicators}
    entries = []
    for entry in ModelLogEntry.objects.for_instance(submission).select_related("user").order_by("-timestamp", "-pk"):
        data = entry.data or {}
        changes = [
            {"name": names.get(code, code), "before": before, "after": after}
            for code, (before, after) in (data.get("changes") or {}).items()
        ]
        entries.append(
            {
                "entry": entry,
                "label": log_registry.get_action_label(entry.action)
                if log_registry.action_exists(entry.action)
                else entry.action,
                "changes": changes,
                "comment": data.get("comment", ""),
                "source": data.get("source", ""),
            }
        )
    return entries


@require_POST
@with_scope
def withdraw(request, scope, pk):
    submission = _submission(scope, pk)
    if not scope.reports_for(submission.area_id, submission.organisation_id):
        raise PermissionDenied
    try:
        services.withdraw(submission, request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The report is a draft again: correct it and send it once more."))
    return redirect("reports_admin:submission", submission.pk)


@require_POST
@with_scope
def review(request, scope, pk):
    submission = _submission(scope, pk)
    if not scope.can_review(submission):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    try:
        if request.POST.get("action") == "approve":
            services.approve(submission, request.user, comment)
            messages.success(
                request, _("Approved: the figures of %(place)s are now public.") % {"place": submission.place_label}
            )
        else:
            services.return_for_correction(submission, request.user, comment)
            messages.success(request, _("Returned to the reporter with your comment."))
    except ReportError as error:
        messages.error(request, error.message)
    return redirect("reports_admin:submission", submission.pk)


# ------------------------------------------------------------------------------ evidence


@require_POST
@with_scope
def evidence_upload(request, scope, pk):
    submission = _submission(scope, pk)
    if not scope.can_edit(submission):
        raise PermissionDenied
    indicators = services.indicators_for(submission.period, submission.level)
    form = EvidenceForm([i for i in indicators if i.kind == IndicatorKind.EVIDENCE], request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_evidence(
                submission,
                request.user,
                form.cleaned_data["title"],
                form.cleaned_data["file"],
                form.cleaned_data["indicator_code"],
                form.cleaned_data["is_public"],
            )
        except ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Document attached."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(f"{reverse('reports_admin:submission', args=[submission.pk])}#evidence")


@with_scope
def evidence_download(request, scope, pk):
    document = get_object_or_404(Evidence.objects.select_related("submission"), pk=pk)
    if not scope.can_view(document.submission):
        raise PermissionDenied
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


@require_POST
@with_scope
def evidence_delete(request, scope, pk):
    document = get_object_or_404(Evidence.objects.select_related("submission"), pk=pk)
    if not scope.can_edit(document.submission):
        raise PermissionDenied
    submission_id = document.submission_id
    try:
        services.delete_evidence(document, request.user)
    except ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Document removed."))
    return redirect(f"{reverse('reports_admin:submission', args=[submission_id])}#evidence")


# ------------------------------------------------------------------------- spreadsheets


@with_scope
def template(request, scope, period_id):
    period = get_object_or_404(Period.objects.select_related("indicator_set"), pk=period_id)
    if not (scope.is_manager or scope.is_reporter):
        raise PermissionDenied
    content = spreadsheets.template(period, scope, request.report_graph)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{period.indicator_set.code}-{period.year}.xlsx"'
    return response


@with_scope
def import_figures(request, scope, period_id):
    period = get_object_or_404(Period.objects.select_related("indicator_set"), pk=period_id)
    if not (scope.is_manager or scope.is_reporter):
        raise PermissionDenied
    context = {"period": period, "form": ImportForm(), "lines": None}
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_import(request, scope, period, context)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            _forget_old_imports()
            name = private_storage.save(
                f"imports/{uuid.uuid4().hex}.xlsx", ContentFile(form.cleaned_data["file"].read())
            )
            with private_storage.open(name, "rb") as handle:
                lines = _run_import(request, period, handle, scope, dry_run=True, context=context)
            if lines is not None and not any(line.errors for line in lines):
                context["token"] = signing.dumps(
                    {"name": name, "user": request.user.pk, "period": period.pk}, salt=IMPORT_SALT
                )
            else:
                private_storage.delete(name)
    return TemplateResponse(request, "reports/admin/import.html", context)


def _forget_old_imports():
    """Checked files wait for their confirmation for an hour at most; older ones go."""
    try:
        _folders, files = private_storage.listdir("imports")
    except FileNotFoundError:
        return
    limit = timezone.now() - datetime.timedelta(seconds=IMPORT_MAX_AGE)
    for name in files:
        path = f"imports/{name}"
        if private_storage.get_modified_time(path) < limit:
            private_storage.delete(path)


def _run_import(request, period, handle, scope, dry_run, context):
    try:
        lines = spreadsheets.import_workbook(
            period, handle, request.user, scope, dry_run=dry_run, graph=request.report_graph
        )
    except spreadsheets.ImportFileError as error:
        context["file_error"] = error.message
        return None
    context["lines"] = lines
    context["counts"] = {
        "updated": sum(1 for line in lines if line.action == "updated"),
        "unchanged": sum(1 for line in lines if line.action == "unchanged"),
        "failed": sum(1 for line in lines if line.errors),
    }
    context["dry_run"] = dry_run
    return lines


def _confirm_import(request, scope, period, context):
    try:
        data = signing.loads(request.POST["token"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, _("This import has expired: upload the file again."))
        return redirect("reports_admin:import", period.pk)
    if data["user"] != request.user.pk or data["period"] != period.pk or not private_storage.exists(data["name"]):
        messages.error(request, _("This import has expired: upload the file again."))
        return redirect("reports_admin:import", period.pk)
    with private_storage.open(data["name"], "rb") as handle:
        lines = _run_import(request, period, handle, scope, dry_run=False, context=context)
    private_storage.delete(data["name"])
    if lines is not None and not any(line.errors for line in lines):
        messages.success(
            request,
            _("Imported: %(updated)s reports updated, %(unchanged)s unchanged.") % context["counts"],
        )
        return redirect("reports_admin:period", period.pk)
    return TemplateResponse(request, "reports/admin/import.html", context)


# ------------------------------------------------------------------------------ versions


@with_scope
def copy_version(request, scope, pk):
    if not (scope.is_manager and request.user.has_perm("reports.add_indicatorsetversion")):
        raise PermissionDenied
    version = get_object_or_404(IndicatorSetVersion.objects.select_related("indicator_set"), pk=pk)
    if request.method == "POST":
        new = services.copy_version(version, request.user)
        messages.success(
            request,
            _("Version %(number)s created: revise it, then use it for the next period.") % {"number": new.number},
        )
        return redirect("wagtailsnippets_reports_indicatorsetversion:edit", new.pk)
    return TemplateResponse(request, "reports/admin/copy_version.html", {"version": version})
