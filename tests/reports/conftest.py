import datetime

import pytest

from tests.factories.reports import period, title_version
from tests.network.conftest import day_2024, day_2026, reform  # noqa: F401  (the network's fixtures)

NOVEMBER_15 = datetime.date(2026, 11, 15)


def titles(**pairs):
    """Title figures by prefix: titles(GD=(60, 100)) → {"GD-CN": 60, "GD-TS": 100}."""
    values = {}
    for prefix, (recognised, eligible) in pairs.items():
        values[f"{prefix}-CN"] = recognised
        values[f"{prefix}-TS"] = eligible
    return values


@pytest.fixture
def version(db):
    return title_version()


@pytest.fixture
def periods(version, reform):  # noqa: F811
    """2024 reported by district (and wards), 2026 by the wards made on 1 July 2025."""
    return {
        2024: period(
            version,
            2024,
            [reform["city"], reform["P"]],
            district=datetime.date(2024, 11, 20),
            commune=datetime.date(2024, 11, 15),
        ),
        2026: period(version, 2026, [reform["city"]], commune=NOVEMBER_15, unit=datetime.date(2026, 12, 10)),
    }
