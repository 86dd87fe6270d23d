from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.admin_access import SuperuserMenuItem

from . import admin_views


@hooks.register("register_permissions")
def require_two_factor_permission():
    # Shown on each group's page: tick it for every group that sees personal data.
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="require_two_factor")


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("two_factor:profile"),
        "label": _("Two-factor authentication"),
        "help_text": _("Sign in with a code from an authenticator app as well as your password; backup codes."),
    }


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("locked-sign-ins/", admin_views.locked_sign_ins, name="accounts_locked_sign_ins")]


@hooks.register("register_settings_menu_item")
def locked_sign_ins_menu_item():
    return SuperuserMenuItem(
        _("Locked sign-ins"), reverse("accounts_locked_sign_ins"), name="locked-sign-ins", icon_name="lock", order=910
    )
