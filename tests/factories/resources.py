import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from resources.models import Audience, LibraryPage, ResourceCollection, ResourceCollectionItem, ResourcePage, Topic
from tests.factories.home import PageFactory

# The smallest valid one-page PDF, enough for Wagtail to store and serve.
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Tài liệu {n}")
    file = factory.LazyAttribute(lambda o: ContentFile(MINIMAL_PDF, name=f"tai-lieu-{o.title[-3:].strip()}.pdf"))

    class Meta:
        model = get_document_model()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class LibraryPageFactory(PageFactory):
    title = "Kho học liệu mở"
    slug = "kho-hoc-lieu"

    class Meta:
        model = LibraryPage


class ResourcePageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"Học liệu số {n}")
    summary = "Tài liệu hướng dẫn tự học dành cho mọi người."
    kind = "document"
    document = factory.SubFactory(DocumentFactory)

    class Meta:
        model = ResourcePage

    @classmethod
    def _create(cls, model_class, *args, parent=None, topics=(), audiences=(), **kwargs):
        page = model_class(*args, **kwargs)
        page.topics = list(topics)
        page.audiences = list(audiences)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class ResourceCollectionFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Tủ sách {n}")
    slug = factory.Sequence(lambda n: f"tu-sach-{n}")

    class Meta:
        model = ResourceCollection
        # The items are rows of their own; the collection needs no second save.
        skip_postgeneration_save = True

    @factory.post_generation
    def resources(self, create, extracted, **kwargs):
        for order, resource in enumerate(extracted or []):
            ResourceCollectionItem.objects.create(collection=self, resource=resource, sort_order=order)


def topic(slug):
    return Topic.objects.get(slug=slug)


def audience(slug):
    return Audience.objects.get(slug=slug)
