from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import admin_views
from .admin_access import SuperuserMenuItem


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("outbox/", admin_views.outbox, name="portal_outbox"),
        path("outbox/send-again/", admin_views.send_failed_again, name="portal_outbox_send_again"),
    ]


@hooks.register("register_settings_menu_item")
def outbox_menu_item():
    return SuperuserMenuItem(_("Outgoing e-mail"), reverse("portal_outbox"), name="outbox", icon_name="mail", order=920)
