"""Criteria sets, periods, self-assessments, reviewers, recognition decisions and certificates.

The rules (scoring, duplicates, review, decisions, purge) live in ``services.py`` and
``scoring.py``; the models only declare what is stored. An assessment keeps a snapshot of the
criteria it was scored against, so that editing a criteria set never changes a past assessment.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from home.models import BasePage
from network.models import LearningTitle

# The URL words of each title on the public pages (the same in both languages, so that a link
# shared in Zalo works whatever the reader's language).
TITLE_SLUGS = {
    LearningTitle.LEARNING_CITIZEN: "cong-dan-hoc-tap",
    LearningTitle.LEARNING_FAMILY: "gia-dinh-hoc-tap",
    LearningTitle.LEARNING_CLAN: "dong-ho-hoc-tap",
    LearningTitle.LEARNING_COMMUNITY: "cong-dong-hoc-tap",
    LearningTitle.LEARNING_UNIT: "don-vi-hoc-tap",
}
# A citizen assesses themself; the other titles are filled in by a representative.
PERSONAL_TITLES = (LearningTitle.LEARNING_CITIZEN, LearningTitle.LEARNING_FAMILY, LearningTitle.LEARNING_CLAN)


class CriterionKind(models.TextChoices):
    POINTS = "points", _("Points")
    YES_NO = "yes_no", _("Yes or no")
    NUMBER = "number", _("A number")


class CriteriaSetForm(WagtailAdminModelForm):
    """Criterion codes are how answers and reviewers' comments find their criterion: one per set."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("criteria")
        if formset is None:
            return cleaned
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            code = (data.get("code") or "").strip()
            if code in seen:
                form.add_error(
                    "code", _("Another criterion of this set already has the code “%(code)s”.") % {"code": code}
                )
            seen.add(code)
        return cleaned


class CriteriaSet(index.Indexed, ClusterableModel):
    """One version of the criteria of a title: groups of criteria, and the thresholds for recognition."""

    title = models.CharField(pgettext_lazy("learning title", "title"), max_length=30, choices=LearningTitle.choices)
    version = models.CharField(
        _("version"), max_length=40, help_text=_("E.g. “2024” or “Decision 324 (2023)”; unique per title.")
    )
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("The official text, e.g. the Vietnam Study Promotion Association's Decision 324 of 25/10/2023."),
    )
    is_sample = models.BooleanField(
        _("sample criteria"),
        default=False,
        help_text=_("A sample to be replaced by the official text; pages and certificates say so."),
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the criteria."))
    pass_points = models.DecimalField(
        _("points needed"),
        max_digits=7,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("The total score an assessment must reach to be recognised."),
    )
    min_criteria_met = models.PositiveSmallIntegerField(
        _("criteria to meet"),
        default=0,
        help_text=_("How many criteria must be met at least (0: no such rule). Mandatory criteria must always be met."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = CriteriaSetForm
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("version")]),
        FieldPanel("name"),
        FieldPanel("legal_basis"),
        FieldPanel("is_sample"),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("pass_points"), FieldPanel("min_criteria_met")], heading=_("Thresholds")),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("version"), index.FilterField("title")]

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["title", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["title", "version"], name="evaluation_one_version_per_title")]

    def __str__(self):
        return f"{self.get_title_display()} – {self.version}"


