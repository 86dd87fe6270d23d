import datetime
import json
import re
import zoneinfo
from types import SimpleNamespace

import pytest
from django.utils import timezone

from campaigns import services

START, END = datetime.date(2023, 9, 2), datetime.date(2023, 10, 2)


def status_on(day):
    return services.campaign_status(SimpleNamespace(start_date=START, end_date=END), day)


@pytest.mark.parametrize(
    ("day", "state", "days"),
    [
        (datetime.date(2023, 8, 31), "upcoming", 2),
        (datetime.date(2023, 9, 1), "upcoming", 1),
        (START, "ongoing", 30),
        (datetime.date(2023, 9, 20), "ongoing", 12),
        (END, "ongoing", 0),
        (datetime.date(2023, 10, 3), "ended", None),
    ],
)
def test_status_at_the_boundaries(day, state, days):
    status = status_on(day)
    assert (status.state, status.days) == (state, days)


def test_one_day_campaign_is_ongoing_on_its_day():
    day = datetime.date(2023, 10, 2)
    status = services.campaign_status(SimpleNamespace(start_date=day, end_date=day), day)
    assert status.is_ongoing and status.days == 0


def test_today_is_the_vietnamese_date_whatever_the_active_time_zone():
    # 17:30 UTC on 2 October is already 00:30 on 3 October in Hồ Chí Minh City: the campaign has ended.
    evening_utc = datetime.datetime(2023, 10, 2, 17, 30, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        today = services.local_today(evening_utc)
    assert today == datetime.date(2023, 10, 3)
    assert status_on(today).is_ended
    assert services.local_today(datetime.datetime(2023, 10, 2, 16, 59, tzinfo=datetime.UTC)) == END


def test_request_today_is_computed_once_per_request(rf, monkeypatch):
    request = rf.get("/")
    monkeypatch.setattr(services, "local_today", lambda: datetime.date(2023, 9, 10))
    assert services.request_today(request) == datetime.date(2023, 9, 10)
    monkeypatch.setattr(services, "local_today", lambda: datetime.date(2030, 1, 1))
    assert services.request_today(request) == datetime.date(2023, 9, 10)


@pytest.mark.parametrize(
    ("target", "achieved", "progress"),
    [(60, None, None), ("27.5", 22, 80), (10, 15, 100), (10, 0, 0), (30, "24.6", 82)],
)
def test_target_progress(target, achieved, progress):
    assert services.target_progress(target, achieved) == progress


def test_split_by_status_orders_each_group():
    today = datetime.date(2023, 9, 10)
    pages = [
        SimpleNamespace(title="past-old", start_date=datetime.date(2022, 9, 1), end_date=datetime.date(2022, 9, 30)),
        SimpleNamespace(title="past-recent", start_date=datetime.date(2023, 5, 1), end_date=datetime.date(2023, 5, 30)),
        SimpleNamespace(
            title="ongoing-long", start_date=datetime.date(2023, 9, 1), end_date=datetime.date(2023, 12, 31)
        ),
        SimpleNamespace(
            title="ongoing-short", start_date=datetime.date(2023, 9, 2), end_date=datetime.date(2023, 10, 2)
        ),
        SimpleNamespace(title="later", start_date=datetime.date(2024, 4, 15), end_date=datetime.date(2024, 4, 21)),
        SimpleNamespace(title="soon", start_date=datetime.date(2023, 10, 1), end_date=datetime.date(2023, 10, 7)),
    ]
    groups = services.split_by_status(pages, today)
    assert [p.title for p in groups["ongoing"]] == ["ongoing-short", "ongoing-long"]
    assert [p.title for p in groups["upcoming"]] == ["soon", "later"]
    assert [p.title for p in groups["ended"]] == ["past-recent", "past-old"]


def test_json_ld_cannot_close_its_script_element():
    html = services.json_ld_script({"@type": "Article", "headline": "</script><script>alert(1)</script> & “Học”"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    payload = re.search(r">(.*)</script>", html).group(1)
    assert json.loads(payload)["headline"] == "</script><script>alert(1)</script> & “Học”"


def test_period_validation_message_names_both_dates():
    errors = services.validate_period(datetime.date(2023, 10, 2), datetime.date(2023, 9, 2), {})
    assert "02/09/2023" in errors["end_date"] and "02/10/2023" in errors["end_date"]
    assert services.validate_period(START, START, {}) == {}
