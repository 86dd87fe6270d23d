"""Public views: the titles open for self-assessment, starting one, the private link, and the
verification of certificates. Thin: the rules are in ``services.py``."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from network.models import LearningTitle
from portal import ratelimit

from . import scoring, services
from .certificates import certificate_pdf
from .emails import verify_url
from .forms import DetailsForm, ResendForm, StartForm
from .models import TITLE_SLUGS, Assessment, AssessmentStatus, Certificate

SLUG_TITLES = {slug: title for title, slug in TITLE_SLUGS.items()}


def rate_limited(request, scope):
    """True once the visitor's address has used up EVALUATION_RATE_LIMIT submissions in the window."""
    return not ratelimit.allow(
        request,
        f"evaluation-{scope}",
        limit=settings.EVALUATION_RATE_LIMIT,
        window=settings.EVALUATION_RATE_LIMIT_WINDOW,
    )


def _private(response):
    """Pages of a private link: never cached or indexed, and the link never leaks to another site as a
    referrer (same-origin, not no-referrer: the form posts need their Origin for the CSRF check)."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


# --- The page: titles, start, links again ----------------------------------------------------


def _context(page, request):
    request.is_preview = getattr(request, "is_preview", False)
    context = page.get_context(request)
    context["start_urls"] = {
        title: page.url + page.reverse_subpage("start", kwargs={"title_slug": slug})
        for title, slug in TITLE_SLUGS.items()
    }
    context["resend_url"] = page.url + page.reverse_subpage("resend")
    return context


def landing(page, request):
    context = _context(page, request)
    periods = list(services.open_periods().order_by("title"))
    order = [LearningTitle.LEARNING_CITIZEN, *(t for t in LearningTitle.values if t != LearningTitle.LEARNING_CITIZEN)]
    periods.sort(key=lambda p: order.index(p.title) if p.title in order else len(order))
    context.update(
        periods=[{"period": p, "url": context["start_urls"][p.title]} for p in periods],
        resend_form=ResendForm(),
    )
    return TemplateResponse(request, "evaluation/evaluation_page.html", context)


def start(page, request, title_slug):
    title = SLUG_TITLES.get(title_slug)
    if title is None:
        raise Http404
    period = services.period_for(title)
    context = _context(page, request)
    context.update(title_label=LearningTitle(title).label, period=period, sent_to=None, form=None)
    status = 200
    if period is not None:
        form = StartForm(period, request.POST or None, language=_language())
        if request.method == "POST":
            if rate_limited(request, "start"):
                status = 429
                form.add_error(
                    None, _("You have sent the form many times in a short while. Please wait a few minutes.")
                )
            elif form.is_spam:
                status = 400
                form.add_error(None, _("The form could not be accepted. Please check it and try again."))
            elif form.is_valid():
                try:
                    if services.mail_allowed(form.cleaned_data["email"]):
                        services.start(form.to_request())
                except services.EvaluationError as error:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                    status = 400
                else:
                    # The same answer whether a draft was opened or one already existed: the page must
                    # not tell a stranger who has applied.
                    context["sent_to"] = form.cleaned_data["email"]
            else:
                status = 400
        context["form"] = form
        context["criteria"] = scoring.score(scoring.snapshot(period.criteria_set), {}).groups()
    response = TemplateResponse(request, "evaluation/start.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def resend(page, request):
    context = _context(page, request)
    form = ResendForm(request.POST or None)
    status, sent_to = 200, None
    if request.method == "POST":
        if rate_limited(request, "resend"):
            status = 429
            form.add_error(None, _("You have sent the form many times in a short while. Please wait a few minutes."))
        elif form.is_valid() and not form.is_spam:
            email = form.cleaned_data["email"]
            if services.mail_allowed(email):
                services.resend_links(email)
            sent_to = email
        else:
            status = 400
    context.update(resend_form=form, sent_to=sent_to)
    response = TemplateResponse(request, "evaluation/resend.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


# --- The private link ---------------------------------------------------------------------------


def _assessment(token):
    return get_object_or_404(
        Assessment.objects.select_related("period", "area", "organisation"), token=token, anonymised_at=None
    )


def _posted_answers(assessment, data):
    answers = {}
    for criterion in assessment.criteria.get("criteria", []):
        code = criterion["code"]
        if f"value-{code}" in data or f"note-{code}" in data:
            answers[code] = {"value": data.get(f"value-{code}", ""), "note": data.get(f"note-{code}", "")}
    return answers


def _posted_files(assessment, files):
    return [
        (criterion["code"], upload)
        for criterion in assessment.criteria.get("criteria", [])
        for upload in files.getlist(f"files-{criterion['code']}")
    ]


def criteria_items(assessment, outcome, upload_errors):
    evidence = {}
    for item in assessment.evidence.all():
        evidence.setdefault(item.criterion_code, []).append(item)
    groups = outcome.groups()
    number = 0
    for group in groups:
        for item in group["criteria"]:
            number += 1
            code = item.criterion["code"]
            item.anchor = f"c{number}"
            item.evidence = evidence.get(code, [])
            item.upload_errors = upload_errors.get(code, [])
            item.comment = assessment.review_comments.get(code, "")
    return groups


@never_cache
@require_http_methods(["GET", "POST"])
def dossier(request, token):
    assessment = _assessment(token)
    services.refresh_criteria(assessment)
    details_form = DetailsForm(assessment) if assessment.is_editable else None
    upload_errors, status, form_error = {}, 200, ""
    posted = None
    if request.method == "POST":
        if not assessment.is_editable:
            messages.error(request, _("This self-assessment has been submitted and can no longer be changed."))
            return redirect(request.path)
        if request.POST.get("action") == "delete":
            try:
                services.delete_draft(assessment)
            except services.EvaluationError as error:
                messages.error(request, error.message)
                return redirect(request.path)
            return _private(TemplateResponse(request, "evaluation/deleted.html", {}))
        details_form = DetailsForm(assessment, request.POST)
        posted = _posted_answers(assessment, request.POST)
        action = request.POST.get("action", "save")
        remove = [int(v) for v in request.POST.getlist("remove") if v.isdigit()]
        if details_form.is_valid():
            try:
                outcome = services.save_draft(
                    assessment,
                    posted,
                    uploads=_posted_files(assessment, request.FILES),
                    remove=remove,
                    details=details_form.cleaned_data,
                )
            except services.EvaluationError as error:
                details_form.add_error(error.field if error.field in details_form.fields else None, error.message)
                status = 400
            else:
                upload_errors = outcome.upload_errors
                assessment.refresh_from_db()
                if upload_errors:
                    status = 400
                    form_error = _("Your answers have been saved, but some files were not: see the messages below.")
                elif action == "submit":
                    try:
                        services.submit(assessment, consent=request.POST.get("consent") == "on")
                    except services.EvaluationError as error:
                        status = 400
                        form_error = error.message
                    else:
                        messages.success(
                            request, _("Your self-assessment has been submitted. We have sent you a confirmation.")
                        )
                        return redirect(request.path)
                else:
                    if remove:
                        messages.success(request, _("The file has been removed."))
                    messages.success(request, _("Your draft has been saved."))
                    return redirect(request.path)
        else:
            status = 400
            form_error = _("Please correct the errors below; nothing you typed has been lost.")
    outcome = services.result(assessment)
    if posted and status != 200:
        # Show what was typed, not what was stored, when the page comes back with an error.
        shown = {**assessment.answers, **posted}
        outcome = scoring.score(assessment.criteria, shown, services.evidence_codes(assessment))
    context = {
        "assessment": assessment,
        "groups": criteria_items(assessment, outcome, upload_errors),
        "result": outcome,
        "details_form": details_form,
        "form_error": form_error,
        "purge_years": settings.EVALUATION_PURGE_AFTER_YEARS,
        "max_upload_mb": settings.EVALUATION_MAX_UPLOAD_MB,
        "accept": ",".join(services.EVIDENCE_TYPES),
        "certificate": getattr(assessment, "certificate", None),
        "is_personal": assessment.is_personal,
        "statuses": AssessmentStatus,
    }
    if context["certificate"] is not None:
        context["verify_url"] = verify_url(context["certificate"])
    return _private(TemplateResponse(request, "evaluation/dossier.html", context, status=status))


def file_response(evidence):
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=evidence.content_type, filename=evidence.original_name)
    # A file from the public is shown in a sandbox: it cannot run script against the site.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@require_GET
def evidence(request, token, evidence_id):
    assessment = _assessment(token)
    item = get_object_or_404(assessment.evidence, pk=evidence_id)
    return _private(file_response(item))


@never_cache
@require_GET
def certificate(request, token):
    assessment = _assessment(token)
    item = get_object_or_404(
        Certificate.objects.select_related("decision__area", "assessment__area"), assessment=assessment
    )
    response = HttpResponse(certificate_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="giay-chung-nhan-{item.code}.pdf"'
    return _private(response)


# --- Verification -------------------------------------------------------------------------------


@require_GET
def verify_form(request):
    code = services.parse_code(request.GET.get("code", ""))
    if code:
        return redirect("evaluation:verify", code=code)
    return _public_verify(TemplateResponse(request, "evaluation/verify.html", {"certificate": None, "code": ""}))


def _public_verify(response):
    # A holder's name is public on this page only for whoever has the code: keep it out of search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_GET
def verify(request, code):
    wanted = services.parse_code(code)
    if wanted != code:
        return redirect("evaluation:verify", code=wanted) if wanted else redirect("evaluation:verify_form")
    item = (
        Certificate.objects.select_related("decision", "assessment")
        .only(
            "code",
            "holder_name",
            "revoked_at",
            "assessment__title",
            "assessment__year",
            "decision__number",
            "decision__signed_on",
            "decision__issuing_body",
        )
        .filter(code=wanted)
        .first()
    )
    status = 200 if item is not None else 404
    context = {"certificate": item, "code": wanted, "form_url": reverse("evaluation:verify_form")}
    if item is not None:
        context.update(title=item.assessment.get_title_display(), year=item.assessment.year, decision=item.decision)
    return _public_verify(TemplateResponse(request, "evaluation/verify.html", context, status=status))
