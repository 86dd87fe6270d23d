from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import access, admin_urls, services
from .models import AssessmentPeriod, CriteriaSet, ReviewerAssignment


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("evaluation/", include((admin_urls, "evaluation_admin"), namespace="evaluation_admin"))]


# The numbers flow: the reports app asks every hook of this name for a year's recognitions.
hooks.register("portal_title_recognitions", services.recognition_counts)


class ShownIf(MenuItem):
    def __init__(self, *args, test, **kwargs):
        super().__init__(*args, **kwargs)
        self.test = test

    def is_shown(self, request):
        return self.test(request.user)


def _can_import(user):
    return user.is_active and (user.is_superuser or user.has_perm("evaluation.add_criteriaset"))


@hooks.register("register_admin_menu_item")
def evaluation_menu():
    items = [
        ShownIf(
            _("Self-assessments"),
            reverse("evaluation_admin:assessments"),
            icon_name="tasks",
            order=10,
            test=access.can_view,
        ),
        ShownIf(
            _("Recognition decisions"),
            reverse("evaluation_admin:decisions"),
            icon_name="doc-full",
            order=20,
            test=access.can_view,
        ),
        ShownIf(
            _("Import criteria (XLSX)"),
            reverse("evaluation_admin:criteria_import"),
            icon_name="upload",
            order=30,
            test=_can_import,
        ),
    ]
    return SubmenuMenuItem(_("Title evaluation"), Menu(items=items), name="evaluation", icon_name="tasks", order=305)


class CriteriaSetViewSet(SnippetViewSet):
    model = CriteriaSet
    icon = "list-ol"
    menu_label = _("Criteria sets")
    list_display = ["name", "title", "version", "is_sample", "updated_at"]
    list_filter = ["title", "is_sample"]
    search_fields = ["name", "version", "legal_basis"]
    search_backend_name = None


class AssessmentPeriodViewSet(SnippetViewSet):
    model = AssessmentPeriod
    icon = "date"
    menu_label = _("Assessment periods")
    list_display = ["__str__", "criteria_set", "opens_on", "closes_on"]
    list_filter = ["title", "year"]


class ReviewerAssignmentViewSet(SnippetViewSet):
    model = ReviewerAssignment
    icon = "user"
    menu_label = _("Reviewers")
    list_display = ["user", "area", "note"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "area__name"]
    search_backend_name = None


class CriteriaViewSetGroup(SnippetViewSetGroup):
    items = (CriteriaSetViewSet, AssessmentPeriodViewSet, ReviewerAssignmentViewSet)
    menu_icon = "list-ol"
    menu_label = _("Titles: criteria and reviewers")
    menu_name = "evaluation-criteria"
    menu_order = 306


register_snippet(CriteriaViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def criteria_set_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, CriteriaSet):
        return
    yield Button(
        _("Download as XLSX"),
        reverse("evaluation_admin:criteria_export", args=[snippet.pk]),
        icon_name="download",
        priority=30,
    )
    if _can_import(user):
        yield Button(
            _("New version"),
            reverse("evaluation_admin:criteria_copy", args=[snippet.pk]),
            icon_name="copy",
            priority=31,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("evaluation.assessment.start", _("Start"), _("Self-assessment started"))
    actions.register_action(
        "evaluation.assessment.submit", pgettext_lazy("evaluation", "Submit"), _("Self-assessment submitted")
    )
    actions.register_action("evaluation.assessment.approve", _("Approve"), _("Self-assessment approved"))
    actions.register_action("evaluation.assessment.return", _("Return"), _("Self-assessment returned for changes"))
    actions.register_action("evaluation.assessment.recognise", _("Recognise"), _("Title recognised"))
    actions.register_action(
        "evaluation.certificate.revoke", pgettext_lazy("certificate", "Revoke"), _("Certificate revoked")
    )
    actions.register_action("evaluation.assessment.anonymise", _("Anonymise"), _("Personal data anonymised"))
    actions.register_action("evaluation.assessment.delete_draft", _("Delete draft"), _("Draft deleted"))
    actions.register_action("evaluation.decision.issue", _("Issue decision"), _("Recognition decision issued"))
