import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from resources.models import ResourcePage
from tests.factories.resources import ResourceCollectionFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def form(**overrides):
    data = {
        "title": "Cẩm nang tự học",
        "slug": "cam-nang-tu-hoc",
        "summary": "Hướng dẫn tự học.",
        "kind": "document",
        "level": "basic",
        "language": "vi",
        "licence": "cc-by",
        "description": rich_text(""),
        "gallery_images": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_views_of_the_library_load(client, editor, library):
    resource = ResourcePageFactory(parent=library)
    collection = ResourceCollectionFactory(resources=[resource])
    urls = [
        reverse("wagtailadmin_pages:edit", args=[library.pk]),
        reverse("wagtailadmin_pages:edit", args=[resource.pk]),
        reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", library.pk]),
        reverse("wagtailsnippets_resources_topic:list"),
        reverse("wagtailsnippets_resources_audience:add"),
        reverse("wagtailsnippets_resources_resourcecollection:edit", args=[collection.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_document_resource_without_a_file_is_refused_in_vietnamese(client, editor, library):
    url = reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", library.pk])
    response = client.post(url, form(), HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "Hãy chọn tệp tài liệu để người xem tải về." in response.content.decode()
    assert not ResourcePage.objects.exists()


def test_a_course_resource_is_published_from_the_admin(client, editor, library):
    url = reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", library.pk])
    response = client.post(url, form(kind="course", external_url="https://example.org/khoa-hoc"))
    assert response.status_code == 302
    page = ResourcePage.objects.get()
    assert page.live and page.external_url == "https://example.org/khoa-hoc"


def test_downloads_report_lists_resources_by_downloads_and_exports(client, editor, library):
    from datetime import timedelta

    from django.utils import timezone

    from resources.services import count_download

    popular = ResourcePageFactory(parent=library, title="Được tải nhiều", identifier="HL-1")
    ResourcePageFactory(parent=library, title="Ít người tải")
    today = timezone.localdate()
    for day in (today, today, today - timedelta(days=60)):
        count_download(popular.translation_key, day)
    response = client.get(reverse("resources_downloads_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Được tải nhiều") < html.index("Ít người tải")
    export = client.get(reverse("resources_downloads_report") + "?export=csv")
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1] == "Được tải nhiều,HL-1,2,3"


def test_downloads_report_is_for_editors_only(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="pw")
    client.force_login(user)
    assert client.get(reverse("resources_downloads_report")).status_code in (302, 403)
