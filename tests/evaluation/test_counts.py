"""The numbers flow: recognitions decided in a year, by title and area, through the Wagtail hook."""

import datetime

import pytest
from django.utils import timezone
from wagtail import hooks

from evaluation import services
from network.models import LearningTitle
from search.text import fold
from tests.factories.evaluation import PeriodFactory, submitted


def counts(year):
    [hook] = hooks.get_hooks("portal_title_recognitions")
    return hook(year)


@pytest.fixture
def recognise(make_reviewer, hcmc):
    reviewer = make_reviewer("thamdinh.hcm", hcmc)
    numbers = iter(range(1, 100))

    def run(period, area, people, signed_on):
        chosen = []
        for name in people:
            assessment = submitted(period, area, name=name, email=".".join(fold(name).split()) + "@example.org")
            chosen.append(services.approve(assessment, user=reviewer))
        return services.issue_decision(
            services.DecisionRequest(period, hcmc, f"{next(numbers)}/QĐ", signed_on, "UBND thành phố", "A"),
            chosen,
            user=reviewer,
        )

    return run


def test_counts_by_title_and_area_for_the_year_of_the_decision(recognise, period, ward, other_ward):
    year = timezone.localdate().year
    family = PeriodFactory(title=LearningTitle.LEARNING_FAMILY)
    today = timezone.localdate()
    recognise(period, ward, ["An", "Bình", "Cường"], today)
    recognise(period, other_ward, ["Dung"], today)
    recognise(family, ward, ["Gia đình ông Em"], today)
    assert counts(year) == {
        (LearningTitle.LEARNING_CITIZEN, ward.pk): 3,
        (LearningTitle.LEARNING_CITIZEN, other_ward.pk): 1,
        (LearningTitle.LEARNING_FAMILY, ward.pk): 1,
    }
    assert counts(year - 1) == {}


def test_only_decided_recognitions_count_and_revoked_ones_do_not(recognise, period, ward, make_reviewer):
    today = timezone.localdate()
    submitted(period, ward, name="Chưa duyệt", email="x@example.org")
    decision = recognise(period, ward, ["Đã công nhận", "Bị thu hồi"], today)
    decision.certificates.filter(holder_name="Bị thu hồi").update(revoked_at=timezone.now())
    assert counts(today.year) == {(LearningTitle.LEARNING_CITIZEN, ward.pk): 1}


def test_a_decision_of_january_counts_in_its_own_year(recognise, ward):
    last_year = timezone.localdate().year - 1
    period = PeriodFactory(
        year=last_year,
        opens_on=datetime.date(last_year, 1, 1),
        closes_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    recognise(period, ward, ["Giang"], datetime.date(last_year + 1, 1, 1))
    assert counts(last_year) == {}
    assert counts(last_year + 1) == {(LearningTitle.LEARNING_CITIZEN, ward.pk): 1}
