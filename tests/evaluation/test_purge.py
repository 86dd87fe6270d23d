"""Retention: old assessments are anonymised (files gone, counts kept), abandoned drafts deleted."""

import datetime
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluation import services
from evaluation.models import Assessment, Certificate, Evidence
from network.models import LearningTitle
from tests.factories.evaluation import FULL_MARKS, PeriodFactory, png_upload, start, submitted
from tests.factories.network import OrganisationFactory


@pytest.fixture
def old_round(make_reviewer, ward):
    """Recognitions of six years ago: a citizen and a unit."""
    year = timezone.localdate().year - 6
    reviewer = make_reviewer("thamdinh", ward)
    day = timezone.make_aware(datetime.datetime(year, 6, 1, 9))
    recognised = []
    for title, name, organisation in (
        (LearningTitle.LEARNING_CITIZEN, "Phan Thị Xưa", None),
        (LearningTitle.LEARNING_UNIT, "", OrganisationFactory(name="Trường Tiểu học Cũ", area=ward)),
    ):
        period = PeriodFactory(
            title=title, year=year, opens_on=datetime.date(year, 1, 1), closes_on=datetime.date(year, 12, 31)
        )
        assessment = start(period, ward, name=name, email=f"{title}@example.org", organisation=organisation)
        services.save_draft(assessment, FULL_MARKS, uploads=[("1.1", png_upload())], now=day)
        services.submit(assessment, consent=True, now=day)
        recognised.append(services.approve(assessment, user=reviewer, now=day))
        services.issue_decision(
            services.DecisionRequest(period, ward, f"{title}/QĐ", datetime.date(year, 11, 20), "UBND phường", "A"),
            [recognised[-1]],
            user=reviewer,
            now=day,
        )
    return year, recognised


def test_purge_anonymises_old_assessments_and_keeps_the_counts(old_round, period, ward):
    year, (citizen, unit) = old_round
    recent = submitted(period, ward, name="Người Mới", email="moi@example.org")
    counts_before = services.recognition_counts(year)
    paths = [e.file.path for e in Evidence.objects.filter(assessment__in=[citizen, unit])]
    token = citizen.token

    anonymised, deleted = services.purge(years=5)

    assert (anonymised, deleted) == (2, 0)
    citizen.refresh_from_db()
    assert citizen.subject_name == "(đã ẩn danh)" and citizen.email.endswith("@anonymised.invalid")
    assert citizen.phone == citizen.address == "" and citizen.birth_year is None
    assert citizen.token != token and citizen.anonymised_at is not None
    assert not Evidence.objects.filter(assessment__in=[citizen, unit]).exists()
    assert not any(os.path.exists(path) for path in paths)
    assert services.recognition_counts(year) == counts_before
    assert Certificate.objects.get(assessment=citizen).holder_name == "(đã ẩn danh)"
    # A unit is not a person: its name stays on its certificate.
    assert Certificate.objects.get(assessment=unit).holder_name == "Trường Tiểu học Cũ"
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.email == "moi@example.org"


def test_the_private_link_of_an_anonymised_assessment_is_gone(client, old_round):
    _year, (citizen, _unit) = old_round
    token = citizen.token
    services.purge(years=5)
    assert client.get(f"/danh-gia/ho-so/{token}/").status_code == 404


def test_abandoned_drafts_are_deleted_with_their_files(period, ward):
    draft = start(period, ward)
    services.save_draft(draft, {}, uploads=[("1.1", png_upload())])
    path = Evidence.objects.get().file.path
    Assessment.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - datetime.timedelta(days=400))
    assert services.purge(draft_days=365) == (0, 1)
    assert not Assessment.objects.exists()
    assert not os.path.exists(path)


def test_the_command_reads_its_setting(old_round, settings):
    settings.EVALUATION_PURGE_AFTER_YEARS = 10
    out = StringIO()
    call_command("purge_assessments", stdout=out)
    assert "anonymised: 0" in out.getvalue()
    call_command("purge_assessments", "--years", "5", stdout=out)
    assert "anonymised: 2" in out.getvalue()
