"""The e-mails a registrant receives, queued after the transaction commits.

They go through the portal's outbox (portal/mail.py): a failing mail server delays them, never loses them.
"""

import io
import logging

import segno
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .ical import calendar
from .models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)


def public_url(path):
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path


def manage_url(registration):
    with translation.override(registration.language):
        return public_url(reverse("events:manage", kwargs={"token": registration.token}))


def check_in_url(registration):
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "events_admin:check_in_reference", kwargs={"reference": registration.reference}
    )


def check_in_qr(registration):
    return segno.make(check_in_url(registration), error="m")


def qr_png(registration):
    buffer = io.BytesIO()
    check_in_qr(registration).save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _subject_and_lead(registration, kind, event):
    status = registration.status
    if kind in ("confirmed", "promoted", "approved") and status == RegistrationStatus.CONFIRMED:
        lead = {
            "confirmed": _("Your registration is confirmed."),
            "promoted": _("Good news: a seat has become free and your registration is now confirmed."),
            "approved": _("The organisers have approved your registration."),
        }[kind]
        return _("Registration confirmed: %(event)s") % {"event": event.title}, lead
    if status == RegistrationStatus.PENDING:
        lead = (
            _("A seat has become free for you; the organisers will now review your registration.")
            if kind == "promoted"
            else _("We have received your registration. The organisers will review it and write to you.")
        )
        return _("Registration received: %(event)s") % {"event": event.title}, lead
    if kind == "waiting":
        return _("On the waiting list: %(event)s") % {"event": event.title}, _(
            "The event is full, so you are on the waiting list. If a seat becomes free, your registration "
            "is confirmed automatically and we write to you."
        )
    if kind == "cancelled":
        return _("Registration cancelled: %(event)s") % {"event": event.title}, _(
            "Your registration has been cancelled. If this was not you, reply to this e-mail."
        )
    if kind == "reminder":
        return _("Reminder: %(event)s") % {"event": event.title}, _("The event you registered for is coming soon.")
    return _("Registration updated: %(event)s") % {"event": event.title}, _("Your registration has been updated.")


def build_message(registration, kind):
    with translation.override(registration.language):
        # The registrant's language: the translated page's title, dates and address.
        event = registration.event.localized
        subject, lead = _subject_and_lead(registration, kind, event)
        context = {
            "registration": registration,
            "event": event,
            "lead": lead,
            "manage_url": manage_url(registration),
            "event_url": event.get_full_url(),
            "attendees": list(registration.attendees.all()),
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        }
        body = render_to_string("events/emails/registration.txt", context)
        message = EmailMessage(subject=subject, body=body, to=[registration.email])
        if registration.status == RegistrationStatus.CONFIRMED and kind != "cancelled":
            message.attach(f"{registration.reference}.png", qr_png(registration), "image/png")
            message.attach("event.ics", calendar([(event, context["event_url"])]), "text/calendar")
    return message


def send_registration_mail(registration_id, kind):
    """Never raises: the registration is saved already and stays valid whatever happens to its mail."""
    try:
        registration = Registration.objects.select_related("event").get(pk=registration_id)
        if registration.anonymised_at:
            return
        build_message(registration, kind).send()
    except Exception:
        logger.exception("Could not send the %s e-mail for registration %s", kind, registration_id)
