import pytest

from tests.factories.resources import ResourcePageFactory, audience, topic

pytestmark = pytest.mark.django_db


def test_resource_page_renders_metadata(client, library):
    page = ResourcePageFactory(
        parent=library,
        title="Sổ tay kỹ năng số cho người cao tuổi",
        topics=[topic("ky-nang-so")],
        audiences=[audience("nguoi-cao-tuoi")],
        year=2024,
        page_count=12,
        licence="cc-by-sa",
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sổ tay kỹ năng số cho người cao tuổi" in html
    assert "Kỹ năng số" in html and "Người cao tuổi" in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license noopener"' in html
    assert "12 trang" in html
