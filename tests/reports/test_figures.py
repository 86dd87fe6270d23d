"""Approved figures summed up the area tree across the 2025 reform: every place once, rates recomputed."""

from decimal import Decimal

import pytest
from wagtail import hooks

from network.services import AreaGraph
from reports.figures import Lookup, read, recognitions
from reports.models import IndicatorKind, Status
from reports.services import indicators_of
from tests.factories.network import OrganisationFactory
from tests.factories.reports import report

from .conftest import titles

pytestmark = pytest.mark.django_db


class Figures:
    def __init__(self, version):
        self.indicators = {i.code: i for i in indicators_of(version)}
        self.lookup = Lookup(AreaGraph(), {version.pk: list(self.indicators.values())})

    def __call__(self, period, area, code, ref_day=None):
        reading = read(self.indicators[code], self.lookup.get(period, area.pk, ref_day))
        if self.indicators[code].kind == IndicatorKind.RATE:
            return reading.value, reading.numerator, reading.denominator
        return reading.value


@pytest.fixture
def figures(version):
    return Figures(version)


def test_district_figures_of_2024_and_ward_figures_of_2026_both_stay_right(periods, reform, figures, day_2026):
    report(periods[2024], reform["D1"], titles(GD=(60, 100)))
    report(periods[2024], reform["D2"], titles(GD=(30, 50)))
    report(periods[2024], reform["Q"], titles(GD=(10, 40)))  # a district of the province merged in 2025
    for ward, pair in {"N1": (10, 20), "N2": (5, 10), "N3": (1, 1), "N4": (3, 3)}.items():
        report(periods[2026], reform[ward], titles(GD=pair))

    # Each year in its own map: the city of 2024 without the province, the city of 2026 with it.
    assert figures(periods[2024], reform["city"], "GD-TL") == (Decimal("60.0"), 90, 150)
    assert figures(periods[2024], reform["P"], "GD-TL") == (Decimal("25.0"), 10, 40)
    assert figures(periods[2026], reform["city"], "GD-TL") == (Decimal("55.9"), 19, 34)
    # 2024 read in today's map: the merged province counts towards today's city, once.
    assert figures(periods[2024], reform["city"], "GD-TL", day_2026) == (Decimal("52.6"), 100, 190)
    # Huyện Hai became ward N3 alone: its 2024 figure carries over; Quận 1 was split, so N1 has none.
    assert figures(periods[2024], reform["N3"], "GD-TL") == (Decimal("60.0"), 30, 50)
    assert figures(periods[2024], reform["N1"], "GD-TL") == (None, None, None)


def test_a_district_and_its_wards_are_not_counted_twice(periods, reform, figures):
    report(periods[2024], reform["D1"], titles(GD=(60, 100)))
    report(periods[2024], reform["A"], titles(GD=(5, 10)))
    report(periods[2024], reform["B"], titles(GD=(7, 10)))
    assert figures(periods[2024], reform["city"], "GD-CN") == 60
    assert figures(periods[2024], reform["D1"], "GD-CN") == 60
    assert figures(periods[2024], reform["A"], "GD-CN") == 5


def test_rates_are_recomputed_from_the_sums_never_averaged(periods, reform, figures):
    report(periods[2024], reform["D1"], titles(GD=(90, 100)))  # 90%
    report(periods[2024], reform["D2"], titles(GD=(1, 10)))  # 10%
    # The average of the two rates would be 50%; 91 of 110 families is 82.7%.
    assert figures(periods[2024], reform["city"], "GD-TL") == (Decimal("82.7"), 91, 110)


def test_only_approved_reports_count(periods, reform, figures):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    report(periods[2026], reform["N2"], titles(GD=(500, 500)), status=Status.DRAFT)
    report(periods[2026], reform["N3"], titles(GD=(400, 400)), status=Status.SUBMITTED)
    report(periods[2026], reform["N4"], titles(GD=(300, 300)), status=Status.RETURNED)
    assert figures(periods[2026], reform["city"], "GD-TL") == (Decimal("50.0"), 10, 20)


def test_a_rate_counts_only_areas_that_gave_both_numbers(periods, reform, figures):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    report(periods[2026], reform["N2"], {"GD-CN": 9})  # the eligible number is missing
    assert figures(periods[2026], reform["city"], "GD-CN") == 19
    assert figures(periods[2026], reform["city"], "GD-TL") == (Decimal("50.0"), 10, 20)


def test_education_units_add_to_their_area_without_replacing_its_figures(periods, reform, figures):
    school = OrganisationFactory(name="Trường THPT Ven Sông", kind="school", area=reform["N1"])
    centre = OrganisationFactory(name="Trung tâm GDTX", kind="school", area=reform["city"])
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    report(periods[2026], reform["N1"], titles(CB=(30, 40)), organisation=school)
    report(periods[2026], reform["city"], titles(CB=(10, 60)), organisation=centre)
    assert figures(periods[2026], reform["N1"], "CB-TL") == (Decimal("75.0"), 30, 40)
    assert figures(periods[2026], reform["N1"], "GD-CN") == 10
    assert figures(periods[2026], reform["city"], "CB-TL") == (Decimal("40.0"), 40, 100)


def test_recognitions_from_the_evaluation_replace_the_reported_recognised_count(periods, reform, figures):
    periods[2026].recognitions_from_portal = True
    periods[2026].save()
    report(periods[2026], reform["N1"], titles(GD=(10, 20), CDHT=(5, 50)))
    report(periods[2026], reform["N2"], titles(GD=(5, 10), CDHT=(5, 50)))

    def evaluation(year):
        return (
            {("learning_citizen", reform["N1"].pk): 12, ("learning_citizen", reform["N2"].pk): 8}
            if year == 2026
            else {}
        )

    with hooks.register_temporarily("portal_title_recognitions", evaluation):
        assert recognitions(2026) == {
            ("learning_citizen", reform["N1"].pk): 12,
            ("learning_citizen", reform["N2"].pk): 8,
        }
        fresh = Figures(periods[2026].version)
        # Learning citizens come from the evaluation (20), the eligible number from the reports (100).
        assert fresh(periods[2026], reform["city"], "CDHT-TL") == (Decimal("20.0"), 20, 100)
        assert fresh(periods[2026], reform["N2"], "CDHT-CN") == 8
        # Titles the evaluation says nothing about keep the reporters' numbers.
        assert fresh(periods[2026], reform["city"], "GD-CN") == 15
        assert fresh.lookup.recognised_titles(periods[2026]) == {"learning_citizen"}
    assert figures(periods[2026], reform["city"], "CDHT-TL") == (Decimal("10.0"), 10, 100)


def test_new_approvals_rebuild_the_stored_figures(periods, reform, version):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    assert Figures(version)(periods[2026], reform["city"], "GD-CN") == 10
    report(periods[2026], reform["N2"], titles(GD=(5, 10)))
    assert Figures(version)(periods[2026], reform["city"], "GD-CN") == 15
