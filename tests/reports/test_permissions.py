"""Who may do what, tried with direct addresses: a ward's reporter reaches only that ward's report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from reports import services
from reports.models import Evidence, Status, Submission
from tests.factories.network import AreaFactory, city
from tests.factories.reports import report, reporter, reviewer, user

from .conftest import titles

pytestmark = pytest.mark.django_db

COMPLETE = titles(GD=(60, 100), DH=(5, 8), CD=(9, 12), DV=(40, 50), CDHT=(300, 900))


@pytest.fixture
def people(reform, periods):
    haiphong = city(name="Thành phố Hải Phòng", code="31")
    AreaFactory(name="Phường Lê Chân", parent=haiphong, valid_from=reform["N1"].valid_from)
    return {
        "n1": reporter("baocao.n1", area=reform["N1"]),
        "n2": reporter("baocao.n2", area=reform["N2"]),
        "city": reviewer("duyet.city", reform["city"]),
        "haiphong": reviewer("duyet.haiphong", haiphong),
        "manager": user("quantri", services.MANAGER_GROUP),
    }


@pytest.fixture
def reports_of(reform, periods):
    return {
        "n1": report(periods[2026], reform["N1"], {"GD-CN": 11}, status=Status.DRAFT),
        "n2": report(periods[2026], reform["N2"], {**COMPLETE, "GD-CN": 77}, status=Status.SUBMITTED),
    }


def url(name, *args):
    return reverse(f"reports_admin:{name}", args=args)


def refused(response):
    """Wagtail answers a refused admin address by sending the user back to the dashboard."""
    return response.status_code in (302, 403) and (response.status_code == 403 or response.url == "/admin/")


def test_a_ward_reporter_opens_their_report_and_no_other(client, people, reports_of):
    client.force_login(people["n1"])
    own = client.get(url("submission", reports_of["n1"].pk))
    assert own.status_code == 200
    assert "Phường N1" in own.content.decode()
    other = client.get(url("submission", reports_of["n2"].pk))
    assert refused(other)
    assert "77" not in other.content.decode()


def test_a_ward_reporter_cannot_change_another_wards_report(client, people, reports_of):
    client.force_login(people["n1"])
    target = reports_of["n2"]
    Submission.objects.filter(pk=target.pk).update(status=Status.DRAFT)
    response = client.post(url("submission", target.pk), {"action": "save", "indicator_1": "1"})
    assert refused(response)
    for name in ("withdraw", "review"):
        assert refused(client.post(url(name, target.pk), {"action": "approve"}))
    target.refresh_from_db()
    assert target.values["GD-CN"] == 77 and target.status == Status.DRAFT


def test_a_ward_reporter_cannot_start_another_wards_report(client, people, periods, reform):
    client.force_login(people["n1"])
    assert refused(client.get(url("open_area", periods[2026].pk, reform["N3"].pk)))
    assert not Submission.objects.filter(area=reform["N3"]).exists()
    started = client.get(url("open_area", periods[2026].pk, reform["N1"].pk))
    assert started.status_code == 302
    assert Submission.objects.filter(area=reform["N1"]).exists()


def test_evidence_is_reachable_only_by_those_who_see_its_report(client, people, reports_of):
    document = Evidence.objects.create(
        submission=reports_of["n2"], title="Biên bản", file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 n2")
    )
    client.force_login(people["n1"])
    assert refused(client.get(url("evidence", document.pk)))
    assert refused(client.post(url("evidence_delete", document.pk)))
    client.force_login(people["n2"])
    response = client.get(url("evidence", document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 n2"
    assert Evidence.objects.filter(pk=document.pk).exists()


def test_reviewers_review_the_areas_below_theirs_only(client, people, reports_of):
    target = reports_of["n2"]
    client.force_login(people["haiphong"])
    assert refused(client.get(url("submission", target.pk)))
    assert refused(client.post(url("review", target.pk), {"action": "approve"}))
    target.refresh_from_db()
    assert target.status == Status.SUBMITTED
    client.force_login(people["city"])
    assert client.get(url("submission", target.pk)).status_code == 200
    client.post(url("review", target.pk), {"action": "approve"})
    target.refresh_from_db()
    assert target.status == Status.APPROVED


def test_reporters_cannot_approve_and_reviewers_do_not_approve_their_own_reports(client, people, reports_of):
    target = reports_of["n2"]
    client.force_login(people["n2"])
    assert refused(client.post(url("review", target.pk), {"action": "approve"}))
    Submission.objects.filter(pk=target.pk).update(submitted_by=people["city"])
    client.force_login(people["city"])
    assert refused(client.post(url("review", target.pk), {"action": "approve"}))
    target.refresh_from_db()
    assert target.status == Status.SUBMITTED


def test_reporters_do_not_reach_the_set_up_screens(client, people, periods):
    client.force_login(people["n1"])
    for address in (
        reverse("wagtailsnippets_reports_period:list"),
        reverse("wagtailsnippets_reports_period:edit", args=[periods[2026].pk]),
        reverse("wagtailsnippets_reports_assignment:add"),
        reverse("wagtailsnippets_reports_indicatorsetversion:list"),
    ):
        assert refused(client.get(address)), address
    client.force_login(people["manager"])
    assert client.get(reverse("wagtailsnippets_reports_period:list")).status_code == 200


def test_users_without_an_assignment_are_refused_and_visitors_sent_to_log_in(client, people, reports_of):
    response = client.get(url("index"))
    assert response.status_code == 302 and "/admin/login/" in response.url
    client.force_login(user("bientap", services.REPORTER_GROUP))  # in the group, but assigned nowhere
    assert refused(client.get(url("index")))
    assert refused(client.get(url("submission", reports_of["n1"].pk)))


def test_the_overview_and_the_template_list_only_the_users_areas(client, people, periods, reports_of):
    client.force_login(people["n1"])
    html = client.get(url("index")).content.decode()
    assert "Phường N1" in html and "Phường N2" not in html
    workbook = load_workbook(io.BytesIO(client.get(url("template", periods[2026].pk)).content))
    codes = [row[0] for row in workbook["Xa-Phuong"].iter_rows(min_row=3, values_only=True)]
    assert codes == [reports_of["n1"].area.code]
    overview = client.get(url("period", periods[2026].pk)).content.decode()
    assert "Phường N1" in overview and "Phường N2" not in overview


def test_the_manager_sees_every_report(client, people, reports_of):
    client.force_login(people["manager"])
    for submission in reports_of.values():
        assert client.get(url("submission", submission.pk)).status_code == 200


def test_every_step_is_in_the_history(client, people, reports_of, django_capture_on_commit_callbacks):
    own = reports_of["n1"]
    client.force_login(people["n1"])
    fields = {f"indicator_{i.pk}": COMPLETE.get(i.code, "") for i in services.indicators_for(own.period, "commune")}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submission", own.pk), {**fields, "action": "submit"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == Status.SUBMITTED
    client.force_login(people["city"])
    client.post(url("review", own.pk), {"action": "return", "comment": "Số dòng họ chưa khớp."})
    html = client.get(url("submission", own.pk)).content.decode()
    for line in ("Sửa số liệu", "Gửi duyệt", "Trả lại", "Số dòng họ chưa khớp.", "11 → 60"):
        assert line in html, line
