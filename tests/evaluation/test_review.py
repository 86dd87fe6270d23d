"""Review and recognition in the admin: reviewers see and act on their areas only, tried with direct URLs."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from evaluation import services
from evaluation.models import AssessmentStatus, Certificate, Evidence, ExportRecord, RecognitionDecision
from tests.factories.evaluation import FULL_MARKS, submitted


@pytest.fixture
def mine(period, ward):
    return submitted(period, ward, name="Nguyễn Thị Mai", email="mai@example.org")


@pytest.fixture
def theirs(period, far_ward):
    return submitted(period, far_ward, name="Đỗ Văn Xa", email="xa@example.org", phone="0912 345 678")


@pytest.fixture
def reviewer(make_reviewer, ward):
    return make_reviewer("thamdinh.saigon", ward)


def approved(assessment, user):
    return services.approve(assessment, user=user)


def decide(period, area, assessments, user, number="15/QĐ-UBND"):
    return services.issue_decision(
        services.DecisionRequest(
            period=period,
            area=area,
            number=number,
            signed_on=timezone.localdate(),
            issuing_body="Ủy ban nhân dân phường Sài Gòn",
            signer_name="Nguyễn Hoàng Long",
            signer_position="Chủ tịch",
        ),
        assessments,
        user=user,
    )


def test_a_reviewer_lists_only_their_areas(client, reviewer, mine, theirs):
    client.force_login(reviewer)
    page = client.get("/admin/evaluation/").content.decode()
    assert "Nguyễn Thị Mai" in page and "mai@example.org" not in page
    assert "Đỗ Văn Xa" not in page


def test_another_areas_assessment_is_not_found_by_direct_url(client, reviewer, mine, theirs):
    client.force_login(reviewer)
    evidence = Evidence.objects.get(assessment=theirs)
    assert client.get(f"/admin/evaluation/{mine.pk}/").status_code == 200
    for url in (
        f"/admin/evaluation/{theirs.pk}/",
        f"/admin/evaluation/{theirs.pk}/evidence/{evidence.pk}/",
        f"/admin/evaluation/{mine.pk}/evidence/{evidence.pk}/",
        f"/admin/evaluation/{theirs.pk}/certificate.pdf",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/admin/evaluation/{theirs.pk}/", {"action": "approve"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == AssessmentStatus.SUBMITTED


def test_a_city_reviewer_sees_every_ward_below_and_a_superuser_everything(
    client, make_reviewer, hcmc, mine, theirs, other_ward, period
):
    neighbour = submitted(period, other_ward, name="Lê Văn Bàn", email="ban@example.org")
    client.force_login(make_reviewer("thamdinh.hcm", hcmc))
    page = client.get("/admin/evaluation/").content.decode()
    assert "Nguyễn Thị Mai" in page and "Lê Văn Bàn" in page and "Đỗ Văn Xa" not in page
    assert client.get(f"/admin/evaluation/{neighbour.pk}/").status_code == 200
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    assert "Đỗ Văn Xa" in client.get("/admin/evaluation/").content.decode()


def test_without_an_assignment_or_the_group_there_is_nothing_to_see(client, make_reviewer, mine):
    client.force_login(make_reviewer("chua.phan.cong"))
    for url in ("/admin/evaluation/", f"/admin/evaluation/{mine.pk}/", "/admin/evaluation/export.xlsx"):
        assert refused(client.get(url)), url
    client.force_login(User.objects.create_user("editor", "e@example.org", "x"))
    assert refused(client.get(f"/admin/evaluation/{mine.pk}/"))
    assert not ExportRecord.objects.exists()


def refused(response):
    """Wagtail answers a refused admin view with a redirect to the dashboard (or to the login)."""
    return response.status_code == 302 and response["Location"].startswith(("/admin/", "/admin/login/"))


def test_the_export_holds_only_the_reviewers_rows_and_is_logged(client, reviewer, mine, theirs):
    client.force_login(reviewer)
    response = client.get("/admin/evaluation/export.xlsx?status=submitted")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["Nguyễn Thị Mai"]
    assert rows[1][8] == "mai@example.org"
    record = ExportRecord.objects.get()
    assert (record.user, record.rows, record.filters) == (reviewer, 1, "status=submitted")


def test_returning_with_comments_per_criterion_mails_them(client, reviewer, mine, commit):
    client.force_login(reviewer)
    mail.outbox.clear()
    response = commit(
        client.post,
        f"/admin/evaluation/{mine.pk}/",
        {"action": "return", "comment-2.1": "Ghi rõ số giờ đã học.", "note": "Bổ sung trước ngày 10/11."},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == AssessmentStatus.RETURNED
    assert mine.review_comments == {"2.1": "Ghi rõ số giờ đã học."}
    body = mail.outbox[0].body
    assert "Ghi rõ số giờ đã học." in body and "Bổ sung trước ngày 10/11." in body
    assert f"/danh-gia/ho-so/{mine.token}/" in body


def test_a_return_needs_a_comment(reviewer, mine):
    with pytest.raises(services.EvaluationError):
        services.return_for_changes(mine, user=reviewer, comments={"2.1": "  "})


def test_approving_mails_the_person_and_refuses_what_misses_the_thresholds(
    client, reviewer, mine, period, ward, commit
):
    client.force_login(reviewer)
    commit(client.post, f"/admin/evaluation/{mine.pk}/", {"action": "approve"})
    mine.refresh_from_db()
    assert mine.status == AssessmentStatus.APPROVED and mine.reviewed_by == reviewer
    assert "đã được duyệt" in mail.outbox[-1].subject
    weak = submitted(period, ward, name="Phạm Yếu", answers={**FULL_MARKS, "1.1": {"value": "no"}})
    response = client.post(f"/admin/evaluation/{weak.pk}/", {"action": "approve"}, follow=True)
    assert "chưa đạt ngưỡng công nhận" in response.content.decode()
    weak.refresh_from_db()
    assert weak.status == AssessmentStatus.SUBMITTED


def test_a_decision_recognises_a_batch_and_sends_each_certificate(client, reviewer, mine, period, ward, commit):
    other = submitted(period, ward, name="Trần Văn Hùng", email="hung@example.org")
    approved(mine, reviewer)
    approved(other, reviewer)
    client.force_login(reviewer)
    url = f"/admin/evaluation/decisions/new/?period={period.pk}&area={ward.pk}"
    form = client.get(url).content.decode()
    assert "Nguyễn Thị Mai" in form and "Trần Văn Hùng" in form
    mail.outbox.clear()
    response = commit(
        client.post,
        url,
        {
            "number": "125/QĐ-UBND",
            "signed_on": timezone.localdate().isoformat(),
            "issuing_body": "Ủy ban nhân dân phường Sài Gòn",
            "signer_name": "Nguyễn Hoàng Long",
            "signer_position": "Chủ tịch",
            "assessments": [str(mine.pk), str(other.pk)],
        },
    )
    decision = RecognitionDecision.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/decisions/{decision.pk}/")
    assert decision.certificates.count() == 2
    mine.refresh_from_db()
    assert mine.status == AssessmentStatus.RECOGNISED
    assert sorted(m.to[0] for m in mail.outbox) == ["hung@example.org", "mai@example.org"]
    attachment = mail.outbox[0].attachments[0]
    assert attachment[0].endswith(".pdf") and attachment[1][:5] == b"%PDF-" and attachment[2] == "application/pdf"
    assert client.get(f"/admin/evaluation/{mine.pk}/certificate.pdf").content[:5] == b"%PDF-"


def test_a_decision_cannot_take_in_another_areas_assessment(
    client, reviewer, mine, theirs, period, ward, make_reviewer
):
    approved(mine, reviewer)
    approved(theirs, make_reviewer("thamdinh.lechan", theirs.area))
    with pytest.raises(services.EvaluationError):
        services.issue_decision(
            services.DecisionRequest(period, ward, "1/QĐ", timezone.localdate(), "UBND phường Sài Gòn", "A"),
            [mine, theirs],
            user=reviewer,
            allowed_area_ids=services_area_ids(reviewer),
        )
    assert not Certificate.objects.exists()
    client.force_login(reviewer)
    response = client.post(
        f"/admin/evaluation/decisions/new/?period={period.pk}&area={theirs.area.pk}",
        {
            "number": "2/QĐ",
            "signed_on": timezone.localdate().isoformat(),
            "issuing_body": "X",
            "signer_name": "Y",
            "assessments": [str(theirs.pk)],
        },
    )
    assert response.status_code == 200  # the area is not offered: nothing to choose, nothing issued
    assert not RecognitionDecision.objects.exists()


def services_area_ids(user):
    from evaluation import access

    return access.area_ids(user)


def test_decisions_are_scoped_and_numbers_unique(client, reviewer, mine, period, ward, make_reviewer, far_ward):
    approved(mine, reviewer)
    decision = decide(period, ward, [mine], reviewer)
    client.force_login(make_reviewer("thamdinh.lechan", far_ward))
    assert client.get(f"/admin/evaluation/decisions/{decision.pk}/").status_code == 404
    assert "15/QĐ-UBND" not in client.get("/admin/evaluation/decisions/").content.decode()
    client.force_login(reviewer)
    assert "Nguyễn Thị Mai" in client.get(f"/admin/evaluation/decisions/{decision.pk}/").content.decode()


def test_a_future_dated_decision_is_refused(client, reviewer, mine, period, ward):
    approved(mine, reviewer)
    client.force_login(reviewer)
    response = client.post(
        f"/admin/evaluation/decisions/new/?period={period.pk}&area={ward.pk}",
        {
            "number": "9/QĐ",
            "signed_on": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
            "issuing_body": "UBND",
            "signer_name": "A",
            "assessments": [str(mine.pk)],
        },
    )
    assert "không thể ở tương lai" in response.content.decode()


def test_the_list_costs_a_fixed_number_of_queries(client, reviewer, period, ward, django_assert_max_num_queries):
    for n in range(12):
        submitted(period, ward, name=f"Người thứ {n}", email=f"n{n}@example.org")
    client.force_login(reviewer)
    with django_assert_max_num_queries(25):
        response = client.get("/admin/evaluation/")
    assert response.content.decode().count("data-reference=") == 12


def test_the_admin_history_names_no_one(client, reviewer, mine, make_reviewer, far_ward):
    services.return_for_changes(mine, user=reviewer, note="Bổ sung.")
    client.force_login(make_reviewer("thamdinh.lechan", far_ward))
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    page = history.content.decode()
    assert mine.display_reference in page  # the entry is there, as a reference code only
    assert "Nguyễn Thị Mai" not in page and "mai@example.org" not in page


def test_a_decision_number_is_unique_per_issuing_body_and_year(reviewer, mine, period, ward):
    other = submitted(period, ward, name="Trần Văn Hùng", email="hung@example.org")
    later = submitted(period, ward, name="Lê Thị Thu", email="thu@example.org")
    for assessment in (mine, other, later):
        approved(assessment, reviewer)
    decide(period, ward, [mine], reviewer)
    with pytest.raises(services.EvaluationError, match="đã có quyết định số này"):
        decide(period, ward, [other], reviewer)
    assert other.__class__.objects.get(pk=other.pk).status == AssessmentStatus.APPROVED
    # Numbering starts again every year: last year's "15/QĐ-UBND" is another decision.
    request = services.DecisionRequest(
        period, ward, "15/QĐ-UBND", timezone.localdate().replace(month=1, day=2), "Ủy ban nhân dân phường Sài Gòn", "A"
    )
    request.signed_on = request.signed_on.replace(year=request.signed_on.year - 1)
    services.issue_decision(request, [later], user=reviewer)
    assert RecognitionDecision.objects.filter(number="15/QĐ-UBND").count() == 2


def test_a_reviewer_revokes_a_certificate_with_a_reason_the_holder_reads(client, reviewer, mine, period, ward, commit):
    approved(mine, reviewer)
    decision = decide(period, ward, [mine], reviewer)
    certificate = decision.certificates.get()
    assert services.recognition_counts(timezone.localdate().year) == {(mine.title, ward.pk): 1}
    client.force_login(reviewer)
    url = f"/admin/evaluation/certificates/{certificate.pk}/revoke/"

    response = client.post(url, {"reason": "  "}, follow=True)
    assert "Hãy nêu lý do thu hồi" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    mail.outbox.clear()
    response = commit(client.post, url, {"reason": "Trùng với hồ sơ đã công nhận năm trước."}, follow=True)
    page = response.content.decode()
    assert "Đã thu hồi giấy chứng nhận" in page and "Trùng với hồ sơ đã công nhận năm trước." in page
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revoked_by == reviewer
    assert services.recognition_counts(timezone.localdate().year) == {}
    assert [m.to[0] for m in mail.outbox] == ["mai@example.org"]
    assert "Trùng với hồ sơ đã công nhận năm trước." in mail.outbox[0].body
    public = client.get(f"/xac-minh/{certificate.code}/").content.decode()
    assert "đã bị thu hồi" in public and "Trùng" not in public

    again = client.post(url, {"reason": "Lần nữa"}, follow=True).content.decode()
    assert "đã được thu hồi trước đó" in again


def test_a_reviewer_of_another_area_cannot_revoke(client, reviewer, mine, period, ward, make_reviewer, far_ward):
    approved(mine, reviewer)
    certificate = decide(period, ward, [mine], reviewer).certificates.get()
    client.force_login(make_reviewer("thamdinh.lechan", far_ward))
    response = client.post(f"/admin/evaluation/certificates/{certificate.pk}/revoke/", {"reason": "Sai"})
    assert response.status_code == 404
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
