"""Public views: the event list, calendar and archive, an event with its form, and the private link."""

import calendar as pycalendar
import json
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal import ratelimit

from . import services
from .emails import check_in_qr
from .forms import DelegatesForm, RegistrationForm, offered_organisations
from .ical import calendar, google_calendar_link
from .models import EventKind, EventPage, Registration, RegistrationMode, RegistrationStatus
from .services import EventState, RegistrationBusy, RegistrationError, SubmissionReused

REGISTERING_STATES = (EventState.OPEN, EventState.WAITING_LIST)
EVENTS_PER_PAGE = 12


# --- Event list, calendar, archive, feed -------------------------------------------------


def _events(index):
    return (
        EventPage.objects.live()
        .public()
        .child_of(index)
        .select_related("campaign")
        .prefetch_related("organisers")
        .order_by("start")
    )


def _filter(events, params, now):
    filters = {
        "kind": params.get("kind", ""),
        "district": params.get("district", ""),
        "format": params.get("format", ""),
        "campaign": params.get("campaign", ""),
        "open": params.get("open", "") == "1",
    }
    if filters["kind"] in EventKind.values:
        events = events.filter(kind=filters["kind"])
    if filters["district"]:
        events = events.filter(district=filters["district"])
    if filters["format"] == "online":
        events = events.exclude(online_url="")
    elif filters["format"] == "in_person":
        events = events.exclude(venue_address="", venue_name="")
    if filters["campaign"].isdigit():
        events = events.filter(campaign_id=int(filters["campaign"]))
    if filters["open"]:
        events = [e for e in events if services.event_state(e, now) in REGISTERING_STATES]
    return events, filters


def _filter_options(index):
    events = EventPage.objects.live().public().child_of(index)
    districts = sorted(set(events.exclude(district="").values_list("district", flat=True)))
    campaigns = {e.campaign for e in events.select_related("campaign") if e.campaign_id}
    return {
        "kinds": EventKind.choices,
        "districts": districts,
        "campaigns": sorted(campaigns, key=lambda c: c.title),
    }


def _month(params, now):
    try:
        year, month = (int(part) for part in params.get("month", "").split("-"))
        return date(year, month, 1)
    except ValueError:
        local = timezone.localtime(now)
        return date(local.year, local.month, 1)


def _month_grid(events, first_day):
    """Weeks (Monday first) of days, each with the events happening on it."""
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first_day.year, first_day.month)
    by_day = {}
    for event in events:
        day = timezone.localdate(event.start)
        last = timezone.localdate(event.end)
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    return [
        [{"date": day, "in_month": day.month == first_day.month, "events": by_day.get(day, [])} for day in week]
        for week in weeks
    ]


def event_index(request, index):
    now = timezone.now()
    view = "calendar" if request.GET.get("view") == "calendar" else "list"
    context = index.get_context(request)
    context.update(_filter_options(index))
    if view == "calendar":
        first_day = _month(request.GET, now)
        month_start = timezone.make_aware(datetime.combine(first_day, time.min))
        next_month = (first_day + timedelta(days=32)).replace(day=1)
        month_end = timezone.make_aware(datetime.combine(next_month, time.min))
        events = _events(index).filter(start__lt=month_end, end__gte=month_start)
        events, filters = _filter(events, request.GET, now)
        context.update(
            weeks=_month_grid(events, first_day),
            month=first_day,
            previous_month=(first_day - timedelta(days=1)).replace(day=1),
            next_month=next_month,
            weekdays=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        )
    else:
        events, filters = _filter(_events(index).filter(end__gte=now), request.GET, now)
        context["events"] = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        for event in context["events"]:
            event.state = services.event_state(event, now)
            event.state_label = services.STATE_LABELS[event.state]
    context.update(view=view, filters=filters, now=now, query=_query_without(request, "page"))
    return TemplateResponse(request, "events/event_index_page.html", context)


