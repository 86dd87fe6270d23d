"""Each role of the organisation, walked through the admin by direct address: what it may and may not do."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow

from campaigns.models import CampaignKind
from events.models import RegistrationMode
from home import roles
from network.models import Area, Organisation
from resources.models import ResourceCollection, Topic
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import OrganisationFactory, city

pytestmark = pytest.mark.django_db


def member(username, role):
    user = User.objects.create_user(username, f"{username}@example.org", "pw", first_name="Thử", last_name="Nghiệm")
    user.groups.add(roles.group(role))
    return user


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, registration_mode=RegistrationMode.INDIVIDUAL)


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def allowed(client, url):
    response = client.get(url)
    return response.status_code == 200


def refused(client, url):
    """Wagtail sends a refused user back to the dashboard; the project's own views answer 403."""
    response = client.get(url)
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_the_groups_and_the_workflow_have_vietnamese_names():
    assert {roles.group(key).name for key in roles.NAMES} == {"Biên tập viên", "Kiểm duyệt viên", "Ban tổ chức sự kiện"}
    assert not Group.objects.filter(name__in=["Editors", "Moderators", "Event managers"]).exists()
    assert Workflow.objects.filter(name="Quy trình kiểm duyệt").exists()
    assert GroupApprovalTask.objects.get(name="Kiểm duyệt viên phê duyệt").groups.get() == roles.group(roles.MODERATORS)


def test_a_renamed_group_keeps_its_role():
    group = roles.group(roles.MODERATORS)
    group.name = "Lãnh đạo duyệt bài"
    group.save()
    assert roles.group(roles.MODERATORS) == group


def test_an_editor_keeps_the_lists_but_not_the_areas_nor_personal_data(client, event):
    client.force_login(member("bientap", roles.EDITORS))
    organisation = OrganisationFactory(name="Trường THCS Lê Lợi")
    topic = Topic.objects.create(name="Chủ đề thử nghiệm", slug="chu-de-thu-nghiem")
    area = city()
    for url in (
        reverse("wagtailadmin_home"),
        snippet_url(Organisation, "list"),
        snippet_url(Organisation, "add"),
        snippet_url(Organisation, "edit", organisation.pk),
        snippet_url(CampaignKind, "add"),
        snippet_url(Topic, "edit", topic.pk),
        snippet_url(ResourceCollection, "add"),
        snippet_url(Area, "list"),
        reverse(Organisation.snippet_viewset.chooser_viewset.get_url_name("choose")),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
    ):
        assert allowed(client, url), url
    for url in (
        snippet_url(Area, "add"),
        snippet_url(Area, "edit", area.pk),
        reverse("events_admin:events"),
        reverse("events_admin:registrations", args=[event.pk]),
        reverse("wagtailusers_users:index"),
    ):
        assert refused(client, url), url

    response = client.post(
        snippet_url(Organisation, "add"), {"name": "Hội Khuyến học phường Bến Thành", "kind": "association"}
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Hội Khuyến học phường Bến Thành").exists()


def test_an_editor_submits_for_moderation_but_cannot_publish(client, event):
    editor = member("bientap", roles.EDITORS)
    assert event.permissions_for_user(editor).can_edit()
    assert not event.permissions_for_user(editor).can_publish()
    moderator = member("kiemduyet", roles.MODERATORS)
    assert event.permissions_for_user(moderator).can_publish()


def test_a_moderator_keeps_the_areas_and_approves(client, event):
    client.force_login(member("kiemduyet", roles.MODERATORS))
    area = city()
    for url in (
        snippet_url(Area, "add"),
        snippet_url(Area, "edit", area.pk),
        snippet_url(Organisation, "add"),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
    ):
        assert allowed(client, url), url
    for url in (snippet_url(Area, "delete", area.pk), reverse("events_admin:events")):
        assert refused(client, url), url


def test_an_event_manager_sees_registrations_but_does_not_keep_the_lists(client, event):
    client.force_login(member("sukien", roles.EVENT_MANAGERS))
    for url in (reverse("events_admin:events"), reverse("events_admin:registrations", args=[event.pk])):
        assert allowed(client, url), url
    for url in (snippet_url(Organisation, "add"), snippet_url(Topic, "add"), snippet_url(CampaignKind, "add")):
        assert refused(client, url), url


def test_campaign_kind_help_points_to_a_place_the_editor_can_reach(client, home_page):
    from tests.factories.campaigns import CampaignIndexPageFactory

    index = CampaignIndexPageFactory(parent=home_page)
    client.force_login(member("bientap", roles.EDITORS))
    html = client.get(reverse("wagtailadmin_pages:add", args=("campaigns", "campaignpage", index.pk))).content.decode()
    assert "Snippets › Loại chiến dịch" not in html
    assert allowed(client, reverse(CampaignKind.snippet_viewset.chooser_viewset.get_url_name("choose")))
    assert allowed(client, snippet_url(CampaignKind, "list"))
