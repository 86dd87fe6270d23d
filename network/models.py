"""The learning-city network's base: administrative areas over time, and the units that act in them.

Areas change: from 1 July 2025 Vietnam has two tiers (province → commune or ward), districts were
abolished and many provinces and communes merged. An area is therefore never edited into another
one: it has validity dates, and links to the areas that succeeded it, so that figures reported
for the areas of their time stay attached to them (see ``services.AreaGraph``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from home.models import BasePage

from . import views


class BilingualName:
    """For models with ``name`` and ``name_en``: the name in the language of the page being shown."""

    @property
    def label(self):
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class AreaLevel(models.TextChoices):
    PROVINCE = "province", _("Province or city")
    DISTRICT = "district", pgettext_lazy("area level", "District")
    COMMUNE = "commune", _("Commune or ward")


class AreaKind(models.TextChoices):
    CITY = "city", _("Centrally-run city")
    PROVINCE = "province", _("Province")
    URBAN_DISTRICT = "urban_district", _("Urban district")
    RURAL_DISTRICT = "rural_district", _("Rural district")
    TOWN = "town", _("Town")
    PROVINCIAL_CITY = "provincial_city", _("City under a province or city")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    TOWNSHIP = "township", _("Township")
    SPECIAL_ZONE = "special_zone", _("Special zone")


LEVEL_OF_KIND = {
    AreaKind.CITY: AreaLevel.PROVINCE,
    AreaKind.PROVINCE: AreaLevel.PROVINCE,
    AreaKind.URBAN_DISTRICT: AreaLevel.DISTRICT,
    AreaKind.RURAL_DISTRICT: AreaLevel.DISTRICT,
    AreaKind.TOWN: AreaLevel.DISTRICT,
    AreaKind.PROVINCIAL_CITY: AreaLevel.DISTRICT,
    AreaKind.WARD: AreaLevel.COMMUNE,
    AreaKind.COMMUNE: AreaLevel.COMMUNE,
    AreaKind.TOWNSHIP: AreaLevel.COMMUNE,
    AreaKind.SPECIAL_ZONE: AreaLevel.COMMUNE,
}
LEVEL_DEPTH = {AreaLevel.PROVINCE: 1, AreaLevel.DISTRICT: 2, AreaLevel.COMMUNE: 3}


def valid_on_q(day, prefix=""):
    """Rows whose validity (from, until: both inclusive, empty = open) covers ``day``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


class AreaQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(valid_on_q(day))

    def current(self):
        return self.valid_on(datetime.date.today())


class Area(BilingualName, index.Indexed, ClusterableModel):
    """A province or city, district, or commune or ward, as it existed between two dates."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("The code in the national list of administrative units, e.g. 79 for Hồ Chí Minh City."),
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("With its kind, e.g. “Phường Sài Gòn”."))
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    level = models.CharField(
        pgettext_lazy("area", "level"), max_length=10, choices=AreaLevel.choices, editable=False, db_index=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("in force from"), null=True, blank=True, help_text=_("Empty: since before 2020."))
    valid_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("The last day; empty while the area exists.")
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("succeeded by"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text=_("The areas that took over this one's territory when it ended (merger or split)."),
    )
    source = models.CharField(
        _("source"),
        max_length=255,
        blank=True,
        help_text=_("Where this record comes from, e.g. the resolution that created the area, or “demo data”."),
    )

    objects = AreaQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")], heading=_("In force")),
        FieldPanel("successors"),
        FieldPanel("source"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.FilterField("level"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_from__lte=models.F("valid_until")),
                name="area_validity_in_order",
            )
        ]

    def __str__(self):
        label = self.label
        if self.valid_until:
            return _("%(name)s (until %(date)s)") % {"name": label, "date": self.valid_until.strftime("%d/%m/%Y")}
        return label

    @property
    def depth(self):
        return LEVEL_DEPTH[self.level]

    def save(self, *args, **kwargs):
        self.level = LEVEL_OF_KIND.get(self.kind, AreaLevel.COMMUNE)
        super().save(*args, **kwargs)

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or self.valid_until >= day
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.valid_from and self.valid_until and self.valid_from > self.valid_until:
            errors["valid_until"] = _("The last day cannot be before the first day.")
        level = LEVEL_OF_KIND.get(self.kind)
        if self.parent_id and level:
            parent = self.parent
            if LEVEL_DEPTH[parent.level] >= LEVEL_DEPTH[level]:
                errors["parent"] = _("%(parent)s cannot contain %(kind)s: choose an area of a higher level.") % {
                    "parent": parent.name,
                    "kind": self.get_kind_display().lower(),
                }
            elif (parent.valid_until and self.valid_from and self.valid_from > parent.valid_until) or (
                parent.valid_from and self.valid_until and self.valid_until < parent.valid_from
            ):
                errors["parent"] = _("%(parent)s was not in force while this area was.") % {"parent": parent.name}
        elif level and level != AreaLevel.PROVINCE and not self.parent_id:
            errors["parent"] = _("Choose the province or city (or district) this area belongs to.")
        if errors:
            raise ValidationError(errors)


class LearningTitle(models.TextChoices):
    """The titles of the learning-society movement, shared by the network's statistics and evaluation."""

    LEARNING_FAMILY = "learning_family", _("Learning family")
    LEARNING_CLAN = "learning_clan", _("Learning clan")
    LEARNING_COMMUNITY = "learning_community", _("Learning community")
    LEARNING_UNIT = "learning_unit", _("Learning unit")
    LEARNING_CITIZEN = "learning_citizen", _("Learning citizen")


