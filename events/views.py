"""Public views: the event list, calendar and archive, an event with its form, and the private link."""

import calendar as pycalendar
import json
import secrets
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale

from campaigns.models import CampaignPage
from network.models import Organisation
from portal import cache as page_cache
from portal import ratelimit
from portal.compression import uncompressed
from portal.pagecache import KeptFragments, hole, locales_by_code, model_tag, public_pages, register_hole
from portal.prepared import PreparedQuery, related

from . import services
from .emails import check_in_qr
from .forms import ContactForm, DelegatesForm, RegistrationForm, offered_organisations
from .ical import calendar, google_calendar_link
from .models import EventKind, EventPage, Registration, RegistrationMode, RegistrationStatus
from .services import EventState, RegistrationBusy, RegistrationError, SubmissionReused

REGISTERING_STATES = (EventState.OPEN, EventState.WAITING_LIST)
EVENTS_PER_PAGE = 12
ORGANISERS = PreparedQuery(lambda event_id: Organisation.objects.filter(organised_events=event_id))


# --- Event list, calendar, archive, feed -------------------------------------------------


def _events(index):
    return public_pages(EventPage.objects.live()).child_of(index).order_by("start")


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
        # By translation key: an English event may still name the Vietnamese campaign, and an address
        # shared in one language keeps working after switching to the other.
        chosen = CampaignPage.objects.filter(pk=int(filters["campaign"])).values("translation_key")
        events = events.filter(campaign__translation_key__in=chosen)
    if filters["open"]:
        open_states = services.states(events, now)
        events = [e for e in events if open_states[e.pk] in REGISTERING_STATES]
    return events, filters


def _filter_options(index):
    events = public_pages(EventPage.objects.live()).child_of(index)
    districts = sorted(set(events.exclude(district="").values_list("district", flat=True)))
    return {
        "kinds": EventKind.choices,
        "districts": districts,
        "campaigns": _localized_campaigns(events),
    }


def _localized_campaigns(events):
    """The campaigns the events belong to, each once, titled in the language of the page being shown."""
    named = CampaignPage.objects.live().filter(pk__in=events.values("campaign_id"))
    locale = _active_locale() or Locale.get_active()
    # One query for the campaigns named and their translations into the page's language.
    found = list(
        CampaignPage.objects.live().filter(
            Q(pk__in=named.values("pk")) | Q(locale=locale), translation_key__in=named.values("translation_key")
        )
    )
    translated = {campaign.translation_key: campaign for campaign in found if campaign.locale_id == locale.pk}
    # Those in another language are named by an event: each shows as its translation where there is one.
    campaigns = {campaign.translation_key: translated.get(campaign.translation_key, campaign) for campaign in found}
    return sorted(campaigns.values(), key=lambda campaign: campaign.title)


