from datetime import timedelta

import factory
from django.utils import timezone

from events.models import EventIndexPage, EventPage, EventQuestion, EventQuota, RegistrationMode
from events.services import DelegateData, RegistrationRequest
from tests.factories.home import PageFactory


class EventIndexPageFactory(PageFactory):
    title = "Sự kiện"
    slug = "su-kien"

    class Meta:
        model = EventIndexPage


class EventPageFactory(PageFactory):
    """An open event, a fortnight ahead, with registration open until the day before."""

    title = factory.Sequence(lambda n: f"Tập huấn số {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=4))
    registration_closes = factory.LazyAttribute(lambda o: o.start - timedelta(days=1))
    venue_name = "Sở Giáo dục và Đào tạo"
    venue_address = "68 Lê Thánh Tôn, Quận 1, TP. Hồ Chí Minh"
    district = "Quận 1"
    capacity = 10
    registration_mode = RegistrationMode.INDIVIDUAL

    class Meta:
        model = EventPage


def add_quota(event, kind="", role="", maximum=1):
    return EventQuota.objects.create(event=event, organisation_kind=kind, role=role, max_per_organisation=maximum)


def add_question(event, label="Bạn có mang máy tính?", kind="yes_no", required=True, choices=""):
    return EventQuestion.objects.create(event=event, label=label, kind=kind, required=required, choices=choices)


def person(n=1, **overrides):
    fields = {
        "contact_name": f"Nguyễn Văn {n}",
        "email": f"nguoi{n}@example.org",
        "phone": "0903 000 000",
        "consent": True,
    }
    fields.update(overrides)
    return RegistrationRequest(**fields)


def delegates_request(organisation, roles, n=1, **overrides):
    delegates = [
        DelegateData(full_name=f"Đại biểu {n}-{i}", role=role, email=f"daibieu{n}-{i}@example.org")
        for i, role in enumerate(roles)
    ]
    return person(n, organisation=organisation, delegates=delegates, **overrides)
