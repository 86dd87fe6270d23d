"""After a PDF resource is published, its cover is drawn by a task: ``pdftoppm`` may take many
seconds on a large or damaged file, and publishing must not wait for it."""

from django_tasks import task
from wagtail.signals import page_published

from portal.cache import invalidate_pages
from portal.tasks import enqueue_on_commit

from .covers import ensure_cover
from .models import ResourcePage


@task()
def make_cover(page_id):
    page = ResourcePage.objects.filter(pk=page_id).select_related("document").first()
    if page is None:
        return
    before = page.generated_cover_id
    ensure_cover(page)
    if page.generated_cover_id != before:
        # The cover is written with a direct update (no revision): the kept pages showing it are told.
        invalidate_pages([page])


def on_published(sender, instance, **kwargs):
    if instance.cover_image_id is None and instance.document_id is not None:
        enqueue_on_commit(make_cover, instance.pk)


def connect():
    page_published.connect(on_published, sender=ResourcePage, dispatch_uid="resources_make_cover")
