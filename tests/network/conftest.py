import datetime

import pytest

from network.models import AreaKind
from tests.factories.network import LAST_OLD_DAY, REFORM_DAY, AreaFactory, city


@pytest.fixture
def reform(db):
    """A small city across the 1 July 2025 reform.

    Before: the city has districts D1 (wards A, B, C) and D2 (ward E). Afterwards: ward N1 is
    made of A and half of B, ward N2 of the other half of B and C, ward N3 of E; and a province P,
    with its district Q, is merged into the city, where Q becomes ward N4.
    """
    old = {"valid_until": LAST_OLD_DAY}
    new = {"valid_from": REFORM_DAY}
    areas = {"city": city()}
    c = areas["city"]
    areas["D1"] = AreaFactory(name="Quận 1", kind=AreaKind.URBAN_DISTRICT, parent=c, **old)
    areas["D2"] = AreaFactory(name="Huyện Hai", kind=AreaKind.RURAL_DISTRICT, parent=c, **old)
    for name, district in (("A", "D1"), ("B", "D1"), ("C", "D1"), ("E", "D2")):
        areas[name] = AreaFactory(name=f"Phường {name}", parent=areas[district], **old)
    areas["P"] = AreaFactory(name="Tỉnh P", kind=AreaKind.PROVINCE, **old)
    areas["Q"] = AreaFactory(name="Thành phố Q", kind=AreaKind.PROVINCIAL_CITY, parent=areas["P"], **old)
    for name in ("N1", "N2", "N3", "N4"):
        areas[name] = AreaFactory(name=f"Phường {name}", parent=c, **new)
    links = {
        "A": ["N1"],
        "B": ["N1", "N2"],
        "C": ["N2"],
        "E": ["N3"],
        "D1": ["N1", "N2"],
        "D2": ["N3"],
        "Q": ["N4"],
        "P": ["city"],
    }
    for old_name, new_names in links.items():
        areas[old_name].successors.set([areas[n] for n in new_names])
    return areas


@pytest.fixture
def day_2024():
    return datetime.date(2024, 12, 31)


@pytest.fixture
def day_2026():
    return datetime.date(2026, 12, 31)
