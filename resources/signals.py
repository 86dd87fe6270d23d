from wagtail.signals import page_published

from .covers import ensure_cover
from .models import ResourcePage


def make_cover(sender, instance, **kwargs):
    ensure_cover(instance)


def connect():
    page_published.connect(make_cover, sender=ResourcePage, dispatch_uid="resources_make_cover")
