from django.conf import settings
from django.urls import include, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from campaigns import services as campaign_services
from home.dashboard import DashboardPanel, dashboard_panel
from home.sections import PageSection
from portal import cache as page_cache
from portal.pagecache import index_page, public_pages

from . import admin_urls
from .admin_views import can_view_registrations
from .listing import EventListingViewSet, seats_subquery
from .models import EventIndexPage, EventPage, RegistrationMode

HOME_SECTION_SIZE = 3


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("events/", include((admin_urls, "events_admin"), namespace="events_admin"))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_registrations(request.user)


@hooks.register("register_admin_menu_item")
def registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"), reverse("events_admin:events"), name="event-registrations", icon_name="form", order=250
    )


class RegistrationsButton(PageMenuItem):
    label = _("Registrations")
    icon_name = "form"

    @property
    def url(self):
        return reverse("events_admin:registrations", args=[self.page.pk])

    def is_shown(self, user):
        return can_view_registrations(user)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    specific = page.specific_deferred if isinstance(page, Page) else page
    if isinstance(specific, EventPage) and specific.registration_mode != RegistrationMode.NONE:
        yield RegistrationsButton(page=page, priority=40)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    if page.specific_class is EventPage:
        yield RegistrationsButton(page=page, priority=45)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("events.registration.create", _("Register"), _("Registration created"))
    actions.register_action("events.registration.edit", _("Change delegates"), _("Delegates changed"))
    actions.register_action("events.registration.details", _("Change details"), _("Registrant's details changed"))
    actions.register_action("events.registration.cancel", _("Cancel registration"), _("Registration cancelled"))
    actions.register_action(
        "events.registration.promote", pgettext_lazy("waiting list", "Promote"), _("Moved from the waiting list")
    )
    actions.register_action("events.registration.approve", _("Approve"), _("Registration approved"))
    actions.register_action("events.registration.anonymise", _("Anonymise"), _("Personal data anonymised"))
    actions.register_action("events.registration.export", _("Export"), _("Registrations exported"))
    actions.register_action("events.attendee.check_in", _("Check in"), _("Attendee checked in"))
    actions.register_action("events.attendee.undo_check_in", _("Undo check-in"), _("Check-in undone"))


def organiser_tag(organisation_id):
    """The page cache's tag for a learning centre's list of events."""
    return f"organisation-events:{organisation_id}"


def _upcoming(queryset, request):
    events = list(public_pages(queryset.live()).filter(end__gte=timezone.now()).order_by("start")[:HOME_SECTION_SIZE])
    # The list changes by itself when one of them ends.
    page_cache.expires_at(min((event.end for event in events), default=None))
    return events


def _home_section(page, request):
    events = _upcoming(EventPage.objects.filter(locale_id=page.locale_id), request)
    if not events:
        return None
    index = index_page(EventIndexPage, page.locale_id, request)
    return {"events": events, "index": index, "heading": _("Upcoming events")}


def _campaign_section(page, request):
    page_cache.depends_on(campaign_services.content_tag(page.translation_key))
    # Events may be linked to the campaign in either language: show each once, in the page's language.
    linked = public_pages(EventPage.objects.live()).filter(campaign__translation_key=page.translation_key)
    events = {}
    for event in linked.order_by("-start"):
        if event.translation_key not in events or event.locale_id == page.locale_id:
            events[event.translation_key] = event
    # The versions in the page's language of those linked in another one, in one query rather than
    # one per event (none when all of them are in the page's language, as usual).
    elsewhere = [key for key, event in events.items() if event.locale_id != page.locale_id]
    versions = EventPage.objects.live().filter(locale_id=page.locale_id, translation_key__in=elsewhere)
    translated = {event.translation_key: event for event in (versions if elsewhere else ())}
    chosen = [translated.get(key, event) for key, event in events.items()]
    chosen = [event for event in chosen if event.live][:6]
    return {"events": chosen, "index": None, "heading": _("Events of this campaign")} if chosen else None


def _section(order, get_context, lists=()):
    return PageSection(
        order=order,
        template="events/includes/events_section.html",
        get_context=get_context,
        stylesheets=("css/events.css",),
        lists=lists,
    )


@hooks.register("portal_home_sections")
def upcoming_events_section():
    return _section(20, _home_section, lists=(EventPage,))


@hooks.register("portal_campaign_sections")
def campaign_events_section():
    return _section(10, _campaign_section)


def _learning_centre_section(centre, request):
    page_cache.depends_on(organiser_tag(centre.pk))
    language = translation.get_language()
    events = _upcoming(EventPage.objects.filter(organisers=centre, locale__language_code=language), request)
    if not events:
        return None
    return {"events": events, "index": None, "heading": _("Upcoming events at this centre")}


@hooks.register("portal_learning_centre_sections")
def learning_centre_events_section():
    return _section(10, _learning_centre_section)


@hooks.register("portal_page_cache_tags")
def event_cache_tags(page):
    """An event changed: the campaign page and the learning centres' pages that list it."""
    if not isinstance(page, EventPage):
        return ()
    # Read from the page itself: in post_save its organisers are not written to the database yet.
    tags = [organiser_tag(organisation.pk) for organisation in page.organisers.all()]
    if page.campaign_id:
        tags += campaign_services.content_tags_of(page.campaign_id)
    return tags


@dashboard_panel
class UpcomingEventsPanel(DashboardPanel):
    """The dashboard's next events (Vietnamese pages, which hold the registrations) with seats taken."""

    name = "upcoming_events"
    template_name = "events/admin/panel_events.html"
    order = 60
    size = 5

    def panel_context(self, request):
        events = (
            EventPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE, end__gte=timezone.now())
            .annotate(seats_taken=seats_subquery())
            .order_by("start")[: self.size]
        )
        return {"events": list(events), "can_view_registrations": can_view_registrations(request.user)}


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventListingViewSet()
