"""The admin's import: upload, the dry run's report, confirmation; delimiters, encodings, unknown names."""

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from home import roles
from network.models import Organisation
from resources.importer import import_resources
from resources.models import ImportJob, ResourcePage
from tests.factories.network import OrganisationFactory

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
HEADER = "identifier;title;summary;kind;topics;publisher;url\n"


@pytest.fixture(autouse=True)
def _import_root(settings, tmp_path):
    settings.RESOURCES_IMPORT_ROOT = tmp_path / "imports"


@pytest.fixture
def publisher():
    return OrganisationFactory(name="Hội Khuyến học Thành phố Hồ Chí Minh")


@pytest.fixture
def moderator(client):
    user = User.objects.create_user("kiemduyet", "kd@example.org", "pw", first_name="Trần Văn", last_name="Minh")
    user.groups.add(roles.group(roles.MODERATORS))
    client.force_login(user)
    return user


def upload(client, name, content, capture, **extra):
    with capture(execute=True):
        response = client.post(reverse("resources_import:upload"), {"file": SimpleUploadedFile(name, content), **extra})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return ImportJob.objects.latest("pk"), response


def windows_vietnamese(text):
    """Text as Windows' Vietnamese code page stores it: tone marks as separate combining characters."""
    out = []
    for char in text:
        try:
            char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            char = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones)) + tones
        out.append(char)
    return "".join(out).encode("cp1258")


def test_semicolon_csv_from_vietnamese_excel_is_read(library, publisher, tmp_path):
    text = HEADER + "S-1;Sổ tay học tập;Tóm tắt;course;;Hội Khuyến học Thành phố Hồ Chí Minh;https://example.org/\n"
    (tmp_path / "excel.csv").write_bytes(windows_vietnamese(text))
    with translation.override("vi"):
        [result] = import_resources(tmp_path / "excel.csv", dry_run=True)
    assert result.errors == [] and result.action == "created" and result.title == "Sổ tay học tập"


def test_a_mistyped_publisher_is_refused_with_the_closest_name_and_never_created(library, publisher, tmp_path):
    text = HEADER + "S-1;Sổ tay;Tóm tắt;course;;Hội Khuyến hoc Thanh pho Ho Chi Mnh;https://example.org/\n"
    (tmp_path / "typo.csv").write_text(text, encoding="utf-8")
    with translation.override("vi"):
        [checked] = import_resources(tmp_path / "typo.csv", dry_run=True)
        [imported] = import_resources(tmp_path / "typo.csv")
    for result in (checked, imported):
        [(column, message)] = result.errors
        assert column == "publisher"
        assert "Hội Khuyến học Thành phố Hồ Chí Minh" in message
    assert Organisation.objects.count() == 1
    assert not ResourcePage.objects.exists()


def test_a_publisher_written_without_accents_is_recognised_with_a_warning(library, publisher, tmp_path):
    text = HEADER + "S-1;Sổ tay;Tóm tắt;course;;hoi khuyen hoc thanh pho ho chi minh;https://example.org/\n"
    (tmp_path / "plain.csv").write_text(text, encoding="utf-8")
    [result] = import_resources(tmp_path / "plain.csv")
    assert result.action == "created" and [c for c, _m in result.warnings] == ["publisher"]
    assert ResourcePage.objects.get().publisher == publisher


def test_unknown_topics_are_flagged_with_a_suggestion(library, tmp_path):
    from resources.models import Topic

    Topic.objects.get_or_create(slug="van-hoa-doc", defaults={"name": "Văn hóa đọc"})
    text = HEADER + "S-1;Sổ tay;Tóm tắt;course;Văn hoá đọc;;https://example.org/\n"  # the old tone placement
    text += "S-2;Sổ tay;Tóm tắt;course;Văn hoá đọcc;;https://example.org/\n"
    (tmp_path / "topics.csv").write_text(text, encoding="utf-8")
    with translation.override("vi"):
        same, typo = import_resources(tmp_path / "topics.csv", dry_run=True)
    assert same.errors == []
    [(column, message)] = typo.errors
    assert column == "topics" and "Văn hóa đọc" in message


def test_upload_check_confirm(client, library, publisher, moderator, django_capture_on_commit_callbacks):
    content = (SAMPLES / "resources.csv").read_bytes().replace(b",document,", b",course,", 1)
    content = (
        b"identifier,title,summary,kind,publisher,url\n"
        b"A-1,Tai lieu mot,Tom tat,course,H\xe1\xbb\x99i Khuy\xe1\xba\xbfn h\xe1\xbb\x8dc Th\xc3\xa0nh ph\xe1\xbb\x91 "
        b"H\xe1\xbb\x93 Ch\xc3\xad Minh,https://example.org/1\n"
        b"A-2,Tai lieu hai,Tom tat,course,Nha xuat ban Moi,https://example.org/2\n"
        b"A-3,,Tom tat,course,,https://example.org/3\n"
    )
    job, response = upload(client, "catalogue.csv", content, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.dry_run and job.status == "done" and job.total == 3
    assert not ResourcePage.objects.exists()

    with translation.override("vi"):
        html = client.get(response["Location"]).content.decode()
    assert "A-1" in html and "A-3" in html
    assert "Import 1 resource" in html or "Nhập 1 học liệu" in html
    assert "Nha xuat ban Moi" in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources_import:confirm", args=[job.pk]), {"recheck": "1"})
    job.refresh_from_db()
    assert job.create_publishers and job.dry_run
    assert {row["identifier"]: row["action"] for row in job.results} == {"A-1": "created", "A-2": "created", "A-3": ""}
    assert not Organisation.objects.filter(name="Nha xuat ban Moi").exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources_import:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert not job.dry_run and job.status == "done"
    assert set(ResourcePage.objects.values_list("identifier", flat=True)) == {"A-1", "A-2"}
    assert Organisation.objects.filter(name="Nha xuat ban Moi").count() == 1
    status = client.get(reverse("resources_import:status", args=[job.pk])).json()
    assert status["finished"] and status["percent"] == 100
    # A confirmed import cannot be run twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resources_import:confirm", args=[job.pk]))
    assert ResourcePage.objects.count() == 2


def test_a_zip_brings_the_files_its_spreadsheet_names(
    client, library, moderator, django_capture_on_commit_callbacks, settings
):
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr(
            "catalogue/list.csv",
            "identifier,title,summary,kind,file\nZ-1,Phiếu đọc sách,Tóm tắt,document,tep/phieu.docx\n",
        )
        archive.write(SAMPLES / "files" / "phieu-doc-sach.docx", "catalogue/tep/phieu.docx")
        archive.writestr("../evil.txt", "no")
    job, _response = upload(client, "goi.zip", bundle.getvalue(), django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.results[0]["action"] == "created", job.results
    assert job.sheet == "files/catalogue/list.csv"
    assert not list(Path(settings.RESOURCES_IMPORT_ROOT).parent.rglob("evil.txt"))


def test_only_those_who_may_publish_in_the_library_import(client, library):
    editor = User.objects.create_user("bientap", "bt@example.org", "pw")
    editor.groups.add(roles.group(roles.EDITORS))
    client.force_login(editor)
    response = client.get(reverse("resources_import:upload"))
    assert response.status_code in (302, 403)
    assert "resources/import" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_wrong_file_type_is_refused_clearly(client, library, moderator):
    with translation.override("vi"):
        response = client.post(reverse("resources_import:upload"), {"file": SimpleUploadedFile("notes.txt", b"x")})
    assert response.status_code == 200
    assert not ImportJob.objects.exists()
