import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from events import services
from events.forms import HONEYPOT_FIELD
from events.models import DelegateRole, EventKind, EventPage, Registration, RegistrationMode, RegistrationStatus
from network.models import OrganisationKind
from tests.factories.events import EventPageFactory, add_question, add_quota, delegates_request, person
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db

# A registration POST on PostgreSQL (SQLite makes one fewer: no lock timeout to set). It was 35.
POST_QUERIES = 15


@pytest.fixture
def event(event_index):
    return EventPageFactory(parent=event_index, title="Tập huấn Công dân học tập", capacity=2)


def form_data(client, event, **overrides):
    """What a browser would send: the hidden key from the rendered form plus the visible fields."""
    response = client.get(event.url)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', response.content.decode()).group(1)
    data = {
        "idempotency_key": key,
        "contact_name": "Trần Thị Lan",
        "email": "lan@example.org",
        "phone": "0909 876 543",
        "position": "Giáo viên",
        "consent": "on",
        HONEYPOT_FIELD: "",
    }
    data.update(overrides)
    return data


def form_action(client, event):
    """Where the event page's form posts, as a browser reads it from the page."""
    html = client.get(event.url).content.decode()
    return re.search(r'class="registration-form" method="post" action="([^"#]+)#form-errors"', html).group(1)


