"""Admin screens for superusers only (outgoing mail, locked sign-ins): both hold personal data."""

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


def _is_superuser(user):
    if not user.is_superuser:
        raise PermissionDenied
    return True


superuser_required = user_passes_test(_is_superuser)


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser
