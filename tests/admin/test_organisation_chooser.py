"""One organisation chooser for every organisation field: search without accents, add a missing unit."""

import json

import pytest
from django.urls import reverse

from campaigns.models import CampaignPage
from events.models import EventPage
from network.models import AreaKind, Organisation, OrganisationKind
from network.widgets import OrganisationsChooser
from resources.models import ResourcePage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory
from tests.factories.network import AreaFactory, OrganisationFactory, city

pytestmark = pytest.mark.django_db


def chooser_url(name="choose"):
    return reverse(Organisation.snippet_viewset.chooser_viewset.get_url_name(name))


def modal_html(response):
    return json.loads(response.content)["html"]


@pytest.fixture
def units():
    hcmc = city()
    ward = AreaFactory(name="Phường Sài Gòn", kind=AreaKind.WARD, parent=hcmc)
    return {
        "doet": OrganisationFactory(name="Sở Giáo dục và Đào tạo", name_en="Department of Education", area=hcmc),
        "school": OrganisationFactory(name="Trường THCS Đống Đa", kind=OrganisationKind.SCHOOL, area=ward),
        "closed": OrganisationFactory(name="Trường THCS Đống Đa cũ", kind=OrganisationKind.SCHOOL, is_active=False),
    }


def test_search_ignores_accents_and_finds_english_names_and_areas(admin_client, units):
    html = admin_client.get(chooser_url("choose_results"), {"q": "truong thcs dong da"}).content.decode()
    assert "Trường THCS Đống Đa" in html
    assert "Sở Giáo dục" not in html
    assert "Đống Đa cũ" not in html  # closed units are not offered
    results = chooser_url("choose_results")
    assert "Sở Giáo dục và Đào tạo" in admin_client.get(results, {"q": "department"}).content.decode()
    assert "Trường THCS" in admin_client.get(results, {"q": "sai gon"}).content.decode()


def test_the_chooser_filters_by_kind_and_offers_to_add_a_unit(admin_client, units):
    html = modal_html(admin_client.get(chooser_url(), {"kind": OrganisationKind.SCHOOL}))
    assert "Trường THCS Đống Đa" in html
    assert "Sở Giáo dục và Đào tạo" not in html
    assert 'name="name_en"' in html and 'name="area"' in html and 'name="kind"' in html


def test_a_missing_unit_is_added_from_inside_the_chooser(admin_client, units):
    ward = units["school"].area
    response = admin_client.post(
        chooser_url("create"),
        {"name": "Trung tâm học tập cộng đồng phường Sài Gòn", "kind": "learning_centre", "area": ward.pk},
    )
    data = json.loads(response.content)
    assert data["step"] == "chosen"
    created = Organisation.objects.get(name="Trung tâm học tập cộng đồng phường Sài Gòn")
    assert created.area == ward and created.kind == OrganisationKind.LEARNING_CENTRE
    assert str(data["result"]["id"]) == str(created.pk)

    duplicate = admin_client.post(
        chooser_url("create"), {"name": created.name, "kind": "learning_centre", "area": ward.pk}
    )
    assert json.loads(duplicate.content)["step"] != "chosen"
    assert Organisation.objects.filter(name=created.name).count() == 1


def test_many_to_many_fields_list_the_chosen_names(admin_client, home_page, units):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page))
    campaign.lead_organisations = [units["doet"]]
    campaign.save_revision().publish()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk])).content.decode()
    assert 'data-controller="organisations-chooser"' in html
    assert f'<input type="hidden" name="lead_organisations" value="{units["doet"].pk}">' in html
    assert "organisations-chooser.js" in html


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (CampaignPage, ["lead_organisations", "coordinating_organisations"]),
        (EventPage, ["organisers"]),
    ],
)
def test_every_many_to_many_organisation_field_uses_the_chooser(model, fields):
    form_class = model.get_edit_handler().get_form_class()
    for name in fields:
        assert isinstance(form_class.base_fields[name].widget, OrganisationsChooser), name


def test_single_organisation_fields_use_the_same_chooser():
    from wagtail.snippets.widgets import AdminSnippetChooser

    form_class = ResourcePage.get_edit_handler().get_form_class()
    for name in ("author_organisation", "publisher"):
        widget = form_class.base_fields[name].widget
        assert isinstance(widget, AdminSnippetChooser) and widget.model is Organisation
    activity_form = CampaignPage.get_edit_handler().get_form_class().formsets["activities"].form
    assert isinstance(activity_form.base_fields["lead_organisation"].widget, AdminSnippetChooser)
    assert isinstance(activity_form.base_fields["coordinating_organisations"].widget, OrganisationsChooser)


def test_registrations_added_by_hand_choose_their_organisation_with_the_chooser(admin_client, home_page):
    from events.models import RegistrationMode
    from tests.factories.events import EventIndexPageFactory, EventPageFactory

    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), registration_mode=RegistrationMode.DELEGATES
    )
    html = admin_client.get(reverse("events_admin:add", args=[event.pk])).content.decode()
    assert chooser_url() in html
    assert "snippet-chooser" in html
