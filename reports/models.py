"""The network's yearly figures: indicator sets and their versions, reporting periods, submissions.

An indicator set (the title statistics, the UNESCO Key Features of Learning Cities) is data that
editors revise: each revision is a new *version*, and a period names the version it collects.
Once a period uses a version, the version's structure (codes, kinds, formulas) is frozen, so a
later revision never changes the figures of earlier years; texts stay editable, so that a sample
text can be replaced by the official one.

Reporters are assigned to an area (or an education unit) and fill in that area's submission;
reviewers assigned to an area above approve or return it. Only approved figures are public.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from home.models import BasePage
from network.models import Area, BilingualName, LearningTitle, Organisation
from network.services import reference_day

from . import views
from .forms import VersionForm


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("Count")
    RATE = "rate", _("Rate (computed from two counts)")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes or no")
    MONEY = "money", _("Money (VND)")
    TEXT = "text", pgettext_lazy("indicator type", "Text")
    EVIDENCE = "evidence", _("Evidence")


NUMERIC_KINDS = {IndicatorKind.COUNT, IndicatorKind.MONEY, IndicatorKind.PERCENTAGE}
SUMMED_KINDS = {IndicatorKind.COUNT, IndicatorKind.MONEY}


class TitleMeasure(models.TextChoices):
    RECOGNISED = "recognised", _("Number recognised")
    ELIGIBLE = "eligible", _("Number eligible")


class SetKind(models.TextChoices):
    TITLES = "titles", _("Title statistics")
    FRAMEWORK = "framework", _("UNESCO learning-city framework")
    OTHER = "other", pgettext_lazy("indicator set", "Other")


class ReportingLevel(models.TextChoices):
    """Who reports: the areas of a level, or education units (schools, education centres)."""

    COMMUNE = "commune", _("Communes and wards")
    DISTRICT = "district", _("Districts")
    PROVINCE = "province", _("Provinces and cities")
    UNIT = "unit", _("Education units")


LEVEL_FLAGS = {
    ReportingLevel.COMMUNE: "for_communes",
    ReportingLevel.DISTRICT: "for_districts",
    ReportingLevel.PROVINCE: "for_provinces",
    ReportingLevel.UNIT: "for_units",
}


class IndicatorSet(BilingualName, models.Model):
    """A family of indicators that is reported year after year, e.g. the title statistics."""

    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Used in addresses and files."))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SetKind.choices, default=SetKind.OTHER)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("indicator set")
        verbose_name_plural = _("indicator sets")
        ordering = ["name"]

    def __str__(self):
        return self.label


class IndicatorSetVersion(ClusterableModel):
    """One revision of a set: its sections and indicators, frozen once a period uses it."""

    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(pgettext_lazy("indicator set", "version"))
    label = models.CharField(
        pgettext_lazy("version", "label"), max_length=120, blank=True, help_text=_("e.g. “2025, after the merger”.")
    )
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Where the structure and texts come from; say which texts are samples."),
    )
    notes = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    base_form_class = VersionForm
    panels = [
        FieldRowPanel([FieldPanel("indicator_set"), FieldPanel("number"), FieldPanel("label")]),
        FieldPanel("source"),
        FieldPanel("notes"),
        InlinePanel("sections", heading=_("Sections and indicators"), label=pgettext_lazy("indicator set", "Section")),
    ]

    class Meta:
        verbose_name = _("indicator set version")
        verbose_name_plural = _("indicator set versions")
        ordering = ["indicator_set__name", "-number"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "number"], name="unique_version_number")]

    def __str__(self):
        name = _("%(set)s, version %(number)s") % {"set": self.indicator_set.label, "number": self.number}
        return f"{name} ({self.label})" if self.label else name

    @property
    def is_in_use(self):
        return self.pk is not None and self.periods.exists()


class Section(BilingualName, ClusterableModel, Orderable):
    """A heading of a set: its code says where it sits (“2” an area, “2.2” an area of focus, “2.2.1” a key feature)."""

    version = ParentalKey(IndicatorSetVersion, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=20, help_text=_("e.g. 2.2 for an area of focus under area 2."))
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_sample = models.BooleanField(
        _("sample text"),
        default=False,
        help_text=_("The text is a sample written for the demo, not the official text: replace it."),
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("is_sample")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
        InlinePanel("indicators", label=_("Indicator")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def depth(self):
        return self.code.count(".") + 1


class IndicatorManager(models.Manager):
    def get_queryset(self):
        # Every label names its set and version: choosers list hundreds of them.
        return super().get_queryset().select_related("section__version__indicator_set")


class Indicator(BilingualName, Orderable):
    section = ParentalKey(Section, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(
        _("code"),
        max_length=30,
        help_text=_("Stays the same from version to version while the meaning does: it links the years."),
    )
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300, blank=True)
    description = models.TextField(_("how to report it"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=IndicatorKind.choices, default=IndicatorKind.COUNT)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("What is counted, e.g. “gia đình”."))
    unit_en = models.CharField(_("unit in English"), max_length=60, blank=True, help_text=_("E.g. “families”."))
    numerator = models.CharField(
        _("numerator"), max_length=30, blank=True, help_text=_("For a rate: the code of the counted part.")
    )
    denominator = models.CharField(
        _("denominator"), max_length=30, blank=True, help_text=_("For a rate: the code of the whole.")
    )
    title = models.CharField(
        _("learning title"),
        max_length=30,
        choices=LearningTitle.choices,
        blank=True,
        help_text=_("For the title statistics: the title this count is about."),
    )
    measure = models.CharField(_("measure"), max_length=20, choices=TitleMeasure.choices, blank=True)
    required = models.BooleanField(_("required"), default=True, help_text=_("A report cannot be sent without it."))
    for_communes = models.BooleanField(_("communes and wards"), default=False)
    for_districts = models.BooleanField(_("districts"), default=False)
    for_provinces = models.BooleanField(_("provinces and cities"), default=False)
    for_units = models.BooleanField(_("education units"), default=False)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Approved values appear on the public dashboard and in the reports.")
    )
    is_sample = models.BooleanField(
        _("sample text"),
        default=False,
        help_text=_("The text is a sample written for the demo, not the official text: replace it."),
    )

    objects = IndicatorManager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("unit"), FieldPanel("unit_en")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("numerator"), FieldPanel("denominator")], heading=_("Rate")),
        FieldRowPanel([FieldPanel("title"), FieldPanel("measure")], heading=_("Title statistics")),
        FieldRowPanel(
            [
                FieldPanel("for_communes"),
                FieldPanel("for_districts"),
                FieldPanel("for_provinces"),
                FieldPanel("for_units"),
            ],
            heading=_("Reported by"),
        ),
        FieldRowPanel([FieldPanel("required"), FieldPanel("is_public"), FieldPanel("is_sample")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    @property
    def unit_label(self):
        if translation.get_language() == "en" and self.unit_en:
            return self.unit_en
        return self.unit

    def __str__(self):
        version = self.section.version
        return f"{version.indicator_set.label} v{version.number} · {self.code} {self.label}"

    def reported_by(self, level):
        return getattr(self, LEVEL_FLAGS[level])

    @property
    def is_summed(self):
        return self.kind in SUMMED_KINDS


class Period(ClusterableModel):
    """A year's reporting round for one version of a set, with a deadline per level."""

    indicator_set = models.ForeignKey(
        IndicatorSet, verbose_name=_("indicator set"), on_delete=models.PROTECT, related_name="periods", editable=False
    )
    version = models.ForeignKey(
        IndicatorSetVersion, verbose_name=_("indicator set version"), on_delete=models.PROTECT, related_name="periods"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    areas = ParentalManyToManyField(
        Area,
        verbose_name=_("provinces and cities covered"),
        related_name="reporting_periods",
        limit_choices_to={"level": "province"},
        help_text=_("Their communes, districts and education units report in this period."),
    )
    notes = models.TextField(_("notes for reporters"), blank=True)
    recognitions_from_portal = models.BooleanField(
        _("recognised numbers from the portal's evaluation"),
        default=False,
        help_text=_(
            "Tick only when every recognition of the year is decided on the portal: for each title the "
            "evaluation has decided, the number recognised then counts its certificates instead of what "
            "reporters send (the number eligible still comes from the reports)."
        ),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    # Bumped whenever an approval changes; the stored figures say which stamp they were built from.
    figures_stamp = models.PositiveIntegerField(default=0, editable=False)
    figures_built = models.PositiveIntegerField(null=True, editable=False)
    figures_as_of = models.DateTimeField(null=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("version"), FieldPanel("year")]),
        FieldPanel("areas"),
        InlinePanel("deadlines", heading=_("Deadlines"), label=pgettext_lazy("report", "Deadline"), min_num=1),
        FieldPanel("notes"),
        FieldPanel("recognitions_from_portal"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "indicator_set__name"]
        constraints = [models.UniqueConstraint(fields=["indicator_set", "year"], name="one_period_per_set_and_year")]

    def __str__(self):
        return f"{self.version.indicator_set.label} {self.year}"

    def save(self, *args, **kwargs):
        self.indicator_set_id = self.version.indicator_set_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not self.version_id:
            return
        from django.core.exceptions import ValidationError

        errors = {}
        others = Period.objects.filter(indicator_set_id=self.version.indicator_set_id, year=self.year)
        if others.exclude(pk=self.pk).exists():
            errors["year"] = _("%(set)s already has a period for %(year)s.") % {
                "set": self.version.indicator_set,
                "year": self.year,
            }
        stored = Period.objects.filter(pk=self.pk).values("version_id", "year").first() if self.pk else None
        changed = stored and (stored["version_id"], stored["year"]) != (self.version_id, self.year)
        if changed and self.submissions.exists():
            errors["version"] = _("Reports have been made in this period: its version and year can no longer change.")
        if errors:
            raise ValidationError(errors)

    @property
    def reference_day(self):
        return reference_day(self.year)

    def deadline_for(self, level):
        for deadline in self.deadlines.all():
            if deadline.level == level:
                return deadline.due
        return None


class Deadline(Orderable):
    period = ParentalKey(Period, on_delete=models.CASCADE, related_name="deadlines")
    level = models.CharField(_("who reports"), max_length=20, choices=ReportingLevel.choices)
    due = models.DateField(_("deadline"))

    panels = [FieldRowPanel([FieldPanel("level"), FieldPanel("due")])]

    class Meta(Orderable.Meta):
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["period", "level"], name="one_deadline_per_level")]

    def __str__(self):
        return f"{self.get_level_display()}: {self.due:%d/%m/%Y}"


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    REVIEWER = "reviewer", _("Reviewer")


