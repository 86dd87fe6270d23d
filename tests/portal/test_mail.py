"""Outgoing mail is kept in an outbox and delivered by a task: a failing mail server loses nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends

from portal import mail as outbox
from portal.models import OutgoingEmail, OutgoingEmailStatus

pytestmark = pytest.mark.django_db

DOWN = "tests.portal.transports.UnreachableBackend"


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_TRANSPORT_BACKEND = DOWN
    return settings


def test_mail_is_kept_then_delivered_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Xác nhận đăng ký", "Nội dung", None, ["lan@example.org"])
        assert mail.outbox == [], "nothing leaves before the transaction commits"
    assert [m.subject for m in mail.outbox] == ["Xác nhận đăng ký"]
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmailStatus.SENT
    assert email.recipients == ["lan@example.org"]
    assert email.attempts == 1


def test_a_message_is_rebuilt_whole_with_attachments_and_alternatives(django_capture_on_commit_callbacks):
    message = mail.EmailMultiAlternatives(
        "Thư mời",
        "Văn bản",
        "ban-to-chuc@example.org",
        ["a@example.org"],
        cc=["b@example.org"],
        reply_to=["hoi-dap@example.org"],
        headers={"X-Portal": "1"},
    )
    message.attach_alternative("<p>Văn bản</p>", "text/html")
    message.attach("ma.png", b"\x89PNG\r\n\x1a\n\x00binary", "image/png")
    message.attach("lich.ics", "BEGIN:VCALENDAR", "text/calendar")
    with django_capture_on_commit_callbacks(execute=True):
        message.send()
    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.from_email) == ("Thư mời", "Văn bản", "ban-to-chuc@example.org")
    assert (sent.to, sent.cc, sent.reply_to) == (["a@example.org"], ["b@example.org"], ["hoi-dap@example.org"])
    assert sent.extra_headers["X-Portal"] == "1"
    assert list(sent.alternatives[0]) == ["<p>Văn bản</p>", "text/html"]
    assert [tuple(a) for a in sent.attachments] == [
        ("ma.png", b"\x89PNG\r\n\x1a\n\x00binary", "image/png"),
        ("lich.ics", "BEGIN:VCALENDAR", "text/calendar"),
    ]


def test_a_failing_mail_server_loses_nothing_and_the_message_goes_out_later(
    mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("Nhắc lịch", "Ngày mai", None, ["lan@example.org"]).send()
    email = OutgoingEmail.objects.get()
    assert email.status == OutgoingEmailStatus.QUEUED
    assert email.attempts == 1
    assert "SMTPConnectError" in email.last_error
    assert timedelta(seconds=55) < email.next_attempt_at - timezone.now() <= timedelta(seconds=60)
    assert mail.outbox == []

    # Not due yet: the sweep leaves it alone.
    assert outbox.send_due() == 0
    mail_server_down.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.send_due(now=timezone.now() + timedelta(minutes=2)) == 1
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT
    assert email.attempts == 2
    assert [m.subject for m in mail.outbox] == ["Nhắc lịch"]


def test_retries_wait_longer_each_time_on_a_backend_that_can_wait(mail_server_down):
    mail_server_down.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    email = outbox.queue(EmailMessage("Thư", "Nội dung", None, ["lan@example.org"]))
    backend = task_backends["default"]
    delays = []
    for _ in range(3):
        backend.clear()
        before = timezone.now()
        outbox.deliver_email.call(email.pk)
        (retry,) = backend.results
        assert retry.args == [email.pk]
        delays.append(round((retry.task.run_after - before).total_seconds() / 60))
        email.refresh_from_db()
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert delays == [1, 2, 4]


def test_after_the_last_attempt_it_is_marked_failed_and_can_be_sent_again(
    mail_server_down, django_capture_on_commit_callbacks
):
    mail_server_down.MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage("Thư", "Nội dung", None, ["lan@example.org"]).send()
    outbox.send_due(now=timezone.now() + timedelta(hours=1))
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.next_attempt_at) == (OutgoingEmailStatus.FAILED, 2, None)
    assert outbox.send_due(now=timezone.now() + timedelta(days=1)) == 0, "failed mail waits for a person"

    mail_server_down.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_queued_mail", "--failed", stdout=out)
    assert "Failed messages queued again: 1" in out.getvalue()
    email.refresh_from_db()
    assert email.status == OutgoingEmailStatus.SENT
    assert len(mail.outbox) == 1


def test_sent_mail_is_deleted_after_the_keeping_period(settings):
    settings.MAIL_KEEP_SENT_DAYS = 14
    now = timezone.now()
    old = OutgoingEmail.objects.create(subject="cũ", status=OutgoingEmailStatus.SENT, sent_at=now - timedelta(days=15))
    recent = OutgoingEmail.objects.create(subject="mới", status=OutgoingEmailStatus.SENT, sent_at=now)
    failed = OutgoingEmail.objects.create(subject="lỗi", status=OutgoingEmailStatus.FAILED)
    assert outbox.purge_sent(now=now) == 1
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}
    assert not OutgoingEmail.objects.filter(pk=old.pk).exists()


def _sending(minutes_ago):
    return OutgoingEmail.objects.create(
        subject="Thư",
        from_email="a@example.org",
        recipients=["b@example.org"],
        content=outbox.serialise(EmailMessage("Thư", "x", None, ["b@example.org"])),
        status=OutgoingEmailStatus.SENDING,
        next_attempt_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_message_being_sent_by_a_worker_that_died_is_taken_up_again():
    under_way, abandoned = _sending(minutes_ago=5), _sending(minutes_ago=20)
    assert outbox.send_due() == 1
    under_way.refresh_from_db()
    abandoned.refresh_from_db()
    assert under_way.status == OutgoingEmailStatus.SENDING, "a delivery under way is not interrupted"
    assert abandoned.status == OutgoingEmailStatus.SENT
    assert len(mail.outbox) == 1


def test_a_superuser_sees_failed_mail_in_the_admin_and_sends_it_again(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User
    from django.urls import reverse

    OutgoingEmail.objects.create(
        subject="Xác nhận đăng ký",
        from_email="a@example.org",
        recipients=["lan@example.org"],
        content=outbox.serialise(EmailMessage("Xác nhận đăng ký", "x", None, ["lan@example.org"])),
        status=OutgoingEmailStatus.FAILED,
        attempts=8,
        last_error="SMTPConnectError: (421, 'Service not available')",
    )
    editor = User.objects.create_user("bientap", "b@example.org", "x", is_staff=True)
    client.force_login(editor)
    assert client.get(reverse("portal_outbox")).status_code == 302, "not for editors"
    client.force_login(User.objects.create_superuser("quantri", "q@example.org", "x"))
    html = client.get(reverse("portal_outbox"), {"status": "failed"}).content.decode()
    assert "lan@example.org" in html and "SMTPConnectError" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal_outbox_send_again"))
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.SENT
    assert [m.to for m in mail.outbox] == [["lan@example.org"]]
