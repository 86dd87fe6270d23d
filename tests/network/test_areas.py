"""Roll-ups across the 2025 reform: every place is counted once, in the areas of today."""

import pytest
from django.core.exceptions import ValidationError

from network.models import AreaKind, AreaLevel
from network.services import AreaGraph
from tests.factories.network import LAST_OLD_DAY, REFORM_DAY, AreaFactory, city

pytestmark = pytest.mark.django_db


def figures(**by_name):
    return {name: {"recognised": r, "eligible": e} for name, (r, e) in by_name.items()}


def rollup(reform, values, day, ref_day):
    graph = AreaGraph()
    result = graph.rollup({reform[name].pk: v for name, v in values.items()}, day, ref_day)
    by_name = {area.pk: name for name, area in reform.items()}
    return {by_name[area_id]: (total.values, total.sources) for area_id, total in result.items()}


def test_district_figures_of_2024_add_up_to_the_city_of_today(reform, day_2024, day_2026):
    totals = rollup(reform, figures(D1=(60, 100), D2=(30, 50), P=(10, 40)), day_2024, day_2026)
    # The merged province counts towards the city as it is today, once.
    assert totals["city"] == ({"recognised": 100, "eligible": 190}, 3)
    # Huyện Hai became ward N3 alone: its figure carries over. Quận 1 was split over N1 and N2: it doesn't.
    assert totals["N3"] == ({"recognised": 30, "eligible": 50}, 1)
    assert "N1" not in totals and "N2" not in totals
    # Tỉnh P's only district became N4, but P reported as a whole: nothing can be said of N4 alone.
    assert "N4" not in totals


def test_a_district_that_reported_as_a_whole_is_not_counted_again_through_its_wards(reform, day_2024):
    totals = rollup(reform, figures(D1=(60, 100), A=(5, 10), B=(7, 10)), day_2024, day_2024)
    assert totals["city"] == ({"recognised": 60, "eligible": 100}, 1)
    assert totals["D1"] == ({"recognised": 60, "eligible": 100}, 1)
    assert totals["A"] == ({"recognised": 5, "eligible": 10}, 1)


def test_wards_stand_in_for_a_district_without_a_figure(reform, day_2024):
    totals = rollup(reform, figures(A=(5, 10), B=(7, 10), C=(1, 4)), day_2024, day_2024)
    assert totals["D1"] == ({"recognised": 13, "eligible": 24}, 3)
    assert totals["city"] == ({"recognised": 13, "eligible": 24}, 3)


def test_old_wards_fold_into_the_new_ward_they_wholly_became(reform, day_2024, day_2026):
    totals = rollup(reform, figures(A=(5, 10), B=(7, 10), C=(1, 4), E=(2, 8)), day_2024, day_2026)
    # A went wholly into N1 and C into N2; B was split between them, so it counts in the city only.
    assert totals["N1"] == ({"recognised": 5, "eligible": 10}, 1)
    assert totals["N2"] == ({"recognised": 1, "eligible": 4}, 1)
    assert totals["N3"] == ({"recognised": 2, "eligible": 8}, 1)
    assert totals["city"] == ({"recognised": 15, "eligible": 32}, 4)


def test_new_wards_of_2026_add_up_and_also_answer_for_the_old_district(reform, day_2026):
    values = figures(N1=(10, 20), N2=(5, 10), N3=(1, 1), N4=(3, 3))
    today = rollup(reform, values, day_2026, day_2026)
    assert today["city"] == ({"recognised": 19, "eligible": 34}, 4)
    # Looking back from Quận 1's last day: N1 and N2 were made only of Quận 1's wards.
    as_old = rollup(reform, values, day_2026, LAST_OLD_DAY)
    assert as_old["D1"] == ({"recognised": 15, "eligible": 30}, 2)
    assert as_old["D2"] == ({"recognised": 1, "eligible": 1}, 1)
    # N4 came from Tỉnh P: in the tree of 2024 it belongs to P, not to the city.
    assert as_old["P"] == ({"recognised": 3, "eligible": 3}, 1)
    assert as_old["city"] == ({"recognised": 16, "eligible": 31}, 3)


def test_partial_predecessors_are_named(reform, day_2024):
    graph = AreaGraph()
    partial = graph.partial_predecessors(reform["N1"].pk, day_2024, REFORM_DAY)
    names = {graph.nodes[a].name for a in partial}
    assert "Phường B" in names and "Phường A" not in names


def test_area_level_follows_its_kind(db):
    assert city().level == AreaLevel.PROVINCE
    assert AreaFactory(kind=AreaKind.SPECIAL_ZONE, parent=city(code="31", name="Hải Phòng")).level == AreaLevel.COMMUNE


def test_area_validation_speaks_vietnamese(db):
    from django.utils import translation

    hcm = city()
    district = AreaFactory(kind=AreaKind.URBAN_DISTRICT, parent=hcm, valid_until=LAST_OLD_DAY)
    with translation.override("vi"):
        ward = AreaFactory.build(parent=district, valid_from=REFORM_DAY)
        with pytest.raises(ValidationError) as error:
            ward.clean()
        assert "không còn hiệu lực" in str(error.value) or "không có hiệu lực" in str(error.value)
        orphan = AreaFactory.build(kind=AreaKind.WARD)
        with pytest.raises(ValidationError) as error:
            orphan.clean()
        assert "thuộc" in str(error.value)
