from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import mail
from .admin_access import superuser_required
from .models import OutgoingEmail, OutgoingEmailStatus

LISTED = 200


@superuser_required
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
@superuser_required
def send_failed_again(request):
    count = mail.send_again(OutgoingEmail.objects.all())
    messages.success(request, _("%(count)s failed messages will be sent again.") % {"count": count})
    return redirect("portal_outbox")
