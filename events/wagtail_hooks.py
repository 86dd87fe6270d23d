from django.conf import settings
from django.urls import include, path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from home.dashboard import DashboardPanel, dashboard_panel
from home.sections import PageSection

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
    actions.register_action("events.registration.cancel", _("Cancel registration"), _("Registration cancelled"))
    actions.register_action(
        "events.registration.promote", pgettext_lazy("waiting list", "Promote"), _("Moved from the waiting list")
    )
    actions.register_action("events.registration.approve", _("Approve"), _("Registration approved"))
    actions.register_action("events.registration.anonymise", _("Anonymise"), _("Personal data anonymised"))
    actions.register_action("events.registration.export", _("Export"), _("Registrations exported"))
    actions.register_action("events.attendee.check_in", _("Check in"), _("Attendee checked in"))
    actions.register_action("events.attendee.undo_check_in", _("Undo check-in"), _("Check-in undone"))


def _upcoming(queryset, request):
    return list(
        queryset.live().public().filter(end__gte=timezone.now()).order_by("start").specific()[:HOME_SECTION_SIZE]
    )


def _home_section(page, request):
    events = _upcoming(EventPage.objects.filter(locale=page.locale), request)
    if not events:
        return None
    index = EventIndexPage.objects.live().filter(locale=page.locale).first()
    return {"events": events, "index": index, "heading": _("Upcoming events")}


def _campaign_section(page, request):
    # Events may be linked to the campaign in either language: show each once, in the page's language.
    linked = EventPage.objects.live().public().filter(campaign__translation_key=page.translation_key)
    events = {}
    for event in linked.order_by("-start"):
        if event.translation_key not in events or event.locale_id == page.locale_id:
            events[event.translation_key] = event
    chosen = [event.get_translation_or_none(page.locale) or event for event in events.values()]
    chosen = [event for event in chosen if event.live][:6]
    return {"events": chosen, "index": None, "heading": _("Events of this campaign")} if chosen else None


@hooks.register("portal_home_sections")
def upcoming_events_section():
    return PageSection(order=20, template="events/includes/events_section.html", get_context=_home_section)


@hooks.register("portal_campaign_sections")
def campaign_events_section():
    return PageSection(order=10, template="events/includes/events_section.html", get_context=_campaign_section)


def _learning_centre_section(centre, request):
    language = translation.get_language()
    events = _upcoming(EventPage.objects.filter(organisers=centre, locale__language_code=language), request)
    if not events:
        return None
    return {"events": events, "index": None, "heading": _("Upcoming events at this centre")}


@hooks.register("portal_learning_centre_sections")
def learning_centre_events_section():
    return PageSection(order=10, template="events/includes/events_section.html", get_context=_learning_centre_section)


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
