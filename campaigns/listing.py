"""The admin's list of every campaign: year, period and status at a glance, with filters."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from . import services
from .models import CampaignKind, CampaignPage

STATE_LABELS = {
    services.UPCOMING: _("Upcoming"),
    services.ONGOING: _("Under way"),
    services.ENDED: _("Ended"),
}


def period(start, end):
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"


def campaign_state(page):
    return STATE_LABELS[services.campaign_status(page, services.local_today()).state]


class StateFilter(django_filters.ChoiceFilter):
    """Upcoming, under way or ended, on today's date in Vietnam."""

    def filter(self, queryset, value):
        today = services.local_today()
        if value == services.UPCOMING:
            return queryset.filter(start_date__gt=today)
        if value == services.ONGOING:
            return queryset.filter(start_date__lte=today, end_date__gte=today)
        if value == services.ENDED:
            return queryset.filter(end_date__lt=today)
        return queryset


def year_choices():
    years = CampaignPage.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, year) for year in years]


class CampaignFilterSet(PageFilterSet):
    campaign_state = StateFilter(label=_("Campaign status"), choices=list(STATE_LABELS.items()), empty_label=_("Any"))
    year = django_filters.ChoiceFilter(label=_("Year"), choices=year_choices, empty_label=_("Any"))
    kind = django_filters.ModelChoiceFilter(label=_("Kind"), queryset=CampaignKind.objects.all(), empty_label=_("Any"))
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all(), empty_label=_("Any"))

    class Meta(PageFilterSet.Meta):
        model = CampaignPage
        fields = []


class CampaignIndexView(IndexView):
    default_ordering = "-start_date"

    def annotate_queryset(self, pages):
        return super().annotate_queryset(pages).select_related("kind", "locale")

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "start_date", "-start_date", "year", "-year"]


class CampaignListingViewSet(PageListingViewSet):
    model = CampaignPage
    name = "campaign_listing"
    url_prefix = "campaigns"
    icon = "calendar-alt"
    menu_label = _("Campaigns")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = CampaignIndexView
    filterset_class = CampaignFilterSet
    columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        Column("kind", label=_("Kind"), accessor="kind"),
        Column("year", label=_("Year"), sort_key="year", width="8%"),
        Column("period", label=_("Period"), accessor=lambda p: period(p.start_date, p.end_date), sort_key="start_date"),
        Column("campaign_state", label=_("Campaign status"), accessor=campaign_state, width="12%"),
        Column("locale", label=_("Language"), accessor="locale", width="10%"),
        PageStatusColumn("status", label=_("Publication"), sort_key="live", width="12%"),
    ]
