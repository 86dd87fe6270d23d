"""Organisers' views in the Wagtail admin: registrations per event, actions, exports, check-in.

Only users with the registration permissions (the "Event managers" group, and superusers)
reach them: they show personal data.
"""

import csv
import io
import re
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from network.models import OrganisationKind

from . import services
from .forms import RegistrationForm
from .models import Attendee, EventPage, Registration, RegistrationMode, RegistrationStatus
from .services import RegistrationError

VIEW_PERMISSION = "events.view_registration"
CHANGE_PERMISSION = "events.change_registration"


def can_view_registrations(user):
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_PERMISSION))


def permission_required(permission):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_superuser or request.user.has_perm(permission)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _event(event_id):
    return get_object_or_404(EventPage, pk=event_id).registration_event()


@permission_required(VIEW_PERMISSION)
def event_list(request):
    events = (
        EventPage.objects.exclude(registration_mode=RegistrationMode.NONE)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            pending=Count("registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)),
        )
        .order_by("-start")
    )
    events = [event for event in events if event.registration_event().pk == event.pk]
    return TemplateResponse(request, "events/admin/event_list.html", {"events": events, "now": timezone.now()})


def _registrations(event, params):
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organisation")
        .prefetch_related(Prefetch("attendees", queryset=Attendee.objects.order_by("pk")))
    )
    status = params.get("status", "")
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    kind = params.get("kind", "")
    if kind in OrganisationKind.values:
        registrations = registrations.filter(organisation__kind=kind)
    query = params.get("q", "").strip()
    if query:
        registrations = registrations.filter(
            Q(reference__icontains=services.parse_reference(query) or query)
            | Q(contact_name__icontains=query)
            | Q(email__icontains=query)
            | Q(phone__icontains=query)
            | Q(organisation__name__icontains=query)
            | Q(attendees__full_name__icontains=query)
        ).distinct()
    return registrations, {"status": status, "kind": kind, "q": query}


@permission_required(VIEW_PERMISSION)
def event_registrations(request, event_id):
    event = _event(event_id)
    registrations, filters = _registrations(event, request.GET)
    context = {
        "event": event,
        "registrations": registrations,
        "filters": filters,
        "counts": services.status_counts(event),
        "remaining": services.remaining_seats(event),
        "quota_totals": services.quota_totals(event),
        "state_label": services.STATE_LABELS[services.event_state(event)],
        "statuses": RegistrationStatus.choices,
        "kinds": OrganisationKind.choices,
        "can_change": request.user.is_superuser or request.user.has_perm(CHANGE_PERMISSION),
        "query": request.GET.urlencode(),
    }
    return TemplateResponse(request, "events/admin/event_registrations.html", context)


@require_POST
@permission_required(CHANGE_PERMISSION)
def registration_action(request, registration_id):
    registration = get_object_or_404(Registration, pk=registration_id)
    action = request.POST.get("action")
    functions = {
        "approve": (services.approve, _("Registration %(reference)s approved.")),
        "promote": (services.promote, _("Registration %(reference)s moved from the waiting list.")),
        "cancel": (
            lambda r, user: services.cancel(r, user=user, staff=True, reason=request.POST.get("reason", "")),
            _("Registration %(reference)s cancelled."),
        ),
    }
    if action not in functions:
        messages.error(request, _("Unknown action."))
    else:
        function, message = functions[action]
        try:
            function(registration, user=request.user)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, message % {"reference": registration.display_reference})
    return redirect(_back(request, registration.event_id))


def _back(request, event_id):
    url = reverse("events_admin:registrations", args=[event_id])
    query = request.POST.get("next_query", "")
    return f"{url}?{query}" if query else url


@permission_required("events.add_registration")
def add_registration(request, event_id):
    event = _event(event_id)
    form = RegistrationForm(event, request.POST or None, language=event.locale.language_code)
    form.fields["consent"].required = False
    form.fields["consent"].label = _("The person has agreed to the processing of their personal data.")
    if request.method == "POST" and form.is_valid():
        try:
            result = services.register(event, form.to_request(), user=request.user, staff=True)
        except RegistrationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Registration %(reference)s added (%(status)s).")
                % {
                    "reference": result.registration.display_reference,
                    "status": result.registration.get_status_display(),
                },
            )
            return redirect("events_admin:registrations", event.pk)
    return TemplateResponse(request, "events/admin/add_registration.html", {"event": event, "form": form})


# --- Exports -------------------------------------------------------------------------------


