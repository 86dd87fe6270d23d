from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from events import services
from events.models import EventPage, EventQuestion, Registration
from events.wagtail_hooks import _campaign_section
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.events import EventPageFactory, add_question, person
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_event_dates_are_validated(event_index):
    event = EventPageFactory.build(start=timezone.now(), end=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "end" in error.value.message_dict
    event = EventPageFactory.build(
        start=timezone.now(),
        end=timezone.now() + timedelta(hours=1),
        registration_opens=timezone.now(),
        registration_closes=timezone.now() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "registration_closes" in error.value.message_dict


def test_campaign_page_gets_an_events_section(event_index, home_page):
    campaigns = CampaignIndexPageFactory(parent=home_page, title="Chiến dịch")
    campaign = CampaignPageFactory(parent=campaigns, title="Tháng Khuyến học 2026")
    linked = EventPageFactory(parent=event_index, title="Lễ phát động", campaign=campaign)
    EventPageFactory(parent=event_index, title="Không liên quan")
    section = _campaign_section(campaign, RequestFactory().get("/"))
    assert [event.pk for event in section["events"]] == [linked.pk]
    other = CampaignPageFactory(parent=campaigns, title="Chiến dịch khác")
    assert _campaign_section(other, RequestFactory().get("/")) is None


def test_cancelled_event_is_marked_in_json_ld_and_state(client, event_index):
    event = EventPageFactory(parent=event_index, is_cancelled=True, cancellation_note="Hoãn do mưa bão.")
    html = client.get(event.url).content.decode()
    assert "https://schema.org/EventCancelled" in html
    assert "Hoãn do mưa bão." in html
    assert 'name="idempotency_key"' not in html


def test_search_extras_give_date_and_facets(event_index):
    event = EventPageFactory(parent=event_index, district="Quận 3")
    extras = event.get_search_extras()
    assert extras["date"] == event.start
    assert extras["facets"]["district"] == ["Quận 3"]


def test_commands_remind_and_purge(event_index, django_capture_on_commit_callbacks, mailoutbox):
    soon = timezone.now() + timedelta(hours=5)
    event = EventPageFactory(parent=event_index, start=soon, end=soon + timedelta(hours=2), registration_closes=None)
    services.register(event, person(1), notify=False)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=out)
    assert "1" in out.getvalue()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith(("Nhắc lịch", "Reminder"))

    out = StringIO()
    call_command("purge_registrations", "--days", "0", stdout=out)
    assert Registration.objects.get().anonymised_at is None, "the event has not ended yet"


def test_the_page_shows_its_saved_organisers_and_questions_and_a_preview_the_editors_choice(client, event_index):
    saved = OrganisationFactory(name="Hội Khuyến học Thành phố Hồ Chí Minh")
    chosen = OrganisationFactory(name="Trung tâm học tập cộng đồng phường Bến Thành")
    event = EventPageFactory(parent=event_index, organisers=[saved])
    add_question(event, label="Bạn có mang máy tính?")
    html = client.get(event.url).content.decode()
    assert saved.name in html and "Bạn có mang máy tính?" in html

    # Chosen in the editor, not saved yet: the preview shows them, the public page does not.
    draft = EventPage.objects.get(pk=event.pk)
    draft.organisers = [chosen]
    draft.questions = [EventQuestion(label="Bạn cần chỗ đỗ xe máy?", kind="yes_no")]
    preview = draft.make_preview_request().content.decode()
    assert chosen.name in preview and saved.name not in preview
    assert "Bạn cần chỗ đỗ xe máy?" in preview and "Bạn có mang máy tính?" not in preview
    html = client.get(event.url).content.decode()
    assert saved.name in html and chosen.name not in html and "Bạn cần chỗ đỗ xe máy?" not in html
