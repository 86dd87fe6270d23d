from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.admin_access import superuser_required

from . import services


@superuser_required
def locked_sign_ins(request):
    """Sign-ins that repeated failures locked, with a button that unlocks one at once."""
    if request.method == "POST":
        username = request.POST.get("username", "")
        if services.unlock(username):
            messages.success(request, _("%(username)s can sign in again.") % {"username": username})
        return redirect("accounts_locked_sign_ins")
    return TemplateResponse(request, "accounts/locked_sign_ins.html", {"attempts": services.locked_sign_ins()})
