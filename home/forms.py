"""The admin form of every portal page: addresses that abandoned drafts do not block."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from . import slugs, translations

# A never-published draft untouched for this long is considered abandoned (autosave leaves them).
ABANDONED_AFTER = datetime.timedelta(hours=12)


def _abandoned(draft, user):
    """A sibling that only an autosave or a forgotten start made: never published, no one working on it."""
    if draft.live or draft.first_published_at is not None or draft.get_children_count():
        return False
    recent = draft.latest_revision_created_at and draft.latest_revision_created_at > timezone.now() - ABANDONED_AFTER
    return draft.owner_id == getattr(user, "pk", None) or not recent


def release_slug(parent, slug, page, user):
    """Move an abandoned draft that holds ``slug`` under ``parent`` out of the way; the blocking page otherwise."""
    siblings = parent.get_children().filter(slug=slug)
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    holder = siblings.first()
    if holder is None or not _abandoned(holder, user):
        return holder
    holder = holder.specific
    holder.slug = f"{slug}-ban-nhap-{holder.pk}"[:255]
    holder.url_path = f"{parent.url_path}{holder.slug}/"
    # A plain update: a page never published has no address to redirect from.
    Page.objects.filter(pk=holder.pk).update(slug=holder.slug, url_path=holder.url_path)
    latest = holder.latest_revision
    if latest is not None:
        # The draft's own revision must carry the new address too, or its next save brings the old one back.
        latest.content["slug"] = holder.slug
        latest.content["url_path"] = holder.url_path
        latest.save(update_fields=["content"])
    return None


class PortalPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if translations.is_translation(self.instance):
            self._lock_synchronised_fields()

    def _lock_synchronised_fields(self):
        """On a translation, what the Vietnamese page decides is shown but not editable."""
        model = type(self.instance)
        for name in getattr(model, "synchronised_fields", ()):
            if name in self.fields:
                self._lock(self.fields[name])
        for relation, names in getattr(model, "synchronised_children", {}).items():
            formset = self.formsets.get(relation)
            for form in formset.forms if formset is not None else ():
                for name in names:
                    if name in form.fields:
                        self._lock(form.fields[name])

    @staticmethod
    def _lock(field):
        field.disabled = True
        field.help_text = (
            format_html("{} {}", field.help_text, translations.SYNCED_HELP)
            if field.help_text
            else (translations.SYNCED_HELP)
        )

    def clean(self):
        slug = self.cleaned_data.get("slug")
        # An empty slug is made from the title when the page is saved: free that address as well.
        wanted = slug or slugs.vietnamese_slug(self.cleaned_data.get("title") or "")
        if wanted and self.parent_page is not None:
            holder = release_slug(self.parent_page, wanted, self.instance, self.for_user)
            if holder is not None and slug:
                self.add_error("slug", self._clash_message(slug, holder))
        return super().clean()

    @staticmethod
    def _clash_message(slug, holder):
        state = _("the published page") if holder.live else _("the unpublished draft")
        return format_html(
            _("The address “{slug}” is already used by {state} “{title}”. Choose another address or delete that page."),
            slug=slug,
            state=state,
            title=holder.title,
        )
