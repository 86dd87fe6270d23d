import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from tests.factories.resources import MINIMAL_PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_class():
    return get_document_form(get_document_model())


def make_form(form_class, name, content, user):
    return form_class(
        data={"title": "Tài liệu", "collection": 1},
        files={"file": SimpleUploadedFile(name, content)},
        user=user,
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")


def test_wrong_type_gets_one_clear_vietnamese_error(form_class, editor):
    with translation.override("vi"):
        form = make_form(form_class, "virus.exe", b"MZ", editor)
        assert not form.is_valid()
        assert form.errors["file"] == [
            "Không thể tải lên tệp loại “exe”. Các loại được phép: "
            "pdf, docx, doc, odt, epub, pptx, ppt, odp, xlsx, csv, txt, zip, mp3, m4a, ogg, wav, mp4, webm."
        ]


def test_oversize_file_is_refused_with_the_limit(form_class, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    with translation.override("vi"):
        form = make_form(form_class, "lon.pdf", b"x" * 2048, editor)
        assert not form.is_valid()
        assert form.errors["file"] == [
            "Tệp quá lớn (2,0\xa0KB): giới hạn là 100\xa0byte. Hãy nén hoặc chia tệp thành nhiều phần."
        ]


def test_allowed_file_is_accepted(form_class, editor):
    form = make_form(form_class, "so-tay.pdf", MINIMAL_PDF, editor)
    assert form.is_valid(), form.errors


def test_admin_upload_shows_the_error_in_vietnamese(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tệp lạ", "collection": 1, "file": SimpleUploadedFile("a.exe", b"MZ")},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 200
    assert "Không thể tải lên tệp loại “exe”" in response.content.decode()
    assert get_document_model().objects.count() == 0
