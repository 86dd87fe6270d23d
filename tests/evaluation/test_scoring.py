"""Scoring and thresholds, and what a criteria set's later changes do (and do not do) to assessments."""

from decimal import Decimal

import pytest

from evaluation import scoring, services
from evaluation.models import AssessmentStatus, CriterionKind
from tests.factories.evaluation import FULL_MARKS, CriteriaSetFactory, png_upload, start, submitted


@pytest.fixture
def criteria(db):
    return scoring.snapshot(CriteriaSetFactory())


def with_answers(**values):
    answers = {code: dict(answer) for code, answer in FULL_MARKS.items()}
    for code, value in values.items():
        answers[code[1:].replace("_", ".")] = {"value": value}
    return answers


def test_full_marks_reach_every_threshold(criteria):
    result = scoring.score(criteria, FULL_MARKS, {"1.1"})
    assert result.total == Decimal(100)
    assert result.criteria_met == 4
    assert result.is_complete and result.is_eligible


def test_a_mandatory_criterion_not_met_refuses_recognition_even_with_enough_points(criteria):
    # 70 points without 1.1 (mandatory): the points threshold alone is reached.
    result = scoring.score(criteria, with_answers(c1_1="no"), set())
    assert result.total == Decimal(70)
    assert result.reaches_points
    assert [r.criterion["code"] for r in result.mandatory_unmet] == ["1.1"]
    assert not result.is_eligible


def test_below_the_points_threshold_is_not_eligible(criteria):
    result = scoring.score(criteria, with_answers(c1_2="10", c2_1="12"), {"1.1"})
    assert result.total == Decimal(30 + 10 + 0 + 20)
    assert not result.reaches_points and not result.is_eligible


def test_points_are_capped_at_the_criterion_maximum_and_met_from_its_target(criteria):
    over = scoring.score(criteria, with_answers(c1_2="45"), {"1.1"})
    assert over.criteria[1].points == Decimal(30)
    under = scoring.score(criteria, with_answers(c1_2="14,5"), {"1.1"})
    assert under.criteria[1].points == Decimal("14.5")
    assert not under.criteria[1].met


def test_a_number_meets_its_target_or_scores_nothing(criteria):
    result = scoring.score(criteria, with_answers(c2_1="39"), {"1.1"})
    assert result.criteria[2].answered and not result.criteria[2].met
    assert result.criteria[2].points == 0
    assert scoring.score(criteria, with_answers(c2_1="40"), {"1.1"}).criteria[2].met


def test_text_that_is_not_a_number_is_flagged_and_counts_as_unanswered(criteria):
    result = scoring.score(criteria, with_answers(c2_1="bốn mươi"), {"1.1"})
    item = result.criteria[2]
    assert item.invalid and not item.answered
    assert not result.is_complete


def test_missing_answers_and_evidence_are_listed(criteria):
    result = scoring.score(criteria, {"1.2": {"value": "20"}}, set())
    assert [r.criterion["code"] for r in result.unanswered] == ["1.1", "2.1", "2.2"]
    assert [r.criterion["code"] for r in result.evidence_missing] == ["1.1"]


def test_a_minimum_number_of_criteria_met(db):
    criteria = scoring.snapshot(
        CriteriaSetFactory(
            pass_points=Decimal(0),
            min_criteria_met=2,
            rows=[
                ("1", "A", CriterionKind.YES_NO, 0, None, False, False),
                ("2", "A", CriterionKind.YES_NO, 0, None, False, False),
            ],
        )
    )
    assert not scoring.score(criteria, {"1": {"value": "yes"}, "2": {"value": "no"}}).is_eligible
    assert scoring.score(criteria, {"1": {"value": "yes"}, "2": {"value": "yes"}}).is_eligible


def test_groups_carry_their_subtotals(criteria):
    groups = scoring.score(criteria, FULL_MARKS, {"1.1"}).groups()
    assert [(g["name"], g["points"], g["max_points"]) for g in groups] == [
        ("I. Học tập", Decimal(60), Decimal(60)),
        ("II. Kết quả", Decimal(40), Decimal(40)),
    ]


def test_editing_the_set_never_changes_a_submitted_assessment(period, ward):
    assessment = submitted(period, ward)
    criterion = period.criteria_set.criteria.get(code="1.2")
    criterion.max_points = Decimal(5)
    criterion.text = "Tiêu chí đã sửa"
    criterion.save()
    period.criteria_set.pass_points = Decimal(99)
    period.criteria_set.save()

    assert services.refresh_criteria(assessment) is False
    assessment.refresh_from_db()
    result = services.result(assessment)
    assert result.total == Decimal(100) and result.is_eligible
    assert assessment.criteria["criteria"][1]["text"] == "Tiêu chí 1.2 về học tập suốt đời"
    assert assessment.status == AssessmentStatus.SUBMITTED


def test_a_draft_follows_the_set_and_keeps_its_answers(period, ward):
    assessment = start(period, ward)
    services.save_draft(assessment, FULL_MARKS, uploads=[("1.1", png_upload())])
    criteria_set = period.criteria_set
    criteria_set.criteria.filter(code="2.2").delete()
    criteria_set.pass_points = Decimal(90)
    criteria_set.save()

    assessment.refresh_from_db()
    assert services.refresh_criteria(assessment) is True
    assert [c["code"] for c in assessment.criteria["criteria"]] == ["1.1", "1.2", "2.1"]
    assert set(assessment.answers) == {"1.1", "1.2", "2.1"}
    assert assessment.score == Decimal(80) and not assessment.is_eligible
