"""Image renditions for lists of images, whatever page or section shows them."""

from django.db.models import prefetch_related_objects


def prefetch_renditions(images):
    """Every rendition of these images in one query, rather than one per list (or one per image).
    Images whose renditions are already loaded, and missing images, are left out."""
    pending = [
        image
        for image in images
        if image is not None and "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if pending:
        prefetch_related_objects(pending, "renditions")
