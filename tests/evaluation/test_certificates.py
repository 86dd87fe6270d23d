"""Certificates: Vietnamese text in the PDF (read back with pypdf), the QR code's target, and a
public verification page that shows the name, title, year and decision and nothing else."""

import io
import re
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from evaluation import services
from evaluation.certificates import certificate_pdf
from evaluation.models import Certificate
from tests.conftest import missing_service
from tests.factories.evaluation import submitted


@pytest.fixture(autouse=True)
def _fonts():
    if not (Path(settings.EVALUATION_CERTIFICATE_FONT_DIR) / "DejaVuSans.ttf").exists():
        missing_service("Certificate test: the DejaVu fonts are missing (apt-get install fonts-dejavu-core)")


@pytest.fixture
def certificate(period, ward, make_reviewer):
    reviewer = make_reviewer("thamdinh", ward)
    assessment = submitted(
        period,
        ward,
        name="Nguyễn Thị Hồng Nhung",
        email="nhung@example.org",
        phone="0912 345 678",
        address="12 Lê Lợi",
        birth_year=1978,
    )
    services.approve(assessment, user=reviewer)
    services.issue_decision(
        services.DecisionRequest(
            period=period,
            area=ward,
            number="125/QĐ-UBND",
            signed_on=timezone.localdate(),
            issuing_body="Ủy ban nhân dân phường Sài Gòn",
            signer_name="Trần Quốc Hưng",
            signer_position="Chủ tịch",
        ),
        [assessment],
        user=reviewer,
    )
    return Certificate.objects.select_related("assessment", "decision").get()


def pdf_text(data):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFC", text)


def test_the_pdf_reads_back_in_vietnamese(certificate):
    text = pdf_text(certificate_pdf(certificate))
    for expected in (
        "GIẤY CHỨNG NHẬN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập – Tự do – Hạnh phúc",
        "Nguyễn Thị Hồng Nhung",
        "Công dân học tập",
        "125/QĐ-UBND",
        "Ủy ban nhân dân phường Sài Gòn",
        "Trần Quốc Hưng",
        certificate.display_code,
        f"/xac-minh/{certificate.code}/",
    ):
        assert expected in text, expected
    assert "Phường Sài Gòn" in text


def test_a_sample_criteria_set_says_so_on_the_certificate(certificate):
    assert "không có giá trị pháp lý" not in pdf_text(certificate_pdf(certificate))
    assessment = certificate.assessment
    assessment.criteria["is_sample"] = True
    assessment.save()
    assert "không có giá trị pháp lý" in pdf_text(certificate_pdf(certificate))


def test_the_holder_downloads_the_pdf_through_the_private_link(client, certificate):
    assessment = certificate.assessment
    page = client.get(f"/danh-gia/ho-so/{assessment.token}/").content.decode()
    assert "Giấy chứng nhận của bạn" in page and certificate.display_code in page
    response = client.get(f"/danh-gia/ho-so/{assessment.token}/giay-chung-nhan.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content[:5] == b"%PDF-"


def test_the_verification_page_shows_only_name_title_year_and_decision(client, certificate):
    response = client.get(f"/xac-minh/{certificate.code}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    for shown in (
        "Giấy chứng nhận này là thật.",
        "Nguyễn Thị Hồng Nhung",
        "Công dân học tập",
        str(certificate.assessment.year),
        "125/QĐ-UBND",
        "Ủy ban nhân dân phường Sài Gòn",
    ):
        assert shown in main, shown
    assessment = certificate.assessment
    for hidden in (
        "nhung@example.org",
        "0912 345 678",
        "12 Lê Lợi",
        "1978",
        "Phường Sài Gòn",
        "Trần Quốc Hưng",
        assessment.reference,
        assessment.token,
        str(assessment.score),
        "Tiêu chí",
    ):
        assert hidden not in main, hidden


def test_codes_are_forgiving_to_type_and_unknown_codes_say_so(client, certificate):
    typed = "-".join(certificate.code[i : i + 4] for i in range(0, 12, 4)).lower()
    response = client.get(f"/xac-minh/?code={typed}")
    assert response.status_code == 302 and response["Location"] == f"/xac-minh/{certificate.code}/"
    unknown = client.get("/xac-minh/ABCDEFGHJKLM/")
    assert unknown.status_code == 404
    assert "Không có giấy chứng nhận nào mang mã này." in unknown.content.decode()


def test_a_revoked_certificate_says_so(client, certificate):
    certificate.revoked_at = timezone.now()
    certificate.save()
    assert "đã bị thu hồi" in client.get(f"/xac-minh/{certificate.code}/").content.decode()


def test_english_verification(client, certificate, en_home_page):
    page = client.get(f"/en/verify/{certificate.code}/").content.decode()
    assert "This certificate is genuine." in page and "Learning citizen" in page
