import pytest
from django.urls import reverse
from wagtail.models import WorkflowPage

from campaigns import services
from campaigns.models import CampaignKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def test_editors_can_add_a_campaign_kind(admin_client):
    url = reverse("wagtailsnippets_campaigns_campaignkind:add")
    response = admin_client.post(url, {"name": "Đợt thi đua", "name_en": "Emulation drive", "slug": "dot-thi-dua"})
    assert response.status_code == 302
    assert CampaignKind.objects.filter(slug="dot-thi-dua").exists()
    assert CampaignKind.objects.count() == 6  # the five built-in kinds and the new one


def test_campaign_workflow_applies_to_campaigns_and_is_idempotent(campaign):
    index = campaign.get_parent()
    services.ensure_campaign_workflow([index])
    services.ensure_campaign_workflow([index])
    workflow = campaign.get_workflow()
    assert workflow.name == "Duyệt chiến dịch"
    tasks = list(workflow.tasks.specific())
    assert [t.name for t in tasks] == ["Nhóm kiểm duyệt xem xét chiến dịch"]
    assert [g.name for g in tasks[0].groups.all()] == ["Kiểm duyệt viên"]
    assert WorkflowPage.objects.filter(page=index).count() == 1


def test_a_campaign_goes_through_moderation(admin_client, campaign, django_user_model):
    workflow = services.ensure_campaign_workflow([campaign.get_parent()])
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(campaign.pk,))).content.decode()
    assert "Duyệt chiến dịch" in html  # the editor's "submit to" action names the workflow
    campaign.save_revision(user=django_user_model.objects.get(username="editor"))
    state = workflow.start(campaign, django_user_model.objects.get(username="editor"))
    campaign.refresh_from_db()
    assert campaign.workflow_in_progress
    assert state.current_task_state.task.name == "Nhóm kiểm duyệt xem xét chiến dịch"