class Criterion(Orderable):
    criteria_set = ParentalKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    group = models.CharField(
        _("group"), max_length=255, help_text=_("The heading the criterion sits under, e.g. “I. Học tập thường xuyên”.")
    )
    code = models.CharField(_("code"), max_length=20, help_text=_("E.g. 1.2; unique in the set."))
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance"), blank=True, help_text=_("How to answer, and what counts as evidence."))
    kind = models.CharField(_("kind"), max_length=10, choices=CriterionKind.choices, default=CriterionKind.YES_NO)
    max_points = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Points kind: the most one can give. Yes or no, or a number: the points when met."),
    )
    target = models.DecimalField(
        pgettext_lazy("criterion", "target"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("A number: the value that meets the criterion. Points: the score that meets it (empty: any)."),
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("For a number, e.g. “giờ/năm”."))
    mandatory = models.BooleanField(_("mandatory"), default=False, help_text=_("Not met: not recognised."))
    requires_evidence = models.BooleanField(_("evidence required"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("group")]),
        FieldPanel("text"),
        FieldPanel("guidance"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("max_points"), FieldPanel("target"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("mandatory"), FieldPanel("requires_evidence")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return f"{self.code}. {self.text[:60]}"

    def clean(self):
        if self.kind == CriterionKind.NUMBER and self.target is None:
            raise ValidationError({"target": _("A number criterion needs the value that meets it.")})
        if self.kind == CriterionKind.POINTS and self.max_points <= 0:
            raise ValidationError({"max_points": _("Give the most points one can score.")})
        if self.kind == CriterionKind.POINTS and self.target is not None and self.target > self.max_points:
            raise ValidationError({"target": _("The score that meets the criterion cannot exceed its points.")})


class AssessmentPeriod(models.Model):
    """A year's round of one title, with the criteria version it uses."""

    title = models.CharField(pgettext_lazy("learning title", "title"), max_length=30, choices=LearningTitle.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name=_("criteria set"), on_delete=models.PROTECT, related_name="periods"
    )
    opens_on = models.DateField(_("self-assessment opens"))
    closes_on = models.DateField(_("self-assessment closes"), help_text=_("The last day people can submit."))
    note = models.TextField(_("note for applicants"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("year")]),
        FieldPanel("criteria_set"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-year", "title"]
        constraints = [models.UniqueConstraint(fields=["title", "year"], name="evaluation_one_period_per_title_year")]

    def __str__(self):
        return f"{self.get_title_display()} {self.year}"

    def clean(self):
        errors = {}
        if self.criteria_set_id and self.title and self.criteria_set.title != self.title:
            errors["criteria_set"] = _("Choose a criteria set of the same title.")
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The period cannot close before it opens.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved, awaiting decision")
    RECOGNISED = "recognised", _("Recognised")


# The person (or representative) may still change these.
EDITABLE_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class Assessment(models.Model):
    """A self-assessment of one person or unit for one title and year, and its review."""

    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="assessments"
    )
    title = models.CharField(
        pgettext_lazy("learning title", "title"), max_length=30, choices=LearningTitle.choices, editable=False
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    reference = models.CharField(pgettext_lazy("evaluation", "reference code"), max_length=12, unique=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    subject_name = models.CharField(
        _("name"), max_length=255, help_text=_("The citizen, the family, the clan, the community or the unit.")
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    area = models.ForeignKey(
        "network.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="assessments"
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    contact_name = models.CharField(_("filled in by"), max_length=150)
    email = models.EmailField(_("e-mail"))
    email_normalised = models.CharField(max_length=254, editable=False, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(max_length=10, default="vi")
    # What catches the same person or unit twice: the e-mail for a citizen, area and folded name otherwise.
    identity = models.CharField(max_length=400, editable=False)
    criteria = models.JSONField(_("criteria scored against"), default=dict, editable=False)
    criteria_taken_at = models.DateTimeField(null=True, editable=False)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=0)
    criteria_met = models.PositiveSmallIntegerField(_("criteria met"), default=0)
    is_eligible = models.BooleanField(_("reaches the thresholds"), default=False)
    review_comments = models.JSONField(default=dict, blank=True, editable=False)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("evaluation", "started at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Behind the service's own check: one assessment per person or unit, title and year.
            models.UniqueConstraint(
                fields=["title", "year", "identity"],
                condition=Q(anonymised_at__isnull=True),
                name="evaluation_one_assessment_per_identity",
            )
        ]
        indexes = [models.Index(fields=["status", "title", "year"]), models.Index(fields=["area", "status"])]

    def __str__(self):
        # The reference only: this is the label of history entries, which the admin's site history
        # shows to anyone allowed to see assessments, whatever their areas.
        return self.display_reference

    @property
    def display_reference(self):
        return f"{self.reference[:4]}-{self.reference[4:]}"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES and self.anonymised_at is None

    @property
    def is_personal(self):
        return self.title in PERSONAL_TITLES


@deconstructible
class EvidenceStorage(FileSystemStorage):
    """Evidence is personal data: kept outside MEDIA_ROOT (never served by the web server) and
    handed out only by views that check the private link or the reviewer's area."""

    @property
    def base_location(self):
        return str(settings.EVALUATION_EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def _evidence_path(instance, filename):
    extension = os.path.splitext(filename)[1].lower()
    return f"{instance.assessment.year}/{instance.assessment.reference}/{instance.stored_name}{extension}"


class Evidence(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    criterion_code = models.CharField(max_length=20)
    file = models.FileField(upload_to=_evidence_path, storage=EvidenceStorage(), max_length=255)
    stored_name = models.CharField(max_length=40, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["criterion_code", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReviewerAssignment(models.Model):
    """A reviewer sees and reviews the assessments of this area and of every area below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="evaluation_assignments",
    )
    area = models.ForeignKey(
        "network.Area", verbose_name=_("area"), on_delete=models.PROTECT, related_name="evaluation_reviewers"
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("E.g. the reviewer's position."))
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("area"), FieldPanel("note")]

    class Meta:
        verbose_name = _("reviewer assignment")
        verbose_name_plural = _("reviewer assignments")
        ordering = ["area__code", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="evaluation_one_assignment_per_area")]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username() if self.user_id else "?"
        return f"{name} – {self.area.name}" if self.area_id else name


class RecognitionDecision(models.Model):
    """A decision that recognises a batch of people or units for one title and year."""

    period = models.ForeignKey(
        AssessmentPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.CharField(_("decision number"), max_length=60, help_text=_("E.g. “125/QĐ-UBND”."))
    signed_on = models.DateField(_("date"))
    issuing_body = models.CharField(
        _("issued by"), max_length=255, help_text=_("E.g. “Ủy ban nhân dân phường Sài Gòn”.")
    )
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    area = models.ForeignKey(
        "network.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="recognition_decisions",
        help_text=_("The area the issuing body governs: the decision covers assessments of this area."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        ordering = ["-signed_on", "-pk"]
        # Decision numbers start again at 1 every year, so "125/QĐ-UBND" recurs from one body.
        constraints = [
            models.UniqueConstraint(
                "issuing_body", "number", ExtractYear("signed_on"), name="evaluation_one_decision_number_per_body_year"
            )
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {
            "number": self.number,
            "date": self.signed_on.strftime("%d/%m/%Y"),
        }


class Certificate(models.Model):
    """The recognition of one assessment; its code is what the QR code and the public page show."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="certificate")
    decision = models.ForeignKey(RecognitionDecision, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    holder_name = models.CharField(_("name on the certificate"), max_length=255)
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["decision", "holder_name"]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self):
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))


class EvaluationPage(RoutablePageMixin, BasePage):
    """The public entry: the titles open for self-assessment, their criteria, and the start forms."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    contact = RichTextField(
        pgettext_lazy("evaluation page", "help and contact"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who to ask about the titles, e.g. the ward's Study Promotion Association."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), MultiFieldPanel([FieldPanel("contact")])]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("evaluation page")

    @path("")
    def index_route(self, request):
        from . import views

        return views.landing(self, request)

    @path("gui-lai-lien-ket/", name="resend")
    def resend_route(self, request):
        from . import views

        return views.resend(self, request)

    @path("<slug:title_slug>/", name="start")
    def start_route(self, request, title_slug):
        from . import views

        return views.start(self, request, title_slug)


class ExportRecord(models.Model):
    """One export of personal data (Decree 13/2023/NĐ-CP: who took what out, and when)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("exported at"), default=timezone.now)
    what = models.CharField(_("what"), max_length=100)
    rows = models.PositiveIntegerField(_("rows"))
    filters = models.CharField(_("filters"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.what} ({self.created_at:%d/%m/%Y %H:%M})"
