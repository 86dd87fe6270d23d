"""Two-factor sign-in and session lifetime for the admin's users.

Runs after django-otp's ``OTPMiddleware`` (which tells whether this session passed a second
factor). Whoever must use two-factor authentication (``services.must_use_two_factor``) and has
not passed it in this session only reaches the pages that set it up or sign out: with no device
yet they are sent to set one up; with one, they signed in somewhere that skipped it (the Django
admin's own login, say) and are signed out and sent to the portal's sign-in.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from . import services

# What a person without a second factor yet may reach: setting one up, and leaving.
OPEN_URL_NAMES = {
    "two_factor:setup",
    "two_factor:qr",
    "two_factor:setup_complete",
    "two_factor:backup_tokens",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "set_language",
}
SIGNED_IN_AT = "accounts_signed_in_at"


def _url_name(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


class AdminAccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and services.uses_admin(user):
            response = self._expired(request) or self._second_factor(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _expired(self, request):
        """However active, an admin session ends ADMIN_SESSION_MAX_HOURS after signing in."""
        signed_in_at = request.session.setdefault(SIGNED_IN_AT, int(time.time()))
        if time.time() - signed_in_at <= settings.ADMIN_SESSION_MAX_HOURS * 3600:
            return None
        logout(request)
        messages.info(request, _("Your session has ended. Please sign in again."))
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))

    def _second_factor(self, request, user):
        if not settings.TWO_FACTOR_REQUIRED or user.is_verified() or not services.must_use_two_factor(user):
            return None
        if _url_name(request) in OPEN_URL_NAMES:
            return None
        if services.has_second_factor(user):
            logout(request)
            messages.warning(request, _("Please sign in with your password and the code from your authenticator app."))
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        messages.warning(
            request,
            _("Your account can see personal data: set up two-factor authentication before you continue."),
        )
        return redirect("two_factor:setup")
