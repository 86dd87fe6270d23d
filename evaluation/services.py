"""The rules of evaluation and recognition: starting, saving, submitting, reviewing, deciding,
counting and purging. Views, the admin, commands and the seed all call these functions.

E-mails are queued after the transaction commits and built by a task, one function per message in
``emails.py``.
"""

import contextlib
import contextvars
import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from wagtail import hooks
from wagtail.log_actions import log

from network.models import LearningTitle
from portal import ratelimit
from search.text import fold

from . import scoring
from .models import (
    Assessment,
    AssessmentPeriod,
    AssessmentStatus,
    Certificate,
    CriteriaSet,
    Criterion,
    Evidence,
    ExportRecord,
    RecognitionDecision,
)

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CERTIFICATE_CODE_LENGTH = 12
ANONYMISED = gettext_lazy("(anonymised)")

# What a phone camera, a scanner or a word processor's "save as PDF" gives.
EVIDENCE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "MPO": "image/jpeg"}


class EvaluationError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class UploadError(EvaluationError):
    pass


def normalise_email(email):
    return (email or "").strip().lower()


def clean_text(value):
    """One space between words, NFC; spelling (tone placement) is kept as the person wrote it."""
    return unicodedata.normalize("NFC", " ".join((value or "").split()))


def new_code(length):
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))


def _unique(model, field, length):
    while True:
        code = new_code(length)
        if not model.objects.filter(**{field: code}).exists():
            return code


def parse_code(text):
    """A reference or certificate code as people type it: any case, with or without dashes and spaces."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def identity(title, email_normalised, subject_name, area_id, organisation=None):
    """What makes two assessments of one title and year the same: the citizen's e-mail address
    (two people of the same name often live in one ward), or the unit, family, clan or community
    by its area and accent-folded name (a unit chosen from the list and the same unit typed by hand match)."""
    if title == LearningTitle.LEARNING_CITIZEN:
        return f"email:{email_normalised}"
    if organisation is not None:
        subject_name, area_id = organisation.name, organisation.area_id or area_id
    return f"name:{area_id}:{' '.join(fold(subject_name).split())}"


def open_periods(day=None):
    day = day or timezone.localdate()
    return AssessmentPeriod.objects.filter(opens_on__lte=day, closes_on__gte=day).select_related("criteria_set")


def period_for(title, day=None):
    return open_periods(day).filter(title=title).order_by("-year").first()


def copy_criteria_set(source):
    """A new version of ``source`` with the same criteria, for editors to change."""
    with transaction.atomic():
        version = f"{source.version} ({_('copy')})"[:40]
        suffix = 2
        while CriteriaSet.objects.filter(title=source.title, version=version).exists():
            version = f"{source.version} ({_('copy')} {suffix})"[:40]
            suffix += 1
        copy = CriteriaSet.objects.create(
            title=source.title,
            version=version,
            name=source.name,
            legal_basis=source.legal_basis,
            is_sample=source.is_sample,
            introduction=source.introduction,
            pass_points=source.pass_points,
            min_criteria_met=source.min_criteria_met,
        )
        Criterion.objects.bulk_create(
            Criterion(
                criteria_set=copy,
                sort_order=position,
                **{
                    name: getattr(criterion, name)
                    for name in (
                        "group",
                        "code",
                        "text",
                        "guidance",
                        "kind",
                        "max_points",
                        "target",
                        "unit",
                        "mandatory",
                        "requires_evidence",
                    )
                },
            )
            for position, criterion in enumerate(source.criteria.all())
        )
    return copy


# --- Starting an assessment ---------------------------------------------------------------


@dataclass
class StartRequest:
    period: AssessmentPeriod
    subject_name: str
    contact_name: str
    email: str
    area: object
    phone: str = ""
    organisation: object = None
    address: str = ""
    birth_year: int | None = None
    language: str = "vi"


@dataclass
class StartResult:
    assessment: Assessment
    created: bool


def mail_allowed(email):
    """At most EVALUATION_MAILS_PER_ADDRESS link e-mails per address per hour: the public forms
    must not become a way to flood someone's inbox."""
    identity = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    return ratelimit.hit("evaluation-mail", identity, limit=settings.EVALUATION_MAILS_PER_ADDRESS, window=3600)


