import io

import pytest
from wagtail.models import Revision

from events import seed as events_seed
from events import services
from events.models import EventPage, Registration
from home import seed as home_seed
from network import seed as network_seed

pytestmark = pytest.mark.django_db


def test_seed_makes_the_three_demo_events_and_is_idempotent(locales):
    home_seed.seed(io.StringIO())
    network_seed.seed(io.StringIO())
    events_seed.seed(io.StringIO())
    revisions = Revision.objects.count()
    registrations = Registration.objects.count()

    events_seed.seed(io.StringIO())

    assert Revision.objects.count() == revisions
    assert Registration.objects.count() == registrations
    training = EventPage.objects.get(slug="tap-huan-cong-dan-hoc-tap-don-vi-hoc-tap-2024")
    assert services.event_state(training) == services.EventState.FINISHED
    assert training.registrations.count() == 8
    assert services.status_counts(training)["attended"] > 0
    assert training.registration_closes.strftime("%d/%m/%Y") in {"04/12/2024", "05/12/2024"}
    seminar = EventPage.objects.get(slug="hoi-thao-xay-dung-don-vi-hoc-tap-trong-truong-hoc")
    assert services.event_state(seminar) == services.EventState.OPEN
    assert {(q.organisation_kind, q.role) for q in seminar.quotas.all()} >= {("school", "leader"), ("government", "")}
    reading = EventPage.objects.get(slug="ngay-hoi-doc-sach-gia-dinh-hoc-tap")
    assert reading.waiting_list and services.remaining_seats(reading) == 2
    assert EventPage.objects.filter(locale=locales["en"]).count() == 3
