import csv
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from events import services
from events.models import DelegateRole, RegistrationMode, RegistrationStatus
from network.models import OrganisationKind
from tests.factories.events import EventPageFactory, add_question, add_quota, delegates_request, person
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(event_index):
    event = EventPageFactory(parent=event_index, capacity=4, registration_mode=RegistrationMode.DELEGATES)
    add_quota(event, OrganisationKind.GOVERNMENT, "", 3)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.LEADER, 1)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.STAFF_IN_CHARGE, 1)
    return event


@pytest.fixture
def agency():
    return OrganisationFactory(name="Sở Tư pháp", kind=OrganisationKind.GOVERNMENT)


@pytest.fixture
def manager(db):
    user = User.objects.create_user("quanly", "quanly@example.org", "pw")
    user.groups.add(Group.objects.get(name="Event managers"))
    return user


@pytest.fixture
def editor(db):
    """An editor who may use the admin but is not an event manager."""
    user = User.objects.create_user("bientap", "bientap@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def assert_refused(response):
    """Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_event_managers_group_is_created_by_migration():
    group = Group.objects.get(name="Event managers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_registration", "change_registration", "add_registration"} <= codenames


def test_only_event_managers_see_registrations(client, event, editor, manager):
    url = reverse("events_admin:registrations", args=[event.pk])
    client.force_login(editor)
    assert_refused(client.get(url))
    assert_refused(client.get(reverse("events_admin:export", args=[event.pk, "csv"])))
    client.force_login(manager)
    assert client.get(url).status_code == 200


def test_dashboard_counts_and_quota_totals(client, event, agency, manager):
    services.register(event, delegates_request(agency, ["delegate"] * 3, n=1))
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    services.register(event, delegates_request(school, ["leader", "staff_in_charge"], n=2))
    client.force_login(manager)
    html = client.get(reverse("events_admin:registrations", args=[event.pk])).content.decode()
    assert '<td data-count="confirmed">3</td>' in html
    assert '<td data-count="waiting">2</td>' in html
    assert "1 / 4" in html
    assert "Sở Tư pháp" in html
    filtered = client.get(reverse("events_admin:registrations", args=[event.pk]), {"status": "waiting"})
    assert "Sở Tư pháp" not in filtered.content.decode()
    searched = client.get(reverse("events_admin:registrations", args=[event.pk]), {"q": "Tư pháp"})
    assert "Sở Tư pháp" in searched.content.decode()


def test_actions_approve_promote_cancel(client, event, agency, manager, event_index):
    client.force_login(manager)
    first = services.register(event, delegates_request(agency, ["delegate"] * 3, n=1)).registration
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    waiting = services.register(event, delegates_request(school, ["leader", "staff_in_charge"], n=2)).registration
    action = reverse("events_admin:action", args=[waiting.pk])
    response = client.post(action, {"action": "promote"}, follow=True)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING, "no free seat for two"
    assert "messages" in response.content.decode()
    client.post(reverse("events_admin:action", args=[first.pk]), {"action": "cancel"})
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    entry = PageLogEntry.objects.filter(page=event, action="events.registration.cancel").get()
    assert entry.user == manager

    approval = EventPageFactory(parent=event_index, requires_approval=True)
    pending = services.register(approval, person(5)).registration
    client.post(reverse("events_admin:action", args=[pending.pk]), {"action": "approve"})
    pending.refresh_from_db()
    assert pending.status == RegistrationStatus.CONFIRMED


def test_add_by_hand_respects_quotas(client, event, agency, manager):
    client.force_login(manager)
    url = reverse("events_admin:add", args=[event.pk])
    assert client.get(url).status_code == 200
    data = {
        "idempotency_key": "staff-1",
        "organisation": agency.pk,
        "contact_name": "Phạm Văn Quản",
        "email": "quan@example.org",
        **{f"delegate_{n}_full_name": f"Người {n}" for n in range(3)},
        **{f"delegate_{n}_role": "delegate" for n in range(3)},
    }
    response = client.post(url, data)
    assert response.status_code == 302
    registration = event.registrations.get()
    assert registration.source == "staff"
    assert registration.attendees.count() == 3
    data.update(idempotency_key="staff-2", email="khac@example.org")
    response = client.post(url, {**data, "delegate_1_full_name": "", "delegate_2_full_name": ""})
    assert response.status_code == 200
    assert event.registrations.count() == 1


def test_exports_have_one_row_per_delegate_with_organisation_and_role(client, event, agency, manager):
    services.register(event, delegates_request(agency, ["delegate"] * 2, n=1))
    client.force_login(manager)

    response = client.get(reverse("events_admin:export", args=[event.pk, "csv"]))
    assert response["Content-Disposition"].endswith('.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 3
    header = rows[0]
    organisation_column = header.index("Organisation") if "Organisation" in header else 2
    assert rows[1][organisation_column] == "Sở Tư pháp"
    assert rows[1][5] == "Đại biểu 1-0"

    response = client.get(reverse("events_admin:export", args=[event.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 3
    assert values[1][2] == "Sở Tư pháp"
    assert PageLogEntry.objects.filter(page=event, action="events.registration.export").count() == 2


def test_export_neutralises_spreadsheet_formulas(client, event, agency, manager):
    request = delegates_request(agency, ["delegate"])
    request.delegates[0].full_name = "=HYPERLINK(1)"
    services.register(event, request)
    client.force_login(manager)
    text = client.get(reverse("events_admin:export", args=[event.pk, "csv"])).content.decode()
    assert "'=HYPERLINK(1)" in text


HOSTILE = [
    'Không;=HYPERLINK("http://attacker.example","Bấm")',
    "Có, +1+1",
    "Ghi chú;  -2+3",
    "a\n@SUM(1)",
    "x;\t=1",
    'Ý kiến "trích";=1+1',
    "@cmd",
    "Nguyễn;＝1",
]


def _cells(text, delimiter):
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter) for cell in row]


def test_csv_export_opens_without_formulas_in_a_semicolon_locale(client, event, agency, manager):
    add_question(event, "Ý kiến", "text", required=False)
    for n, value in enumerate(HOSTILE):
        request = delegates_request(OrganisationFactory(name=f"Đơn vị {n}"), ["delegate"], n=n, position=value)
        request.delegates[0].full_name = value
        request.answers = [{"question": "Ý kiến", "answer": value}]
        services.register(event, request)
    client.force_login(manager)
    text = client.get(reverse("events_admin:export", args=[event.pk, "csv"])).content.decode("utf-8")
    for delimiter in (";", ","):
        dangerous = [cell for cell in _cells(text, delimiter) if re.match(r" *[=+\-@\t\r＝＋－＠]", cell)]
        assert not dangerous, f"formula cells when split on {delimiter!r}: {dangerous}"
    # Split as written (on commas), the text is all there, with the neutralising apostrophes.
    assert "Không;'=HYPERLINK(" in text


def test_the_admin_offers_xlsx_first(client, event, manager):
    client.force_login(manager)
    html = client.get(reverse("events_admin:registrations", args=[event.pk])).content.decode()
    assert html.index("export.xlsx") < html.index("export.csv")
    assert "thiết lập vùng" in html, "the admin says why XLSX comes first"


def test_attendance_sheet_groups_by_organisation(client, event, agency, manager):
    services.register(event, delegates_request(agency, ["delegate"] * 2))
    client.force_login(manager)
    html = client.get(reverse("events_admin:attendance", args=[event.pk])).content.decode()
    assert "<h2>Sở Tư pháp</h2>" in html
    assert html.count("Đại biểu 1-") == 2


def test_qr_check_in_url_is_staff_only_and_marks_attendance(client, event, agency, manager, editor):
    registration = services.register(event, delegates_request(agency, ["delegate"] * 2)).registration
    url = reverse("events_admin:check_in_reference", args=[registration.display_reference])
    assert client.get(url)["Location"].startswith(reverse("wagtailadmin_login")), "anonymous: to the login page"
    client.force_login(editor)
    assert_refused(client.get(url))
    client.force_login(manager)
    html = client.get(url).content.decode()
    assert "Đại biểu 1-0" in html
    attendee = registration.attendees.first()
    client.post(url, {"attendee": attendee.pk, "next": url})
    attendee.refresh_from_db()
    assert attendee.checked_in_at is not None
    search = client.get(reverse("events_admin:check_in", args=[event.pk]), {"q": "Đại biểu 1-1"})
    assert "Đại biểu 1-1" in search.content.decode()


def test_event_page_header_has_a_registrations_button(client, event, manager):
    manager.is_superuser = True
    manager.save()
    client.force_login(manager)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert reverse("events_admin:registrations", args=[event.pk]) in html
