from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services


def _superuser(user):
    if not user.is_superuser:
        raise PermissionDenied
    return True


@user_passes_test(_superuser)
def locked_sign_ins(request):
    """Sign-ins that repeated failures locked, with a button that unlocks one at once."""
    if request.method == "POST":
        username = request.POST.get("username", "")
        if services.unlock(username):
            messages.success(request, _("%(username)s can sign in again.") % {"username": username})
        return redirect("accounts_locked_sign_ins")
    return TemplateResponse(request, "accounts/locked_sign_ins.html", {"attempts": services.locked_sign_ins()})
