from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.admin.widgets import SlugInput
from wagtail.models import Page, WorkflowState

from .slugs import slug_formatters

# Every slug field of the admin (pages and snippets alike) transliterates Vietnamese as the editor types.
register_form_field_override(models.SlugField, override={"widget": SlugInput(formatters=slug_formatters())})


class PendingModerationPanel(Component):
    """Every page waiting for approval, whoever submitted it: editors see what their colleagues await."""

    name = "pending_moderation"
    template_name = "home/admin/panel_moderation.html"
    order = 40
    size = 8

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        active = WorkflowState.objects.active().filter(base_content_type=ContentType.objects.get_for_model(Page))
        states = list(
            active.select_related("current_task_state__task", "requested_by").order_by("created_at")[: self.size]
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        context["states"] = [
            {
                "page": pages[int(state.object_id)],
                "task": state.current_task_state.task if state.current_task_state else "",
                "requested_by": get_user_display_name(state.requested_by) if state.requested_by else "",
                "since": state.created_at,
            }
            for state in states
            if int(state.object_id) in pages
        ]
        context["more"] = max(0, active.count() - len(states))
        return context


@hooks.register("construct_homepage_panels")
def pending_moderation_panel(request, panels):
    panels.append(PendingModerationPanel())
