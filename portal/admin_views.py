from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import mail
from .models import OutgoingEmail, OutgoingEmailStatus

LISTED = 200


def _superuser(user):
    # Messages hold personal data and private links: superusers only.
    if not user.is_superuser:
        raise PermissionDenied
    return True


@user_passes_test(_superuser)
def outbox(request):
    status = request.GET.get("status", "")
    emails = OutgoingEmail.objects.all()
    if status in OutgoingEmailStatus.values:
        emails = emails.filter(status=status)
    context = {
        "emails": emails[:LISTED],
        "status": status,
        "statuses": OutgoingEmailStatus.choices,
        "failed": OutgoingEmail.objects.filter(status=OutgoingEmailStatus.FAILED).count(),
    }
    return TemplateResponse(request, "portal/admin/outbox.html", context)


@require_POST
@user_passes_test(_superuser)
def send_failed_again(request):
    count = mail.send_again(OutgoingEmail.objects.all())
    messages.success(request, _("%(count)s failed messages will be sent again.") % {"count": count})
    return redirect("portal_outbox")
