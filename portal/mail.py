"""Outgoing e-mail: every message is kept in an outbox and delivered by a task, with retries.

``EMAIL_BACKEND`` is ``OutboxBackend``: whoever sends mail through Django's mail API (the
events app, Wagtail's moderation notices, password resets) only writes a row of
``OutgoingEmail``. After the transaction commits, the ``deliver_email`` task hands the message
to the real transport (``EMAIL_TRANSPORT_BACKEND``: SMTP in production). When the mail server
fails, the row stays, and the task tries again with exponential backoff; after
``MAIL_MAX_ATTEMPTS`` it is marked failed, and an administrator sees it in the admin
(Settings → Outgoing e-mail) or with ``manage.py send_queued_mail --failed``, which sends it again.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail, OutgoingEmailStatus
from .tasks import enqueue_later, enqueue_on_commit, retry_delay

logger = logging.getLogger(__name__)

# A delivery that has been "sending" this long was cut off (a worker stopped): try it again.
STALE_SENDING = timedelta(minutes=15)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            queue(message)
        return len(email_messages)


# --- Keeping a message -----------------------------------------------------------------


def _encode(content):
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def _decode(value):
    return base64.b64decode(value["base64"]) if "base64" in value else value["text"]


def serialise(message):
    """Everything that rebuilds the message, as JSON."""
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            # A MIMEBase part cannot be rebuilt reliably: refuse it now rather than lose it later.
            raise TypeError("Outgoing e-mail attachments must be (filename, content, mimetype) tuples.")
        filename, content, mimetype = attachment
        attachments.append({"filename": filename, "mimetype": mimetype, **_encode(content)})
    return {
        "body": message.body,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "encoding": message.encoding,
        "alternatives": [
            {"mimetype": mimetype, **_encode(content)} for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def rebuild(email):
    content = email.content
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=content["body"],
        from_email=email.from_email,
        to=content["to"],
        cc=content["cc"],
        bcc=content["bcc"],
        reply_to=content["reply_to"],
        headers=content["headers"],
        alternatives=[(_decode(a), a["mimetype"]) for a in content["alternatives"]],
    )
    message.content_subtype = content["content_subtype"]
    message.encoding = content["encoding"]
    for attachment in content["attachments"]:
        message.attach(attachment["filename"], _decode(attachment), attachment["mimetype"])
    return message


def queue(message: EmailMessage):
    """Keep the message and deliver it once the current transaction commits."""
    email = OutgoingEmail.objects.create(
        subject=message.subject[:998],
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        recipients=message.recipients(),
        content=serialise(message),
        next_attempt_at=timezone.now(),
    )
    enqueue_on_commit(deliver_email, email.pk)
    return email


# --- Delivering it ---------------------------------------------------------------------


def _claim(email_id, now):
    """Mark the message as being sent and count the attempt; None if another run has it or it is done."""
    claimable = Q(status=OutgoingEmailStatus.QUEUED) | Q(
        status=OutgoingEmailStatus.SENDING, next_attempt_at__lt=now - STALE_SENDING
    )
    claimed = OutgoingEmail.objects.filter(claimable, pk=email_id).update(
        status=OutgoingEmailStatus.SENDING, next_attempt_at=now, attempts=F("attempts") + 1
    )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


@task()
def deliver_email(email_id):
    """Hand one kept message to the mail server; on failure keep it and try again later."""
    now = timezone.now()
    email = _claim(email_id, now)
    if email is None:
        return
    try:
        with get_connection(settings.EMAIL_TRANSPORT_BACKEND) as connection:
            if not connection.send_messages([rebuild(email)]):
                raise RuntimeError("The mail transport accepted no message.")
    except Exception as error:
        _record_failure(email, error, now)
        return
    email.status = OutgoingEmailStatus.SENT
    email.sent_at = timezone.now()
    email.next_attempt_at = None
    email.last_error = ""
    email.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error"])


def _record_failure(email, error, now):
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.MAIL_MAX_ATTEMPTS:
        email.status = OutgoingEmailStatus.FAILED
        email.next_attempt_at = None
        logger.error("Giving up on e-mail %s after %s attempts: %s", email.pk, email.attempts, email.last_error)
    else:
        delay = retry_delay(email.attempts, base_seconds=settings.MAIL_RETRY_BASE_SECONDS)
        email.status = OutgoingEmailStatus.QUEUED
        email.next_attempt_at = now + delay
        logger.warning("E-mail %s not sent (attempt %s), retrying in %s: %s", email.pk, email.attempts, delay, error)
    email.save(update_fields=["status", "next_attempt_at", "last_error"])
    if email.status == OutgoingEmailStatus.QUEUED:
        enqueue_later(deliver_email, email.next_attempt_at - now, email.pk)


# --- Looking after the outbox (cron, the admin) ------------------------------------------


def send_again(queryset):
    """Give failed messages a fresh round of attempts; returns how many were queued."""
    emails = list(queryset.filter(status=OutgoingEmailStatus.FAILED).values_list("pk", flat=True))
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk__in=emails).update(
            status=OutgoingEmailStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        for pk in emails:
            enqueue_on_commit(deliver_email, pk)
    return len(emails)


def send_due(now=None):
    """Deliver what is due and has no task waiting for it: a retry whose task was lost (the
    backend cannot wait, or a worker stopped mid-delivery). Safe to run at any time."""
    now = now or timezone.now()
    due = OutgoingEmail.objects.filter(
        Q(status=OutgoingEmailStatus.QUEUED, next_attempt_at__lte=now)
        | Q(status=OutgoingEmailStatus.SENDING, next_attempt_at__lt=now - STALE_SENDING)
    ).values_list("pk", flat=True)
    due = list(due)
    for pk in due:
        deliver_email.enqueue(pk)
    return len(due)


def purge_sent(now=None, days=None):
    """Delete sent messages after ``MAIL_KEEP_SENT_DAYS``: they hold personal data and private links."""
    now = now or timezone.now()
    days = settings.MAIL_KEEP_SENT_DAYS if days is None else days
    deleted, _ = OutgoingEmail.objects.filter(
        status=OutgoingEmailStatus.SENT, sent_at__lt=now - timedelta(days=days)
    ).delete()
    return deleted
