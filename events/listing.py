"""The admin's list of every event: year, date, seats taken and status at a glance, with filters."""

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from . import services
from .models import SEAT_HOLDING_STATUSES, Attendee, EventKind, EventPage

UPCOMING, PAST, CANCELLED = "upcoming", "past", "cancelled"


def seats_subquery():
    """Seats held, counted on the page that holds the registrations (the Vietnamese one), for every translation."""
    seats = (
        Attendee.objects.filter(
            registration__event__translation_key=OuterRef("translation_key"),
            registration__status__in=SEAT_HOLDING_STATUSES,
        )
        .order_by()
        .values("registration__event__translation_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(seats, output_field=IntegerField()), 0)


def seats_label(page):
    if page.capacity:
        return f"{page.seats_taken} / {page.capacity}"
    return str(page.seats_taken)


def when(page):
    start, end = timezone.localtime(page.start), timezone.localtime(page.end)
    if start.date() == end.date():
        return f"{start:%d/%m/%Y %H:%M} – {end:%H:%M}"
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def state(page):
    remaining = None if page.capacity is None else max(0, page.capacity - page.seats_taken)
    return services.STATE_LABELS[services.event_state(page, remaining=remaining)]


class StateFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        now = timezone.now()
        if value == UPCOMING:
            return queryset.filter(end__gte=now, is_cancelled=False)
        if value == PAST:
            return queryset.filter(end__lt=now)
        if value == CANCELLED:
            return queryset.filter(is_cancelled=True)
        return queryset


def year_choices():
    years = EventPage.objects.annotate(y=ExtractYear("start")).order_by("-y").values_list("y", flat=True).distinct()
    return [(year, year) for year in years]


class EventFilterSet(PageFilterSet):
    event_state = StateFilter(
        label=_("When"),
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past")), (CANCELLED, _("Cancelled"))],
        empty_label=_("Any"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="start", lookup_expr="year", choices=year_choices, empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("Any"))
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all(), empty_label=_("Any"))

    class Meta(PageFilterSet.Meta):
        model = EventPage
        fields = []


class EventIndexView(IndexView):
    default_ordering = "-start"

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).select_related("locale").annotate(seats_taken=seats_subquery())

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "start", "-start"]


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    name = "event_listing"
    url_prefix = "event-pages"
    icon = "date"
    menu_label = _("Events")
    menu_order = 160
    add_to_admin_menu = True
    index_view_class = EventIndexView
    filterset_class = EventFilterSet
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("kind", label=_("Kind"), accessor="get_kind_display", width="12%"),
        Column("year", label=_("Year"), accessor="start.year", width="7%"),
        Column("when", label=_("Date"), accessor=when, sort_key="start"),
        Column("seats", label=_("Seats taken"), accessor=seats_label, width="9%"),
        Column("event_state", label=_("Status"), accessor=state, width="14%"),
        Column("locale", label=_("Language"), accessor="locale", width="9%"),
        PageStatusColumn("status", label=_("Publication"), sort_key="live", width="11%"),
    ]
