"""The demo: sample criteria labelled as such, every status in several wards, reviewers, a past decision."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group

from evaluation import access, seed
from evaluation.models import Assessment, AssessmentStatus, Certificate, CriteriaSet, RecognitionDecision
from home import seed as home_seed
from network import seed as network_seed
from network.models import LearningTitle


@pytest.fixture
def demo(db, settings, tmp_path):
    home_seed.seed(StringIO())
    network_seed.seed(StringIO())
    seed.seed(StringIO())


def snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (Assessment, Certificate, CriteriaSet, RecognitionDecision, Group)
    }


def test_the_demo_covers_every_status_title_and_reviewer(demo, client):
    assert {s.name for s in CriteriaSet.objects.all()} == {seed.SAMPLE_NAME}
    assert set(CriteriaSet.objects.values_list("title", flat=True)) == set(LearningTitle.values)
    assert all(s.is_sample for s in CriteriaSet.objects.all())
    assert set(Assessment.objects.values_list("status", flat=True)) == set(AssessmentStatus.values)
    assert set(Assessment.objects.values_list("title", flat=True)) == set(LearningTitle.values)
    assert Assessment.objects.values("area").distinct().count() >= 4
    reviewers = Group.objects.get(name=access.REVIEWERS_GROUP).user_set.all()
    assert {a for r in reviewers for a in r.evaluation_assignments.values_list("area__code", flat=True)} >= {
        "79-001",
        "79-005",
        "79-008",
        "31-005",
    }
    certificate = Certificate.objects.first()
    assert RecognitionDecision.objects.count() >= 2 and certificate is not None
    assert client.get(f"/xac-minh/{certificate.code}/").status_code == 200
    assert client.get("/danh-gia/").status_code == 200
    assert "Bộ tiêu chí mẫu" in client.get("/danh-gia/cong-dan-hoc-tap/").content.decode()


def test_the_demo_runs_twice_without_change(demo):
    before = snapshot()
    statuses = dict(Assessment.objects.values_list("reference", "status"))
    seed.seed(StringIO())
    assert snapshot() == before
    assert dict(Assessment.objects.values_list("reference", "status")) == statuses
