"""Registration rules: register, edit details or delegates, cancel, promote, approve, check in, remind, purge.

Every function that changes seats runs in one transaction that locks the event's row
(``lock_event``) before it counts: first thing, or, to register, once the new rows are written
(``register``). Seats and quotas are always counted from the registrations themselves, under
that lock, never kept in a counter. On PostgreSQL the lock is a real row lock
(``SELECT … FOR UPDATE``); SQLite has no row locks, but the project opens every transaction
with ``BEGIN IMMEDIATE``, so writers are serialised there and the same code stays correct.

E-mails are built by a task enqueued once the transaction commits, and go through the portal's
outbox, which retries when the mail server fails: a registration is never lost because of mail,
nor its mail, and the request that registers never waits for either. The history entries and the
count of seats that pages show are tasks too, so that the event's lock is held only for what
decides a seat.
"""

import logging
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.log_actions import get_active_log_context, log

from portal.cache import invalidate_pages
from portal.pagecache import current_request, locales_by_code
from portal.tasks import enqueue_on_commit

from .models import (
    ACTIVE_STATUSES,
    SEAT_HOLDING_STATUSES,
    Attendee,
    EventPage,
    Registration,
    RegistrationMode,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a reference read out over the phone or copied from paper stays unambiguous.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 8


class RegistrationError(Exception):
    """A rule refused the request; ``field`` names the form field the message belongs to."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class RegistrationBusy(RegistrationError):
    """The event's lock could not be taken in time: nothing was saved, the person may retry."""


class SubmissionReused(RegistrationError):
    """The form's one-time key already made a registration with other details (a form restored by
    a kiosk browser or a cache): nothing was saved, and nothing of the other registration is shown."""


class EventState(StrEnum):
    NO_REGISTRATION = "no_registration"
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    WAITING_LIST = "waiting_list"
    FULL = "full"
    CLOSED = "closed"
    CANCELLED = "cancelled"
    FINISHED = "finished"


STATE_LABELS = {
    EventState.NO_REGISTRATION: gettext_lazy("No registration needed"),
    EventState.NOT_YET_OPEN: gettext_lazy("Registration not yet open"),
    EventState.OPEN: gettext_lazy("Registration open"),
    EventState.WAITING_LIST: gettext_lazy("Full: waiting list open"),
    EventState.FULL: gettext_lazy("Full"),
    EventState.CLOSED: gettext_lazy("Registration closed"),
    EventState.CANCELLED: gettext_lazy("Cancelled"),
    EventState.FINISHED: gettext_lazy("Finished"),
}


@dataclass
class DelegateData:
    full_name: str
    role: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""


@dataclass
class RegistrationRequest:
    contact_name: str
    email: str
    phone: str = ""
    position: str = ""
    organisation: object = None
    delegates: list = field(default_factory=list)
    answers: list = field(default_factory=list)
    language: str = "vi"
    idempotency_key: str = ""
    consent: bool = False


@dataclass
class ContactDetails:
    """What a registrant may change about themselves on the private page."""

    contact_name: str
    email: str
    phone: str = ""
    position: str = ""


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool


def normalise_email(email):
    return email.strip().lower()


def new_reference():
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def parse_reference(text):
    """What a person typed or scanned (``k7qm-4x9z``) as stored (``K7QM4X9Z``)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


# --- Reading ---------------------------------------------------------------------------


def seats_taken(event):
    return Attendee.objects.filter(registration__event=event, registration__status__in=SEAT_HOLDING_STATUSES).count()


def remaining_seats(event):
    """Free seats, or None when the event has no capacity limit."""
    if event.capacity is None:
        return None
    return max(0, event.capacity - seats_taken(event))


def displayed_remaining(event_id, capacity):
    """Free seats as event pages show them: counted at most ``EVENTS_SEATS_CACHE_SECONDS`` ago, and
    again after every change of seats (``seats_changed``). Registration itself counts under the lock."""
    return max(0, capacity - _taken(event_id))


def _taken(event_id, found=None):
    """The seats taken as noted on the request being served, whose page shows the count twice (in
    its text, and in the hole that a kept copy of the page fills for each visitor); else as the
    cache has them (``found``: the cache's answer to a read of several keys), counted and kept
    again when it has none."""
    request = current_request()
    known = request.__dict__.setdefault("_portal_seats_taken", {}) if request is not None else {}
    if event_id in known:
        return known[event_id]
    key = _taken_key(event_id)
    taken = found.get(key) if found is not None else cache.get(key)
    if taken is None:
        taken = seats_taken(event_id)
        cache.set(key, taken, timeout=settings.EVENTS_SEATS_CACHE_SECONDS)
    known[event_id] = taken
    return taken


def states(events, now):
    """The state of each event of a list, in two queries whatever its length (seats are counted on
    the default-language page that holds the registrations)."""
    events = list(events)
    default_locale = locales_by_code().get(settings.LANGUAGE_CODE)
    default = default_locale.pk if default_locale else None
    keys = {event.translation_key for event in events if event.locale_id != default}
    originals = {
        key: (pk, capacity)
        for key, pk, capacity in EventPage.objects.filter(locale_id=default, translation_key__in=keys).values_list(
            "translation_key", "pk", "capacity"
        )
    }
    holders = {
        event.pk: (event.pk, event.capacity)
        if event.locale_id == default
        else originals.get(event.translation_key, (event.pk, event.capacity))
        for event in events
    }
    taken = dict(
        Attendee.objects.filter(
            registration__event__in={pk for pk, _capacity in holders.values()},
            registration__status__in=SEAT_HOLDING_STATUSES,
        )
        .values_list("registration__event")
        .annotate(seats=Count("pk"))
    )
    result = {}
    for event in events:
        holder, capacity = holders[event.pk]
        remaining = None if capacity is None else max(0, capacity - taken.get(holder, 0))
        result[event.pk] = event_state(event, now, remaining)
    return result


def next_state_change(event, now):
    """When the event's state changes by itself (registration opens or closes, it starts or ends)."""
    moments = [event.registration_opens, event.effective_registration_closes, event.start, event.end]
    return min((moment for moment in moments if moment and moment > now), default=None)


def next_change_among(events, now):
    """The next moment any of these events changes state: what a list of them shows changes then."""
    found = events.aggregate(
        **{
            name: Min(name, filter=Q(**{f"{name}__gt": now}))
            for name in ("start", "end", "registration_opens", "registration_closes")
        }
    )
    return min((moment for moment in found.values() if moment), default=None)


def _taken_key(event_id):
    return f"events:seats-taken:{event_id}"


def _availability_key(event_id):
    return f"events:seats-available:{event_id}"


def remaining_for_page(event):
    """Free seats as the event's page shows them (None: no limit), noting whether it shows any free
    for ``seats_changed`` to compare with. Counted at most ``EVENTS_SEATS_CACHE_SECONDS`` ago, like
    ``displayed_remaining``, and both keys read at once: the page is kept and invalidated when
    availability flips, and registration counts exactly under the lock."""
    if event.capacity is None:
        return None
    taken_key, shown_key = _taken_key(event.pk), _availability_key(event.pk)
    found = cache.get_many([taken_key, shown_key])
    remaining = max(0, event.capacity - _taken(event.pk, found))
    if found.get(shown_key) is None:
        cache.add(shown_key, remaining > 0, timeout=None)
    return remaining


def seats_changed(event_id):
    """After a commit that took or freed seats: pages show the new count, and pages that show the
    event's state (open, or full) are invalidated when it flips."""
    event = EventPage.objects.filter(pk=event_id).only("capacity").first()
    if event is None or event.capacity is None:
        return
    taken = seats_taken(event_id)
    cache.set(_taken_key(event_id), taken, timeout=settings.EVENTS_SEATS_CACHE_SECONDS)
    available = taken < event.capacity
    key = _availability_key(event_id)
    if cache.get(key) != available:
        cache.set(key, available, timeout=None)
        invalidate_pages([event_id])


@task()
def refresh_seats(event_id):
    """``seats_changed`` in the task worker: the request that took or freed the seats has answered."""
    seats_changed(event_id)


def _seats_changed_on_commit(event):
    # Lost with a crash just after the commit, the count heals by itself: it is kept for a few seconds only.
    enqueue_on_commit(refresh_seats, event.pk)


def event_state(event, now=None, remaining=...):
    now = now or timezone.now()
    if event.is_cancelled:
        return EventState.CANCELLED
    if event.end <= now:
        return EventState.FINISHED
    if not event.takes_registrations:
        return EventState.NO_REGISTRATION
    if event.registration_opens and now < event.registration_opens:
        return EventState.NOT_YET_OPEN
    if now >= event.effective_registration_closes:
        return EventState.CLOSED
    if remaining is ...:
        remaining = remaining_seats(event.registration_event())
    if remaining is None or remaining > 0:
        return EventState.OPEN
    return EventState.WAITING_LIST if event.waiting_list else EventState.FULL


def status_counts(event):
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for status, seats in _seat_counts_by_status(event).items():
        counts[status] = seats
    counts["attended"] = Attendee.objects.filter(registration__event=event, checked_in_at__isnull=False).count()
    counts["registrations"] = Registration.objects.filter(event=event).count()
    return counts


def _seat_counts_by_status(event):
    return Counter(Attendee.objects.filter(registration__event=event).values_list("registration__status", flat=True))


def applicable_quotas(event, organisation_kind):
    return [quota for quota in event.quotas.all() if quota.applies_to_kind(organisation_kind)]


def organisation_roles_used(event, organisation, exclude_registration=None):
    attendees = Attendee.objects.filter(
        registration__event=event, registration__organisation=organisation, registration__status__in=ACTIVE_STATUSES
    )
    if exclude_registration is not None:
        attendees = attendees.exclude(registration=exclude_registration)
    return Counter(attendees.values_list("role", flat=True))


def quota_usage(event, organisation, exclude_registration=None):
    """What the organisation has used and may still send, quota by quota."""
    used_roles = organisation_roles_used(event, organisation, exclude_registration)
    usage = []
    for quota in applicable_quotas(event, organisation.kind):
        used = sum(count for role, count in used_roles.items() if quota.applies_to_role(role))
        usage.append({"quota": quota, "used": used, "remaining": max(0, quota.max_per_organisation - used)})
    return usage


def quota_totals(event):
    """For organisers: per quota, how many organisations and delegates use it so far."""
    totals = []
    rows = Attendee.objects.filter(
        registration__event=event, registration__status__in=ACTIVE_STATUSES, registration__organisation__isnull=False
    ).values_list("registration__organisation_id", "registration__organisation__kind", "role")
    rows = list(rows)
    for quota in event.quotas.all():
        matching = [row for row in rows if quota.applies_to_kind(row[1]) and quota.applies_to_role(row[2])]
        organisations = Counter(row[0] for row in matching)
        totals.append(
            {
                "quota": quota,
                "organisations": len(organisations),
                "delegates": len(matching),
                "full_organisations": sum(1 for n in organisations.values() if n >= quota.max_per_organisation),
            }
        )
    return totals


# --- Locking ---------------------------------------------------------------------------


# What the rules read from the locked event, and all that the lock loads: the query is built and
# sent inside every locked section, and a page's other columns are many.
RULE_FIELDS = (
    "capacity",
    "waiting_list",
    "requires_approval",
    "registration_mode",
    "is_cancelled",
    "start",
    "end",
    "registration_opens",
    "registration_closes",
)


def lock_event(event):
    """Lock the event's row for the rest of the transaction and return it fresh from the database.

    The queryset is evaluated (``.get()``): an unevaluated ``select_for_update()`` takes no lock.
    ``of=("self",)`` locks the event row only, not Wagtail's page row that editors write to.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_event() must run inside transaction.atomic()")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = %s", [f"{settings.EVENTS_LOCK_TIMEOUT_SECONDS}s"])
    try:
        return EventPage.objects.select_for_update(of=("self",)).only(*RULE_FIELDS).get(pk=event.pk)
    except OperationalError as error:
        logger.warning("Event %s is busy: %s", event.pk, error)
        raise RegistrationBusy(_("Many people are registering right now. Please try again in a moment.")) from error


# --- Writing ---------------------------------------------------------------------------


def _check_window(event, now, staff):
    if event.is_cancelled:
        raise RegistrationError(_("This event has been cancelled."))
    if event.end <= now:
        raise RegistrationError(_("This event has already taken place."))
    if staff:
        return
    if not event.takes_registrations:
        raise RegistrationError(_("This event does not take registrations."))
    if event.registration_opens and now < event.registration_opens:
        raise RegistrationError(_("Registration has not opened yet."))
    if now >= event.effective_registration_closes:
        raise RegistrationError(_("Registration is closed."))


def _check_delegates(event, organisation, delegates, exclude_registration=None):
    if not delegates:
        raise RegistrationError(_("Enter at least one delegate."), field="delegates")
    emails = [normalise_email(d.email) for d in delegates if d.email]
    if len(emails) != len(set(emails)):
        raise RegistrationError(_("Each delegate needs their own e-mail address."), field="delegates")
    quotas = list(event.quotas.all())
    if not quotas:
        return
    if organisation is None:
        raise RegistrationError(_("Choose your organisation."), field="organisation")
    applicable = applicable_quotas(event, organisation.kind)
    if not applicable:
        raise RegistrationError(
            _("Organisations of the kind “%(kind)s” are not invited to this event.")
            % {"kind": organisation.get_kind_display()},
            field="organisation",
        )
    for delegate in delegates:
        if not any(quota.applies_to_role(delegate.role) for quota in applicable):
            raise RegistrationError(
                _("An organisation of this kind cannot send a delegate with the role “%(role)s”.")
                % {"role": _role_label(delegate.role)},
                field="delegates",
            )
    used_roles = organisation_roles_used(event, organisation, exclude_registration)
    new_roles = Counter(delegate.role for delegate in delegates)
    for quota in applicable:
        used = sum(n for role, n in used_roles.items() if quota.applies_to_role(role))
        wanted = sum(n for role, n in new_roles.items() if quota.applies_to_role(role))
        if used + wanted > quota.max_per_organisation:
            remaining = max(0, quota.max_per_organisation - used)
            raise RegistrationError(
                _("%(organisation)s may send at most %(max)s %(role)s; %(remaining)s more can still be registered.")
                % {
                    "organisation": organisation.label,
                    "max": quota.max_per_organisation,
                    "role": _role_label(quota.role).lower(),
                    "remaining": remaining,
                },
                field="delegates",
            )


def _role_label(role):
    from .models import DelegateRole

    return str(DelegateRole(role).label) if role else _("delegates")


def _status_for_new_seats(event, seats, taken):
    """The status of a registration for ``seats`` when ``taken`` seats are held by the others."""
    remaining = None if event.capacity is None else max(0, event.capacity - taken)
    if remaining is None or seats <= remaining:
        return _seat_status(event)
    if event.waiting_list:
        return RegistrationStatus.WAITING
    if remaining == 0:
        raise RegistrationError(_("Sorry, this event is full."))
    raise RegistrationError(
        _("Only %(remaining)s seats are left: register fewer delegates.") % {"remaining": remaining},
        field="delegates",
    )


def _seat_status(event):
    return RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED


def register(event, data, *, user=None, staff=False, now=None, notify=True):
    """Register a person or an organisation's delegates; a repeated submission returns the first result.

    The registration is written first, as holding its seats, and the event locked only then, to
    count the seats and settle its status: every registration of the event waits for that lock, so
    it is held for a count, the history task and the commit (and a status change when the event is
    full). Uncommitted, the new rows are seen by no one else; the unique constraints stand behind
    the checks made before the lock (a double click, an address registered twice at once).

    ``notify=False`` is for imports of past registrations (the demo seed), which must not mail anyone.
    """
    now = now or timezone.now()
    event = event.registration_event()
    reference = _unique_reference()
    try:
        with transaction.atomic():
            email = normalise_email(data.email)
            # This submission made before, or the address registered already: both in one query.
            same = Q(idempotency_key=data.idempotency_key) if data.idempotency_key else Q(pk__in=[])
            found = list(
                Registration.objects.filter(same | Q(status__in=ACTIVE_STATUSES, email_normalised=email), event=event)
            )
            earlier = _earlier_submission(event, data, found)
            if earlier is not None:
                return earlier
            _check_window(event, now, staff)
            if not data.consent and not staff:
                raise RegistrationError(_("Please agree to the processing of your personal data."), field="consent")
            if any(registration.email_normalised == email and registration.is_active for registration in found):
                raise RegistrationError(
                    _(
                        "This e-mail address is already registered for this event. Use the link in your "
                        "confirmation e-mail to change or cancel the registration."
                    ),
                    field="email",
                )
            delegates = (
                data.delegates
                if event.registration_mode == RegistrationMode.DELEGATES
                else [DelegateData(data.contact_name, "", data.position, data.email, data.phone)]
            )
            registration = Registration.objects.create(
                event=event,
                reference=reference,
                token=secrets.token_urlsafe(32),
                idempotency_key=data.idempotency_key,
                status=_seat_status(event),
                organisation=data.organisation if event.registration_mode == RegistrationMode.DELEGATES else None,
                contact_name=data.contact_name.strip(),
                email=data.email.strip(),
                email_normalised=email,
                phone=data.phone.strip(),
                position=data.position.strip(),
                answers=data.answers,
                language=data.language,
                consented_at=now if data.consent else None,
                source="staff" if staff else "web",
                created_at=now,
                status_changed_at=now,
            )
            _create_attendees(registration, delegates)
            locked = lock_event(event)
            if event.registration_mode == RegistrationMode.DELEGATES:
                _check_delegates(locked, data.organisation, delegates, exclude_registration=registration)
            # The count includes this registration's own seats, held since its insert.
            status = _status_for_new_seats(locked, len(delegates), seats_taken(locked) - len(delegates))
            if status != registration.status:
                registration.status = status
                registration.save(update_fields=["status"])
            if status in SEAT_HOLDING_STATUSES:
                _seats_changed_on_commit(locked)
            _log(registration, "events.registration.create", user, status=status)
            if notify:
                _notify(registration, status)
    except IntegrityError:
        # The unique constraints caught a duplicate the checks above could not see (the same
        # submission or address at the same moment): answer as the checks would have.
        earlier = _earlier_submission(
            event, data, Registration.objects.filter(event=event, idempotency_key=data.idempotency_key)
        )
        if earlier is not None:
            return earlier
        raise RegistrationError(_("This e-mail address is already registered for this event."), field="email") from None
    return RegistrationResult(registration, created=True)


def _earlier_submission(event, data, registrations):
    """The registration this very submission made before (a double click, a retry), or None;
    looked for among ``registrations``, those of the event the caller has loaded with this key.

    The key alone proves nothing: a browser that restores a form sends the same key with another
    person's details, who must not be shown the first person's private page.
    """
    if not data.idempotency_key:
        return None
    earlier = next((r for r in registrations if r.idempotency_key == data.idempotency_key), None)
    if earlier is None:
        return None
    if _submitted_details(event, data) != _stored_details(event, earlier):
        raise SubmissionReused(
            _(
                "This form has already been sent with other details, so it was not saved again. "
                "Please check your details and send the form once more."
            )
        )
    return RegistrationResult(earlier, created=False)


def _submitted_details(event, data):
    delegates = data.delegates if event.registration_mode == RegistrationMode.DELEGATES else []
    organisation = data.organisation if event.registration_mode == RegistrationMode.DELEGATES else None
    return (
        (data.contact_name.strip(), normalise_email(data.email), data.phone.strip(), data.position.strip()),
        organisation.pk if organisation else None,
        list(data.answers),
        [
            (d.full_name.strip(), d.role, d.position.strip(), normalise_email(d.email), d.phone.strip())
            for d in delegates
        ],
    )


def _stored_details(event, registration):
    delegates = []
    if event.registration_mode == RegistrationMode.DELEGATES:
        delegates = [
            (a.full_name, a.role, a.position, normalise_email(a.email), a.phone)
            for a in registration.attendees.order_by("pk")
        ]
    return (
        (registration.contact_name, registration.email_normalised, registration.phone, registration.position),
        registration.organisation_id,
        list(registration.answers),
        delegates,
    )


def _unique_reference():
    while True:
        reference = new_reference()
        if not Registration.objects.filter(reference=reference).exists():
            return reference


def _create_attendees(registration, delegates):
    Attendee.objects.bulk_create(
        Attendee(
            registration=registration,
            full_name=d.full_name.strip(),
            role=d.role,
            position=d.position.strip(),
            email=d.email.strip(),
            phone=d.phone.strip(),
        )
        for d in delegates
    )


def _lock_for_change(registration, staff, now, too_late):
    """The locked event and registration, if the registrant may still change it (organisers always may)."""
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        raise RegistrationError(_("This registration has been cancelled."))
    if not staff and not can_edit(registration, now):
        raise RegistrationError(too_late)
    return event, registration


def update_delegates(registration, delegates, *, user=None, staff=False, now=None):
    """Replace an organisation's delegates (before the deadline), keeping quotas and capacity."""
    now = now or timezone.now()
    with transaction.atomic():
        event, registration = _lock_for_change(
            registration, staff, now, _("Delegates can no longer be changed: the registration deadline has passed.")
        )
        _check_delegates(event, registration.organisation, delegates, exclude_registration=registration)
        old_seats = registration.attendees.count()
        extra = len(delegates) - old_seats
        if registration.status in SEAT_HOLDING_STATUSES and extra > 0:
            remaining = remaining_seats(event)
            if remaining is not None and extra > remaining:
                raise RegistrationError(
                    _("Only %(remaining)s more seats are free.") % {"remaining": remaining}, field="delegates"
                )
        registration.attendees.all().delete()
        _create_attendees(registration, delegates)
        if registration.status in SEAT_HOLDING_STATUSES:
            _seats_changed_on_commit(event)
        registration.save(update_fields=["updated_at"])
        _log(registration, "events.registration.edit", user, seats=len(delegates))
        _notify(registration, "updated")
        if extra < 0:
            _promote_waiting(event, user, now)
    return registration


def update_details(registration, details, *, user=None, staff=False, now=None):
    """The registrant corrects their own name, e-mail, phone or position (before the deadline).

    The seat, the place in the waiting list and the organisation's quota are untouched: only who
    the registration is for changes, and an e-mail address stays unique among the event's
    active registrations.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            event, registration = _lock_for_change(
                registration, staff, now, _("Your details can no longer be changed online: registration has closed.")
            )
            email = normalise_email(details.email)
            taken = (
                Registration.objects.active().filter(event=event, email_normalised=email).exclude(pk=registration.pk)
            )
            if taken.exists():
                raise RegistrationError(
                    _("Another registration for this event already uses this e-mail address."), field="email"
                )
            registration.contact_name = details.contact_name.strip()
            registration.email = details.email.strip()
            registration.email_normalised = email
            registration.phone = details.phone.strip()
            registration.position = details.position.strip()
            registration.save(
                update_fields=["contact_name", "email", "email_normalised", "phone", "position", "updated_at"]
            )
            if event.registration_mode != RegistrationMode.DELEGATES:
                # An individual is the registration's one attendee: the check-in list follows.
                registration.attendees.update(
                    full_name=registration.contact_name,
                    email=registration.email,
                    phone=registration.phone,
                    position=registration.position,
                )
            _log(registration, "events.registration.details", user)
            _notify(registration, "updated")
    except IntegrityError:
        raise RegistrationError(
            _("Another registration for this event already uses this e-mail address."), field="email"
        ) from None
    return registration


def cancel(registration, *, user=None, staff=False, reason="", now=None):
    """Cancel (idempotent); a freed seat goes to the first in line on the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        if not staff and event.start <= now:
            raise RegistrationError(_("The event has started: the registration can no longer be cancelled online."))
        freed = registration.status in SEAT_HOLDING_STATUSES
        registration.status = RegistrationStatus.CANCELLED
        registration.status_changed_at = now
        if reason:
            registration.staff_note = "\n".join(filter(None, [registration.staff_note, reason]))
        registration.save(update_fields=["status", "status_changed_at", "staff_note", "updated_at"])
        _log(registration, "events.registration.cancel", user, by_staff=staff)
        _notify(registration, "cancelled")
        if freed:
            _seats_changed_on_commit(event)
            _promote_waiting(event, user, now)
    return registration


def promote_waiting(event, *, user=None, now=None):
    """Give free seats to the waiting list (first come, first served); returns the promoted registrations."""
    with transaction.atomic():
        event = lock_event(event.registration_event())
        return _promote_waiting(event, user, now or timezone.now())


def _promote_waiting(event, user, now):
    if event.is_cancelled or event.start <= now:
        return []
    remaining = remaining_seats(event)
    promoted = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by("created_at", "pk")
    for registration in waiting.prefetch_related("attendees"):
        if remaining is not None and remaining <= 0:
            break
        seats = registration.seats
        # A group larger than the free seats keeps its place; a smaller one behind it may go first.
        if remaining is not None and seats > remaining:
            continue
        _move_to_seat(registration, event, user, now, "events.registration.promote")
        promoted.append(registration)
        if remaining is not None:
            remaining -= seats
    return promoted


def _move_to_seat(registration, event, user, now, action):
    registration.status = RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    registration.status_changed_at = now
    registration.save(update_fields=["status", "status_changed_at", "updated_at"])
    _seats_changed_on_commit(event)
    _log(registration, action, user, status=registration.status)
    _notify(registration, "promoted")


def promote(registration, *, user=None, now=None):
    """An organiser moves one registration off the waiting list, if its seats are free."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.WAITING:
            raise RegistrationError(_("Only a registration on the waiting list can be promoted."))
        remaining = remaining_seats(event)
        if remaining is not None and registration.attendees.count() > remaining:
            raise RegistrationError(_("Not enough free seats: raise the capacity or cancel a registration first."))
        _move_to_seat(registration, event, user, now, "events.registration.promote")
    return registration


def approve(registration, *, user=None, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        lock_event(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            raise RegistrationError(_("Only a registration awaiting approval can be approved."))
        registration.status = RegistrationStatus.CONFIRMED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at", "updated_at"])
        _log(registration, "events.registration.approve", user)
        _notify(registration, "approved")
    return registration


def check_in(attendee, *, user=None, undo=False, now=None):
    """Mark an attendee present (idempotent); only confirmed registrations get in."""
    now = now or timezone.now()
    with transaction.atomic():
        attendee = Attendee.objects.select_for_update().select_related("registration").get(pk=attendee.pk)
        if attendee.registration.status != RegistrationStatus.CONFIRMED:
            raise RegistrationError(
                _("This registration is “%(status)s”: it cannot be checked in.")
                % {"status": attendee.registration.get_status_display()}
            )
        if undo == (attendee.checked_in_at is None):
            return attendee
        attendee.checked_in_at = None if undo else now
        attendee.save(update_fields=["checked_in_at"])
        _log(attendee.registration, "events.attendee.undo_check_in" if undo else "events.attendee.check_in", user)
    return attendee


def can_edit(registration, now=None):
    now = now or timezone.now()
    event = registration.event
    return registration.is_active and not event.is_cancelled and now < event.effective_registration_closes


def can_cancel(registration, now=None):
    now = now or timezone.now()
    return registration.is_active and now < registration.event.start


# --- Commands --------------------------------------------------------------------------


def send_reminders(now=None, hours=None):
    """Mail each confirmed registration once before its event; safe to run from cron any number of times."""
    now = now or timezone.now()
    hours = settings.EVENTS_REMINDER_HOURS if hours is None else hours
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        anonymised_at__isnull=True,
        event__is_cancelled=False,
        event__start__gt=now,
        event__start__lte=now + timedelta(hours=hours),
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            # Claiming the row with a conditional update means two overlapping runs never both send.
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if claimed:
                _notify(Registration.objects.get(pk=pk), "reminder")
                sent += claimed
    return sent


def purge_registrations(now=None, days=None):
    """Anonymise the personal data of registrations whose event ended ``days`` ago; counts stay."""
    now = now or timezone.now()
    days = settings.EVENTS_PURGE_AFTER_DAYS if days is None else days
    cutoff = now - timedelta(days=days)
    registrations = Registration.objects.filter(anonymised_at__isnull=True, event__end__lt=cutoff)
    purged = 0
    for registration in registrations.iterator():
        with transaction.atomic():
            Attendee.objects.filter(registration=registration).update(
                full_name=_("(anonymised)"), email="", phone="", position=""
            )
            registration.contact_name = _("(anonymised)")
            registration.email = f"{registration.reference.lower()}@anonymised.invalid"
            registration.email_normalised = registration.email
            registration.phone = ""
            registration.position = ""
            registration.answers = []
            registration.staff_note = ""
            registration.anonymised_at = now
            registration.save()
            _log(registration, "events.registration.anonymise", None)
        purged += 1
    return purged


# --- Side effects ----------------------------------------------------------------------


def _log(registration, action, user, **data):
    """History entries carry the reference and the status, never personal data.

    They are written by a task enqueued inside the transaction: with the database backend the task
    is stored with the change itself, so the trail is never lost nor written for a change that
    rolled back, and the event's lock is held for one insert instead of six queries.
    """
    context = get_active_log_context()
    user = user or context.user
    write_log.enqueue(
        registration.pk,
        action,
        user.pk if user else None,
        {"reference": registration.reference, **{k: str(v) for k, v in data.items()}},
        timezone.now().isoformat(),
        str(context.uuid) if context.uuid else None,
    )


@task()
def write_log(registration_id, action, user_id, data, timestamp, uuid):
    """The history entries of a change, on the registration and on its event, dated when it happened."""
    from django.contrib.auth import get_user_model

    registration = Registration.objects.select_related("event").get(pk=registration_id)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    moment = datetime.fromisoformat(timestamp)
    for instance in (registration, registration.event):
        log(instance=instance, action=action, user=user, uuid=uuid, data=data, timestamp=moment)


def log_export(event, user, fmt):
    """Who took personal data out of the portal, and when."""
    log(instance=event, action="events.registration.export", user=user, data={"format": fmt})


def _notify(registration, kind):
    from .emails import registration_mail

    enqueue_on_commit(registration_mail, registration.pk, kind)
