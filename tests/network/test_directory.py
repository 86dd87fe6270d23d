"""The public directory of community learning centres: by area, searchable without accents, no JavaScript."""

import pytest
from django.utils import timezone

from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.network import AreaFactory, DirectoryFactory, LearningCentreFactory, city

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return DirectoryFactory(parent=home_page)


@pytest.fixture
def centres(db):
    hcm, hp = city(), city(code="31", name="Thành phố Hải Phòng")
    sai_gon = AreaFactory(name="Phường Sài Gòn", parent=hcm)
    le_chan = AreaFactory(name="Phường Lê Chân", parent=hp)
    return {
        "sai_gon": LearningCentreFactory(
            name="Trung tâm học tập cộng đồng phường Sài Gòn", area=sai_gon, address="45 Đinh Tiên Hoàng"
        ),
        "le_chan": LearningCentreFactory(
            name="Trung tâm học tập cộng đồng phường Lê Chân", area=le_chan, address="30 Hai Bà Trưng"
        ),
        "closed": LearningCentreFactory(name="Trung tâm đã giải thể", area=sai_gon, is_active=False),
    }


def test_directory_lists_active_centres_with_their_area(client, directory, centres):
    html = client.get(directory.url).content.decode()
    assert "Trung tâm học tập cộng đồng phường Sài Gòn" in html
    assert "Phường Lê Chân, Thành phố Hải Phòng" in html
    assert "Trung tâm đã giải thể" not in html
    assert "2 trung tâm" in html


def test_search_needs_no_accents_and_every_word(client, directory, centres):
    html = client.get(directory.url, {"q": "dinh tien hoang"}).content.decode()
    assert "phường Sài Gòn" in html and "phường Lê Chân" not in html
    html = client.get(directory.url, {"q": "le chan hai ba trung"}).content.decode()
    assert "phường Lê Chân" in html and "phường Sài Gòn" not in html
    html = client.get(directory.url, {"q": "không có ở đâu"}).content.decode()
    assert "Không có trung tâm nào" in html


def test_filter_by_city_takes_the_wards_below_it(client, directory, centres):
    hp = centres["le_chan"].area.parent
    html = client.get(directory.url, {"area": hp.pk}).content.decode()
    assert "phường Lê Chân" in html and "phường Sài Gòn" not in html
    # An unknown area is ignored rather than an error.
    assert client.get(directory.url, {"area": "999999"}).status_code == 200


def test_centre_page_shows_contact_hours_and_upcoming_events(client, directory, centres, home_page):
    centre = centres["sai_gon"]
    events = EventIndexPageFactory(parent=home_page)
    coming = EventPageFactory(parent=events, title="Lớp kỹ năng số cho người cao tuổi")
    coming.organisers.add(centre)
    coming.save_revision().publish()
    past = EventPageFactory(
        parent=events,
        title="Buổi học đã qua",
        start=timezone.now() - timezone.timedelta(days=10),
        end=timezone.now() - timezone.timedelta(days=10, hours=-2),
        registration_closes=None,
    )
    past.organisers.add(centre)
    past.save_revision().publish()

    listing = client.get(directory.url).content.decode()
    detail_url = next(
        part.split('"')[0]
        for part in listing.split('href="')[1:]
        if "trung-tam-hoc-tap-cong-dong-phuong-sai-gon" in part
    )
    response = client.get(detail_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "45 Đinh Tiên Hoàng" in html and 'href="tel:02838221234"' in html
    assert "Thứ Bảy: 7:30 – 11:30" in html
    assert "Lớp kỹ năng số cho người cao tuổi" in html and "Buổi học đã qua" not in html
    assert '"@type": "EducationalOrganization"' in html


def test_centre_address_is_canonical(client, directory, centres):
    centre = centres["sai_gon"]
    response = client.get(f"{directory.url}{centre.pk}-ten-cu/")
    assert response.status_code == 301
    assert response["Location"].endswith(f"/{centre.pk}-trung-tam-hoc-tap-cong-dong-phuong-sai-gon/")
    assert client.get(f"{directory.url}{centres['closed'].pk}/").status_code == 404
