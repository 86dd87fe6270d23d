"""The admin's sign-in: password, then the code of an authenticator app (django-two-factor-auth),
in the admin's own look; and the page shown when too many attempts locked a sign-in (django-axes)."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from two_factor.views import LoginView as TwoFactorLoginView
from two_factor.views import SetupView as TwoFactorSetupView
from wagtail.admin.views.account import password_reset_enabled


class CodeFieldMixin:
    """The code field in plain words, and marked for the phone's one-time-code autofill."""

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step, **kwargs)
        for name in ("otp_token", "token"):
            if name in form.fields:
                form.fields[name].label = _("6-digit code")
                form.fields[name].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")
        return form


class SetupView(CodeFieldMixin, TwoFactorSetupView):
    pass


class LoginView(CodeFieldMixin, TwoFactorLoginView):
    template_name = "accounts/login.html"

    def get_context_data(self, form, **kwargs):
        return {**super().get_context_data(form, **kwargs), "show_password_reset": password_reset_enabled()}


def locked_out(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return TemplateResponse(
        request, "accounts/locked_out.html", {"minutes": minutes}, status=settings.AXES_HTTP_RESPONSE_CODE
    ).render()