def start(data, *, now=None):
    """Open a draft and mail its private link, or, for a person or unit that already has one for
    this title and year, mail the existing link instead. The caller shows the same answer either way."""
    now = now or timezone.now()
    period = data.period
    email = normalise_email(data.email)
    subject_name = clean_text(data.subject_name)
    if data.organisation is not None and not subject_name:
        subject_name = data.organisation.name
    area = data.area or (data.organisation.area if data.organisation is not None else None)
    if area is None:
        raise EvaluationError(_("Choose the commune or ward."), field="area")
    key = identity(period.title, email, subject_name, area.pk, data.organisation)
    existing = Assessment.objects.filter(title=period.title, year=period.year, identity=key, anonymised_at=None)
    earlier = existing.first()
    if earlier is not None:
        _duplicate_notice(earlier, email, data.language)
        return StartResult(earlier, created=False)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                period=period,
                title=period.title,
                year=period.year,
                reference=_unique(Assessment, "reference", 8),
                token=secrets.token_urlsafe(32),
                subject_name=subject_name,
                organisation=data.organisation,
                area=area,
                address=clean_text(data.address),
                birth_year=data.birth_year,
                contact_name=clean_text(data.contact_name) or subject_name,
                email=data.email.strip(),
                email_normalised=email,
                phone=data.phone.strip(),
                language=data.language,
                identity=key,
                criteria=scoring.snapshot(period.criteria_set),
                criteria_taken_at=now,
                created_at=now,
            )
            _log(assessment, "evaluation.assessment.start", None)
            _notify("link", assessment)
    except IntegrityError:
        # Two starts of the same person at once: the constraint kept one; treat this one as the duplicate.
        earlier = existing.first()
        if earlier is None:
            raise
        _duplicate_notice(earlier, email, data.language)
        return StartResult(earlier, created=False)
    return StartResult(assessment, created=True)


def _duplicate_notice(earlier, email, language):
    if _muted.get():
        return
    _notify("existing", earlier)
    if email != earlier.email_normalised:
        # A unit's second representative: told that the unit has an assessment, not whose it is.
        transaction.on_commit(lambda: _send("duplicate_elsewhere", earlier.pk, email, language), robust=True)


def resend_links(email):
    """Mail every private link of this address (nothing happens for an unknown one: the page says the same)."""
    found = list(
        Assessment.objects.filter(email_normalised=normalise_email(email), anonymised_at=None).values_list(
            "pk", flat=True
        )
    )
    if found and not _muted.get():
        transaction.on_commit(lambda: _send("links", found), robust=True)
    return len(found)


# --- The person's draft ---------------------------------------------------------------------


def refresh_criteria(assessment, *, now=None):
    """A draft follows its period's criteria set while nobody has reviewed it; answers keep their codes.
    Submitted, returned and decided assessments keep what they were scored against."""
    criteria_set = assessment.period.criteria_set
    if assessment.status != AssessmentStatus.DRAFT:
        return False
    if assessment.criteria.get("set_id") == criteria_set.pk and (
        assessment.criteria_taken_at and assessment.criteria_taken_at >= criteria_set.updated_at
    ):
        return False
    assessment.criteria = scoring.snapshot(criteria_set)
    assessment.criteria_taken_at = now or timezone.now()
    codes = {c["code"] for c in assessment.criteria["criteria"]}
    assessment.answers = {code: answer for code, answer in assessment.answers.items() if code in codes}
    _update_score(assessment)
    assessment.save()
    return True


def evidence_codes(assessment):
    return set(assessment.evidence.values_list("criterion_code", flat=True))


def result(assessment):
    return scoring.score(assessment.criteria, assessment.answers, evidence_codes(assessment))


def _update_score(assessment):
    outcome = result(assessment)
    assessment.score = outcome.total
    assessment.criteria_met = outcome.criteria_met
    assessment.is_eligible = outcome.is_eligible
    return outcome


