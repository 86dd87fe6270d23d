"""When content changes, which kept pages become stale (portal.cache tags), and which addresses a
CDN in front must forget (Wagtail's front-end cache invalidation, when configured).

A page that is published, unpublished, moved, renamed, restricted or deleted stamps:
``page:<id>`` (every page that loaded it: itself, listings and links to it, breadcrumbs and menus);
``subtree:<id>`` of each ancestor (pages listing what is below them: indexes, the home page);
``translations:<key>`` (the language switcher of its translations); ``site`` when it is the home
page or a menu entry (every page shows the menu); with ``descendants``, the pages below it (their
address or visibility changed); and what feature apps add for pages that list it from elsewhere
through the ``portal_page_cache_tags`` hook (a campaign's events, news and stories, a learning
centre's events). Snippets, settings, images and documents stamp their own tags when saved.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_slug_changed, page_unpublished, post_page_move

from . import cache
from .pagecache import MENU_DEPTH, instance_tag, model_tag

logger = logging.getLogger(__name__)

# Fields Wagtail saves on a page when a draft, a lock or a child changes: what visitors see is the same.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "comments",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
}
SITE_WIDE_MODELS = {"wagtailcore.site", "wagtailcore.locale"}


def page_change_tags(page, *, descendants=False):
    if not isinstance(page, Page):
        found = Page.objects.filter(pk=page).first()
        if found is None:
            return {cache.page_tag(page)}
        page = found.specific_deferred
    tags = {cache.page_tag(page.pk), f"translations:{page.translation_key}"}
    # Lists of that type of page (a section of the home page) that may gain or lose it.
    tags.add(model_tag(page.specific_class or type(page)))
    tags |= {f"subtree:{pk}" for pk in _ancestor_ids(page.path)}
    if page.depth <= MENU_DEPTH:
        tags.add(cache.SITE_TAG)
    if descendants:
        below = Page.objects.filter(path__startswith=page.path, depth__gt=page.depth).values_list("pk", flat=True)
        tags |= {cache.page_tag(pk) for pk in below}
    for hook in hooks.get_hooks("portal_page_cache_tags"):
        tags.update(hook(page) or ())
    return tags


def _ancestor_ids(path):
    prefixes = [path[:end] for end in range(Page.steplen, len(path), Page.steplen)]
    return list(Page.objects.filter(path__in=prefixes).values_list("pk", flat=True))


def _pages_changed(pages, *, descendants=False, extra=()):
    tags = set(extra)
    for page in pages:
        tags |= page_change_tags(page, descendants=descendants)
    cache.invalidate(*tags)
    _purge_front_end(pages)


def _purge_front_end(pages):
    """A CDN keeps pages by address: the changed pages and the listings above them are purged once
    committed (Wagtail's own handlers purge a published or unpublished page itself); the rest
    expire after ``PAGE_CACHE_CDN_MAX_AGE``."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    ids = set()
    for page in pages:
        ids.add(page.pk)
        ids.update(_ancestor_ids(page.path))

    def purge():
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        batch = PurgeBatch()
        batch.add_pages(Page.objects.filter(pk__in=ids, live=True).specific())
        batch.purge()

    transaction.on_commit(purge, robust=True)


# --- Receivers ----------------------------------------------------------------------------


def on_saved(sender, instance, created=False, update_fields=None, **kwargs):
    if isinstance(instance, Page):
        if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
            return
        if instance.live:
            _pages_changed([instance])
        return
    if created and _is_setting(type(instance)):
        return  # made with its defaults on first use: what pages showed stays the same
    _object_changed(instance)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _pages_changed([instance])
    elif isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)
    else:
        _object_changed(instance)


def _object_changed(instance):
    if isinstance(instance, PageViewRestriction):
        _restriction_changed(instance)
        return
    tag = instance_tag(instance)
    if tag is None:
        return
    site_wide = tag.startswith("model:") and (tag[len("model:") :] in SITE_WIDE_MODELS or _is_setting(type(instance)))
    cache.invalidate(tag, *([cache.SITE_TAG] if site_wide else []))


def _is_setting(model):
    from wagtail.contrib.settings.registry import registry

    return model._meta.concrete_model in registry


def _restriction_changed(restriction):
    # The site fragments keep the list of restrictions.
    page = Page.objects.filter(pk=restriction.page_id).first()
    _pages_changed([page] if page is not None else [], descendants=True, extra={cache.SITE_TAG})


def on_m2m_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not isinstance(instance, Page):
        _object_changed(instance)


def on_unpublished(sender, instance, **kwargs):
    _pages_changed([instance], descendants=True)


def on_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    before = {f"subtree:{parent_page_before.pk}"} | {f"subtree:{pk}" for pk in _ancestor_ids(parent_page_before.path)}
    if parent_page_before.depth < MENU_DEPTH:
        before.add(cache.SITE_TAG)
    _pages_changed([instance], descendants=True, extra=before)


def on_slug_changed(sender, instance, **kwargs):
    _pages_changed([instance], descendants=True)


def connect():
    post_save.connect(on_saved, dispatch_uid="portal_page_cache_saved")
    post_delete.connect(on_deleted, dispatch_uid="portal_page_cache_deleted")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="portal_page_cache_m2m")
    page_unpublished.connect(on_unpublished, dispatch_uid="portal_page_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="portal_page_cache_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="portal_page_cache_slug")
