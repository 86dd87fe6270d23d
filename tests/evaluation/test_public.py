"""The public side: starting a self-assessment, the private link, saving, uploads, submitting."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.models import Assessment, AssessmentStatus, Evidence
from network.models import LearningTitle
from tests.factories.evaluation import FULL_MARKS, PeriodFactory, png_upload, start
from tests.factories.network import OrganisationFactory

START = "/danh-gia/cong-dan-hoc-tap/"


def dossier_url(assessment):
    return f"/danh-gia/ho-so/{assessment.token}/"


def link_in(message):
    return re.search(r"http://testserver(/danh-gia/ho-so/[\w-]+/)", message.body).group(1)


def start_form(ward, **extra):
    return {"subject_name": "Trần Thị Lan", "email": "lan@example.org", "area": ward.pk, **extra}


@pytest.fixture
def open_page(evaluation_page, period):
    return evaluation_page


def test_the_page_lists_open_titles_and_their_criteria(client, open_page, period):
    page = client.get("/danh-gia/").content.decode()
    assert "Công dân học tập" in page and START in page
    start_page = client.get(START).content.decode()
    assert "Tiêu chí 1.1 về học tập suốt đời" in start_page
    assert "bắt buộc" in start_page and "cần minh chứng" in start_page
    assert client.get("/danh-gia/gia-dinh-hoc-tap/").content.decode().count("chưa mở") == 1
    assert client.get("/danh-gia/khong-co/").status_code == 404


def test_english_page(client, en_home_page, open_page, locales):
    english = open_page.copy_for_translation(locales["en"])
    english.slug = "evaluation"
    english.save_revision().publish()
    response = client.get("/en/evaluation/cong-dan-hoc-tap/")
    assert response.status_code == 200
    assert "Self-assessment: Learning citizen" in response.content.decode()


def test_a_citizen_starts_with_name_and_email_and_gets_a_private_link(client, open_page, ward, commit):
    response = commit(client.post, START, start_form(ward))
    assert response.status_code == 200
    assert "Hãy kiểm tra email" in response.content.decode()
    assessment = Assessment.objects.get()
    assert (assessment.subject_name, assessment.area, assessment.status) == ("Trần Thị Lan", ward, "draft")
    assert assessment.title == LearningTitle.LEARNING_CITIZEN and len(assessment.token) >= 40
    assert [m.to for m in mail.outbox] == [["lan@example.org"]]
    assert link_in(mail.outbox[0]) == dossier_url(assessment)
    # The page does not show the link: only the owner of the address gets it.
    assert assessment.token not in response.content.decode()


def test_a_second_start_creates_nothing_says_the_same_and_resends_the_link(client, open_page, ward, commit):
    first = commit(client.post, START, start_form(ward)).content.decode()
    mail.outbox.clear()
    again = commit(client.post, START, start_form(ward, subject_name="Trần Thị  Lan", email="LAN@example.org"))
    assert Assessment.objects.count() == 1
    assert again.status_code == 200
    # Same message for a stranger typing someone's address: the page leaks nothing.
    notice = re.compile(r'<div class="notice notice--success" role="status" id="link-sent">.*?</div>', re.S)
    assert notice.search(first).group(0).replace("LAN@", "lan@") == notice.search(again.content.decode()).group(
        0
    ).replace("LAN@", "lan@")
    assert len(mail.outbox) == 1
    assert "đã có" in mail.outbox[0].body.lower() or "already" in mail.outbox[0].body
    assert link_in(mail.outbox[0]) == dossier_url(Assessment.objects.get())


def test_the_same_unit_typed_or_chosen_is_one_assessment(client, evaluation_page, ward, commit):
    PeriodFactory(title=LearningTitle.LEARNING_UNIT)
    school = OrganisationFactory(name="Trường Tiểu học Lê Lợi", area=ward)
    url = "/danh-gia/don-vi-hoc-tap/"
    commit(client.post, url, {"organisation": school.pk, "contact_name": "Lý Văn Hai", "email": "hai@example.org"})
    mail.outbox.clear()
    commit(
        client.post,
        url,
        {
            "subject_name": "Trường tiểu học Lê Lợi",
            "area": ward.pk,
            "contact_name": "Ngô Ba",
            "email": "ba@example.org",
        },
    )
    assert Assessment.objects.count() == 1
    # The first representative gets the link again; the second learns only that the unit has one.
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["ba@example.org", "hai@example.org"]
    to_second = next(m for m in mail.outbox if m.to == ["ba@example.org"])
    assert (
        "/ho-so/" not in to_second.body
        and "hai@example.org" not in to_second.body
        and "Lý Văn Hai" not in to_second.body
    )


def test_two_citizens_of_the_same_name_in_one_ward_are_two_people(period, ward):
    start(period, ward, name="Nguyễn Văn An", email="an1@example.org")
    start(period, ward, name="Nguyễn Văn An", email="an2@example.org")
    assert Assessment.objects.count() == 2


def test_start_form_errors_keep_what_was_typed(client, open_page, ward):
    response = client.post(START, {"subject_name": "Trần Thị Lan", "email": "not-an-email", "area": ward.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Trần Thị Lan"' in page and "thông tin bạn đã nhập vẫn được giữ nguyên" in page
    assert not Assessment.objects.exists()


def test_start_is_rate_limited_and_robots_are_turned_away(client, open_page, ward, settings):
    assert client.post(START, start_form(ward, website="http://spam.example")).status_code == 400
    settings.EVALUATION_RATE_LIMIT = 2
    codes = [client.post(START, start_form(ward, email=f"p{n}@example.org")).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert Assessment.objects.count() == 2


def test_link_mails_to_one_address_are_limited(client, open_page, ward, settings, commit):
    settings.EVALUATION_MAILS_PER_ADDRESS = 2
    for _ in range(4):
        commit(client.post, START, start_form(ward))
    assert len(mail.outbox) == 2


def test_resend_is_neutral_and_sends_every_link(client, open_page, period, ward, commit):
    mine = start(period, ward, email="mai@example.org")
    neutral = commit(client.post, "/danh-gia/gui-lai-lien-ket/", {"email": "nobody@example.org"})
    sent = commit(client.post, "/danh-gia/gui-lai-lien-ket/", {"email": "MAI@example.org"})
    strip = lambda r: r.content.decode().replace("nobody@example.org", "X").replace("MAI@example.org", "X")  # noqa: E731
    assert strip(neutral) == strip(sent)
    assert len(mail.outbox) == 1 and dossier_url(mine) in mail.outbox[0].body


def test_the_private_page_is_never_cached_indexed_or_leaked_as_referrer(client, period, ward):
    response = client.get(dossier_url(start(period, ward)))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert client.get("/danh-gia/ho-so/khong-dung/").status_code == 404


def post_answers(answers, **extra):
    data = {}
    for code, answer in answers.items():
        data[f"value-{code}"] = answer["value"]
        data[f"note-{code}"] = answer.get("note", "")
    return {"details-subject_name": "Nguyễn Thị Mai", **data, **extra}


def details(ward):
    return {"details-area": ward.pk}


def test_saving_without_javascript_scores_and_lists_what_is_missing(client, period, ward):
    assessment = start(period, ward)
    url = dossier_url(assessment)
    response = client.post(url, {**post_answers({"1.2": {"value": "20", "note": "Học tin học"}}), **details(ward)})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Đã lưu bản nháp." in page
    assert "<strong data-total>20</strong>" in page
    assert "Còn thiếu trước khi nộp" in page
    for code in ("1.1", "2.1", "2.2"):
        assert f">{code}. Tiêu chí {code}" in page
    assessment.refresh_from_db()
    assert assessment.answers["1.2"] == {"value": "20", "note": "Học tin học"}


def test_submitting_needs_every_answer_the_evidence_and_consent(client, period, ward, commit):
    assessment = start(period, ward)
    url = dossier_url(assessment)
    incomplete = client.post(url, {**post_answers({"1.2": {"value": "20"}}), **details(ward), "action": "submit"})
    assert incomplete.status_code == 400
    assert "Còn tiêu chí chưa trả lời hoặc chưa có minh chứng" in incomplete.content.decode()
    no_consent = client.post(
        url, {**post_answers(FULL_MARKS), **details(ward), "files-1.1": png_upload(), "action": "submit"}
    )
    assert no_consent.status_code == 400
    assert "đồng ý cho xử lý dữ liệu cá nhân" in no_consent.content.decode()
    mail.outbox.clear()
    done = commit(client.post, url, {**post_answers(FULL_MARKS), **details(ward), "consent": "on", "action": "submit"})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED and assessment.consented_at is not None
    assert assessment.score == 100 and assessment.is_eligible
    assert mail.outbox[0].subject.startswith("Đã nhận hồ sơ tự đánh giá")
    page = client.get(url).content.decode()
    assert "Lưu nháp" not in page and "Chờ thẩm định" in page
    assert client.post(url, post_answers(FULL_MARKS)).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("ban-khai.exe", b"MZ\x90\x00binary"), "không phải tệp PDF hoặc ảnh"),
        (SimpleUploadedFile("giay-chung-nhan.pdf", b"<html>not a pdf</html>"), "không phải tệp PDF hợp lệ"),
        (SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0 broken"), "không phải ảnh đọc được"),
        (SimpleUploadedFile("rong.png", b""), "là tệp rỗng"),
    ],
)
def test_a_bad_upload_gets_a_clear_error_and_the_draft_stays_whole(client, period, ward, upload, message):
    assessment = start(period, ward)
    url = dossier_url(assessment)
    client.post(
        url, {**post_answers({"1.2": {"value": "25"}}), **details(ward), "files-1.1": png_upload("anh-lop.png")}
    )
    kept = Evidence.objects.get()
    response = client.post(
        url, {**post_answers({"1.2": {"value": "28"}, "2.1": {"value": "50"}}), **details(ward), "files-1.1": upload}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and upload.name in page
    assert "Câu trả lời đã được lưu, nhưng một số tệp chưa được lưu" in page
    assessment.refresh_from_db()
    assert assessment.answers["1.2"]["value"] == "28" and assessment.answers["2.1"]["value"] == "50"
    assert list(Evidence.objects.all()) == [kept]
    assert kept.file.storage.exists(kept.file.name)
    assert 'value="28"' in page  # what was typed is on the page


def test_a_file_too_large_is_refused_with_the_limit(client, period, ward, settings):
    settings.EVALUATION_MAX_UPLOAD_MB = 1
    assessment = start(period, ward)
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    response = client.post(dossier_url(assessment), {**post_answers({}), **details(ward), "files-1.1": big})
    assert "lớn hơn 1 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_evidence_is_private_served_only_through_its_link(client, period, ward, settings):
    assessment = start(period, ward)
    client.post(dossier_url(assessment), {**post_answers({}), **details(ward), "files-1.1": png_upload()})
    evidence = Evidence.objects.get()
    assert str(settings.EVALUATION_EVIDENCE_ROOT) in evidence.file.path
    assert str(settings.MEDIA_ROOT) not in evidence.file.path
    response = client.get(f"{dossier_url(assessment)}minh-chung/{evidence.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    other = start(period, ward, name="Người khác", email="khac@example.org")
    assert client.get(f"{dossier_url(other)}minh-chung/{evidence.pk}/").status_code == 404


def test_removing_a_file(client, period, ward):
    assessment = start(period, ward)
    url = dossier_url(assessment)
    client.post(url, {**post_answers({}), **details(ward), "files-1.1": png_upload()})
    evidence = Evidence.objects.get()
    client.post(url, {**post_answers({}), **details(ward), "remove": evidence.pk})
    assert not Evidence.objects.exists()
    assert not evidence.file.storage.exists(evidence.file.name)


def test_the_person_can_delete_a_draft(client, period, ward):
    assessment = start(period, ward)
    client.post(dossier_url(assessment), {**post_answers({}), **details(ward), "files-1.1": png_upload()})
    response = client.post(dossier_url(assessment), {"action": "delete"})
    assert "Đã xóa bản nháp" in response.content.decode()
    assert not Assessment.objects.exists() and not Evidence.objects.exists()


def test_a_returned_assessment_shows_the_comments_next_to_the_criteria(client, period, ward, make_reviewer):
    from evaluation import services
    from tests.factories.evaluation import submitted

    assessment = submitted(period, ward)
    services.return_for_changes(
        assessment, user=make_reviewer("r", ward), comments={"2.1": "Ghi rõ số giờ học."}, note="Bổ sung giúp."
    )
    page = client.get(dossier_url(assessment)).content.decode()
    assert "Ghi rõ số giờ học." in page and "Bổ sung giúp." in page
    assert "Nộp để thẩm định" in page
