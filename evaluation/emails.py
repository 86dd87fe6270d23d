"""The e-mails of the evaluation, one function per message, each queued after its transaction commits.

Every function takes ids (never personal data) and never raises: what the person did is saved
already and stays valid whatever the mail server does. Absolute links use WAGTAILADMIN_BASE_URL,
the portal's one public base URL.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Assessment

logger = logging.getLogger(__name__)


def public_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def dossier_url(assessment):
    with translation.override(assessment.language):
        return public_url(reverse("evaluation:dossier", kwargs={"token": assessment.token}))


def verify_url(certificate):
    # The QR code is printed: its address must not depend on anyone's language.
    with translation.override(settings.LANGUAGE_CODE):
        return public_url(reverse("evaluation:verify", kwargs={"code": certificate.code}))


def _message(assessment, subject, paragraphs, *, to=None, extra=None, link=True):
    context = {
        "assessment": assessment,
        "name": assessment.contact_name,
        "paragraphs": paragraphs,
        "link": dossier_url(assessment) if link else "",
        "title": assessment.get_title_display(),
        **(extra or {}),
    }
    body = render_to_string("evaluation/emails/message.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to or assessment.email])


def _deliver(kind, build, *ids):
    try:
        message = build()
        if message is not None:
            message.send()
    except Exception:
        logger.exception("Could not send the %s e-mail for assessment(s) %s", kind, ids)


def _live(pk):
    return Assessment.objects.select_related("period", "area").filter(pk=pk, anonymised_at=None).first()


def _subject(text, assessment):
    return f"{text}: {assessment.get_title_display()} {assessment.year}"


def _to_person(kind, pk, compose):
    """Mail the person their assessment's news, in their language: ``compose(assessment)`` gives the
    subject and the paragraphs; their private link ends the message."""

    def build():
        assessment = _live(pk)
        if assessment is None:
            return None
        with translation.override(assessment.language):
            subject, paragraphs = compose(assessment)
            return _message(assessment, _subject(subject, assessment), paragraphs)

    _deliver(kind, build, pk)


def send_link(pk):
    _to_person(
        "link",
        pk,
        lambda assessment: (
            _("Your self-assessment link"),
            [
                _(
                    "Your self-assessment has been opened. Open the private link below to fill it in: your "
                    "answers are saved as a draft each time you press “Save”, and you can come back to it from "
                    "any device."
                ),
                _("Do not share the link: anyone who has it can see and change your self-assessment."),
            ],
        ),
    )


def send_existing(pk):
    _to_person(
        "existing",
        pk,
        lambda assessment: (
            _("Your existing self-assessment"),
            [
                _(
                    "Someone, probably you, asked to start a self-assessment that already exists for this title "
                    "and year (reference %(reference)s). Nothing new was created: continue with your private "
                    "link below."
                )
                % {"reference": assessment.display_reference},
                _("If you did not ask for this, you can ignore this e-mail."),
            ],
        ),
    )


def send_duplicate_elsewhere(pk, email, language):
    """To a second representative of a unit, family, clan or community: the unit already has an
    assessment, whose link went to the address that started it. Nothing about that person is said."""

    def build():
        assessment = _live(pk)
        if assessment is None:
            return None
        with translation.override(language):
            return _message(
                assessment,
                _subject(_("A self-assessment already exists"), assessment),
                [
                    _(
                        "“%(name)s” already has a self-assessment for this title and year. We have sent its private "
                        "link to the representative who started it."
                    )
                    % {"name": assessment.subject_name},
                    _(
                        "If that representative has changed, ask the Study Promotion Association of your commune or "
                        "ward to help."
                    ),
                ],
                to=email,
                extra={"name": ""},
                link=False,
            )

    _deliver("duplicate_elsewhere", build, pk)


def send_links(pks):
    def build():
        assessments = [a for a in (_live(pk) for pk in pks) if a is not None]
        if not assessments:
            return None
        first = assessments[0]
        with translation.override(first.language):
            lines = [
                f"{a.get_title_display()} {a.year} – {a.subject_name} ({a.display_reference}): {dossier_url(a)}"
                for a in assessments
            ]
            return _message(
                first,
                _("Your self-assessment links"),
                [_("You asked for the links to your self-assessments. Here they are; do not share them."), *lines],
                link=False,
            )

    _deliver("links", build, *pks)


def send_submitted(pk):
    _to_person(
        "submitted",
        pk,
        lambda assessment: (
            _("Self-assessment received"),
            [
                _(
                    "Thank you: your self-assessment has been submitted. The reviewers of your commune or ward "
                    "will examine it and write to you."
                ),
                _("Score: %(score)s points.") % {"score": _points(assessment.score)},
            ],
        ),
    )


def _returned(assessment):
    texts = {c["code"]: c["text"] for c in assessment.criteria.get("criteria", [])}
    comments = [
        f"{code}. {texts.get(code, '')}\n   → {comment}" for code, comment in assessment.review_comments.items()
    ]
    note = [assessment.review_note] if assessment.review_note else []
    return pgettext("evaluation", "Changes requested"), [
        _("The reviewers have returned your self-assessment for changes."),
        *note,
        *comments,
        _("Open your private link, make the changes and submit it again."),
    ]


def send_returned(pk):
    _to_person("returned", pk, _returned)


def send_approved(pk):
    _to_person(
        "approved",
        pk,
        lambda assessment: (
            _("Self-assessment approved"),
            [
                _(
                    "Your self-assessment has been approved. The title is granted by a recognition decision; we will "
                    "write to you again with your certificate when it is issued."
                ),
                *([assessment.review_note] if assessment.review_note else []),
            ],
        ),
    )


def send_recognised(pk):
    def build():
        from .certificates import certificate_pdf

        assessment = _live(pk)
        if assessment is None or not hasattr(assessment, "certificate"):
            return None
        certificate = assessment.certificate
        decision = certificate.decision
        with translation.override(assessment.language):
            message = _message(
                assessment,
                _subject(_("Title recognised"), assessment),
                [
                    _(
                        "Congratulations: %(name)s is recognised as “%(title)s” %(year)s by decision %(number)s of "
                        "%(date)s, %(body)s."
                    )
                    % {
                        "name": certificate.holder_name,
                        "title": assessment.get_title_display(),
                        "year": assessment.year,
                        "number": decision.number,
                        "date": decision.signed_on.strftime("%d/%m/%Y"),
                        "body": decision.issuing_body,
                    },
                    _(
                        "The certificate is attached. Its QR code leads to a public page where anyone can check it: "
                        "%(url)s"
                    )
                    % {"url": verify_url(certificate)},
                ],
            )
            message.attach(f"giay-chung-nhan-{certificate.code}.pdf", certificate_pdf(certificate), "application/pdf")
            return message

    _deliver("recognised", build, pk)


def send_revoked(pk):
    def build():
        assessment = _live(pk)
        if assessment is None or not hasattr(assessment, "certificate"):
            return None
        certificate = assessment.certificate
        with translation.override(assessment.language):
            return _message(
                assessment,
                _subject(_("Certificate revoked"), assessment),
                [
                    _(
                        "The certificate %(code)s recognising %(name)s as “%(title)s” %(year)s has been revoked on "
                        "%(date)s. Reason given: %(reason)s"
                    )
                    % {
                        "code": certificate.display_code,
                        "name": certificate.holder_name,
                        "title": assessment.get_title_display(),
                        "year": assessment.year,
                        "date": timezone.localtime(certificate.revoked_at).strftime("%d/%m/%Y"),
                        "reason": certificate.revocation_reason,
                    },
                    _(
                        "If you think this is a mistake, reply to this e-mail or contact the body that issued the "
                        "decision."
                    ),
                ],
            )

    _deliver("revoked", build, pk)


def _points(value):
    return f"{value:.2f}".rstrip("0").rstrip(".")