class Assignment(models.Model):
    """Who reports for an area or an education unit, and who reviews the areas below one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("assignment", "user"),
        on_delete=models.CASCADE,
        related_name="reporting_assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_assignments",
        help_text=_("A reporter fills in this area's report; a reviewer reviews the reports of the areas below it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("education unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reporting_assignments",
        help_text=_("For the reporter of a school or education centre, instead of an area."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("user"), FieldPanel("role")]),
        FieldPanel("area"),
        FieldPanel("organisation"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("reporting assignment")
        verbose_name_plural = _("reporting assignments")
        ordering = ["area__code", "role"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False) | Q(organisation__isnull=False, role="reporter"),
                name="assignment_has_a_place",
            ),
        ]

    def __str__(self):
        place = self.organisation or self.area
        return f"{self.user.get_full_name() or self.user.get_username()} · {self.get_role_display()} · {place}"

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.role == Role.REVIEWER and not self.area_id:
            errors["area"] = _("A reviewer reviews the areas below an area: choose it.")
        if self.role == Role.REPORTER and bool(self.area_id) == bool(self.organisation_id):
            errors["area"] = _("A reporter reports either for an area or for an education unit: choose one.")
        if errors:
            raise ValidationError(errors)


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
    APPROVED = "approved", pgettext_lazy("report status", "Approved")
    RETURNED = "returned", pgettext_lazy("report status", "Returned for correction")


EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}


class SubmissionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Status.APPROVED)


class Submission(models.Model):
    """One area's (or education unit's) figures for a period."""

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="submissions")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="submissions")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("education unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # {indicator code: number, true/false or text}, in the period's version.
    values = models.JSONField(_("values"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["period", "area__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "area"], condition=Q(organisation__isnull=True), name="one_report_per_area"
            ),
            models.UniqueConstraint(
                fields=["period", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_report_per_unit",
            ),
        ]
        permissions = [
            ("report_figures", _("Can fill in the reports of assigned areas")),
            ("review_figures", _("Can review the reports of the areas below assigned ones")),
            ("manage_figures", _("Can manage periods, indicator sets and every report")),
        ]

    def __str__(self):
        return f"{self.period} · {self.place_label}"

    @property
    def place_label(self):
        return self.organisation.label if self.organisation_id else self.area.label

    @property
    def level(self):
        if self.organisation_id:
            return ReportingLevel.UNIT
        return self.area.level

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES


def evidence_path(instance, filename):
    return f"evidence/{instance.submission.period_id}/{uuid.uuid4().hex}/{Path(filename).name}"


class PrivateStorage(FileSystemStorage):
    """Evidence lives outside MEDIA_ROOT: the web server never serves it, the views check who asks."""

    @property
    def base_location(self):
        return settings.REPORTS_PRIVATE_ROOT

    @property
    def location(self):
        return str(Path(self.base_location).resolve())


private_storage = PrivateStorage()


class Evidence(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="evidence")
    indicator_code = models.CharField(_("indicator"), max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, max_length=300)
    is_public = models.BooleanField(
        _("public once approved"),
        default=True,
        help_text=_("Published with the approved report. Untick it for documents with personal data."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return Path(self.file.name).name


class AreaFigure(models.Model):
    """An area's approved figures for a period, summed up the tree: rebuilt when an approval changes."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="figures")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(default=dict)
    sources = models.PositiveIntegerField(default=0)
    reported = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "area"], name="one_figure_per_area")]

    def __str__(self):
        return f"{self.period} · {self.area}"


