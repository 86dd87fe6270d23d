"""The small things an editor trips over: capacity 0, covers in the image chooser, nameless admin."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from events.models import EventPage
from home.seed import ADMIN_USERNAME, seed
from resources.covers import COVERS_COLLECTION
from resources.models import ResourcePage
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.resources import DocumentFactory, LibraryPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def test_a_capacity_of_zero_is_refused_with_a_clear_message(home_page):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    event = EventPage.objects.get(pk=event.pk)
    event.capacity = 0
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "capacity" in error.value.message_dict
    assert "1" in error.value.message_dict["capacity"][0]


def test_generated_covers_stay_out_of_the_image_chooser(
    home_page, admin_client, settings, django_capture_on_commit_callbacks
):
    settings.RESOURCES_PDFTOPPM = "/nonexistent/pdftoppm"
    library = LibraryPageFactory(parent=home_page)
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 400), "red").save(buffer, format="PDF")
    document = DocumentFactory(file=ContentFile(buffer.getvalue(), "a.pdf"))
    with django_capture_on_commit_callbacks(execute=True):  # the cover is drawn by a task after the commit
        page = ResourcePageFactory(parent=library, document=document)
    cover = ResourcePage.objects.get(pk=page.pk).generated_cover
    assert cover.collection.name == COVERS_COLLECTION
    photo = get_image_model().objects.create(title="Ảnh lễ khai mạc", file=ContentFile(_png(), "khai-mac.png"))
    html = json.loads(admin_client.get(reverse("wagtailimages_chooser:choose")).content)["html"]
    assert photo.title in html
    assert cover.title not in html


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_seeded_admin_and_team_have_names(locales):
    from django.contrib.auth import get_user_model

    seed(io.StringIO())
    users = get_user_model().objects.filter(username__in=[ADMIN_USERNAME, "bientap", "kiemduyet", "sukien"])
    assert users.count() == 4
    assert all(user.first_name and user.last_name for user in users)
    assert get_user_model().objects.get(username="kiemduyet").groups.get().name == "Kiểm duyệt viên"
