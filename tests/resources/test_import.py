import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from resources.importer import import_resources
from resources.models import ResourcePage

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def run(path, *args):
    out = StringIO()
    with translation.override("vi"):
        call_command("import_resources", str(path), *args, stdout=out)
    return out.getvalue()


def test_sample_file_imports_and_a_second_run_changes_nothing(library, en_home_page):
    # Its publishers are not organisations yet: they are created only when asked for.
    with pytest.raises(CommandError, match="1 tạo mới, 0 cập nhật, 0 không đổi, 2 có lỗi"):
        run(SAMPLES / "resources.csv")
    output = run(SAMPLES / "resources.csv", "--create-publishers")
    assert "2 tạo mới, 0 cập nhật, 1 không đổi, 0 có lỗi." in output
    plan = ResourcePage.objects.get(identifier="MAU-001", locale__language_code="vi")
    assert plan.document.file_extension == "pdf"
    assert {t.slug for t in plan.topics.all()} == {"chinh-sach-xa-hoi-hoc-tap", "ky-nang-so"}
    assert {a.slug for a in plan.audiences.all()} == {"nguoi-lon", "can-bo-cong-chuc"}
    assert plan.licence == "cc-by" and plan.publisher.name == "Hội Khuyến học Thành phố Hồ Chí Minh"
    assert plan.get_translation(en_home_page.locale).title == "A personal learning plan"
    course = ResourcePage.objects.get(identifier="MAU-003", locale__language_code="vi")
    assert course.kind == "course" and course.duration_minutes == 90
    revisions = {page.pk: page.latest_revision_id for page in ResourcePage.objects.all()}

    assert "0 tạo mới, 0 cập nhật, 3 không đổi, 0 có lỗi." in run(SAMPLES / "resources.csv")
    assert {page.pk: page.latest_revision_id for page in ResourcePage.objects.all()} == revisions


def test_dry_run_reports_and_saves_nothing(library):
    output = run(SAMPLES / "resources.csv", "--dry-run", "--create-publishers")
    assert "Dòng 2 (MAU-001): sẽ được tạo mới" in output
    assert "Chạy thử, không lưu gì: 3 tạo mới" in output
    assert not ResourcePage.objects.exists()


def test_each_wrong_row_is_reported_and_the_good_ones_are_imported(library, tmp_path):
    shutil.copytree(SAMPLES / "files", tmp_path / "files")
    (tmp_path / "bad.csv").write_text(
        "identifier,title,summary,kind,topics,audiences,year,file,url\n"
        "OK-1,Tài liệu tốt,Tóm tắt,document,suc-khoe,,2024,files/phieu-doc-sach.docx,\n"
        "BAD-1,,Tóm tắt,phim,ma-thuat,,19,files/khong-co.pdf,\n"
        "BAD-2,Khóa học thiếu địa chỉ,Tóm tắt,course,,,,,not a url\n"
        "OK-1,Trùng mã,Tóm tắt,course,,,,,https://example.org/\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="1 tạo mới, 0 cập nhật, 0 không đổi, 3 có lỗi"):
        run(tmp_path / "bad.csv")
    assert list(ResourcePage.objects.values_list("identifier", flat=True)) == ["OK-1"]
    with translation.override("vi"):
        results = {r.line: r.errors for r in import_resources(tmp_path / "bad.csv", dry_run=True)}
    columns = [column for column, _message in results[3]]
    assert columns == ["title", "kind", "topics", "year", "file"]
    assert (
        "“phim” không phải là một trong các giá trị: document, video, audio, course, images."
        in dict(results[3])["kind"]
    )
    assert [column for column, _message in results[4]] == ["url"]
    assert dict(results[5])["identifier"] == "Trùng mã định danh với dòng 2."


def test_xlsx_is_read_like_csv(library, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Identifier", "Title", "Summary", "Kind", "URL", "Year"])
    workbook.active.append(
        ["X-1", "Khóa học tiếng Anh", "Luyện nghe nói", "Khóa học, liên kết", "https://example.org/", 2024]
    )
    workbook.save(tmp_path / "catalogue.xlsx")
    assert "1 tạo mới" in run(tmp_path / "catalogue.xlsx")
    assert ResourcePage.objects.get(identifier="X-1").year == 2024


def test_unreadable_files_are_refused_clearly(library, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(CommandError, match=re.escape("Chỉ nhập được tệp .csv và .xlsx.")):
        run(tmp_path / "notes.txt")
    (tmp_path / "empty.csv").write_text("title,summary\n")
    with pytest.raises(CommandError, match=re.escape("Thiếu cột: identifier, kind.")):
        run(tmp_path / "empty.csv")
