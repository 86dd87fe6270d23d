import pytest
from django.urls import reverse
from wagtail.models import WorkflowPage

from campaigns import services
from campaigns.models import CampaignKind
from tests.factories.campaigns import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def test_organisations_admin_searches_and_filters_in_vietnamese(admin_client):
    OrganisationFactory(name="Hội Khuyến học Quận 8", district="Quận 8", kind="association")
    OrganisationFactory(name="Trường Tiểu học Hòa Bình", district="Quận Lê Chân", kind="school")
    url = reverse("wagtailsnippets_campaigns_organisation:list")
    html = admin_client.get(url).content.decode()
    assert "Hội Khuyến học Quận 8" in html and "Trường Tiểu học Hòa Bình" in html
    assert "Trường học, trung tâm giáo dục" in html  # the kind, translated
    searched = admin_client.get(url, {"q": "Hòa Bình"}).content.decode()
    assert "Trường Tiểu học Hòa Bình" in searched and "Hội Khuyến học Quận 8" not in searched
    filtered = admin_client.get(url, {"kind": "association"}).content.decode()
    assert "Hội Khuyến học Quận 8" in filtered and "Trường Tiểu học Hòa Bình" not in filtered
    by_district = admin_client.get(url, {"district": "Quận Lê Chân"}).content.decode()
    assert "Trường Tiểu học Hòa Bình" in by_district and "Hội Khuyến học Quận 8" not in by_district


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
    assert [g.name for g in tasks[0].groups.all()] == ["Moderators"]
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
