from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage
from home.sections import page_sections
from network.models import BilingualName, Organisation
from network.widgets import OrganisationsChooser

from . import services, views


def tabbed(content, *extra_tabs, promote=BasePage.promote_panels):
    """The editor's tabs: content first, the page type's own tabs, then promote and settings."""
    return TabbedInterface(
        [
            ObjectList(content, heading=_("Content")),
            *extra_tabs,
            ObjectList(promote, heading=pgettext_lazy("editor tab", "Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )


class CampaignKind(BilingualName, models.Model):
    """A kind of campaign (Encouraging Learning Month, …): editors add new kinds as the movement invents them."""

    name = models.CharField(_("name in Vietnamese"), max_length=120, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Used in filter addresses, e.g. thang-khuyen-hoc.")
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("campaign kind")
        verbose_name_plural = _("campaign kinds")
        ordering = ["name"]

    def __str__(self):
        return self.label


class CampaignIndexPage(RoutablePageMixin, BasePage):
    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    @path("")
    def index_route(self, request):
        return views.campaign_index(self, request)


class CampaignPage(RoutablePageMixin, BasePage):
    """An outreach campaign (Encouraging Learning Month, Lifelong Learning Week, …)."""

    kind = models.ForeignKey(
        CampaignKind,
        verbose_name=_("kind"),
        null=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_("Missing a kind? Open the chooser and add it in its “Add a kind” tab."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    theme = models.CharField(
        _("theme"), max_length=300, blank=True, help_text=_("The campaign's theme sentence, as in the plan.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), help_text=_("The last day of the campaign (inclusive)."))
    lead_organisations = ParentalManyToManyField(
        Organisation,
        verbose_name=_("lead organisations"),
        blank=True,
        related_name="led_campaigns",
        help_text=_("The bodies that issue and lead the plan; they head the printed plan."),
    )
    coordinating_organisations = ParentalManyToManyField(
        Organisation, verbose_name=_("coordinating organisations"), blank=True, related_name="coordinated_campaigns"
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    purposes = RichTextField(_("purposes"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    requirements = RichTextField(_("requirements"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")),
        MultiFieldPanel(
            [
                FieldPanel("lead_organisations", widget=OrganisationsChooser),
                FieldPanel("coordinating_organisations", widget=OrganisationsChooser),
            ],
            heading=_("Organisers"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("purposes"),
        FieldPanel("requirements"),
    ]
    edit_handler = tabbed(
        content_panels,
        ObjectList([InlinePanel("activities", label=_("Activity"))], heading=_("Activities")),
        ObjectList([InlinePanel("targets", label=_("Target"))], heading=_("Targets")),
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.SearchField("purposes"),
        index.SearchField("requirements"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
        index.FilterField("year"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []
    route_related = (*BasePage.route_related, "kind", "hero_image")
    # What translations share with the Vietnamese page (home/translations.py).
    synchronised_fields = [
        "kind",
        "year",
        "start_date",
        "end_date",
        "lead_organisations",
        "coordinating_organisations",
        "hero_image",
    ]
    synchronised_children = {
        "activities": ["lead_organisation", "coordinating_organisations", "start_date", "end_date"],
        "targets": ["target_value", "unit", "achieved_value", "as_of"],
    }

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def clean(self):
        super().clean()
        errors = services.validate_period(self.start_date, self.end_date, {})
        years = {date.year for date in (self.start_date, self.end_date) if date}
        if years and self.year and self.year not in years:
            errors["year"] = _("The year should be the year in which the campaign takes place (%(year)s).") % {
                "year": self.start_date.year
            }
        if errors:
            raise ValidationError(errors)

    def get_social_image(self):
        return self.social_image or self.hero_image

    def status(self, today):
        return services.campaign_status(self, today)

    def get_search_extras(self):
        with translation.override(self.locale.language_code):
            return {
                "date": self.start_date,
                "facets": {"campaign_kind": [self.kind.label] if self.kind_id else []},
                "text": " ".join([self.theme, *(a.title for a in self.activities.all())]),
            }

    @path("")
    def index_route(self, request):
        return views.campaign_detail(self, request)

    @path("print/", name="print")
    def print_route(self, request):
        return views.campaign_print(self, request)

    @path("rss/", name="rss")
    def rss_route(self, request):
        return views.campaign_news_feed(self, request, "rss")

    @path("atom/", name="atom")
    def atom_route(self, request):
        return views.campaign_news_feed(self, request, "atom")

    def get_sections(self, request):
        return page_sections("portal_campaign_sections", self, request)


class CampaignActivity(Orderable, ClusterableModel):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_activities",
    )
    coordinating_organisations = ParentalManyToManyField(
        Organisation, verbose_name=_("coordinating organisations"), blank=True, related_name="coordinated_activities"
    )
    other_coordinators = models.CharField(
        _("other coordinating units"),
        max_length=300,
        blank=True,
        help_text=_("Units not in the organisation list, e.g. “các sở, ngành liên quan”."),
    )
    timing = models.CharField(
        _("timing"), max_length=120, blank=True, help_text=_("As the plan words it, e.g. “Tháng 9/2023”, “Quý IV”.")
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("lead_organisation"),
        FieldPanel("coordinating_organisations", widget=OrganisationsChooser),
        FieldPanel("other_coordinators"),
        FieldPanel("timing"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = services.validate_period(self.start_date, self.end_date, {})
        if errors:
            raise ValidationError(errors)


class TargetUnit(models.TextChoices):
    PERCENT = "percent", _("per cent (%)")
    NUMBER = "number", _("number")


def _plain_number(value):
    """27.50 → "27,5" in Vietnamese, 10.00 → "10": the way targets are written in the plans."""
    value = Decimal(value)
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value)


class CampaignTarget(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="targets")
    label = models.CharField(
        pgettext_lazy("campaign target", "label"),
        max_length=300,
        help_text=_("e.g. “Gia đình đạt danh hiệu Gia đình học tập”."),
    )
    target_value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=TargetUnit.choices, default=TargetUnit.PERCENT)
    unit_label = models.CharField(
        _("unit label"),
        max_length=80,
        blank=True,
        help_text=_("For numbers: what is counted, e.g. “ban khuyến học mỗi quận, huyện”."),
    )
    achieved_value = models.DecimalField(
        _("achieved value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty until reported."),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True, help_text=_("The date of the achieved value."))
    # A target backed by data: the achieved value comes from the network's approved figures
    # (through the ``portal_target_achieved`` hook), unless an editor overrides it with a note.
    indicator = models.ForeignKey(
        "reports.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind__in": ["rate", "percentage", "count", "money"]},
        help_text=_("For a percentage target, choose a rate; for a number, a count."),
    )
    area = models.ForeignKey(
        "network.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year of the figures"), null=True, blank=True)
    achieved_note = models.CharField(
        _("why the achieved value is typed"),
        max_length=300,
        blank=True,
        help_text=_("Needed when a value typed above replaces the reported figures, e.g. “provisional count”."),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("unit"), FieldPanel("unit_label")]),
        MultiFieldPanel(
            [FieldPanel("indicator"), FieldRowPanel([FieldPanel("area"), FieldPanel("year")])],
            heading=_("Achieved value from the reported figures"),
        ),
        FieldRowPanel([FieldPanel("achieved_value"), FieldPanel("as_of")], heading=_("Achieved value typed by hand")),
        FieldPanel("achieved_note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        errors = {}
        if self.target_value is not None and self.target_value <= 0:
            errors["target_value"] = _("The target must be greater than zero.")
        if self.unit == TargetUnit.PERCENT:
            for field in ("target_value", "achieved_value"):
                value = getattr(self, field)
                if value is not None and value > 100 and field not in errors:
                    errors[field] = _("A percentage cannot be more than 100.")
        if self.achieved_value is not None and self.achieved_value < 0:
            errors["achieved_value"] = _("The achieved value cannot be negative.")
        if self.achieved_value is not None and self.as_of is None:
            errors["as_of"] = _("Give the date on which the achieved value was measured.")
        if self.indicator_id:
            if not self.area_id:
                errors["area"] = _("Choose the area whose figures count towards this target.")
            if not self.year:
                errors["year"] = _("Give the year of the figures.")
            if self.achieved_value is not None and not self.achieved_note.strip():
                errors["achieved_note"] = _("Say why the typed value replaces the reported figures.")
        elif self.area_id or self.year:
            errors["indicator"] = _("Choose the indicator whose figures count towards this target.")
        if errors:
            raise ValidationError(errors)

    # Set by services.with_achieved(): what the reported figures say, or None.
    data = None

    @property
    def is_overridden(self):
        return self.achieved_value is not None and bool(self.indicator_id)

    @property
    def achieved(self):
        if self.achieved_value is not None:
            return self.achieved_value
        return self.data["value"] if self.data else None

    @property
    def achieved_as_of(self):
        if self.achieved_value is not None:
            return self.as_of
        return self.data.get("as_of") if self.data else None

    @property
    def source_line(self):
        if self.is_overridden:
            return _("Typed by the editor: %(note)s") % {"note": self.achieved_note}
        if self.achieved_value is None and self.data:
            return self.data.get("source", "")
        return ""

    @property
    def progress(self):
        return services.target_progress(self.target_value, self.achieved)

    def _display(self, value):
        if value is None:
            return ""
        if self.unit == TargetUnit.PERCENT:
            return f"{_plain_number(value)}%"
        return f"{_plain_number(value)} {self.unit_label}".strip()

    @property
    def display_target(self):
        return self._display(self.target_value)

    @property
    def display_achieved(self):
        return self._display(self.achieved)


class StoryTitle(models.TextChoices):
    LEARNING_FAMILY = "learning_family", _("Learning family")
    LEARNING_CLAN = "learning_clan", _("Learning clan")
    LEARNING_COMMUNITY = "learning_community", _("Learning community")
    LEARNING_UNIT = "learning_unit", _("Learning unit")
    LEARNING_CITIZEN = "learning_citizen", _("Learning citizen")
    SCHOLARSHIP = "scholarship", _("Scholarship")
    OTHER = "other", _("Other")


class SubjectKind(models.TextChoices):
    PERSON = "person", _("Person")
    COLLECTIVE = "collective", _("Collective")


class StoryIndexPage(RoutablePageMixin, BasePage):
    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("exemplar story index")

    @path("")
    def index_route(self, request):
        return views.story_index(self, request)


class StoryPage(BasePage):
    """An exemplar: a person or collective honoured by the movement, told as a story."""

    subject_name = models.CharField(
        _("who"), max_length=200, help_text=_("The person's or collective's name, e.g. “Gia đình ông Trần Văn Bình”.")
    )
    subject_kind = models.CharField(
        _("person or collective"), max_length=20, choices=SubjectKind.choices, default=SubjectKind.PERSON
    )
    earned_title = models.CharField(
        _("title earned"), max_length=30, choices=StoryTitle.choices, default=StoryTitle.LEARNING_FAMILY
    )
    district = models.CharField(_("district"), max_length=100, help_text=_("e.g. Quận 8, Huyện An Dương."))
    ward = models.CharField(_("ward or commune"), max_length=100, blank=True)
    campaign = models.ForeignKey(
        CampaignPage,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
        help_text=_("The campaign during which the exemplar was honoured, if any."),
    )
    summary = models.TextField(_("summary"), max_length=500, help_text=_("Two or three sentences shown in listings."))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pull_quote = models.TextField(
        _("pull quote"), blank=True, help_text=_("A sentence the exemplar said, shown large.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("subject_name"), FieldPanel("subject_kind")]),
                FieldPanel("earned_title"),
                FieldRowPanel([FieldPanel("district"), FieldPanel("ward")]),
                FieldPanel("campaign"),
            ],
            heading=_("The exemplar"),
        ),
        FieldPanel("summary"),
        FieldPanel("photo"),
        FieldPanel("pull_quote"),
        FieldPanel("body"),
    ]
    edit_handler = tabbed(
        content_panels, ObjectList([InlinePanel("gallery_images", label=_("Photo"))], heading=_("Photo gallery"))
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subject_name"),
        index.SearchField("summary"),
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.FilterField("earned_title"),
        index.FilterField("district"),
        index.FilterField("campaign"),
    ]

    parent_page_types = ["campaigns.StoryIndexPage"]
    subpage_types = []
    route_related = (*BasePage.route_related, "photo", "campaign")
    synchronised_fields = ["subject_kind", "earned_title", "campaign", "photo"]
    synchronised_children = {"gallery_images": ["image"]}

    class Meta:
        verbose_name = _("exemplar story")
        verbose_name_plural = _("exemplar stories")

    def get_social_image(self):
        return self.social_image or self.photo

    def get_search_extras(self):
        with translation.override(self.locale.language_code):
            return {
                # The year the exemplar was honoured, when the story belongs to a campaign.
                "date": self.campaign.year if self.campaign else self.first_published_at,
                "facets": {"title_earned": [str(self.get_earned_title_display())], "district": [self.district]},
                "text": self.ward,
            }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(views.story_context(self, request))
        return context


class StoryGalleryImage(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(
        _("caption"), max_length=250, blank=True, help_text=_("Also read aloud to people who cannot see the photo.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
