"""Reminders before deadlines: each threshold once, only to those whose report is not in."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from reports import services
from reports.models import Status
from tests.factories.network import OrganisationFactory
from tests.factories.reports import report, reporter, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(periods, reform):
    school = OrganisationFactory(name="Trường THPT Ven Sông", kind="school", area=reform["N1"])
    people = {
        "n1": reporter("baocao.n1", area=reform["N1"]),
        "n2": reporter("baocao.n2", area=reform["N2"]),
        "school": reporter("baocao.truong", organisation=school),
    }
    report(periods[2026], reform["N2"], {}, status=Status.SUBMITTED)
    return people


@pytest.fixture
def remind(django_capture_on_commit_callbacks):
    """Runs the command for a day; the mail leaves the outbox as it would after the commit."""

    def run(day, *args):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_report_reminders", "--today", day, *args, stdout=out)
        return out.getvalue()

    return run


def test_a_week_before_the_deadline_reporters_whose_report_is_not_in_hear_once(officers, reform, remind):
    output = remind("2026-11-08")
    assert [m.to for m in mail.outbox] == [["baocao.n1@example.org"]]
    message = mail.outbox[0]
    assert (
        message.subject
        == "Nhắc hạn: báo cáo Thống kê danh hiệu học tập 2026 của Phường N1 phải nộp trước ngày 15/11/2026"
    )
    assert "Còn 7 ngày." in message.body
    assert "http://testserver/admin/reports/period/" in message.body
    # Wards with nobody assigned are listed for the managers, without a mail.
    assert "Phường N3" not in output and "no reporter with an e-mail address" in output
    remind("2026-11-08")
    remind("2026-11-10")
    assert len(mail.outbox) == 1  # the seven-day reminder went already


def test_the_last_reminder_goes_the_day_before_and_none_after_the_deadline(officers, remind):
    remind("2026-11-08")
    remind("2026-11-14")
    assert len(mail.outbox) == 2 and "Còn 1 ngày." in mail.outbox[1].body
    remind("2026-11-16")
    assert len(mail.outbox) == 2


def test_education_units_are_reminded_of_their_own_deadline(officers, remind):
    remind("2026-12-03")
    assert [m.to for m in mail.outbox] == [["baocao.truong@example.org"]]
    assert "Trường THPT Ven Sông" in mail.outbox[0].subject


def test_a_dry_run_sends_nothing_and_records_nothing(officers, remind):
    output = remind("2026-11-08", "--dry-run")
    assert "baocao.n1@example.org" in output and not mail.outbox
    remind("2026-11-08")
    assert len(mail.outbox) == 1


def test_overdue_reports_are_listed_for_the_period(client, officers, periods, reform):
    rows = services.overdue(periods[2026], today=datetime.date(2026, 11, 20))
    assert {r.expected.area_id for r in rows if not r.expected.organisation_id} == {
        reform[n].pk for n in ("N1", "N3", "N4")
    }
    assert not any(r.expected.organisation_id for r in rows)  # the schools' deadline is in December
    client.force_login(user("quantri", services.MANAGER_GROUP))
    html = client.get(f"/admin/reports/period/{periods[2026].pk}/overdue/").content.decode()
    assert "Phường N1" in html and "Phường N3" in html and "Phường N2" not in html
    assert "Chưa phân công người báo cáo" in html and "baocao.n1@example.org" in html