def _export_rows(event):
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("organisation__area")
        .prefetch_related(Prefetch("attendees", queryset=Attendee.objects.order_by("pk")))
        .order_by("organisation__name", "created_at")
    )
    questions = []
    for registration in registrations:
        for answer in registration.answers:
            if answer["question"] not in questions:
                questions.append(answer["question"])
    header = [
        _("Reference code"),
        _("Status"),
        _("Organisation"),
        _("Kind of organisation"),
        _("Area"),
        _("Full name"),
        _("Role"),
        _("Position"),
        _("E-mail"),
        _("Phone"),
        _("Registered by"),
        _("Registrant's e-mail"),
        _("Registrant's phone"),
        _("Registered at"),
        _("Checked in at"),
        *questions,
    ]
    rows = []
    for registration in registrations:
        organisation = registration.organisation
        answers = {a["question"]: a["answer"] for a in registration.answers}
        registered_at = timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M")
        for attendee in registration.attendees.all():
            checked_in = attendee.checked_in_at
            rows.append(
                [
                    registration.display_reference,
                    registration.get_status_display(),
                    organisation.name if organisation else "",
                    organisation.get_kind_display() if organisation else "",
                    organisation.area.name if organisation and organisation.area else "",
                    attendee.full_name,
                    attendee.get_role_display() if attendee.role else "",
                    attendee.position,
                    attendee.email,
                    attendee.phone,
                    registration.contact_name,
                    registration.email,
                    registration.phone,
                    registered_at,
                    timezone.localtime(checked_in).strftime("%d/%m/%Y %H:%M") if checked_in else "",
                    *(answers.get(q, "") for q in questions),
                ]
            )
    return header, rows


FORMULA_TRIGGERS = "=+-@\t\r＝＋－＠"
# A trigger at the start of the text or after anything a spreadsheet may split a CSV line on:
# Excel with Vietnamese regional settings splits on ";", so "Không;=HYPERLINK(…)" would become a
# cell of its own that starts with "=", whatever the writer quoted.
_CSV_FORMULA = re.compile(r"(^|[,;\t\r\n\"])( *)([" + re.escape(FORMULA_TRIGGERS) + r"])")


def _spreadsheet_safe(value):
    """A cell starting with = + - @ would run as a formula in Excel (CSV injection)."""
    value = str(value)
    return "'" + value if value[:1] in FORMULA_TRIGGERS else value


def _csv_safe(value):
    """Neutralise a formula wherever the cell might be split, not only at its start."""
    return _CSV_FORMULA.sub(r"\1\2'\3", str(value))


@permission_required(VIEW_PERMISSION)
def export(request, event_id, fmt):
    event = _event(event_id)
    header, rows = _export_rows(event)
    filename = f"dang-ky-{slugify(event.slug)}-{timezone.localdate():%Y%m%d}"
    services.log_export(event, request.user, fmt)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel opens UTF-8 (Vietnamese) correctly only with a BOM.
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[_csv_safe(cell) for cell in row] for row in rows])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Registrations")[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_spreadsheet_safe(cell) for cell in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@permission_required(VIEW_PERMISSION)
def attendance_sheet(request, event_id):
    event = _event(event_id)
    registrations = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("organisation__area")
        .prefetch_related(Prefetch("attendees", queryset=Attendee.objects.order_by("pk")))
        .order_by("organisation__name", "created_at")
    )
    groups = {}
    for registration in registrations:
        key = registration.organisation.name if registration.organisation else _("Individual registrations")
        groups.setdefault(key, []).extend(registration.attendees.all())
    return TemplateResponse(request, "events/admin/attendance_sheet.html", {"event": event, "groups": groups})


# --- Check-in --------------------------------------------------------------------------------


@permission_required(CHANGE_PERMISSION)
def check_in(request, event_id):
    event = _event(event_id)
    query = request.GET.get("q", "").strip()
    attendees = []
    if query:
        attendees = (
            Attendee.objects.filter(registration__event=event)
            .filter(
                Q(full_name__icontains=query)
                | Q(phone__icontains=query)
                | Q(registration__reference__icontains=services.parse_reference(query) or query)
                | Q(registration__organisation__name__icontains=query)
            )
            .select_related("registration__organisation")
            .order_by("full_name")[:50]
        )
    if request.method == "POST":
        return _mark(request, event)
    counts = services.status_counts(event)
    context = {"event": event, "query": query, "attendees": attendees, "counts": counts}
    return TemplateResponse(request, "events/admin/check_in.html", context)


@permission_required(CHANGE_PERMISSION)
def check_in_reference(request, reference):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organisation"), reference=services.parse_reference(reference)
    )
    if request.method == "POST":
        return _mark(request, registration.event)
    context = {
        "event": registration.event,
        "registration": registration,
        "attendees": registration.attendees.all(),
        "query": "",
        "counts": services.status_counts(registration.event),
    }
    return TemplateResponse(request, "events/admin/check_in.html", context)


def _mark(request, event):
    ids = request.POST.getlist("attendee")
    undo = request.POST.get("undo") == "1"
    for attendee in Attendee.objects.filter(pk__in=[i for i in ids if i.isdigit()], registration__event=event):
        try:
            services.check_in(attendee, user=request.user, undo=undo)
        except RegistrationError as error:
            messages.error(request, f"{attendee.full_name}: {error.message}")
        else:
            if undo:
                messages.warning(request, _("%(name)s: check-in undone.") % {"name": attendee.full_name})
            else:
                messages.success(request, _("%(name)s: checked in.") % {"name": attendee.full_name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("events_admin:check_in", args=[event.pk])
    return redirect(next_url)
