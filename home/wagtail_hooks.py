from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page, WorkflowState

from .dashboard import DashboardPanel, dashboard_panel
from .slugs import slug_formatters

# Every slug field of the admin (pages and snippets alike) transliterates Vietnamese as the editor types.
SLUG_INPUT = SlugInput(formatters=slug_formatters())
register_form_field_override(models.SlugField, override={"widget": SLUG_INPUT})


@hooks.register("insert_global_admin_js")
def slug_formatters_for_wagtails_own_forms():
    return format_html(
        '<script src="{}" data-formatters="{}" defer></script>',
        static("home/js/slug-formatters.js"),
        SLUG_INPUT.attrs["data-w-slug-formatters-value"],
    )


@dashboard_panel
class PendingModerationPanel(DashboardPanel):
    """Every page waiting for approval, whoever submitted it: editors see what their colleagues await."""

    name = "pending_moderation"
    template_name = "home/admin/panel_moderation.html"
    order = 40
    size = 8

    def panel_context(self, request):
        active = WorkflowState.objects.active().filter(base_content_type=ContentType.objects.get_for_model(Page))
        states = list(
            active.select_related("current_task_state__task", "requested_by").order_by("created_at")[: self.size]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        rows = [
            {
                "page": pages[int(state.object_id)],
                "task": state.current_task_state.task if state.current_task_state else "",
                "requested_by": get_user_display_name(state.requested_by) if state.requested_by else "",
                "since": state.created_at,
            }
            for state in states
            if int(state.object_id) in pages
        ]
        return {"states": rows, "more": max(0, active.count() - len(states))}
