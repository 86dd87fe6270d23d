import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from home.models import SiteSettings
from home.seed import generated_image
from resources.covers import first_page_picture
from resources.models import ResourcePage
from tests.factories.resources import DocumentFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def scanned_pdf(colour):
    pages = [PILImage.new("RGB", (300, 400), colour), PILImage.new("RGB", (300, 400), "white")]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _no_poppler(settings):
    # The same result on every machine, whether poppler-utils is installed or not.
    settings.RESOURCES_PDFTOPPM = "/nonexistent/pdftoppm"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as a real commit would: the cover task runs after it (at once: tests run tasks so)."""

    def run(factory, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return factory(**kwargs)

    return run


def test_publishing_does_not_wait_for_the_cover(library, django_capture_on_commit_callbacks, client, home_page):
    SiteSettings.for_site(home_page.get_site())
    document = DocumentFactory(file=ContentFile(scanned_pdf((200, 30, 30)), name="quet.pdf"))
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        page = ResourcePageFactory(parent=library, document=document)
    assert ResourcePage.objects.get(pk=page.pk).generated_cover is None, "drawn inside the publish"
    client.get(page.url)
    kept = client.get(page.url)
    assert kept["X-Page-Cache"] == "hit"
    assert 'class="resource__cover"' not in kept.content.decode()
    for callback in after_commit:
        callback()
    assert ResourcePage.objects.get(pk=page.pk).generated_cover is not None
    assert 'class="resource__cover"' in client.get(page.url).content.decode(), "the kept page shows the new cover"


def test_cover_is_drawn_from_the_first_page_when_published(library, publish):
    document = DocumentFactory(file=ContentFile(scanned_pdf((200, 30, 30)), name="quet.pdf"))
    page = publish(ResourcePageFactory, parent=library, document=document)
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.cover == page.generated_cover
    with page.generated_cover.file.open("rb") as handle:
        picture = PILImage.open(handle).convert("RGB")
        red, green, blue = picture.getpixel((picture.width // 2, picture.height // 2))
    assert red > 150 and green < 80 and blue < 80


def test_pdf_without_pictures_gets_a_drawn_cover_and_it_is_made_once(library, publish):
    page = publish(ResourcePageFactory, parent=library)
    first = ResourcePage.objects.get(pk=page.pk).generated_cover
    assert first is not None and first.title.startswith("Ảnh bìa: ")
    publish(page.save_revision().publish)
    assert ResourcePage.objects.get(pk=page.pk).generated_cover == first


def test_chosen_cover_wins_and_other_files_get_none(library, publish):
    chosen = generated_image("Bìa do biên tập viên chọn")
    page = publish(ResourcePageFactory, parent=library, cover_image=chosen)
    page = ResourcePage.objects.get(pk=page.pk)
    assert page.cover == chosen and page.generated_cover is None
    docx = DocumentFactory(file=ContentFile(b"PK\x03\x04", name="so-tay.docx"))
    page = publish(ResourcePageFactory, parent=library, document=docx)
    assert ResourcePage.objects.get(pk=page.pk).cover is None


def test_damaged_pdf_does_not_break_publishing(library, publish):
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4 not really", name="hong.pdf"))
    page = publish(ResourcePageFactory, parent=library, document=document)
    assert ResourcePage.objects.get(pk=page.pk).generated_cover is not None
    assert first_page_picture("/nonexistent.pdf") is None
