import datetime

import factory
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from reports import loader, services
from reports.models import (
    Assignment,
    DashboardPage,
    Deadline,
    Indicator,
    IndicatorSet,
    IndicatorSetVersion,
    Period,
    ReportingLevel,
    Role,
    Section,
    Status,
    Submission,
)
from tests.factories.home import PageFactory


def title_version():
    """Version 1 of the title statistics, as shipped in reports/data."""
    version, _created = loader.load(loader.DATA_DIR / "title_statistics.toml")
    return version


def framework_version():
    version, _created = loader.load(loader.DATA_DIR / "unesco_key_features.toml")
    return version


class IndicatorSetFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"bo-chi-so-{n}")
    name = factory.Sequence(lambda n: f"Bộ chỉ số {n}")
    kind = "other"

    class Meta:
        model = IndicatorSet


class VersionFactory(factory.django.DjangoModelFactory):
    indicator_set = factory.SubFactory(IndicatorSetFactory)
    number = 1

    class Meta:
        model = IndicatorSetVersion


class SectionFactory(factory.django.DjangoModelFactory):
    version = factory.SubFactory(VersionFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    name = factory.Sequence(lambda n: f"Mục {n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Section


class IndicatorFactory(factory.django.DjangoModelFactory):
    section = factory.SubFactory(SectionFactory)
    code = factory.Sequence(lambda n: f"CS-{n}")
    name = factory.Sequence(lambda n: f"Chỉ số {n}")
    kind = "count"
    for_communes = True
    for_districts = True
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Indicator


def rate_section(version, code, prefix, title="", name="Gia đình học tập", levels=("commune", "district")):
    """A section with a recognised count, an eligible count and their rate: the title statistics' shape."""
    flags = {f"for_{'units' if lv == 'unit' else lv + 's'}": True for lv in levels}
    section = SectionFactory(version=version, code=code, name=name)
    common = {"section": section, **flags}
    IndicatorFactory(
        code=f"{prefix}-CN",
        name=f"Số {name.lower()} được công nhận",
        title=title,
        measure="recognised" if title else "",
        **common,
    )
    IndicatorFactory(
        code=f"{prefix}-TS",
        name=f"Số {name.lower()} thuộc diện đánh giá",
        title=title,
        measure="eligible" if title else "",
        **common,
    )
    IndicatorFactory(
        code=f"{prefix}-TL",
        name=f"Tỉ lệ {name.lower()}",
        kind="rate",
        numerator=f"{prefix}-CN",
        denominator=f"{prefix}-TS",
        title=title,
        **common,
    )
    return section


class PeriodFactory(factory.django.DjangoModelFactory):
    version = factory.SubFactory(VersionFactory)
    year = 2024

    class Meta:
        model = Period
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas = list(extracted)
            self.save()

    @factory.post_generation
    def deadlines(self, create, extracted, **kwargs):
        for level, due in (extracted or {}).items():
            Deadline.objects.create(period=self, level=level, due=due)


def period(version, year, areas, **deadlines):
    """A period of the version; deadlines by level name, e.g. commune=date(2025, 11, 15)."""
    due = deadlines or {"district": datetime.date(year, 11, 20)}
    return PeriodFactory(
        version=version, year=year, areas=areas, deadlines={ReportingLevel(k): v for k, v in due.items()}
    )


def user(username, group, **fields):
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.create_user(username, f"{username}@example.org", "mat-khau-123", **fields)
    account.groups.add(Group.objects.get(name=group))
    return account


def reporter(username, area=None, organisation=None):
    account = user(username, services.REPORTER_GROUP)
    Assignment.objects.create(user=account, role=Role.REPORTER, area=area, organisation=organisation)
    return account


def reviewer(username, area):
    account = user(username, services.REVIEWER_GROUP)
    Assignment.objects.create(user=account, role=Role.REVIEWER, area=area)
    return account


def report(period, area, values, status=Status.APPROVED, organisation=None):
    """A report in the given status, as if it had gone through the workflow; approvals refresh the figures."""
    now = timezone.now()
    submission = Submission.objects.create(
        period=period,
        area=area,
        organisation=organisation,
        values=values,
        status=status,
        submitted_at=now if status != Status.DRAFT else None,
        reviewed_at=now if status in (Status.APPROVED, Status.RETURNED) else None,
    )
    if status == Status.APPROVED:
        Period.objects.filter(pk=period.pk).update(figures_stamp=F("figures_stamp") + 1)
        period.refresh_from_db()
    return submission


class DashboardPageFactory(PageFactory):
    title = "Số liệu"
    slug = "so-lieu"

    class Meta:
        model = DashboardPage
