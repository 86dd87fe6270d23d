"""Live index updates: publish, unpublish, move, slug change, privacy change and delete.

Every update runs after the transaction commits (the page is really there, or really gone) and
never raises into publishing: a failing backend is logged and caught up by the next reindex.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import indexer, services
from .backends.database import forget_deleted_entry
from .models import SearchEntry

logger = logging.getLogger(__name__)


def _safely(function, page_ids):
    """A commit callback; ``page_ids`` may be a callable, evaluated once committed."""

    def run():
        ids = page_ids
        try:
            ids = page_ids() if callable(page_ids) else page_ids
            function(ids)
        except Exception:
            logger.exception("Search index update failed for pages %s; the next reindex will catch up", ids)

    return run


def _subtree_ids(page_id):
    def ids():
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            return [page_id]
        return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))

    return ids


def on_published(sender, instance, **kwargs):
    transaction.on_commit(_safely(indexer.update, [instance.pk]))


def on_unpublished(sender, instance, **kwargs):
    transaction.on_commit(_safely(indexer.update, [instance.pk]))


def on_subtree_changed(sender, instance, **kwargs):
    # Moves, slug changes and privacy changes alter the URL or visibility of every descendant.
    transaction.on_commit(_safely(indexer.update, _subtree_ids(instance.pk)))


def on_restriction_changed(sender, instance, **kwargs):
    if instance.page_id:
        transaction.on_commit(_safely(indexer.update, _subtree_ids(instance.page_id)))


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(_safely(indexer.remove, [instance.pk]))


def on_promotion_changed(sender, **kwargs):
    services.forget_promotions()


def connect():
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_subtree_changed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_subtree_changed, dispatch_uid="search_page_slug_changed")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    post_delete.connect(on_deleted, dispatch_uid="search_page_deleted")
    post_delete.connect(forget_deleted_entry, sender=SearchEntry, dispatch_uid="search_entry_deleted")
    post_save.connect(on_promotion_changed, sender=SearchPromotion, dispatch_uid="search_promotion_saved")
    post_delete.connect(on_promotion_changed, sender=SearchPromotion, dispatch_uid="search_promotion_deleted")
