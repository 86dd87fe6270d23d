import factory
from wagtail.models import Page

from home.models import HomePage, StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    """Builds a live page in the tree: pass parent=<page>."""

    title = factory.Sequence(lambda n: f"Trang {n}")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        if parent is None:
            parent = Page.get_first_root_node()
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    hero_title = "Học tập suốt đời"

    class Meta:
        model = HomePage


class StandardPageFactory(PageFactory):
    intro = "<p>Giới thiệu</p>"

    class Meta:
        model = StandardPage
