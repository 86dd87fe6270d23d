from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_urls, services, targets
from .models import Assignment, IndicatorSet, IndicatorSetVersion, Period


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/", include((admin_urls, "reports_admin"), namespace="reports_admin"))]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return services.has_reports_access(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(
        _("Figures reports"), reverse("reports_admin:index"), name="figures-reports", icon_name="table", order=260
    )


class IndicatorSetViewSet(SnippetViewSet):
    model = IndicatorSet
    icon = "list-ul"
    menu_label = _("Indicator sets")
    list_display = ["name", "code", "kind"]
    search_fields = ["name", "name_en", "code"]
    search_backend_name = None


class VersionViewSet(SnippetViewSet):
    model = IndicatorSetVersion
    icon = "doc-full"
    menu_label = _("Indicator set versions")
    list_display = ["__str__", "created_at"]
    list_filter = ["indicator_set"]


class PeriodViewSet(SnippetViewSet):
    model = Period
    icon = "date"
    menu_label = _("Reporting periods")
    list_display = ["__str__", "year", "version", "is_demo"]
    list_filter = ["indicator_set", "year", "is_demo"]


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "user"
    menu_label = _("Reporters and reviewers")
    list_display = ["user", "role", "area", "organisation", "is_demo"]
    list_filter = ["role", "is_demo"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "area__name", "organisation__name"]
    search_backend_name = None
    list_per_page = 50


class FiguresViewSetGroup(SnippetViewSetGroup):
    items = (IndicatorSetViewSet, VersionViewSet, PeriodViewSet, AssignmentViewSet)
    menu_icon = "table"
    menu_label = _("Indicators and periods")
    menu_name = "figures-setup"
    menu_order = 310


register_snippet(FiguresViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def copy_version_button(snippet, user, next_url=None):
    if isinstance(snippet, IndicatorSetVersion) and user.has_perm("reports.add_indicatorsetversion"):
        yield Button(
            _("New version from this one"),
            reverse("reports_admin:copy_version", args=[snippet.pk]),
            icon_name="copy",
            priority=30,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("reports.submission.create", _("Start the report"), _("Report started"))
    actions.register_action("reports.submission.edit", _("Change figures"), _("Figures changed"))
    actions.register_action("reports.submission.submit", _("Send for review"), _("Report sent for review"))
    actions.register_action("reports.submission.withdraw", _("Take back"), _("Report taken back by the reporter"))
    actions.register_action("reports.submission.approve", pgettext_lazy("report", "Approve"), _("Report approved"))
    actions.register_action("reports.submission.return", _("Return"), _("Report returned for correction"))
    actions.register_action("reports.evidence.add", _("Attach a document"), _("Evidence attached"))
    actions.register_action("reports.evidence.delete", _("Remove a document"), _("Evidence removed"))


@hooks.register("portal_target_achieved")
def achieved_from_figures(campaign_targets):
    """Campaign targets that name an indicator, an area and a year are reached as approved figures say."""
    return targets.achieved(campaign_targets)


hooks.register("portal_recognitions_changed", services.recognitions_changed)
