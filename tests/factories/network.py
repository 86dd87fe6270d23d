import datetime

import factory

from network.models import Area, AreaKind, LearningCentreIndexPage, Organisation, OrganisationKind
from tests.factories.home import PageFactory


class AreaFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Phường {n}")
    kind = AreaKind.WARD

    class Meta:
        model = Area


def city(name="Thành phố Hồ Chí Minh", code="79", **kwargs):
    return AreaFactory(name=name, code=code, kind=AreaKind.CITY, **kwargs)


REFORM_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = OrganisationKind.GOVERNMENT

    class Meta:
        model = Organisation


class LearningCentreFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Trung tâm học tập cộng đồng phường {n}")
    kind = OrganisationKind.LEARNING_CENTRE
    address = factory.Sequence(lambda n: f"{n} Lê Lợi")
    phone = "028 3822 1234"
    opening_hours = "Thứ Hai – Thứ Sáu: 7:30 – 17:00\nThứ Bảy: 7:30 – 11:30"


class DirectoryFactory(PageFactory):
    title = "Trung tâm học tập cộng đồng"
    slug = "trung-tam-hoc-tap-cong-dong"

    class Meta:
        model = LearningCentreIndexPage
