"""What a registrant types and reads: phone numbers, e-mail errors, the venue's label, the error
summary, and changing their own details on the private page until the deadline."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events import services
from events.forms import HONEYPOT_FIELD
from events.models import Registration, RegistrationMode, RegistrationStatus
from network.models import OrganisationKind
from portal.phones import normalise_phone
from tests.events.test_views import form_action
from tests.factories.events import EventPageFactory, add_quota, delegates_request, person
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, title="Ngày hội đọc sách", capacity=2)


def form_data(client, event, **overrides):
    html = client.get(event.url).content.decode()
    data = {
        "idempotency_key": re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1),
        "contact_name": "Trần Thị Lan",
        "email": "lan@example.org",
        "phone": "",
        "position": "",
        "consent": "on",
        HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0903 123 456", "0903 123 456"),
        ("0903.123.456", "0903 123 456"),
        ("+84 903 123 456", "0903 123 456"),
        ("+84 (0) 903-123-456", "0903 123 456"),
        ("0084903123456", "0903 123 456"),
        ("(028) 3829 1875", "028 3829 1875"),
        ("+84 28 3829 1875", "028 3829 1875"),
        ("02253850007", "0225 385 0007"),
        ("", ""),
    ],
)
def test_vietnamese_mobile_and_landline_numbers_are_written_one_way(typed, kept):
    assert normalise_phone(typed) == kept


@pytest.mark.parametrize(
    "typed", ["abc-không-có-số", "123", "0903 123 45", "0123 456 789", "1900 1234", "+1 202 555 0101", "09+03123456"]
)
def test_what_is_not_a_vietnamese_phone_number_is_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


@pytest.mark.parametrize("typed", ["abc-không-có-số", "123"])
def test_the_form_refuses_a_phone_number_in_plain_vietnamese_and_keeps_the_rest(client, event, typed):
    response = client.post(form_action(client, event), form_data(client, event, phone=typed))
    html = response.content.decode()
    assert Registration.objects.count() == 0
    assert "Nhập số điện thoại Việt Nam, ví dụ 0903 123 456 hoặc 028 3829 1875" in html
    assert 'value="Trần Thị Lan"' in html
    assert f'value="{typed}"' in html


def test_the_phone_number_is_saved_as_vietnamese_write_it(client, event):
    client.post(form_action(client, event), form_data(client, event, phone="+84 903.123.456"))
    registration = Registration.objects.get()
    assert registration.phone == "0903 123 456"
    assert registration.attendees.get().phone == "0903 123 456"


def test_a_delegate_phone_number_is_checked_too(client, event_index):
    seminar = EventPageFactory(parent=event_index, registration_mode=RegistrationMode.DELEGATES, capacity=20)
    add_quota(seminar, OrganisationKind.GOVERNMENT, "", 3)
    agency = OrganisationFactory(name="Sở Tư pháp", kind=OrganisationKind.GOVERNMENT)
    data = form_data(
        client,
        seminar,
        organisation=str(agency.pk),
        delegate_0_full_name="Nguyễn Văn An",
        delegate_0_role="delegate",
        delegate_0_phone="123",
    )
    html = client.post(seminar.url, data).content.decode()
    assert Registration.objects.count() == 0
    assert re.search(r'<a href="#id_delegate_0_phone">Đại biểu 1 – Điện thoại: Nhập số điện thoại Việt Nam', html)


def test_an_invalid_email_address_is_called_invalid_in_vietnamese(client, event):
    html = client.post(form_action(client, event), form_data(client, event, email="lan@")).content.decode()
    assert "Địa chỉ email này không hợp lệ: hãy kiểm tra lại, ví dụ lan@example.org." in html
    assert "Nhập địa chỉ email." not in html


def test_the_error_summary_takes_focus_and_links_to_each_field(client, event):
    data = form_data(client, event, email="lan@", phone="123")
    del data["consent"]
    html = client.post(form_action(client, event), data).content.decode()
    summary = re.search(r'<div class="error-summary[^"]*"[^>]*>(.*?)</div>', html, re.S)
    # The form posts to the summary's address: the browser lands there and focuses it (tabindex).
    assert f'action="{form_action(client, event)}#form-errors"' in html
    assert 'id="form-errors"' in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    links = re.findall(r'<a href="#(id_\w+)">', summary.group(1))
    assert links == ["id_email", "id_phone", "id_consent"]


def test_the_venue_is_labelled_as_a_place_on_the_page_and_in_the_email(client, event, commit):
    assert "<dt>Địa điểm</dt>" in client.get(event.url).content.decode()
    commit(services.register, event, person(1))
    assert "Địa điểm: Sở Giáo dục và Đào tạo, 68 Lê Thánh Tôn" in mail.outbox[0].body
    assert "Địa phương" not in mail.outbox[0].body


def test_an_english_registration_email_names_the_unit_in_english(commit, event_index, locales):
    seminar = EventPageFactory(parent=event_index, registration_mode=RegistrationMode.DELEGATES, capacity=20)
    agency = OrganisationFactory(name="Sở Tư pháp", name_en="Department of Justice", kind=OrganisationKind.GOVERNMENT)
    commit(services.register, seminar, delegates_request(agency, ["delegate"], language="en"))
    body = mail.outbox[0].body
    assert "Organisation: Department of Justice" in body
    assert "Where:" in body


# --- Changing one's own details on the private page -------------------------------------------


def manage_url(client, registration):
    """Open the e-mail's link in this client (it trades the token for a cookie) and give the
    private page's address."""
    client.get(reverse("events:manage", kwargs={"token": registration.token}))
    return reverse("events:manage_current")


