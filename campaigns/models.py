from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home.models import BasePage


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government agency")
    ASSOCIATION = "association", _("Study Promotion Association branch")
    SCHOOL = "school", _("School or education centre")
    BUSINESS = "business", _("Business")
    COMMUNITY = "community", _("Community")
    ARMED_FORCES = "armed_forces", _("Armed forces unit")
    OTHER = "other", _("Other")


class Organisation(index.Indexed, models.Model):
    """An agency, association branch, school or business: organiser, publisher or registrant."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    district = models.CharField(
        _("district"), max_length=100, blank=True, help_text=_("Urban or rural district, e.g. Quận 1, Huyện Củ Chi.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("district"),
        FieldPanel("parent"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("district"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "district"], name="unique_organisation_per_district")]

    def __str__(self):
        return f"{self.name} ({self.district})" if self.district else self.name


class CampaignKind(models.TextChoices):
    LEARNING_MONTH = "learning_month", _("Encouraging Learning Month")
    LIFELONG_LEARNING_WEEK = "lifelong_learning_week", _("Lifelong Learning Week")
    STUDY_PROMOTION_DAY = "study_promotion_day", _("Vietnam Study Promotion Day")
    BOOK_DAY = "book_day", _("Book and Reading Culture Day")
    OTHER = "other", _("Other")


class CampaignIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")


class CampaignPage(BasePage):
    """An outreach campaign (Encouraging Learning Month, Lifelong Learning Week, …)."""

    kind = models.CharField(_("kind"), max_length=40, choices=CampaignKind.choices, default=CampaignKind.OTHER)
    year = models.PositiveSmallIntegerField(_("year"))
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("year"),
        FieldPanel("theme"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]

    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
