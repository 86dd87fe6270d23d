"""The e-mails of the reporting workflow. Every one of them leaves through ``send``, the one place
that talks to Django's mail API (so that moving mail onto a task queue changes one function)."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send(recipients, subject, template, context):
    """Renders the template in the portal's language and sends it; a failing mail server is logged,
    never raised: the report is saved already and stays valid whatever the server does."""
    addresses = sorted({user.email for user in recipients if user.is_active and user.email})
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "base_url": admin_url("")})
        message = EmailMessage(subject=str(subject), body=body, to=addresses)
    try:
        return message.send()
    except Exception:
        logger.exception("Could not send %r to %s", subject, addresses)
        return 0


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def submission_url(submission):
    return admin_url(reverse("reports_admin:submission", args=[submission.pk]))


def _reporters(submission):
    from .models import Assignment, Role

    place = (
        Q(organisation_id=submission.organisation_id)
        if submission.organisation_id
        else Q(area_id=submission.area_id, organisation__isnull=True)
    )
    users = [a.user for a in Assignment.objects.filter(place, role=Role.REPORTER).select_related("user")]
    if submission.submitted_by and submission.submitted_by not in users:
        users.append(submission.submitted_by)
    return users


def _reviewers(submission):
    """The reviewers of the nearest area above (for a unit: its own area first) that has any;
    for a province's own report, the figure managers."""
    from network.services import AreaGraph

    from .models import Assignment, Role

    graph = AreaGraph()
    chain = graph.ancestors(submission.area_id)
    if not submission.organisation_id:
        chain = chain[1:]
    by_area = {}
    for assignment in Assignment.objects.filter(role=Role.REVIEWER, area_id__in=chain).select_related("user"):
        by_area.setdefault(assignment.area_id, []).append(assignment.user)
    for area_id in chain:
        if by_area.get(area_id):
            return by_area[area_id]
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__codename="manage_figures") | Q(user_permissions__codename="manage_figures"))
        .distinct()
    )


def _load(submission_id):
    from .models import Submission

    return Submission.objects.select_related("period__version__indicator_set", "area", "organisation").get(
        pk=submission_id
    )


def report_submitted(submission_id):
    submission = _load(submission_id)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Report to review: %(place)s, %(period)s") % {
            "place": submission.place_label,
            "period": submission.period,
        }
    return send(
        _reviewers(submission),
        subject,
        "reports/emails/submitted.txt",
        {"submission": submission, "url": submission_url(submission)},
    )


def report_reviewed(submission_id):
    from .models import Status

    submission = _load(submission_id)
    approved = submission.status == Status.APPROVED
    with translation.override(settings.LANGUAGE_CODE):
        template = (
            _("Report approved: %(place)s, %(period)s") if approved else _("Report returned: %(place)s, %(period)s")
        )
        subject = template % {"place": submission.place_label, "period": submission.period}
    return send(
        _reporters(submission),
        subject,
        "reports/emails/reviewed.txt",
        {"submission": submission, "approved": approved, "url": submission_url(submission)},
    )


def deadline_reminder(reminder):
    from network.models import Area, Organisation

    expected = reminder.expected
    place = (
        Organisation.objects.get(pk=expected.organisation_id)
        if expected.organisation_id
        else Area.objects.get(pk=expected.area_id)
    )
    url = admin_url(
        reverse("reports_admin:open_unit", args=[reminder.period.pk, expected.organisation_id])
        if expected.organisation_id
        else reverse("reports_admin:open_area", args=[reminder.period.pk, expected.area_id])
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: the %(period)s report of %(place)s is due on %(date)s") % {
            "period": reminder.period,
            "place": place.label,
            "date": expected.due.strftime("%d/%m/%Y"),
        }
    return send(
        reminder.recipients,
        subject,
        "reports/emails/reminder.txt",
        {"reminder": reminder, "place": place, "url": url},
    )
