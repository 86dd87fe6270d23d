"""Editors load the official criteria from XLSX: checked first, always a new version, errors by row."""

import io
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from evaluation import access, importer
from evaluation.models import CriteriaSet
from network.models import LearningTitle
from tests.factories.evaluation import CriteriaSetFactory


def workbook_bytes(criteria_set, version=None, edit=None):
    book = load_workbook(io.BytesIO(importer.export_criteria(criteria_set)))
    if version:
        info = book[importer.INFO_SHEET]
        for row in info.iter_rows():
            if row[0].value == "Phiên bản":
                row[1].value = version
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def source(db):
    return CriteriaSetFactory(name="Bộ tiêu chí Công dân học tập", legal_basis="Quyết định số 324/QĐ-KHVN")


def test_an_exported_set_imports_back_as_a_new_version(source):
    result = importer.import_criteria(io.BytesIO(workbook_bytes(source, "324/QĐ-KHVN (2023)")))
    assert result.ok, result.errors
    new = result.criteria_set
    assert (new.title, new.version, new.name, new.pass_points) == (
        LearningTitle.LEARNING_CITIZEN,
        "324/QĐ-KHVN (2023)",
        "Bộ tiêu chí Công dân học tập",
        source.pass_points,
    )
    fields = ("code", "group", "text", "kind", "max_points", "target", "unit", "mandatory", "requires_evidence")
    assert [tuple(getattr(c, f) for f in fields) for c in new.criteria.all()] == [
        tuple(getattr(c, f) for f in fields) for c in source.criteria.all()
    ]


def test_a_dry_run_saves_nothing_and_an_existing_version_is_refused(source):
    dry = importer.import_criteria(io.BytesIO(workbook_bytes(source, "2025")), dry_run=True)
    assert dry.ok and len(dry.criteria) == 4 and dry.criteria_set is None
    assert CriteriaSet.objects.count() == 1
    same = importer.import_criteria(io.BytesIO(workbook_bytes(source)))
    assert not same.ok and "đã có" in same.errors[0]


def test_errors_name_the_sheet_and_row(source):
    def break_rows(book):
        sheet = book[importer.CRITERIA_SHEET]
        sheet["E3"] = "thang điểm"
        sheet["G4"] = None
        sheet["B5"] = "1.1"

    result = importer.import_criteria(io.BytesIO(workbook_bytes(source, "2025", break_rows)))
    assert not result.ok
    assert result.errors == [
        "Trang “Tiêu chí”, dòng 3: loại phải là “điểm”, “có/không” hoặc “số”.",
        "Trang “Tiêu chí”, dòng 4: tiêu chí loại số cần có mức đạt.",
        "Trang “Tiêu chí”, dòng 5: mã 1.1 bị trùng.",
    ]
    assert CriteriaSet.objects.count() == 1


def test_a_file_that_is_not_a_workbook(db):
    result = importer.import_criteria(io.BytesIO(b"not a workbook"))
    assert result.errors == ["Tệp không phải là bảng tính Excel (.xlsx)."]


def test_the_command(source, tmp_path):
    path = tmp_path / "bo-tieu-chi.xlsx"
    path.write_bytes(workbook_bytes(source, "2026"))
    out = StringIO()
    call_command("import_criteria", str(path), "--dry-run", stdout=out)
    assert "Nothing saved" in out.getvalue() and CriteriaSet.objects.count() == 1
    call_command("import_criteria", str(path), stdout=out)
    assert CriteriaSet.objects.filter(version="2026").exists()
    with pytest.raises(CommandError):
        call_command("import_criteria", str(path), stdout=out, stderr=StringIO())


def test_an_editor_checks_then_imports_in_the_admin(client, source):
    editor = User.objects.create_user("bientap", "b@example.org", "x")
    editor.groups.add(Group.objects.get(name=access.EDITORS_GROUP))
    client.force_login(editor)
    data = workbook_bytes(source, "2027")
    check = client.post("/admin/evaluation/criteria/import/", {"file": SimpleUploadedFile("a.xlsx", data)})
    assert "Kiểm tra: tệp hợp lệ." in check.content.decode()
    assert not CriteriaSet.objects.filter(version="2027").exists()
    done = client.post(
        "/admin/evaluation/criteria/import/", {"file": SimpleUploadedFile("a.xlsx", data), "confirm": "1"}
    )
    new = CriteriaSet.objects.get(version="2027")
    assert done.status_code == 302 and done["Location"].endswith(f"/{new.pk}/")
    assert client.get(f"/admin/evaluation/criteria/{source.pk}/export.xlsx").status_code == 200


def test_a_new_version_copies_the_criteria(client, source):
    client.force_login(User.objects.create_superuser("root", "r@example.org", "x"))
    client.post(f"/admin/evaluation/criteria/{source.pk}/copy/")
    copy = CriteriaSet.objects.exclude(pk=source.pk).get()
    assert copy.criteria.count() == 4 and copy.title == source.title and copy.version != source.version


def test_a_reviewer_cannot_import(client, make_reviewer, ward, source):
    client.force_login(make_reviewer("r", ward))
    response = client.get("/admin/evaluation/criteria/import/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/")
