"""Panels of the admin's dashboard: each app adds its own with ``@dashboard_panel``."""

from wagtail import hooks
from wagtail.admin.ui.components import Component


class DashboardPanel(Component):
    """A panel whose template receives ``panel_context(request)``."""

    def panel_context(self, request):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.panel_context(parent_context["request"]))
        return context


def dashboard_panel(panel_class):
    """Show the panel on every user's dashboard (Wagtail's ``construct_homepage_panels``)."""

    @hooks.register("construct_homepage_panels")
    def add_panel(request, panels):
        panels.append(panel_class())

    return panel_class
