from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry

from events import services
from events.models import Attendee, DelegateRole, Registration, RegistrationMode, RegistrationStatus
from events.services import DelegateData, RegistrationError
from network.models import OrganisationKind
from portal import mail as outbox
from portal.models import OutgoingEmail, OutgoingEmailStatus
from tests.factories.events import EventPageFactory, add_quota, delegates_request, person
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_event(event_index):
    return EventPageFactory(parent=event_index, capacity=2)


@pytest.fixture
def seed_004_event(event_index):
    """Agencies send 3 delegates; schools 1 leader + 1 teacher or staff member in charge."""
    event = EventPageFactory(parent=event_index, capacity=50, registration_mode=RegistrationMode.DELEGATES)
    add_quota(event, OrganisationKind.GOVERNMENT, "", 3)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.LEADER, 1)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.STAFF_IN_CHARGE, 1)
    return event


def test_registration_is_confirmed_with_a_reference_and_mailed_after_commit(small_event, commit):
    result = commit(services.register, small_event, person(1))

    registration = result.registration
    assert result.created
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(registration.reference) == 8
    assert not set(registration.reference) & set("0O1IL")
    assert registration.token != registration.reference and len(registration.token) >= 40
    assert registration.attendees.get().full_name == "Nguyễn Văn 1"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nguoi1@example.org"]
    assert registration.display_reference in message.body
    assert registration.token in message.body
    attachments = {name: mimetype for name, _content, mimetype in message.attachments}
    assert attachments == {f"{registration.reference}.png": "image/png", "event.ics": "text/calendar"}