def details(**overrides):
    values = {
        "action": "details",
        "contact_name": "Trần Thị Lan",
        "email": "lan@example.org",
        "phone": "",
        "position": "",
    }
    return {**values, **overrides}


def test_an_individual_changes_their_details_until_the_deadline(client, event, commit):
    registration = commit(services.register, event, person(1, email="lan@example.org")).registration
    page = client.get(manage_url(client, registration)).content.decode()
    assert "Sửa thông tin của bạn" in page and 'name="action" value="details"' in page
    mail.outbox.clear()

    response = commit(
        client.post,
        manage_url(client, registration),
        details(contact_name="Trần Thị Mai Lan", email="mailan@example.org", phone="+84 912 345 678"),
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.contact_name, registration.email, registration.phone) == (
        "Trần Thị Mai Lan",
        "mailan@example.org",
        "0912 345 678",
    )
    attendee = registration.attendees.get()
    assert (attendee.full_name, attendee.email, attendee.phone) == (
        "Trần Thị Mai Lan",
        "mailan@example.org",
        "0912 345 678",
    )
    # Same seat, same status: the change does not touch the event's capacity.
    assert registration.status == RegistrationStatus.CONFIRMED
    assert services.remaining_seats(event) == 1
    assert [message.to for message in mail.outbox] == [["mailan@example.org"]]
    assert "Thông tin của bạn đã được lưu" in client.get(manage_url(client, registration)).content.decode()


def test_a_bad_phone_number_or_a_taken_address_is_refused_and_nothing_is_lost(client, event):
    services.register(event, person(1, email="lan@example.org"))
    other = services.register(event, person(2, email="binh@example.org")).registration
    response = client.post(manage_url(client, other), details(email="lan@example.org", contact_name="Lê Văn Bình"))
    html = response.content.decode()
    assert "Địa chỉ email này đã được dùng cho một đăng ký khác của sự kiện." in html
    assert 'value="Lê Văn Bình"' in html
    html = client.post(manage_url(client, other), details(phone="123")).content.decode()
    assert "Nhập số điện thoại Việt Nam" in html
    other.refresh_from_db()
    assert (other.email, other.contact_name) == ("binh@example.org", "Nguyễn Văn 2")


def test_after_the_deadline_the_details_can_no_longer_be_changed(client, event):
    registration = services.register(event, person(1)).registration
    event.registration_closes = timezone.now() - timedelta(minutes=1)
    event.save_revision().publish()
    assert 'value="details"' not in client.get(manage_url(client, registration)).content.decode()
    assert client.post(manage_url(client, registration), details(contact_name="Ai đó")).status_code == 404
    with pytest.raises(services.RegistrationError):
        services.update_details(registration, services.ContactDetails("Ai đó", "lan@example.org"))
    # Organisers still can.
    services.update_details(registration, services.ContactDetails("Ai đó", "lan@example.org"), staff=True)


def test_a_waiting_registration_keeps_its_place_when_its_details_change(event):
    first, second = (services.register(event, person(n)).registration for n in (1, 2))
    waiting = services.register(event, person(3)).registration
    later = services.register(event, person(4)).registration
    assert (waiting.status, later.status) == (RegistrationStatus.WAITING, RegistrationStatus.WAITING)
    services.update_details(waiting, services.ContactDetails("Người thứ ba", "ba@example.org"))
    services.cancel(first)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    assert second.status == RegistrationStatus.CONFIRMED


def test_a_cancelled_registration_cannot_be_changed(event):
    registration = services.cancel(services.register(event, person(1)).registration)
    with pytest.raises(services.RegistrationError):
        services.update_details(registration, services.ContactDetails("Ai đó", "ai@example.org"), staff=True)