class ReminderSent(models.Model):
    """Reminders already sent, so that running the command again sends nothing twice."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    days_before = models.SmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "key", "days_before"], name="one_reminder_per_threshold")
        ]

    def __str__(self):
        return f"{self.period} · {self.key} · {self.days_before}"


class DashboardPage(RoutablePageMixin, BasePage):
    """The public figures (“Số liệu”): approved figures by area and year, targets, trends, open data."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    indicator_set = models.ForeignKey(
        IndicatorSet,
        verbose_name=_("indicator set shown"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Usually the title statistics."),
    )
    framework_set = models.ForeignKey(
        IndicatorSet,
        verbose_name=_("framework for the report to UNESCO"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("city shown first"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    about_data = RichTextField(
        _("about the data"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("How the figures are collected, checked and licensed."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("indicator_set"), FieldPanel("area"), FieldPanel("framework_set")]),
        FieldPanel("about_data"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("figures dashboard")

    @path("")
    def index_route(self, request):
        return views.dashboard(self, request)

    # Wagtail's page addresses end with a slash and have no dots: "csv/", not "data.csv".
    @path("csv/", name="csv")
    def csv_route(self, request):
        return views.download(self, request, "csv")

    @path("json/", name="json")
    def json_route(self, request):
        return views.download(self, request, "json")

    @path("unesco/<int:year>/", name="unesco")
    def unesco_route(self, request, year):
        return views.unesco_report(self, request, year)

    @path("unesco/<int:year>/xlsx/", name="unesco_xlsx")
    def unesco_xlsx_route(self, request, year):
        return views.unesco_workbook(self, request, year)

    @path("evidence/<int:pk>/", name="evidence")
    def evidence_route(self, request, pk):
        return views.public_evidence(self, request, pk)
