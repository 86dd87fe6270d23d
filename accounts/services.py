"""Rules for the accounts of the admin: who must sign in with a second factor, unlocking a sign-in.

Two-factor authentication comes from django-otp and django-two-factor-auth (TOTP apps and
backup codes), login throttling from django-axes; this module only says whom they apply to.
"""

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.utils import timezone
from two_factor.utils import default_device

# Held by superusers (they hold every permission) and given to each group that sees personal
# data ("Event managers" today); an administrator can tick it on any group in the admin.
REQUIRE_TWO_FACTOR = "wagtailadmin.require_two_factor"


def uses_admin(user):
    return user.is_active and (user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin"))


def must_use_two_factor(user):
    return uses_admin(user) and user.has_perm(REQUIRE_TWO_FACTOR)


def has_second_factor(user):
    """The device the sign-in asks a code of (the one django-two-factor-auth's set-up makes)."""
    return default_device(user) is not None


def locked_sign_ins(now=None):
    """Sign-ins that django-axes holds locked until their cool-off ends, newest first."""
    now = now or timezone.now()
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gt=now - settings.AXES_COOLOFF_TIME
    ).order_by("-attempt_time")


def sign_in_username(request, credentials=None):
    """The user name of a sign-in attempt, for django-axes: what was passed to ``authenticate``, or
    the field of the sign-in form (the first step of django-two-factor-auth's wizard)."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    return request.POST.get("auth-username") if request is not None else None


def unlock(username):
    """Let ``username`` try again at once, from every address; returns the attempts cleared."""
    return axes_reset(username=username)