def test_event_page_shows_facts_calendar_links_and_json_ld(client, event):
    response = client.get(event.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tập huấn Công dân học tập" in html
    assert "68 Lê Thánh Tôn" in html
    assert "https://www.google.com/maps/search/" in html
    assert "calendar.google.com/calendar/render" in html
    assert 'href="' + event.url + 'ical/"' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event"
    assert data["startDate"].endswith("+07:00")
    assert data["location"]["address"]["streetAddress"].startswith("68 Lê Thánh Tôn")
    assert 'name="idempotency_key"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_event_page_query_budget(client, event, django_assert_max_num_queries, settings):
    # Rendering it, the page cache aside (tests/test_query_budgets.py measures every page type).
    settings.PAGE_CACHE_ENABLED = settings.PAGE_CACHE_FRAGMENTS = False
    client.get(event.url)  # a running worker has its site fragments
    with django_assert_max_num_queries(15):
        client.get(event.url)


def test_registering_redirects_to_the_private_page_with_reference_and_qr(client, event, commit):
    response = commit(client.post, form_action(client, event), form_data(client, event))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage_current") + "?new=1"
    assert registration.token not in response["Location"], "the secret token stays out of addresses"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert registration.display_reference in html
    assert "<svg" in html
    assert page["X-Robots-Tag"] == "noindex"
    assert len(mail.outbox) == 1


def test_a_registration_post_stays_within_its_query_budget(
    client, event, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    """Measured as in production: the tasks (history entries, seat count, e-mail) are stored for the
    worker, not run; the event is found by its id rather than through the page tree."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    data = form_data(client, event)
    url = form_action(client, event)
    with django_assert_max_num_queries(POST_QUERIES), django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 3


def test_the_form_address_answers_as_the_event_page(client, event):
    url, data = form_action(client, event), form_data(client, event)
    assert url == reverse("events:register", args=[event.pk])
    assert client.get(url)["Location"] == event.url, "reloaded or shared, it leads to the event page"
    assert Client(enforce_csrf_checks=True).post(url, data).status_code == 403
    assert client.post(reverse("events:register", args=[event.pk + 1000]), data).status_code == 404
    event.unpublish()
    assert client.post(url, data).status_code == 404
    assert Registration.objects.count() == 0


def test_the_form_address_keeps_the_page_view_restrictions(client, event):
    url, data = form_action(client, event), form_data(client, event)
    PageViewRestriction.objects.create(page=event, restriction_type=PageViewRestriction.LOGIN)
    response = client.post(url, data)
    assert response.status_code == 302 and "login" in response["Location"]
    assert Registration.objects.count() == 0


def test_the_page_address_still_takes_the_form(client, event, commit):
    """Pages kept by a cache before the form moved post to the page's own address."""
    response = commit(client.post, event.url, form_data(client, event))
    assert response.status_code == 302
    assert Registration.objects.get().email == "lan@example.org"


def test_errors_are_shown_next_to_the_field_and_nothing_typed_is_lost(client, event):
    data = form_data(client, event, email="not-an-address", consent="")
    response = client.post(form_action(client, event), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Trần Thị Lan"' in html
    assert 'value="0909 876 543"' in html
    assert 'id="id_consent_error"' in html


def test_errors_are_in_vietnamese(client, event):
    response = client.post(form_action(client, event), form_data(client, event, contact_name=""))
    assert "bắt buộc" in response.content.decode()


def test_duplicate_email_error_sits_on_the_email_field(client, event):
    services.register(event, person(1, email="lan@example.org"))
    response = client.post(form_action(client, event), form_data(client, event))
    html = response.content.decode()
    assert Registration.objects.count() == 1
    assert re.search(r'id="id_email_error"', html)


def test_a_double_submit_makes_one_registration(client, event, commit):
    data = form_data(client, event)
    first = commit(client.post, form_action(client, event), data)
    second = commit(client.post, form_action(client, event), data)
    assert Registration.objects.count() == 1
    assert first["Location"].split("?")[0] == second["Location"]
    assert len(mail.outbox) == 1


def test_a_replayed_form_key_never_hands_out_someone_elses_registration(client, event, commit):
    data = form_data(client, event)
    first = commit(client.post, form_action(client, event), data)
    registration = Registration.objects.get()
    for n in range(19):
        replay = {**data, "contact_name": f"Người khác {n}", "email": f"khac{n}@example.org", "phone": f"0912 {n:06}"}
        response = commit(client.post, form_action(client, event), replay)
        html = response.content.decode()
        assert response.status_code == 409
        assert "đã được gửi với thông tin khác" in html
        for secret in ("Trần Thị Lan", "lan@example.org", "0909 876 543", registration.display_reference):
            assert secret not in html
        assert registration.token not in html
        assert f'value="Người khác {n}"' in html, "what the person typed is kept"
    assert Registration.objects.count() == 1
    assert first.status_code == 302
    assert len(mail.outbox) == 1

    # The refused form carries a fresh key: sending it again registers that person.
    fresh_key = re.search(r'name="idempotency_key" value="([^"]+)"', html).group(1)
    assert fresh_key != data["idempotency_key"]
    again = commit(client.post, form_action(client, event), {**replay, "idempotency_key": fresh_key})
    assert again.status_code == 302
    assert Registration.objects.filter(email="khac18@example.org").exists()


def test_honeypot_refuses_politely_and_saves_nothing(client, event):
    response = client.post(
        form_action(client, event), form_data(client, event, **{HONEYPOT_FIELD: "http://spam.example"})
    )
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    assert "notice--error" in response.content.decode()


def test_corrections_do_not_count_towards_the_rate_limit(client, event, settings):
    settings.EVENTS_RATE_LIMIT = 2
    url = form_action(client, event)
    invalid = form_data(client, event, email="")
    for _ in range(5):
        assert client.post(url, invalid).status_code == 200, "a person correcting mistakes is never refused"
    for n in range(2):
        assert client.post(url, form_data(client, event, email=f"nguoi{n}@example.org")).status_code == 302
    response = client.post(url, form_data(client, event, contact_name="Lê Văn Ba", email="ba@example.org"))
    assert response.status_code == 429
    html = response.content.decode()
    # The message stands on its own (not in the "please correct the errors" summary) and keeps what was typed.
    assert "Bạn đã gửi biểu mẫu nhiều lần trong thời gian ngắn" in html
    assert "Vui lòng sửa các lỗi" not in html and "error-summary" not in html
    assert 'value="Lê Văn Ba"' in html
    assert Registration.objects.count() == 2
    other = form_data(client, event, email="khac@example.org")
    assert client.post(url, other, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_flood_of_posts_is_refused_whatever_they_hold(client, event, settings):
    settings.EVENTS_FLOOD_LIMIT = 3
    url, invalid = form_action(client, event), form_data(client, event, email="")
    assert [client.post(url, invalid).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_forged_forwarded_address_does_not_escape_the_rate_limit(client, event, settings):
    settings.EVENTS_FLOOD_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    url, data = form_action(client, event), form_data(client, event, email="")
    statuses = [
        client.post(url, data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.5").status_code for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]
    other_visitor = client.post(url, data, HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.6")
    assert other_visitor.status_code == 200


def test_waiting_list_state_changes_the_button(client, event):
    services.register(event, person(1))
    services.register(event, person(2))
    html = client.get(event.url).content.decode()
    assert "event-state--waiting_list" in html
    response = client.post(form_action(client, event), form_data(client, event))
    assert Registration.objects.get(email="lan@example.org").status == RegistrationStatus.WAITING
    assert "?new=1" in response["Location"]


def test_closed_registration_shows_no_form(client, event_index):
    closed = EventPageFactory(parent=event_index, registration_closes=timezone.now() - timedelta(minutes=5))
    html = client.get(closed.url).content.decode()
    assert 'name="idempotency_key"' not in html
    assert "event-state--closed" in html


def test_extra_questions_are_asked_and_stored(client, event):
    question = add_question(event, "Bạn có mang máy tính xách tay?", "yes_no", required=True)
    choice = add_question(event, "Ca tham dự", "choice", required=False, choices="Sáng\nChiều")
    data = form_data(client, event)
    response = client.post(form_action(client, event), data)
    assert f'id="id_question_{question.pk}_error"' in response.content.decode()
    data.update({f"question_{question.pk}": "yes", f"question_{choice.pk}": "Chiều"})
    client.post(form_action(client, event), data)
    answers = Registration.objects.get().answers
    assert answers[1] == {"question": "Ca tham dự", "answer": "Chiều"}
    assert answers[0]["question"] == "Bạn có mang máy tính xách tay?"


@pytest.fixture
def delegate_event(event_index):
    event = EventPageFactory(parent=event_index, capacity=40, registration_mode=RegistrationMode.DELEGATES)
    add_quota(event, OrganisationKind.GOVERNMENT, "", 3)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.LEADER, 1)
    add_quota(event, OrganisationKind.SCHOOL, DelegateRole.STAFF_IN_CHARGE, 1)
    return event


def delegate_rows(*names, role="delegate"):
    data = {}
    for n, name in enumerate(names):
        data.update(
            {f"delegate_{n}_full_name": name, f"delegate_{n}_role": role, f"delegate_{n}_position": "Chuyên viên"}
        )
    return data


def test_officer_registers_three_delegates_and_is_refused_a_fourth(client, delegate_event):
    agency = OrganisationFactory(name="Sở Tư pháp", kind=OrganisationKind.GOVERNMENT)
    data = form_data(client, delegate_event, organisation=agency.pk, **delegate_rows("A", "B", "C"))
    response = client.post(delegate_event.url, data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.organisation == agency
    assert registration.attendees.count() == 3

    data = form_data(client, delegate_event, organisation=agency.pk, email="khac@example.org", **delegate_rows("D"))
    response = client.post(delegate_event.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="delegates-errors"' in html
    assert "Sở Tư pháp" in html
    assert 'value="D"' in html
    assert Registration.objects.count() == 1


def _quota(client, event, organisation, **extra):
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(event.url).content.decode()).group(1)
    return client.post(
        event.url + "organisation-quota/", {"organisation": organisation.pk}, HTTP_X_CSRFTOKEN=token, **extra
    )


def test_the_form_shows_what_the_chosen_organisation_may_still_send(delegate_event):
    client = Client(enforce_csrf_checks=True)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    services.register(delegate_event, delegates_request(school, ["leader"]))
    response = _quota(client, delegate_event, school)
    data = response.json()
    remaining = {quota["label"]: quota["remaining"] for quota in data["quotas"]}
    assert list(remaining.values()) == [0, 1]
    assert data["invited"] is True
    assert response["Cache-Control"] == "private, no-store"


def test_the_quota_numbers_are_no_open_directory(delegate_event, settings):
    client = Client(enforce_csrf_checks=True)
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    url = delegate_event.url + "organisation-quota/"
    assert client.get(url, {"organisation": school.pk}).status_code == 405, "no link or script can just read it"
    assert client.post(url, {"organisation": school.pk}).status_code == 403, "only the event's own form"
    business = OrganisationFactory(kind=OrganisationKind.BUSINESS)
    assert _quota(client, delegate_event, business).status_code == 404, "only an organisation the form offers"

    settings.EVENTS_QUOTA_RATE_LIMIT = 3
    statuses = [_quota(client, delegate_event, school, REMOTE_ADDR="10.9.9.9").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_quota_numbers_close_with_the_registration(client, event_index):
    closed = EventPageFactory(
        parent=event_index,
        registration_mode=RegistrationMode.DELEGATES,
        registration_closes=timezone.now() - timedelta(minutes=1),
    )
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    assert client.post(closed.url + "organisation-quota/", {"organisation": school.pk}).status_code == 404


def test_delegate_form_has_rows_for_the_largest_quota(client, delegate_event):
    OrganisationFactory(name="Trường THPT Nguyễn Du", kind=OrganisationKind.SCHOOL)
    OrganisationFactory(name="Công ty ABC", kind=OrganisationKind.BUSINESS)
    html = client.get(delegate_event.url).content.decode()
    assert 'name="delegate_2_full_name"' in html
    assert 'name="delegate_3_full_name"' not in html
    assert "<optgroup" in html
    assert "Trường THPT Nguyễn Du" in html
    assert "Công ty ABC" not in html, "kinds without a quota are not offered"


def test_cancel_by_the_private_link_promotes_the_next_person(client, event):
    first = services.register(event, person(1)).registration
    services.register(event, person(2))
    waiting = services.register(event, person(3)).registration
    client.get(reverse("events:manage", kwargs={"token": first.token}))
    url = reverse("events:manage_current")
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 302
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    html = client.get(url).content.decode()
    assert "Cancel my registration" not in html and "Hủy đăng ký của tôi" not in html


def test_private_link_edits_delegates_before_the_deadline(client, delegate_event):
    agency = OrganisationFactory(kind=OrganisationKind.GOVERNMENT)
    registration = services.register(delegate_event, delegates_request(agency, ["delegate"])).registration
    client.get(reverse("events:manage", kwargs={"token": registration.token}))
    url = reverse("events:manage_current")
    response = client.post(url, {"action": "delegates", **delegate_rows("Lê Văn Một", "Lê Văn Hai")})
    assert response.status_code == 302
    assert sorted(registration.attendees.values_list("full_name", flat=True)) == ["Lê Văn Hai", "Lê Văn Một"]
    # A colleague registered one more delegate of the same agency: three in all is the quota.
    services.register(delegate_event, delegates_request(agency, ["delegate"], n=2))
    response = client.post(url, {"action": "delegates", **delegate_rows("1", "2", "3")})
    assert response.status_code == 200
    assert "notice--error" in response.content.decode()
    assert 'value="3"' in response.content.decode(), "what was typed is kept"
    assert registration.attendees.count() == 2


def test_unknown_token_is_404(client, event):
    assert client.get(reverse("events:manage", kwargs={"token": "nope"})).status_code == 404


def test_the_e_mail_link_trades_its_token_for_a_cookie_and_an_address_without_it(client, event):
    registration = services.register(event, person(1)).registration
    link = reverse("events:manage", kwargs={"token": registration.token})
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:manage_current")
    cookie = response.cookies["portal_registration"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"], "gone when the browser closes"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert registration.display_reference in html
    assert registration.token not in html, "no form or link of the page carries the token"
    assert page["Cache-Control"].startswith("max-age=0") and "no-store" in page["Cache-Control"]


def test_without_the_cookie_the_page_asks_for_the_e_mail_link(client, event):
    services.register(event, person(1))
    response = client.get(reverse("events:manage_current"))
    assert response.status_code == 404
    assert "e-mail" in response.content.decode().lower() or "thư" in response.content.decode()
    client.cookies["portal_registration"] = "forged"
    assert client.get(reverse("events:manage_current")).status_code == 404


def test_a_page_opened_before_the_change_still_cancels_through_the_old_address(client, event):
    registration = services.register(event, person(1)).registration
    link = reverse("events:manage", kwargs={"token": registration.token})
    assert client.post(link, {"action": "cancel"}).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_event_ics_is_valid_icalendar(client, event):
    response = client.get(event.url + "ical/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART:" in body and "SUMMARY:Tập huấn Công dân học tập" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_index_lists_filters_and_feeds_upcoming_events(client, event_index, event):
    seminar = EventPageFactory(
        parent=event_index,
        title="Hội thảo trực tuyến",
        kind=EventKind.SEMINAR,
        online_url="https://meet.example.org/x",
        venue_name="",
        venue_address="",
        district="Quận 3",
    )
    past_start = timezone.now() - timedelta(days=30)
    EventPageFactory(
        parent=event_index,
        title="Lễ tuyên dương cũ",
        start=past_start,
        end=past_start + timedelta(hours=2),
        registration_closes=None,
    )
    html = client.get(event_index.url).content.decode()
    assert "Tập huấn Công dân học tập" in html and "Hội thảo trực tuyến" in html
    assert "Lễ tuyên dương cũ" not in html
    html = client.get(event_index.url, {"kind": "seminar"}).content.decode()
    assert "Hội thảo trực tuyến" in html and "Tập huấn Công dân học tập" not in html
    html = client.get(event_index.url, {"format": "in_person"}).content.decode()
    assert "Hội thảo trực tuyến" not in html
    html = client.get(event_index.url, {"district": "Quận 3"}).content.decode()
    assert "Tập huấn Công dân học tập" not in html
    html = client.get(event_index.url, {"open": "1"}).content.decode()
    assert "Tập huấn Công dân học tập" in html
    assert "Lễ tuyên dương cũ" in client.get(event_index.url + "past/").content.decode()
    feed = client.get(event_index.url + "ical/").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2
    assert seminar.title in feed


def test_month_calendar_works_without_js(client, event_index, event):
    month = timezone.localtime(event.start).strftime("%Y-%m")
    html = client.get(event_index.url, {"view": "calendar", "month": month}).content.decode()
    assert 'class="month-calendar"' in html
    assert "Tập huấn Công dân học tập" in html
    assert client.get(event_index.url, {"view": "calendar", "month": "garbage"}).status_code == 200


def test_home_page_shows_upcoming_events(client, home_page, event):
    html = client.get(home_page.url).content.decode()
    assert "Tập huấn Công dân học tập" in html


def test_registering_on_the_english_page_books_the_original_event_and_mails_in_english(
    client, event, en_home_page, locales, commit
):
    english_index = event.get_parent().copy_for_translation(locales["en"])
    english_index.title, english_index.slug = "Events", "events"
    english_index.save_revision().publish()
    english = event.copy_for_translation(locales["en"])
    english.title, english.slug = "Learning citizen training", "learning-citizen-training"
    english.save_revision().publish()
    english = EventPage.objects.get(pk=english.pk)
    response = commit(client.post, form_action(client, english), form_data(client, english))
    registration = Registration.objects.get()
    assert registration.event_id == event.pk
    assert registration.language == "en"
    assert response["Location"] == "/en/dang-ky/quan-ly/?new=1"
    assert mail.outbox[0].subject == "Registration confirmed: Learning citizen training"
    assert "/en/dang-ky/" in mail.outbox[0].body