def validate_upload(upload):
    """The file's name, size and content; raises UploadError with a message a person can act on."""
    name = upload.name or ""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    limit_mb = settings.EVALUATION_MAX_UPLOAD_MB
    if extension not in EVIDENCE_TYPES:
        raise UploadError(_("“%(name)s” is not a PDF or a photo (JPG, PNG, WEBP): it was not saved.") % {"name": name})
    if upload.size == 0:
        raise UploadError(_("“%(name)s” is empty: it was not saved.") % {"name": name})
    if upload.size > limit_mb * 1024 * 1024:
        raise UploadError(
            _(
                "“%(name)s” is larger than %(limit)s MB: it was not saved. Take a smaller photo or scan at a lower "
                "resolution."
            )
            % {"name": name, "limit": limit_mb}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if EVIDENCE_TYPES[extension] == "application/pdf":
        if not head.startswith(b"%PDF-"):
            raise UploadError(_("“%(name)s” is not a valid PDF file: it was not saved.") % {"name": name})
        return "application/pdf"
    try:
        with Image.open(upload) as image:
            image.verify()
            detected = IMAGE_FORMATS.get(image.format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        detected = None
    finally:
        upload.seek(0)
    if detected is None:
        raise UploadError(_("“%(name)s” is not a readable photo: it was not saved.") % {"name": name})
    return detected


@dataclass
class SaveOutcome:
    result: scoring.Result
    upload_errors: dict
    saved_files: int


def save_draft(assessment, answers, *, uploads=(), remove=(), details=None, now=None):
    """Store the answers (and details), add the valid files and remove the chosen ones.

    A file that fails validation is left out with its message in ``upload_errors`` (by criterion
    code); everything else is saved, so a bad upload never costs what was typed or attached before.
    """
    now = now or timezone.now()
    if not assessment.is_editable:
        raise EvaluationError(_("This self-assessment has been submitted and can no longer be changed."))
    codes = {c["code"] for c in assessment.criteria.get("criteria", [])}
    errors, checked = {}, []
    existing = assessment.evidence.count() - len([pk for pk in remove if pk])
    for code, upload in uploads:
        if code not in codes:
            continue
        try:
            content_type = validate_upload(upload)
        except UploadError as error:
            errors.setdefault(code, []).append(error.message)
            continue
        if existing + len(checked) >= settings.EVALUATION_MAX_FILES:
            errors.setdefault(code, []).append(
                _("“%(name)s” was not saved: a self-assessment holds at most %(count)s files. Remove one first.")
                % {"name": upload.name, "count": settings.EVALUATION_MAX_FILES}
            )
            continue
        checked.append((code, upload, content_type))
    stored = []
    try:
        with transaction.atomic():
            assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
            for code in codes:
                if code in answers:
                    given = answers[code]
                    assessment.answers[code] = {
                        "value": str(given.get("value", "")).strip()[:40],
                        "note": str(given.get("note", "")).strip()[:2000],
                    }
            if details:
                _apply_details(assessment, details)
            removed = list(assessment.evidence.filter(pk__in=[pk for pk in remove if pk]))
            for code, upload, content_type in checked:
                evidence = Evidence(
                    assessment=assessment,
                    criterion_code=code,
                    stored_name=secrets.token_hex(12),
                    original_name=upload.name[:255],
                    content_type=content_type,
                    size=upload.size,
                    uploaded_at=now,
                )
                evidence.file.save(upload.name, upload, save=False)
                stored.append(evidence.file)
                evidence.save()
            for evidence in removed:
                evidence.delete()
            outcome = _update_score(assessment)
            assessment.save()
    except Exception:
        # Nothing of this save is kept, not even the files already written.
        for file in stored:
            file.delete(save=False)
        raise
    for evidence in removed:
        evidence.file.delete(save=False)
    return SaveOutcome(outcome, errors, len(checked))


def _apply_details(assessment, details):
    for name in ("subject_name", "contact_name", "phone", "address"):
        if name in details:
            setattr(assessment, name, clean_text(details[name]))
    if "birth_year" in details:
        assessment.birth_year = details["birth_year"]
    if details.get("area") is not None:
        assessment.area = details["area"]
    key = identity(
        assessment.title,
        assessment.email_normalised,
        assessment.subject_name,
        assessment.area_id,
        assessment.organisation,
    )
    if key != assessment.identity:
        clash = Assessment.objects.filter(
            title=assessment.title, year=assessment.year, identity=key, anonymised_at=None
        ).exclude(pk=assessment.pk)
        if clash.exists():
            raise EvaluationError(
                _("Another self-assessment for this title and year already has this name and area."),
                field="subject_name",
            )
        assessment.identity = key


def submit(assessment, *, consent, now=None):
    """Send the assessment to the area's reviewers: every criterion answered, evidence attached, consent given."""
    now = now or timezone.now()
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().select_related("period").get(pk=assessment.pk)
        if not assessment.is_editable:
            raise EvaluationError(_("This self-assessment has already been submitted."))
        if assessment.status == AssessmentStatus.DRAFT and not assessment.period.is_open(timezone.localdate(now)):
            raise EvaluationError(
                _("Self-assessment for this period closed on %(date)s.")
                % {"date": assessment.period.closes_on.strftime("%d/%m/%Y")}
            )
        outcome = _update_score(assessment)
        if not outcome.is_complete:
            raise EvaluationError(
                _("Some criteria are still missing an answer or evidence: see the list at the top of the form.")
            )
        if not consent and assessment.consented_at is None:
            raise EvaluationError(
                _("Please agree to the processing of your personal data before submitting."), field="consent"
            )
        assessment.consented_at = assessment.consented_at or now
        assessment.status = AssessmentStatus.SUBMITTED
        assessment.submitted_at = now
        assessment.save()
        _log(assessment, "evaluation.assessment.submit", None)
        _notify("submitted", assessment)
    return assessment


def delete_draft(assessment):
    """The person withdraws: a draft that was never submitted goes, with its files."""
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != AssessmentStatus.DRAFT:
            raise EvaluationError(_("Only a draft that was never submitted can be deleted."))
        _log(assessment, "evaluation.assessment.delete_draft", None)
        _delete_files(assessment)
        assessment.delete()


# --- Review -------------------------------------------------------------------------------


def _clean_comments(assessment, comments):
    codes = {c["code"] for c in assessment.criteria.get("criteria", [])}
    return {code: text.strip()[:2000] for code, text in comments.items() if code in codes and text and text.strip()}


REVIEW_ACTIONS = {
    AssessmentStatus.APPROVED: "evaluation.assessment.approve",
    AssessmentStatus.RETURNED: "evaluation.assessment.return",
}


def _review(assessment, user, status, comments, note, now, check):
    """Record a reviewer's verdict on a submitted assessment; ``check(assessment, comments, note)``
    raises when the verdict does not fit it. The person is told by e-mail."""
    now = now or timezone.now()
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.status != AssessmentStatus.SUBMITTED:
            raise EvaluationError(_("Only a self-assessment awaiting review can be approved or returned."))
        comments, note = _clean_comments(assessment, comments or {}), note.strip()
        check(assessment, comments, note)
        assessment.status = status
        assessment.review_comments, assessment.review_note = comments, note
        assessment.reviewed_by, assessment.reviewed_at = user, now
        assessment.save()
        _log(assessment, REVIEW_ACTIONS[status], user)
        _notify(status, assessment)
    return assessment


def _reaches_thresholds(assessment, comments, note):
    outcome = _update_score(assessment)
    if not (outcome.is_complete and outcome.is_eligible):
        raise EvaluationError(_("This self-assessment does not reach the thresholds: return it with comments instead."))


def _says_what_to_change(assessment, comments, note):
    if not comments and not note:
        raise EvaluationError(_("Say what needs changing: comment on a criterion or write a note."))


def approve(assessment, *, user, comments=None, note="", now=None):
    return _review(assessment, user, AssessmentStatus.APPROVED, comments, note, now, _reaches_thresholds)


def return_for_changes(assessment, *, user, comments=None, note="", now=None):
    return _review(assessment, user, AssessmentStatus.RETURNED, comments, note, now, _says_what_to_change)


# --- Recognition decisions ------------------------------------------------------------------


@dataclass
class DecisionRequest:
    period: AssessmentPeriod
    area: object
    number: str
    signed_on: object
    issuing_body: str
    signer_name: str
    signer_position: str = ""
    note: str = ""


def issue_decision(data, assessments, *, user=None, allowed_area_ids=None, now=None):
    """Record a decision and issue a certificate to each approved assessment it covers.

    ``allowed_area_ids`` (None: every area) is the deciding reviewer's reach; ``assessments``
    outside it, outside the decision's area, or not approved for this period are refused.
    """
    from network.services import AreaGraph

    now = now or timezone.now()
    ids = sorted({a.pk for a in assessments})
    if not ids:
        raise EvaluationError(_("Choose at least one approved self-assessment."), field="assessments")
    graph = AreaGraph()
    inside = set(graph.descendants(data.area.pk))
    if allowed_area_ids is not None and data.area.pk not in allowed_area_ids:
        raise EvaluationError(_("You are not assigned to this area."), field="area")
    with transaction.atomic():
        chosen = list(Assessment.objects.select_for_update().filter(pk__in=ids).order_by("subject_name", "pk"))
        for assessment in chosen:
            if (
                assessment.status != AssessmentStatus.APPROVED
                or assessment.period_id != data.period.pk
                or assessment.area_id not in inside
                or (allowed_area_ids is not None and assessment.area_id not in allowed_area_ids)
            ):
                raise EvaluationError(
                    _(
                        "%(reference)s cannot be recognised by this decision: it is not approved for this period and "
                        "area."
                    )
                    % {"reference": assessment.display_reference},
                    field="assessments",
                )
        if RecognitionDecision.objects.filter(
            issuing_body=data.issuing_body.strip(), number=data.number.strip(), signed_on__year=data.signed_on.year
        ).exists():
            raise EvaluationError(
                _("This issuing body already has a decision with this number in %(year)s.")
                % {"year": data.signed_on.year},
                field="number",
            )
        decision = RecognitionDecision.objects.create(
            period=data.period,
            area=data.area,
            number=data.number.strip(),
            signed_on=data.signed_on,
            issuing_body=data.issuing_body.strip(),
            signer_name=data.signer_name.strip(),
            signer_position=data.signer_position.strip(),
            note=data.note.strip(),
            created_by=user,
        )
        for assessment in chosen:
            Certificate.objects.create(
                assessment=assessment,
                decision=decision,
                code=_unique(Certificate, "code", CERTIFICATE_CODE_LENGTH),
                holder_name=assessment.subject_name,
                issued_at=now,
            )
            assessment.status = AssessmentStatus.RECOGNISED
            assessment.save(update_fields=["status", "updated_at"])
            _log(assessment, "evaluation.assessment.recognise", user, decision=decision.number)
            _notify("recognised", assessment)
        log(instance=decision, action="evaluation.decision.issue", user=user, data={"count": len(chosen)})
        _recognitions_changed(decision.signed_on.year)
    return decision


def _recognitions_changed(year):
    # The network's figures (reports) count recognitions per year: they rebuild without importing this app.
    for hook in hooks.get_hooks("portal_recognitions_changed"):
        hook(year)


def revoke_certificate(certificate, *, user, reason, allowed_area_ids=None, now=None):
    """Withdraw a recognition given in error: the verification page says so, the counts drop it.

    The certificate, its decision and the assessment stay, so that what was decided remains on record.
    """
    reason = clean_text(reason or "")
    if not reason:
        raise EvaluationError(_("Say why the certificate is revoked: the holder is told."), field="reason")
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update().select_related("assessment", "decision").get(pk=certificate.pk)
        )
        if allowed_area_ids is not None and certificate.assessment.area_id not in allowed_area_ids:
            raise EvaluationError(_("You are not assigned to this area."), field="reason")
        if certificate.revoked_at is not None:
            raise EvaluationError(_("This certificate has already been revoked."), field="reason")
        certificate.revoked_at = now or timezone.now()
        certificate.revocation_reason = reason
        certificate.revoked_by = user
        certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
        _log(certificate.assessment, "evaluation.certificate.revoke", user, certificate=certificate.display_code)
        _notify("revoked", certificate.assessment)
        _recognitions_changed(certificate.decision.signed_on.year)
    return certificate


def recognition_counts(year):
    """Recognitions decided in ``year``: {(title code, area id): count}. The ``portal_title_recognitions`` hook.

    The area is the person's or unit's (a commune or ward where known), as it was when they applied;
    ``network.services.AreaGraph.rollup`` carries the counts to the areas of any later day.
    """
    rows = (
        Certificate.objects.filter(decision__signed_on__year=year, revoked_at=None)
        .values_list("assessment__title", "assessment__area_id")
        .annotate(count=Count("pk"))
    )
    return {(title, area_id): count for title, area_id, count in rows}


# --- Retention -----------------------------------------------------------------------------


def purge(*, now=None, years=None, draft_days=None):
    """Anonymise assessments of periods more than ``years`` years old, and delete drafts left
    untouched for ``draft_days`` days. Certificates keep their title, year, area and decision, so
    every count stays; a person's name on a certificate is anonymised too, a unit's stays."""
    now = now or timezone.now()
    years = settings.EVALUATION_PURGE_AFTER_YEARS if years is None else years
    draft_days = settings.EVALUATION_DRAFT_PURGE_DAYS if draft_days is None else draft_days
    last_year = timezone.localdate(now).year - years
    anonymised = 0
    for assessment in Assessment.objects.filter(anonymised_at=None, year__lte=last_year).iterator():
        with transaction.atomic():
            _anonymise(assessment, now)
        anonymised += 1
    stale = Assessment.objects.filter(
        status=AssessmentStatus.DRAFT, anonymised_at=None, updated_at__lt=now - timedelta(days=draft_days)
    )
    deleted = 0
    for assessment in stale.iterator():
        with transaction.atomic():
            _delete_files(assessment)
            _log(assessment, "evaluation.assessment.delete_draft", None)
            assessment.delete()
        deleted += 1
    return anonymised, deleted


def _delete_files(assessment):
    for evidence in assessment.evidence.all():
        evidence.file.delete(save=False)
    assessment.evidence.all().delete()


def _anonymise(assessment, now):
    _delete_files(assessment)
    label = str(ANONYMISED)
    if assessment.is_personal:
        assessment.subject_name = label
        Certificate.objects.filter(assessment=assessment).update(holder_name=label)
    assessment.contact_name = label
    assessment.email = f"{assessment.reference.lower()}@anonymised.invalid"
    assessment.email_normalised = assessment.email
    assessment.phone = ""
    assessment.address = ""
    assessment.birth_year = None
    assessment.answers = {code: {"value": a.get("value", ""), "note": ""} for code, a in assessment.answers.items()}
    assessment.review_comments = {}
    assessment.review_note = ""
    assessment.token = secrets.token_urlsafe(32)
    assessment.identity = f"anonymised:{assessment.reference}"
    assessment.anonymised_at = now
    assessment.save()
    _log(assessment, "evaluation.assessment.anonymise", None)


# --- Side effects ---------------------------------------------------------------------------


def _log(assessment, action, user, **data):
    """History entries carry the reference and the status, never personal data."""
    log(
        instance=assessment,
        action=action,
        user=user,
        data={"reference": assessment.reference, "status": assessment.status, **{k: str(v) for k, v in data.items()}},
    )


def log_export(user, what, rows, filters=""):
    """Who took personal data out of the portal, what, how many rows and with which filters."""
    return ExportRecord.objects.create(user=user, what=what, rows=rows, filters=filters[:500])


def _send(kind, *args):
    from . import emails

    emails.later(kind, *args)


_muted = contextvars.ContextVar("evaluation_mail_muted", default=False)


@contextlib.contextmanager
def muted_mail():
    """No e-mail for what happens inside (the demo seed replays a year's work without writing to anyone)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _notify(kind, assessment):
    if _muted.get():
        return
    pk = assessment.pk
    transaction.on_commit(lambda: _send(kind, pk), robust=True)