def _active_locale():
    """The active language's locale, from the site fragments rather than a query; None if it has none."""
    return locales_by_code().get(translation.get_language())


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
    if view == "calendar":
        first_day = _month(request.GET, now)
        month_start = timezone.make_aware(datetime.combine(first_day, time.min))
        next_month = (first_day + timedelta(days=32)).replace(day=1)
        month_end = timezone.make_aware(datetime.combine(next_month, time.min))
        events = _events(index).filter(start__lt=month_end, end__gte=month_start)
        events, filters = _filter(events, request.GET, now)
        weeks = _month_grid(events, first_day)
        context.update(
            weeks=weeks,
            month_has_events=any(day["events"] for week in weeks for day in week if day["in_month"]),
            month=first_day,
            previous_month=(first_day - timedelta(days=1)).replace(day=1),
            next_month=next_month,
            weekdays=[_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        )
    else:
        events, filters = _filter(_events(index).filter(end__gte=now), request.GET, now)
        context["events"] = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
        page_states = services.states(context["events"], now)
        for event in context["events"]:
            event.state = page_states[event.pk]
            event.state_label = services.STATE_LABELS[event.state]
    context.update(view=view, filters=filters, now=now, query=_query_without(request, "page"))
    context["filters_html"] = _filters_html(request, index, context)
    page_cache.expires_at(services.next_change_among(_events(index), now))
    return TemplateResponse(request, "events/event_index_page.html", context)


def _filters_html(request, index, context):
    """The filter form. The unfiltered list's is the same for every visitor: kept for anonymous ones
    under what it offers (the events below the index and the campaigns they name), as the library
    keeps its filter panel."""

    def render():
        options = _filter_options(index)
        return render_to_string(
            "events/includes/event_filters.html",
            {
                **options,
                **{name: context.get(name) for name in ("view", "filters", "month")},
                "page": index,
                "request": request,
            },
        )

    if context["view"] != "list" or any(context["filters"].values()):
        return render()
    name = ("events.index", index.pk, "filters")
    kept = KeptFragments(request, [name])
    if name not in kept.html:
        with kept.recording(name):
            page_cache.depends_on(page_cache.page_tag(index.pk), f"subtree:{index.pk}", model_tag(CampaignPage))
            html = render()
        kept.keep(name, html)
    return kept.html[name]


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
    page_cache.expires_at(services.next_change_among(_events(index), now))
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


def _json_ld(page, request, state, organisers):
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
    if organisers:
        data["organizer"] = [
            {"@type": "Organization", "name": o.label, **({"url": o.website} if o.website else {})} for o in organisers
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
    if page.is_delegate_mode:
        # The form's rows, roles and organisations and the quota table all read the quotas: once.
        prefetch_related_objects([registration_event], "quotas")
    language = translation.get_language() or settings.LANGUAGE_CODE
    form, status = None, 200
    # A POST counts no seats before the lock (the service counts them under it): only a page shown
    # again after a refusal needs them.
    if request.method == "POST" and services.event_state(page, now, remaining=None) in REGISTERING_STATES:
        form = RegistrationForm(page, request.POST, language=language)
        status, result = _submit(request, page, form)
        if result is not None:
            return open_registration(request, result.registration, new=result.created)
    remaining = services.remaining_for_page(registration_event) if page.takes_registrations else None
    state = services.event_state(page, now, remaining)
    if state not in REGISTERING_STATES:
        form = None
    elif form is None:
        form = RegistrationForm(page, language=language)
    selected = form.cleaned_data.get("organisation") if form is not None and hasattr(form, "cleaned_data") else None
    organisers = related(page, "organisers", ORGANISERS)
    context = page.get_context(request)
    campaign = _localized(page.campaign) if page.campaign_id else None
    context.update(
        campaign=campaign if campaign is not None and campaign.live else None,
        state=state,
        state_label=services.STATE_LABELS[state],
        remaining=remaining,
        form=form,
        register_url=reverse("events:register", args=[page.pk]),
        rate_limited=status == 429,
        # Quotas bind organisations' delegates only: an event where people register themselves has none.
        quota_summary=_quota_summary(registration_event) if page.is_delegate_mode else {},
        selected_usage=services.quota_usage(registration_event, selected) if selected else None,
        selected_organisation=selected,
        json_ld=_json_ld(page, request, state, organisers),
        organisers=organisers,
        google_calendar_url=google_calendar_link(page, page.get_full_url(request)),
        ical_url=page.url + page.reverse_subpage("ical_view"),
        quota_url=page.url + page.reverse_subpage("quota_view"),
        purge_days=settings.EVENTS_PURGE_AFTER_DAYS,
        # Per visitor and fresh, filled into every response (portal/pagecache.py): the page cache
        # keeps the rest of the page, and no visitor ever gets another's token or key.
        csrf_token=hole("csrf"),
        seats_left=hole("events.seats", f"{registration_event.pk}.{registration_event.capacity}")
        if remaining is not None
        else "",
    )
    # Registration opens or closes, the event starts or ends: the page changes by itself then.
    page_cache.expires_at(services.next_state_change(page, now))
    return TemplateResponse(request, "events/event_page.html", context, status=status)


def _submit(request, page, form):
    """The limits, the form's checks, then the registration: (HTTP status, the service's result or None)."""
    window = settings.EVENTS_RATE_LIMIT_WINDOW
    # Failed checks do not count towards the registrations' limit, only towards the flood limit.
    if not ratelimit.allow(request, "events-form", limit=settings.EVENTS_FLOOD_LIMIT, window=window):
        return 429, None
    if form.is_spam:
        form.add_error(None, _("Your registration could not be accepted. Please check the form and try again."))
        return 400, None
    if not form.is_valid():
        return 200, None
    if not ratelimit.allow(request, "events-registration", limit=settings.EVENTS_RATE_LIMIT, window=window):
        return 429, None
    try:
        return 200, services.register(page, form.to_request())
    except RegistrationBusy as error:
        form.add_error(None, error.message)
        return 503, None
    except SubmissionReused as error:
        form.renew_key()
        form.add_error(None, error.message)
        return 409, None
    except RegistrationError as error:
        _attach_error(form, error)
        return 200, None


def _localized(page):
    """``page.localized`` without a query when the page is in the active language already."""
    locale = _active_locale()
    return page if locale is not None and locale.pk == page.locale_id else page.localized


@require_http_methods(["GET", "POST"])
def register(request, pk):
    """The event page's form posts here. The event is found by its id in one query, where Wagtail's
    routing walks the page tree (seven queries, a fifth of what a registration cost); then the
    page is served as Wagtail serves it, and answers as at its own address."""
    page = get_object_or_404(EventPage.objects.live(), pk=pk)
    if request.method != "POST":
        # The address of a refused form, reloaded or shared: the event page itself.
        return redirect(page.url)
    route = (page.event_view, (), {})
    chain = wagtail_views.serve_chain
    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    # Wagtail's own hooks, as after its routing: view restrictions, allowed methods, the page cache's marks.
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, route, {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, route, {})


@register_hole("events.seats")
def seats_left(request, arg):
    """ "· 12 left", counted at most a few seconds ago; registration counts exactly under its lock."""
    event_id, capacity = (int(part) for part in arg.split("."))
    remaining = services.displayed_remaining(event_id, capacity)
    return render_to_string("events/includes/seats_left.html", {"remaining": remaining})


@register_hole("events.form_key")
def form_key(request, arg):
    """The registration form's one-time submission key (a double click registers once)."""
    return secrets.token_urlsafe(24)


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
            "organisation": organisation.label,
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


@uncompressed
@never_cache
@require_http_methods(["GET", "POST"])
def manage_link(request, token):
    """The link of the e-mails. A POST comes from a page opened before links moved the token out
    of the address, and is answered as before."""
    registration = get_object_or_404(_registrations(), token=token, anonymised_at__isnull=True)
    if request.method == "POST":
        return manage_registration(request, registration)
    return open_registration(request, registration)


@uncompressed
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
    delegates_form = details_form = None
    delegate_mode = event.registration_mode == RegistrationMode.DELEGATES
    if services.can_edit(registration, now):
        details_form = ContactForm(initial=_details_of(registration), delegate_mode=delegate_mode)
        if delegate_mode:
            delegates_form = DelegatesForm(registration)
    if request.method == "POST":
        action = request.POST.get("action")
        form = None
        try:
            if action == "cancel":
                services.cancel(registration, now=now)
                messages.success(request, _("Your registration has been cancelled. We have sent you a confirmation."))
                return redirect(request.path)
            if action == "details" and details_form is not None:
                form = details_form = ContactForm(request.POST, delegate_mode=delegate_mode)
                if details_form.is_valid():
                    services.update_details(registration, details_form.to_details(), now=now)
                    messages.success(request, _("Your details have been saved. We have sent you a confirmation."))
                    return redirect(request.path)
            elif action == "delegates" and delegates_form is not None:
                form = delegates_form = DelegatesForm(registration, request.POST)
                if delegates_form.is_valid():
                    services.update_delegates(registration, delegates_form.cleaned_data["delegates"], now=now)
                    messages.success(request, _("The delegates have been saved."))
                    return redirect(request.path)
            else:
                raise Http404
        except RegistrationError as error:
            if form is None:
                messages.error(request, error.message)
                return redirect(request.path)
            _attach_error(form, error)
    registration.refresh_from_db()
    localized_event = event.localized
    context = {
        "registration": registration,
        "attendees": list(registration.attendees.all()),
        "event": localized_event,
        "is_new": request.GET.get("new") == "1",
        "delegates_form": delegates_form,
        "details_form": details_form,
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


def _details_of(registration):
    return {
        "contact_name": registration.contact_name,
        "email": registration.email,
        "phone": registration.phone,
        "position": registration.position,
    }


def _waiting_position(registration):
    if registration.status != RegistrationStatus.WAITING:
        return None
    ahead = Registration.objects.filter(
        event=registration.event_id, status=RegistrationStatus.WAITING, created_at__lt=registration.created_at
    ).count()
    return ahead + 1
