from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


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
