"""Translations that keep the numbers, dates and relations of their Vietnamese page.

A page type declares what its translations share with the Vietnamese page (the source):

- ``synchronised_fields``: fields copied as they are (numbers, dates, choices, images, related
  organisations); a link to another page goes to that page's translation when it has one;
- ``synchronised_children``: for inline items (targets, activities, quotas), the fields of each
  item copied by position; items added to or removed from the source are added (in the source's
  words, to be translated) or removed on the translation.

When the source is published, ``sync_translations`` copies them to each translation, to its live
page and to its pending draft alike, so that the English page never shows another figure. On a
translation those fields are read-only in the admin (``home.forms.PortalPageForm``), with a note.

Why not wagtail-localize: see README, "Translations".
"""

import copy

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

SYNCED_HELP = _("Kept as on the Vietnamese page: change it there, and every translation follows when it is published.")


def source_language():
    return settings.LANGUAGE_CODE


def is_translation(page):
    """A page in another language than Vietnamese whose Vietnamese original exists."""
    if page.pk is None or page.locale_id is None or page.locale.language_code == source_language():
        return False
    return page.get_translations().filter(locale__language_code=source_language()).exists()


def _field_value(source, target, field):
    if field.many_to_many:
        return list(getattr(source, field.name).all())
    value = getattr(source, field.name)
    if isinstance(value, Page) and value.locale_id != target.locale_id:
        # A campaign linked from an event: the English event links the English campaign.
        return value.get_translation_or_none(target.locale) or value
    return value


def _copy_fields(source, target, names):
    changed = False
    for name in names:
        field = source._meta.get_field(name)
        value = _field_value(source, target, field)
        current = list(getattr(target, name).all()) if field.many_to_many else getattr(target, name)
        if field.many_to_many:
            if {o.pk for o in current} != {o.pk for o in value}:
                setattr(target, name, value)
                changed = True
        elif current != value:
            setattr(target, name, value)
            changed = True
    return changed


def _new_child(source_child):
    child = copy.copy(source_child)
    child.pk = child.id = None
    for field in source_child._meta.get_fields():
        if field.many_to_many and not field.auto_created:
            setattr(child, field.name, list(getattr(source_child, field.name).all()))
    return child


def _sync_children(source, target, relation, names):
    source_items = list(getattr(source, relation).all())
    target_items = list(getattr(target, relation).all())
    changed = len(source_items) != len(target_items)
    items = []
    for position, source_item in enumerate(source_items):
        if position < len(target_items):
            item = target_items[position]
            changed |= _copy_fields(source_item, item, names)
        else:
            item = _new_child(source_item)
        item.sort_order = position
        items.append(item)
    if changed:
        setattr(target, relation, items)
    return changed


def apply_source(source, target):
    """Copy the declared fields and inline items of ``source`` onto ``target``; True if anything changed."""
    changed = _copy_fields(source, target, getattr(source, "synchronised_fields", ()))
    for relation, names in getattr(source, "synchronised_children", {}).items():
        changed |= _sync_children(source, target, relation, names)
    return changed


def sync_translations(source, user=None):
    """Bring every translation of a just-published Vietnamese page in step with it.

    Returns the translations that changed."""
    source = source.specific
    if source.locale.language_code != source_language() or not (
        getattr(source, "synchronised_fields", None) or getattr(source, "synchronised_children", None)
    ):
        return []
    changed = []
    for translation in source.get_translations().exclude(locale__language_code=source_language()).specific():
        with transaction.atomic():
            if _sync_one(source, translation, user):
                changed.append(translation)
    return changed


def _sync_one(source, translation, user):
    draft = translation.get_latest_revision_as_object() if translation.has_unpublished_changes else None
    changed = False
    if draft is not None and apply_source(source, draft):
        # The translator's pending work keeps its words and takes the new figures.
        draft.save_revision(user=user, clean=False, log_action=False)
        changed = True
    if translation.live:
        live = translation if draft is None else type(translation).objects.get(pk=translation.pk)
        if apply_source(source, live):
            if draft is None:
                live.save_revision(user=user, clean=False).publish(user=user, skip_permission_checks=True)
            else:
                # Publishing would publish the pending draft as well: the live page alone is updated.
                live.save(clean=False, update_fields=None)
            changed = True
    return changed


def on_page_published(sender, instance, revision=None, **kwargs):
    sync_translations(instance, user=getattr(revision, "user", None))
