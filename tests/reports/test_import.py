"""The period's XLSX template and its import: a dry run line by line, and a bad file changes nothing."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from reports import services, spreadsheets
from reports.models import Status, Submission
from tests.factories.reports import report, reporter, title_version, user

from .conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(reform):
    """A district-era officer who reports for two wards of 2026."""
    account = reporter("baocao.n1", area=reform["N1"])
    services.Assignment.objects.create(user=account, role="reporter", area=reform["N2"])
    return account


def filled_template(period, account, rows):
    """The period's template for the account, filled in: rows maps an area code to {indicator code: cell}."""
    workbook = load_workbook(io.BytesIO(spreadsheets.template(period, services.scope_for(account))))
    sheet = workbook["Xa-Phuong"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=3):
        for code, value in rows.get(row[0].value, {}).items():
            row[header.index(code)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_template_lists_the_officers_areas_with_what_is_saved(periods, reform, officer):
    report(periods[2026], reform["N1"], {"GD-CN": 12}, status=Status.DRAFT)
    workbook = load_workbook(io.BytesIO(spreadsheets.template(periods[2026], services.scope_for(officer))))
    assert workbook.properties.title.startswith("portal-reports:")
    sheet = workbook["Xa-Phuong"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["ma", "Địa bàn, đơn vị", "GD-CN", "GD-TS"]
    assert "GD-TL" not in header  # rates are computed
    assert [c.value for c in sheet[2]][2] == "Số gia đình được công nhận “Gia đình học tập” (gia đình)"
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert set(rows) == {reform["N1"].code, reform["N2"].code}
    assert rows[reform["N1"].code][2] == 12
    assert "Bản nháp" in rows[reform["N1"].code][1] and "Chưa nhập" in rows[reform["N2"].code][1]


def test_a_dry_run_reports_line_by_line_and_saves_nothing(periods, reform, officer):
    upload = filled_template(
        periods[2026], officer, {reform["N1"].code: {"GD-CN": 60, "GD-TS": 100}, reform["N2"].code: {"GD-CN": "5"}}
    )
    lines = spreadsheets.import_workbook(periods[2026], upload, officer, services.scope_for(officer), dry_run=True)
    assert [(line.line, line.code, line.action, line.changes) for line in lines] == [
        (3, reform["N1"].code, "updated", 2),
        (4, reform["N2"].code, "updated", 1),
    ]
    assert not Submission.objects.exists()


def test_a_file_with_one_bad_line_changes_nothing(periods, reform, officer):
    report(periods[2026], reform["N2"], {"GD-CN": 3, "GD-TS": 9}, status=Status.DRAFT)
    upload = filled_template(
        periods[2026],
        officer,
        {reform["N1"].code: {"GD-CN": 60, "GD-TS": 100}, reform["N2"].code: {"GD-CN": 30, "GD-TS": 20, "DH-CN": "-1"}},
    )
    lines = spreadsheets.import_workbook(periods[2026], upload, officer, services.scope_for(officer), dry_run=False)
    errors = {line.code: line.errors for line in lines}
    assert errors[reform["N1"].code] == []
    assert ("DH-CN", "Số liệu không được là số âm.") in errors[reform["N2"].code]
    assert (
        "GD-CN",
        "Số gia đình được công nhận “Gia đình học tập” (30) không được lớn hơn số gia đình thuộc diện đánh giá (20).",
    ) in errors[reform["N2"].code]
    # Nothing saved: not the good line, and the draft keeps what it had.
    assert not Submission.objects.filter(area=reform["N1"]).exists()
    assert Submission.objects.get(area=reform["N2"]).values == {"GD-CN": 3, "GD-TS": 9}


def test_a_good_file_is_saved_and_empty_cells_keep_saved_values(periods, reform, officer):
    report(periods[2026], reform["N2"], {"GD-CN": 3, "GD-TS": 9}, status=Status.DRAFT)
    upload = filled_template(periods[2026], officer, {reform["N1"].code: {"GD-CN": "1.234", "GD-TS": 2000}})
    lines = spreadsheets.import_workbook(periods[2026], upload, officer, services.scope_for(officer), dry_run=False)
    assert {line.code: line.action for line in lines} == {reform["N1"].code: "updated", reform["N2"].code: "unchanged"}
    assert Submission.objects.get(area=reform["N1"]).values == {"GD-CN": 1234, "GD-TS": 2000}
    assert Submission.objects.get(area=reform["N2"]).values == {"GD-CN": 3, "GD-TS": 9}


def test_lines_outside_the_officers_areas_or_of_sent_reports_are_refused(periods, reform, officer):
    report(periods[2026], reform["N2"], titles(GD=(3, 9)), status=Status.SUBMITTED)
    other = user("baocao.n3", services.REPORTER_GROUP)
    services.Assignment.objects.create(user=other, role="reporter", area=reform["N3"])
    upload = filled_template(periods[2026], other, {reform["N3"].code: {"GD-CN": 1, "GD-TS": 2}})
    workbook = load_workbook(upload)
    workbook["Xa-Phuong"].append([reform["N2"].code, "", 5, 9])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    lines = spreadsheets.import_workbook(periods[2026], buffer, officer, services.scope_for(officer), dry_run=True)
    messages = {line.code: [m for _c, m in line.errors] for line in lines}
    assert messages[reform["N3"].code] == [f"Bạn không được phân công báo cáo cho {reform['N3'].code}."]
    assert messages[reform["N2"].code] == ["Báo cáo đang ở trạng thái “chờ duyệt”: không thể thay đổi."]


def test_another_periods_template_or_a_non_spreadsheet_is_refused_as_a_whole(periods, reform, officer):
    upload = filled_template(periods[2024], user("quantri", services.MANAGER_GROUP), {})
    with pytest.raises(spreadsheets.ImportFileError) as error:
        spreadsheets.import_workbook(periods[2026], upload, officer, services.scope_for(officer))
    assert "không phải biểu mẫu của" in error.value.message
    with pytest.raises(spreadsheets.ImportFileError):
        spreadsheets.import_workbook(
            periods[2026], io.BytesIO(b"ma,GD-CN\n79-001,5\n"), officer, services.scope_for(officer)
        )


def test_the_admin_import_checks_first_then_saves_on_confirmation(client, periods, reform, officer):
    client.force_login(officer)
    address = reverse("reports_admin:import", args=[periods[2026].pk])
    upload = filled_template(periods[2026], officer, {reform["N1"].code: {"GD-CN": 60, "GD-TS": 100}})
    checked = client.post(address, {"file": SimpleUploadedFile("mau.xlsx", upload.read())})
    html = checked.content.decode()
    assert "Kết quả kiểm tra (chưa lưu)" in html and "2 số liệu thay đổi" in html
    assert not Submission.objects.exists()
    token = checked.context["token"]
    done = client.post(address, {"token": token})
    assert done.status_code == 302
    assert Submission.objects.get(area=reform["N1"]).values == {"GD-CN": 60, "GD-TS": 100}
    # The token is spent: the same confirmation imports nothing twice.
    assert client.post(address, {"token": token}).status_code == 302


def test_the_import_command_reports_and_refuses_a_bad_file(periods, reform, officer, tmp_path):
    title_version()
    path = tmp_path / "mau.xlsx"
    path.write_bytes(filled_template(periods[2026], officer, {reform["N1"].code: {"GD-CN": 120, "GD-TS": 100}}).read())
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_figures", str(periods[2026].pk), str(path), "--user", officer.username, stdout=out)
    assert "GD-CN" in out.getvalue()
    assert not Submission.objects.exists()
