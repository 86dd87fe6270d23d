"""From a citizen's self-assessment to the reviewer's approval, the decision, the certificate and its
public verification, in a real browser on a phone-sized screen."""

import io
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from evaluation import access
from evaluation.models import Assessment, Certificate, ReviewerAssignment
from tests.factories.evaluation import EvaluationPageFactory, PeriodFactory
from tests.factories.network import AreaFactory, city


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.EVALUATION_RATE_LIMIT = 0
    settings.EVALUATION_MAILS_PER_ADDRESS = 0
    settings.EVALUATION_EVIDENCE_ROOT = tmp_path / "evidence"


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "giay-chung-nhan-lop-tin-hoc.png"
    Image.new("RGB", (60, 40), (30, 90, 160)).save(path)
    return path


def login(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password")).fill(password)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()


def test_citizen_to_reviewer_to_certificate_to_verification(page, assert_accessible, home_page, photo):
    ward = AreaFactory(name="Phường Sài Gòn", code="79-001", parent=city())
    period = PeriodFactory()
    EvaluationPageFactory(parent=home_page)
    access.ensure_groups()
    reviewer = User.objects.create_user("thamdinh", "thamdinh@example.org", "mat-khau-123", first_name="Hà")
    reviewer.groups.add(Group.objects.get(name=access.REVIEWERS_GROUP))
    ReviewerAssignment.objects.create(user=reviewer, area=ward)

    # The citizen: name, ward and e-mail, then the private link from the e-mail.
    page.goto("/danh-gia/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Bắt đầu tự đánh giá.*Công dân học tập")).click()
    page.get_by_label("Họ và tên của bạn").fill("Trần Thị Lan")
    page.get_by_label("Xã, phường").select_option(str(ward.pk))
    page.get_by_label("Email").fill("lan@example.org")
    page.get_by_role("button", name="Gửi liên kết cho tôi").click()
    expect(page.locator("#link-sent")).to_contain_text("lan@example.org")
    assert_accessible(page)
    link = re.search(r"http://testserver(/danh-gia/ho-so/\S+/)", mail.outbox[-1].body).group(1)

    page.goto(link)
    expect(page.locator("h1")).to_contain_text("Trần Thị Lan")
    expect(page.locator("[data-total]")).to_have_text("0")
    page.locator("#c1").get_by_label("Có").check()
    page.locator("#c2 input[type=text]").fill("25")
    page.locator("#c3 input[type=text]").fill("50")
    # Scored as she types (the script), before anything is saved.
    expect(page.locator("[data-total]")).to_have_text("75")
    expect(page.locator("[data-verdict]")).to_have_text("Đã đạt ngưỡng công nhận.")
    page.locator("#c1-files").set_input_files(str(photo))
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(page.locator("#c1")).to_contain_text(photo.name)
    expect(page.locator(".missing-list")).to_contain_text("2.2")
    assert_accessible(page)

    page.locator("#c4").get_by_label("Có").check()
    page.get_by_label(re.compile("Tôi đồng ý cho xử lý dữ liệu cá nhân")).check()
    page.get_by_role("button", name="Nộp để thẩm định").click()
    expect(page.get_by_text("Hồ sơ tự đánh giá đã được nộp.")).to_be_visible()
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted" and assessment.score == 95

    # The reviewer of the ward approves, then records the decision.
    login(page, "thamdinh", "mat-khau-123")
    page.goto("/admin/evaluation/")
    page.get_by_role("link", name=assessment.display_reference).click()
    expect(page.get_by_role("link", name=photo.name)).to_be_visible()
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "approved")
    # Wagtail's own flash message fades in (axe would measure it half-transparent): check the page without it.
    page.reload()
    assert_accessible(page)

    page.goto("/admin/evaluation/decisions/new/")
    page.get_by_label("Đợt đánh giá").select_option(str(period.pk))
    page.get_by_label("Địa bàn của cơ quan ban hành").select_option(str(ward.pk))
    page.get_by_role("button", name="Xem các hồ sơ đã duyệt").click()
    page.get_by_label("Số quyết định").fill("125/QĐ-UBND")
    page.get_by_label("Cơ quan ban hành", exact=True).fill("Ủy ban nhân dân phường Sài Gòn")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Hoàng Long")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_label(re.compile("Trần Thị Lan")).check()
    page.get_by_role("button", name="Ghi nhận quyết định và cấp giấy chứng nhận").click()
    expect(page.get_by_role("link", name="Trần Thị Lan")).to_be_visible()
    certificate = Certificate.objects.get()
    assert "Chúc mừng" in mail.outbox[-1].body and mail.outbox[-1].attachments

    # The certificate from the citizen's link, and the page its QR code leads to.
    page.goto(link)
    expect(page.get_by_role("heading", name="Giấy chứng nhận của bạn")).to_be_visible()
    pdf = page.request.get(page.get_by_role("link", name="Tải giấy chứng nhận (PDF)").get_attribute("href"))
    text = PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text()
    assert "Trần Thị Lan" in text and "125/QĐ-UBND" in text and certificate.display_code in text

    page.goto(f"/xac-minh/{certificate.code}/")
    expect(page.locator(".verify__name")).to_have_text("Trần Thị Lan")
    expect(page.locator("main")).to_contain_text("125/QĐ-UBND")
    expect(page.locator("main")).not_to_contain_text("lan@example.org")
    assert_accessible(page)