class OrganisationKind(models.TextChoices):
    GOVERNMENT = "government", _("Government agency")
    ASSOCIATION = "association", _("Study Promotion Association branch")
    SCHOOL = "school", _("School or education centre")
    LEARNING_CENTRE = "learning_centre", _("Community learning centre")
    BUSINESS = "business", _("Business")
    COMMUNITY = "community", _("Community")
    ARMED_FORCES = "armed_forces", _("Armed forces unit")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet):
    def learning_centres(self):
        return self.filter(kind=OrganisationKind.LEARNING_CENTRE, is_active=True)


class Organisation(BilingualName, index.Indexed, models.Model):
    """An agency, association branch, school, community learning centre or business:
    organiser, publisher, registrant, reporting or evaluated unit."""

    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(
        _("name in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown on English pages; empty: the Vietnamese name."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("The province or city, district, or commune or ward where the unit is based."),
    )
    legacy_district = models.CharField(
        _("district (before areas)"),
        max_length=100,
        blank=True,
        help_text=_("The district typed before areas existed; kept for reference. Choose the area above."),
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
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("One line per period, e.g. “Thứ Hai – Thứ Sáu: 7:30 – 17:00”.")
    )
    activities = RichTextField(
        pgettext_lazy("learning centre", "activities"),
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Classes, clubs and services the centre offers."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Closed or merged units stay on record."))

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_active")]),
        FieldPanel("area"),
        FieldPanel("legacy_district", read_only=True),
        FieldPanel("parent"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("opening_hours"), FieldPanel("activities")], heading=_("Community learning centre")
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("name_en"),
        index.SearchField("address"),
        index.FilterField("kind"),
        index.FilterField("area"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "area"], name="unique_organisation_per_area"),
            # Units not yet placed in an area keep the old rule: one name per typed district.
            models.UniqueConstraint(
                fields=["name", "legacy_district"],
                condition=Q(area__isnull=True),
                name="unique_organisation_without_area",
            ),
        ]

    def __str__(self):
        if self.area_id:
            return f"{self.name} ({self.area.name})"
        return self.name

    @property
    def opening_hours_lines(self):
        return [line.strip() for line in self.opening_hours.splitlines() if line.strip()]


class LearningCentreIndexPage(RoutablePageMixin, BasePage):
    """The public directory of community learning centres, by area."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("learning centre directory")

    @path("")
    def index_route(self, request):
        return views.directory(self, request)

    @path("<int:pk>/", name="centre")
    @path("<int:pk>-<slug:slug>/", name="centre")
    def centre_route(self, request, pk, slug=None):
        return views.centre(self, request, pk, slug)
