import pytest
from django.urls import reverse

from tests.factories.network import AreaFactory, OrganisationFactory, city

pytestmark = pytest.mark.django_db


def test_organisations_admin_searches_and_filters_in_vietnamese(admin_client):
    le_chan = AreaFactory(name="Phường Lê Chân", parent=city(code="31", name="Thành phố Hải Phòng"))
    OrganisationFactory(name="Hội Khuyến học Quận 8", kind="association")
    OrganisationFactory(name="Trường Tiểu học Hòa Bình", kind="school", area=le_chan)
    url = reverse("wagtailsnippets_network_organisation:list")
    html = admin_client.get(url).content.decode()
    assert "Hội Khuyến học Quận 8" in html and "Trường Tiểu học Hòa Bình" in html
    assert "Trường học, trung tâm giáo dục" in html  # the kind, translated
    assert "Phường Lê Chân" in html
    searched = admin_client.get(url, {"q": "Hòa Bình"}).content.decode()
    assert "Trường Tiểu học Hòa Bình" in searched and "Hội Khuyến học Quận 8" not in searched
    filtered = admin_client.get(url, {"kind": "association"}).content.decode()
    assert "Hội Khuyến học Quận 8" in filtered and "Trường Tiểu học Hòa Bình" not in filtered


def test_an_area_is_added_with_its_parent_and_checked(admin_client):
    hcm = city()
    url = reverse("wagtailsnippets_network_area:add")
    form = {"code": "79-100", "kind": "ward", "name": "Phường Mới", "name_en": "", "parent": hcm.pk, "source": ""}
    response = admin_client.post(url, {**form, "valid_from": "2025-07-01", "valid_until": "2025-06-01"})
    assert response.status_code == 200
    assert "Ngày cuối không thể trước ngày đầu" in response.content.decode()
    response = admin_client.post(url, {**form, "valid_from": "2025-07-01", "valid_until": ""})
    assert response.status_code == 302
    assert hcm.children.get().level == "commune"
