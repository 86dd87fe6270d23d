"""The editors' report of downloads per resource, with a spreadsheet export."""

import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .models import ResourcePage
from .services import download_totals

RECENT_DAYS = 30


class DownloadsReportView(ReportView):
    page_title = _("Resource downloads")
    header_icon = "download"
    index_url_name = "resources_downloads_report"
    index_results_url_name = "resources_downloads_report_results"
    any_permission_required = ["add", "change", "publish"]
    columns = [
        TitleColumn("title", label=_("Resource"), url_name="wagtailadmin_pages:edit"),
        Column("identifier", label=_("Identifier")),
        Column("recent", label=_("Last 30 days")),
        Column("downloads", label=_("All time")),
    ]
    list_export = ["title", "identifier", "recent", "downloads"]
    export_headings = {
        "title": _("Resource"),
        "identifier": _("Identifier"),
        "recent": _("Last 30 days"),
        "downloads": _("All time"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return f"luot-tai-hoc-lieu-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        # Translations share their counts: one row per resource, in the site's first language.
        since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS - 1)
        return (
            ResourcePage.objects.filter(locale__language_code="vi")
            .annotate(downloads=download_totals(), recent=download_totals(since))
            .order_by("-downloads", "title")
        )