def _query_without(request, *names):
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def event_archive(request, index):
    now = timezone.now()
    context = index.get_context(request)
    events = _events(index).filter(end__lt=now).order_by("-start")
    context.update(events=Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page")), archive=True)
    return TemplateResponse(request, "events/event_archive.html", context)


def index_ical(request, index):
    events = _events(index).filter(end__gte=timezone.now())
    body = calendar([(event, event.get_full_url(request)) for event in events], name=index.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{index.slug}.ics"'
    return response


# --- One event ---------------------------------------------------------------------------


def event_ical(request, page):
    response = HttpResponse(calendar([(page, page.get_full_url(request))]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    return response


def _json_ld(page, request, state):
    url = page.get_full_url(request)
    status = {
        EventState.CANCELLED: "https://schema.org/EventCancelled",
    }.get(state, "https://schema.org/EventScheduled")
    places = []
    if page.venue_name or page.venue_address:
        places.append(
            {
                "@type": "Place",
                "name": page.venue_name or page.venue_address,
                "address": {"@type": "PostalAddress", "streetAddress": page.venue_address, "addressCountry": "VN"},
            }
        )
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    mode = "Mixed" if len(places) == 2 else ("Online" if page.online_url else "Offline")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "url": url,
        "description": page.summary or strip_tags(page.description)[:300],
        "inLanguage": page.locale.language_code,
    }
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    organisers = list(page.organisers.all())
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": o.name, **({"url": o.website} if o.website else {})} for o in organisers
        ]
    text = json.dumps(data, ensure_ascii=False)
    # Safe inside <script>: no "</script>" or HTML-significant characters survive.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _quota_summary(registration_event):
    """The rules as a reader sees them: 'Government agency: 3 delegates'."""
    grouped = {}
    for quota in registration_event.quotas.all():
        grouped.setdefault(quota.get_organisation_kind_display() or _("Any organisation"), []).append(quota)
    return grouped


def _attach_error(form, error):
    if error.field == "delegates":
        form.delegate_errors.append(error.message)
        form.add_error(None, error.message)
    elif error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, error.message)


def event_detail(request, page):
    now = timezone.now()
    registration_event = page.registration_event()
    remaining = services.remaining_seats(registration_event) if page.takes_registrations else None
    state = services.event_state(page, now, remaining)
    form, status = None, 200
    if state in REGISTERING_STATES:
        language = translation.get_language() or settings.LANGUAGE_CODE
        if request.method == "POST":
            form = RegistrationForm(page, request.POST, language=language)
            if not ratelimit.allow(
                request,
                "events-registration",
                limit=settings.EVENTS_RATE_LIMIT,
                window=settings.EVENTS_RATE_LIMIT_WINDOW,
            ):
                status = 429
                form.add_error(
                    None, _("You have sent the form many times in a short while. Please wait a few minutes.")
                )
            elif form.is_spam:
                status = 400
                form.add_error(None, _("Your registration could not be accepted. Please check the form and try again."))
            elif form.is_valid():
                try:
                    result = services.register(page, form.to_request())
                except RegistrationBusy as error:
                    status = 503
                    form.add_error(None, error.message)
                except SubmissionReused as error:
                    status = 409
                    form.renew_key()
                    form.add_error(None, error.message)
                except RegistrationError as error:
                    _attach_error(form, error)
                else:
                    return open_registration(request, result.registration, new=result.created)
        else:
            form = RegistrationForm(page, language=language)
    selected = form.cleaned_data.get("organisation") if form is not None and hasattr(form, "cleaned_data") else None
    context = page.get_context(request)
    context.update(
        state=state,
        state_label=services.STATE_LABELS[state],
        remaining=remaining,
        form=form,
        quota_summary=_quota_summary(registration_event),
        selected_usage=services.quota_usage(registration_event, selected) if selected else None,
        selected_organisation=selected,
        json_ld=_json_ld(page, request, state),
        google_calendar_url=google_calendar_link(page, page.get_full_url(request)),
        ical_url=page.url + page.reverse_subpage("ical_view"),
        quota_url=page.url + page.reverse_subpage("quota_view"),
        purge_days=settings.EVENTS_PURGE_AFTER_DAYS,
    )
    response = TemplateResponse(request, "events/event_page.html", context, status=status)
    if form is not None:
        # The form carries a one-time submission key: a cached copy would make two people share it.
        response["Cache-Control"] = "private, no-store"
    return response


def organisation_quota(request, page):
    """What the organisation chosen in the form may still send, for the form's live hint.

    The numbers tell how many delegates an organisation has registered, so this is no open
    directory: it answers only the event's own open form (a POST with its CSRF token), only for
    an organisation that form offers, and only so many times per visitor.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not page.is_delegate_mode or services.event_state(page) not in REGISTERING_STATES:
        raise Http404
    if not ratelimit.allow(
        request, "events-quota", limit=settings.EVENTS_QUOTA_RATE_LIMIT, window=settings.EVENTS_RATE_LIMIT_WINDOW
    ):
        return JsonResponse({"error": "rate_limited"}, status=429)
    registration_event = page.registration_event()
    organisation_id = request.POST.get("organisation", "")
    if not organisation_id.isdigit():
        return JsonResponse({"error": "organisation"}, status=400)
    organisation = get_object_or_404(offered_organisations(registration_event), pk=int(organisation_id))
    usage = services.quota_usage(registration_event, organisation)
    response = JsonResponse(
        {
            "organisation": organisation.name,
            "invited": bool(usage) or not registration_event.quotas.exists(),
            "quotas": [
                {"label": str(u["quota"]), "max": u["quota"].max_per_organisation, "remaining": u["remaining"]}
                for u in usage
            ],
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- The registrant's private link -------------------------------------------------------
#
# The link in the e-mails carries the registration's secret token in its path (it must work
# without JavaScript, so the token cannot hide in a #fragment). Its first request trades the
# token for a cookie of this browser session and redirects to /dang-ky/quan-ly/, an address
# without the token: the page's own forms, reloads, bookmarks and history never show it, and an
# access log sees it once per click (production scrubs it there: see the README).

REGISTRATION_COOKIE = "portal_registration"
REGISTRATION_COOKIE_SALT = "events.registration"


def _registrations():
    return Registration.objects.select_related("event", "organisation").prefetch_related(Prefetch("attendees"))


def open_registration(request, registration, *, new=False):
    """Redirect to the private page, which this browser may now open until it closes."""
    url = reverse("events:manage_current")
    response = redirect(f"{url}?new=1" if new else url)
    response.set_signed_cookie(
        REGISTRATION_COOKIE,
        registration.token,
        salt=REGISTRATION_COOKIE_SALT,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def manage_link(request, token):
    """The link of the e-mails. A POST comes from a page opened before links moved the token out
    of the address, and is answered as before."""
    registration = get_object_or_404(_registrations(), token=token, anonymised_at__isnull=True)
    if request.method == "POST":
        return manage_registration(request, registration)
    return open_registration(request, registration)


@never_cache
@require_http_methods(["GET", "POST"])
def manage_current(request):
    token = request.get_signed_cookie(REGISTRATION_COOKIE, default=None, salt=REGISTRATION_COOKIE_SALT)
    registration = _registrations().filter(token=token, anonymised_at__isnull=True).first() if token else None
    if registration is None:
        return TemplateResponse(request, "events/registration_link_needed.html", status=404)
    return manage_registration(request, registration)


def manage_registration(request, registration):
    event = registration.event
    now = timezone.now()
    delegates_form = None
    if event.registration_mode == RegistrationMode.DELEGATES and services.can_edit(registration, now):
        delegates_form = DelegatesForm(registration)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "cancel":
                services.cancel(registration, now=now)
                messages.success(request, _("Your registration has been cancelled. We have sent you a confirmation."))
                return redirect(request.path)
            if action == "delegates" and delegates_form is not None:
                delegates_form = DelegatesForm(registration, request.POST)
                if delegates_form.is_valid():
                    services.update_delegates(registration, delegates_form.cleaned_data["delegates"], now=now)
                    messages.success(request, _("The delegates have been saved."))
                    return redirect(request.path)
            else:
                raise Http404
        except RegistrationError as error:
            if delegates_form is not None and action == "delegates":
                _attach_error(delegates_form, error)
            else:
                messages.error(request, error.message)
                return redirect(request.path)
    registration.refresh_from_db()
    localized_event = event.localized
    context = {
        "registration": registration,
        "attendees": list(registration.attendees.all()),
        "event": localized_event,
        "is_new": request.GET.get("new") == "1",
        "delegates_form": delegates_form,
        "can_cancel": services.can_cancel(registration, now),
        "qr_svg": check_in_qr(registration).svg_inline(scale=5, border=2, title=_("QR code for check-in"))
        if registration.status == RegistrationStatus.CONFIRMED
        else "",
        "ical_url": localized_event.url + localized_event.reverse_subpage("ical_view"),
        "google_calendar_url": google_calendar_link(localized_event, localized_event.get_full_url(request)),
        "waiting_position": _waiting_position(registration),
    }
    response = TemplateResponse(request, "events/manage_registration.html", context)
    response["X-Robots-Tag"] = "noindex"
    # The address is the key to the registration: never leak it to other sites. ("no-referrer"
    # would also make the browser send "Origin: null" on this page's own forms, which CSRF refuses.)
    response["Referrer-Policy"] = "same-origin"
    return response


def _waiting_position(registration):
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event=registration.event_id, status=RegistrationStatus.WAITING, created_at__lt=registration.created_at
    ).count()
    return ahead + 1