def test_no_mail_is_sent_when_the_transaction_rolls_back(small_event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.register(small_event, person(1))
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_lose_the_registration(small_event, commit, caplog):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        result = commit(services.register, small_event, person(1))
    assert Registration.objects.filter(pk=result.registration.pk, status=RegistrationStatus.CONFIRMED).exists()
    assert "Could not send the confirmed e-mail" in caplog.text


def test_a_failing_mail_server_does_not_lose_the_confirmation_either(small_event, commit, settings):
    settings.EMAIL_TRANSPORT_BACKEND = "tests.portal.transports.UnreachableBackend"
    registration = commit(services.register, small_event, person(1)).registration
    assert mail.outbox == []
    kept = OutgoingEmail.objects.get()
    assert kept.recipients == [registration.email]
    assert kept.status == OutgoingEmailStatus.QUEUED

    settings.EMAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outbox.send_due(now=timezone.now() + timedelta(minutes=5))
    (message,) = mail.outbox
    assert registration.display_reference in message.body
    assert [a.filename for a in message.attachments] == [f"{registration.reference}.png", "event.ics"]


def test_a_form_key_returns_the_earlier_registration_only_for_the_same_details(seed_004_event):
    agency = OrganisationFactory(kind=OrganisationKind.GOVERNMENT)
    submission = delegates_request(agency, ["delegate", "delegate"], idempotency_key="k" * 32)
    first = services.register(seed_004_event, submission)
    again = services.register(
        seed_004_event, delegates_request(agency, ["delegate", "delegate"], idempotency_key="k" * 32)
    )
    assert (again.registration, again.created) == (first.registration, False)

    other_people = [
        delegates_request(agency, ["delegate", "delegate"], n=2, idempotency_key="k" * 32),
        delegates_request(agency, ["delegate"], idempotency_key="k" * 32),
        delegates_request(
            OrganisationFactory(kind=OrganisationKind.GOVERNMENT), ["delegate", "delegate"], idempotency_key="k" * 32
        ),
    ]
    for other in other_people:
        with pytest.raises(services.SubmissionReused):
            services.register(seed_004_event, other)
    assert Registration.objects.count() == 1


def test_the_same_email_registers_once_per_event(small_event, event_index):
    services.register(small_event, person(1))
    with pytest.raises(RegistrationError) as error:
        services.register(small_event, person(2, email="  NGUOI1@example.org "))
    assert error.value.field == "email"
    other_event = EventPageFactory(parent=event_index)
    assert services.register(other_event, person(1)).created


def test_a_repeated_submission_returns_the_first_registration(small_event):
    first = services.register(small_event, person(1, idempotency_key="abc"))
    second = services.register(small_event, person(1, idempotency_key="abc"))
    assert not second.created
    assert second.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1


def test_a_cancelled_person_may_register_again(small_event):
    registration = services.register(small_event, person(1)).registration
    services.cancel(registration)
    assert services.register(small_event, person(1)).registration.status == RegistrationStatus.CONFIRMED


def test_full_event_puts_people_on_the_waiting_list_in_order(small_event, commit):
    for n in range(1, 5):
        commit(services.register, small_event, person(n))
    statuses = list(Registration.objects.order_by("created_at", "pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waiting", "waiting"]
    assert services.remaining_seats(small_event) == 0
    assert services.event_state(small_event) == services.EventState.WAITING_LIST
    assert "waiting list" in mail.outbox[2].subject.lower() or "chờ" in mail.outbox[2].subject


def test_cancelling_promotes_the_first_in_line_and_tells_them(small_event, commit):
    first, _second, third, fourth = (services.register(small_event, person(n)).registration for n in range(1, 5))
    mail.outbox.clear()

    commit(services.cancel, first)

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED
    assert fourth.status == RegistrationStatus.WAITING
    assert sorted(m.to[0] for m in mail.outbox) == ["nguoi1@example.org", "nguoi3@example.org"]
    promoted = next(m for m in mail.outbox if m.to == ["nguoi3@example.org"])
    assert promoted.attachments, "a promoted registrant gets the QR code and the .ics"


def test_cancelling_twice_changes_nothing_more(small_event):
    registration = services.register(small_event, person(1)).registration
    services.cancel(registration)
    services.cancel(registration)
    assert ModelLogEntry.objects.filter(action="events.registration.cancel").count() == 1


def test_no_waiting_list_refuses_politely(event_index):
    event = EventPageFactory(parent=event_index, capacity=1, waiting_list=False)
    services.register(event, person(1))
    with pytest.raises(RegistrationError, match=r"full|đủ"):
        services.register(event, person(2))
    assert services.event_state(event) == services.EventState.FULL


def test_registration_window_is_enforced_but_staff_may_add_by_hand(event_index):
    now = timezone.now()
    event = EventPageFactory(parent=event_index, registration_closes=now - timedelta(hours=1))
    with pytest.raises(RegistrationError):
        services.register(event, person(1))
    assert services.event_state(event) == services.EventState.CLOSED
    assert services.register(event, person(1), staff=True).registration.source == "staff"

    later = EventPageFactory(parent=event_index, registration_opens=now + timedelta(days=1))
    assert services.event_state(later) == services.EventState.NOT_YET_OPEN
    with pytest.raises(RegistrationError):
        services.register(later, person(2))


def test_cancelled_and_finished_events_take_no_registrations(event_index):
    cancelled = EventPageFactory(parent=event_index, is_cancelled=True)
    past_start = timezone.now() - timedelta(days=3)
    finished = EventPageFactory(
        parent=event_index, start=past_start, end=past_start + timedelta(hours=3), registration_closes=None
    )
    for event, state in ((cancelled, "cancelled"), (finished, "finished")):
        assert services.event_state(event) == state
        with pytest.raises(RegistrationError):
            services.register(event, person(1), staff=True)


def test_consent_is_required(small_event):
    with pytest.raises(RegistrationError) as error:
        services.register(small_event, person(1, consent=False))
    assert error.value.field == "consent"


def test_approval_mode_keeps_registrations_pending_until_approved(event_index, commit):
    event = EventPageFactory(parent=event_index, capacity=1, requires_approval=True)
    registration = commit(services.register, event, person(1)).registration
    assert registration.status == RegistrationStatus.PENDING
    assert services.remaining_seats(event) == 0, "a pending registration holds its seat"
    assert services.register(event, person(2)).registration.status == RegistrationStatus.WAITING

    commit(services.approve, registration)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert [m.to[0] for m in mail.outbox] == ["nguoi1@example.org", "nguoi1@example.org"]
    assert "approved" in mail.outbox[1].body or "phê duyệt" in mail.outbox[1].body
    with pytest.raises(RegistrationError):
        services.approve(registration)


def test_manual_promotion_needs_a_free_seat(small_event):
    registrations = [services.register(small_event, person(n)).registration for n in range(1, 4)]
    with pytest.raises(RegistrationError):
        services.promote(registrations[2])
    small_event.capacity = 3
    small_event.save()
    services.promote(registrations[2])
    registrations[2].refresh_from_db()
    assert registrations[2].status == RegistrationStatus.CONFIRMED


def test_publishing_a_larger_capacity_promotes_the_waiting_list(small_event):
    waiting = [services.register(small_event, person(n)).registration for n in range(1, 5)][2:]
    small_event.capacity = 3
    small_event.save_revision().publish()
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["confirmed", "waiting"]


def test_agency_quota_three_delegates(seed_004_event):
    agency = OrganisationFactory(kind=OrganisationKind.GOVERNMENT)
    services.register(seed_004_event, delegates_request(agency, ["delegate", "delegate"], n=1))
    usage = services.quota_usage(seed_004_event, agency)
    assert [(u["used"], u["remaining"]) for u in usage] == [(2, 1)]

    with pytest.raises(RegistrationError) as error:
        services.register(seed_004_event, delegates_request(agency, ["delegate", "delegate"], n=2))
    assert error.value.field == "delegates"
    assert "1" in error.value.message
    assert services.register(seed_004_event, delegates_request(agency, ["delegate"], n=3)).created


def test_school_quota_is_one_leader_and_one_staff_member(seed_004_event):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    with pytest.raises(RegistrationError):
        services.register(seed_004_event, delegates_request(school, ["leader", "leader"], n=1))
    with pytest.raises(RegistrationError, match=r"role|vai trò"):
        services.register(seed_004_event, delegates_request(school, ["delegate"], n=1))
    result = services.register(seed_004_event, delegates_request(school, ["leader", "staff_in_charge"], n=1))
    assert result.registration.attendees.count() == 2
    assert services.seats_taken(seed_004_event) == 2


def test_organisation_kinds_without_a_quota_are_not_invited(seed_004_event):
    business = OrganisationFactory(kind=OrganisationKind.BUSINESS)
    with pytest.raises(RegistrationError) as error:
        services.register(seed_004_event, delegates_request(business, ["delegate"]))
    assert error.value.field == "organisation"


def test_delegates_can_be_changed_within_quota_and_capacity(seed_004_event, commit):
    agency = OrganisationFactory(kind=OrganisationKind.GOVERNMENT)
    registration = services.register(seed_004_event, delegates_request(agency, ["delegate"])).registration
    three = [DelegateData(f"Người {i}", "delegate") for i in range(3)]
    commit(services.update_delegates, registration, three)
    assert registration.attendees.count() == 3
    with pytest.raises(RegistrationError):
        services.update_delegates(registration, [*three, DelegateData("Người 4", "delegate")])
    assert registration.attendees.count() == 3, "a refused change keeps the delegates as they were"


def test_delegates_cannot_be_changed_after_the_deadline(seed_004_event):
    agency = OrganisationFactory(kind=OrganisationKind.GOVERNMENT)
    registration = services.register(seed_004_event, delegates_request(agency, ["delegate"])).registration
    late = seed_004_event.registration_closes + timedelta(minutes=1)
    with pytest.raises(RegistrationError):
        services.update_delegates(registration, [DelegateData("Khác", "delegate")], now=late)


def test_a_group_larger_than_the_free_seats_waits_and_smaller_ones_behind_it_go_first(event_index):
    event = EventPageFactory(parent=event_index, capacity=3, registration_mode=RegistrationMode.DELEGATES)
    add_quota(event, "", "", 3)
    first = services.register(event, delegates_request(OrganisationFactory(), ["delegate"] * 2, n=1)).registration
    big = services.register(event, delegates_request(OrganisationFactory(), ["delegate"] * 3, n=2)).registration
    small = services.register(event, delegates_request(OrganisationFactory(), ["delegate"], n=3)).registration
    assert (big.status, small.status) == ("waiting", "confirmed")
    services.cancel(small)
    big.refresh_from_db()
    assert big.status == RegistrationStatus.WAITING
    services.cancel(first)
    big.refresh_from_db()
    assert big.status == RegistrationStatus.CONFIRMED
    assert services.seats_taken(event) == 3


def test_check_in_is_idempotent_and_only_for_confirmed(small_event):
    confirmed = services.register(small_event, person(1)).registration
    services.register(small_event, person(2))
    waiting = services.register(small_event, person(3)).registration
    attendee = confirmed.attendees.get()
    services.check_in(attendee)
    first_time = Attendee.objects.get(pk=attendee.pk).checked_in_at
    services.check_in(attendee)
    assert Attendee.objects.get(pk=attendee.pk).checked_in_at == first_time
    assert services.status_counts(small_event)["attended"] == 1
    with pytest.raises(RegistrationError):
        services.check_in(waiting.attendees.get())
    services.check_in(attendee, undo=True)
    assert Attendee.objects.get(pk=attendee.pk).checked_in_at is None


def test_every_change_is_logged_without_personal_data(small_event):
    registration = services.register(small_event, person(1)).registration
    services.cancel(registration)
    entries = PageLogEntry.objects.filter(page=small_event).filter(action__startswith="events.")
    assert list(entries.order_by("timestamp").values_list("action", flat=True)) == [
        "events.registration.create",
        "events.registration.cancel",
    ]
    for entry in entries:
        assert "nguoi1" not in str(entry.data)
        assert entry.data["reference"] == registration.reference
    assert ModelLogEntry.objects.filter(object_id=str(registration.pk)).count() == 2


def test_register_locks_the_event_row_with_an_evaluated_select_for_update(small_event):
    with CaptureQueriesContext(connection) as queries:
        services.register(small_event, person(1))
    lock_queries = [q["sql"] for q in queries if 'FROM "events_eventpage"' in q["sql"]]
    assert lock_queries, "the event row is read inside the transaction"
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in lock_queries[0]


def test_reminders_are_sent_once(small_event, commit):
    registration = services.register(small_event, person(1)).registration
    services.register(small_event, person(2))
    services.register(small_event, person(3))  # waiting: no reminder
    mail.outbox.clear()
    before = small_event.start - timedelta(hours=10)
    assert commit(services.send_reminders, now=before - timedelta(days=5), hours=24) == 0
    assert commit(services.send_reminders, now=before, hours=24) == 2
    assert commit(services.send_reminders, now=before, hours=24) == 0
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {"nguoi1@example.org", "nguoi2@example.org"}
    registration.refresh_from_db()
    assert registration.reminder_sent_at == before


def test_purge_anonymises_old_registrations_but_keeps_counts(small_event):
    registration = services.register(small_event, person(1)).registration
    services.check_in(registration.attendees.get())
    assert services.purge_registrations(now=small_event.end + timedelta(days=10), days=30) == 0
    assert services.purge_registrations(now=small_event.end + timedelta(days=31), days=30) == 1
    registration.refresh_from_db()
    assert "nguoi1" not in registration.email
    assert registration.contact_name != "Nguyễn Văn 1"
    assert registration.attendees.get().email == ""
    assert services.status_counts(small_event)["attended"] == 1
    assert services.purge_registrations(now=small_event.end + timedelta(days=31), days=30) == 0


def test_translations_share_the_registrations_of_the_original(small_event, en_home_page, locales):
    english = small_event.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    services.register(english.specific, person(1, language="en"))
    assert services.seats_taken(small_event) == 1
    assert Registration.objects.get().event_id == small_event.pk
