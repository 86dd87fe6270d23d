"""The admin screens of the evaluation load for the people who use them."""

import pytest
from django.contrib.auth.models import Group, User

from evaluation import access
from tests.factories.evaluation import submitted


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.org", "x")


def test_editors_edit_criteria_sets_and_periods(client, period):
    editor = User.objects.create_user("bientap", "b@example.org", "x")
    editor.groups.add(Group.objects.get(name=access.EDITORS_GROUP))
    client.force_login(editor)
    criteria_set = period.criteria_set
    for url in (
        "/admin/snippets/evaluation/criteriaset/",
        f"/admin/snippets/evaluation/criteriaset/edit/{criteria_set.pk}/",
        "/admin/snippets/evaluation/criteriaset/add/",
        "/admin/snippets/evaluation/assessmentperiod/",
        f"/admin/snippets/evaluation/assessmentperiod/edit/{period.pk}/",
    ):
        assert client.get(url).status_code == 200, url
    listing = client.get("/admin/snippets/evaluation/criteriaset/").content.decode()
    assert f"/admin/evaluation/criteria/{criteria_set.pk}/export.xlsx" in listing
    # Assigning reviewers is for administrators: it decides who sees personal data.
    assert client.get("/admin/snippets/evaluation/reviewerassignment/").status_code == 302


def test_reviewers_reach_their_screens_from_the_menu(client, make_reviewer, ward, period):
    client.force_login(make_reviewer("thamdinh", ward))
    dashboard = client.get("/admin/").content.decode()
    assert "/admin/evaluation/" in dashboard and "/admin/evaluation/decisions/" in dashboard
    assert client.get("/admin/evaluation/decisions/").status_code == 200
    assert client.get("/admin/evaluation/decisions/new/").status_code == 200


def test_a_superuser_sees_the_review_screens_and_the_export_log(client, superuser, period, ward):
    assessment = submitted(period, ward)
    client.force_login(superuser)
    client.get("/admin/evaluation/export.xlsx")
    page = client.get("/admin/evaluation/").content.decode()
    assert "Các lần xuất dữ liệu cá nhân gần đây" in page and "assessments.xlsx" in page
    detail = client.get(f"/admin/evaluation/{assessment.pk}/").content.decode()
    assert "Tiêu chí 1.1 về học tập suốt đời" in detail and 'name="comment-1.1"' in detail
    assert client.get("/admin/snippets/evaluation/reviewerassignment/add/").status_code == 200


def test_the_reviewer_group_exists_for_two_factor_sign_in(db):
    group = Group.objects.get(name="Người thẩm định danh hiệu")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_assessment", "change_assessment", "add_recognitiondecision"} <= codenames
