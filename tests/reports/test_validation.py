"""What a report must hold: clear Vietnamese errors, warnings that do not block, nothing lost on bad input."""

import pytest
from django.core import mail

from reports import services, values
from reports.models import IndicatorKind, Status, Submission
from tests.factories.reports import report, reporter

from .conftest import titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "typed", "stored"),
    [
        (IndicatorKind.COUNT, "1.234", 1234),
        (IndicatorKind.COUNT, "1 234 567", 1234567),
        (IndicatorKind.COUNT, "1234", 1234),
        (IndicatorKind.COUNT, 56.0, 56),
        (IndicatorKind.MONEY, "38.500.000.000", 38_500_000_000),
        (IndicatorKind.PERCENTAGE, "58,5", 58.5),
        (IndicatorKind.PERCENTAGE, "58.5%", 58.5),
        (IndicatorKind.YES_NO, "Có", True),
        (IndicatorKind.YES_NO, "không", False),
        (IndicatorKind.COUNT, "", None),
    ],
)
def test_numbers_are_read_as_vietnamese_officers_type_them(kind, typed, stored):
    assert values.parse(kind, typed) == stored


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        (IndicatorKind.COUNT, "-5", "Số liệu không được là số âm."),
        (IndicatorKind.COUNT, "12,5", "Hãy nhập số nguyên, không có phần thập phân."),
        (IndicatorKind.COUNT, "mười", "“mười” không phải là một số."),
        (IndicatorKind.PERCENTAGE, "120", "Tỉ lệ phần trăm phải nằm trong khoảng từ 0 đến 100."),
        (IndicatorKind.YES_NO, "có lẽ", "Hãy trả lời “Có” hoặc “Không”."),
    ],
)
def test_bad_numbers_are_refused_with_a_clear_vietnamese_message(kind, typed, message):
    with pytest.raises(values.InvalidValue) as error:
        values.parse(kind, typed)
    assert error.value.message == message


@pytest.fixture
def draft(periods, reform):
    reporter("baocao.n1", area=reform["N1"])
    return services.open_submission(periods[2026], None, area=reform["N1"])


def test_more_recognised_than_eligible_is_an_error_and_nothing_is_saved(draft):
    assert services.save_values(draft, {"GD-CN": "60", "GD-TS": "100"}, None).ok
    check = services.save_values(draft, {"GD-CN": "120", "GD-TS": "100", "DH-CN": "5", "DH-TS": "8"}, None)
    assert not check.ok
    assert check.errors["GD-CN"] == [
        "Số gia đình được công nhận “Gia đình học tập” (120) không được lớn hơn số gia đình thuộc diện đánh giá (100)."
    ]
    draft.refresh_from_db()
    # What was saved before is intact, and the valid figures typed with the bad one wait in the form.
    assert draft.values == {"GD-CN": 60, "GD-TS": 100}


def test_a_large_jump_from_last_year_is_a_warning_not_an_error(periods, reform, version):
    from tests.factories.reports import period

    last_year = period(
        version, 2025, [reform["city"]], commune=periods[2026].deadline_for("commune").replace(year=2025)
    )
    report(last_year, reform["N1"], titles(GD=(40, 100), DH=(10, 20)))
    submission = services.open_submission(periods[2026], None, area=reform["N1"])
    check = services.save_values(submission, {"GD-CN": "85", "GD-TS": "100", "DH-CN": "30", "DH-TS": "20"}, None)
    assert not check.ok  # 30 clans recognised of 20 is wrong...
    assert "DH-CN" in check.errors
    check = services.save_values(submission, {"GD-CN": "85", "GD-TS": "100", "DH-CN": "11", "DH-TS": "20"}, None)
    assert check.ok  # ...but 85% after 40% is only surprising.
    assert check.warnings["GD-CN"] == [
        "Tỉ lệ gia đình đạt danh hiệu “Gia đình học tập” thay đổi từ 40,0% (năm 2025) thành 85,0%: chênh lệch hơn 20 "
        "điểm phần trăm. Hãy kiểm tra lại; nếu số liệu đúng, bạn vẫn gửi được báo cáo."
    ]
    submission.refresh_from_db()
    assert submission.values["GD-CN"] == 85


def test_a_report_with_gaps_cannot_be_sent_but_stays_a_draft(draft):
    services.save_values(draft, titles(GD=(60, 100)), None)
    with pytest.raises(services.ReportError) as error:
        services.submit(draft, None)
    assert "chưa gửi được" in error.value.message
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_complete_report_is_sent_and_the_reviewers_hear_of_it(draft, reform, django_capture_on_commit_callbacks):
    from tests.factories.reports import reviewer

    reviewer("duyet.city", reform["city"])
    services.save_values(draft, titles(GD=(60, 100), DH=(5, 8), CD=(9, 12), DV=(40, 50), CDHT=(300, 900)), None)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(draft, None)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert [m.to for m in mail.outbox] == [["duyet.city@example.org"]]
    assert "Phường N1" in mail.outbox[0].subject
    with pytest.raises(services.ReportError):
        services.save_values(draft, {"GD-CN": "61"}, None)
    assert Submission.objects.get(pk=draft.pk).values["GD-CN"] == 60
