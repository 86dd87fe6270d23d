"""Event pages and the registrations made on them.

The registration rules themselves live in ``events/services.py``; the models here only
declare what is stored.
"""

import html
from urllib.parse import quote_plus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from home.models import BasePage
from network.models import OrganisationKind
from network.widgets import OrganisationsChooser
from portal.pagecache import locales_by_code

from .blocks import AgendaBlock, AttachmentsBlock


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training session")
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    CEREMONY = "ceremony", _("Ceremony")
    READING_DAY = "reading_day", _("Reading day")
    OTHER = "other", _("Other")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration")
    INDIVIDUAL = "individual", _("Individuals register themselves")
    DELEGATES = "delegates", _("Organisations register their delegates")


class DelegateRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    STAFF_IN_CHARGE = "staff_in_charge", _("Teacher or staff member in charge")
    DELEGATE = "delegate", _("Delegate")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# Registrations that still count: they hold a seat, or a place in the queue and in the quotas.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
# Registrations that occupy a seat of the event's capacity.
SEAT_HOLDING_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class EventIndexPage(RoutablePageMixin, BasePage):
    # Leads to other pages: kept out of search results (search.indexer).
    search_listing = True
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    # Thin routes: the views (list, calendar, archive, iCalendar feed) are in events/views.py.
    @path("")
    def upcoming_view(self, request):
        from . import views

        return views.event_index(request, self)

    @path("past/")
    def past_view(self, request):
        from . import views

        return views.event_archive(request, self)

    @path("ical/")
    def feed_view(self, request):
        from . import views

        return views.index_ical(request, self)


class EventPage(RoutablePageMixin, BasePage):
    route_related = (*BasePage.route_related, "campaign")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING)
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences shown in event lists."))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(
        _("district"), max_length=100, blank=True, help_text=_("Urban or rural district, e.g. Quận 1; used by filters.")
    )
    map_url = models.URLField(
        _("map link"), blank=True, help_text=_("Leave empty to link to a map search for the address.")
    )
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Zoom, Google Meet, livestream…"))
    organisers = ParentalManyToManyField(
        "network.Organisation", verbose_name=_("organisers"), blank=True, related_name="organised_events"
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    description = RichTextField(_("description"), blank=True)
    agenda = StreamField(AgendaBlock(), verbose_name=_("agenda"), blank=True)
    what_to_bring = RichTextField(_("what to bring"), blank=True, features=["bold", "italic", "ul", "link"])
    attachments = StreamField(AttachmentsBlock(), verbose_name=_("attachments"), blank=True)
    is_cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("The event will not take place; registration is closed.")
    )
    cancellation_note = models.TextField(_("cancellation note"), blank=True)

    registration_mode = models.CharField(
        _("registration"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.INDIVIDUAL
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("An event takes at least 1 participant: leave it empty for no limit."))
        ],
        help_text=_("Seats for participants. Empty: no limit."),
    )
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    requires_approval = models.BooleanField(
        _("organisers approve each registration"),
        default=False,
        help_text=_("Registrations stay pending until approved."),
    )
    privacy_notice = models.TextField(
        _("personal data notice"),
        blank=True,
        help_text=_("Shown next to the consent box. Empty: the portal's standard notice."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("district"),
                FieldPanel("map_url"),
                FieldPanel("online_url"),
            ],
            heading=pgettext_lazy("venue", "Where"),
        ),
        FieldPanel("organisers", widget=OrganisationsChooser),
        FieldPanel("campaign"),
        FieldPanel("description"),
        FieldPanel("agenda"),
        FieldPanel("what_to_bring"),
        FieldPanel("attachments"),
        MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_note")], heading=_("Cancellation")),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
                FieldPanel("capacity"),
                FieldPanel("waiting_list"),
                FieldPanel("requires_approval"),
                FieldPanel("privacy_notice"),
            ],
            heading=_("Registration rules"),
        ),
        InlinePanel("quotas", heading=_("Quotas per organisation"), label=_("Quota")),
        InlinePanel("questions", heading=_("Extra questions"), label=_("Question")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("venue_address"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("district"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    # What translations share with the Vietnamese page (home/translations.py); registrations are
    # kept on the Vietnamese page itself.
    synchronised_fields = [
        "kind",
        "start",
        "end",
        "map_url",
        "online_url",
        "organisers",
        "campaign",
        "is_cancelled",
        "registration_mode",
        "registration_opens",
        "registration_closes",
        "capacity",
        "waiting_list",
        "requires_approval",
    ]
    synchronised_children = {
        "quotas": ["organisation_kind", "role", "max_per_organisation"],
        "questions": ["kind", "required"],
    }

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    @path("")
    def event_view(self, request):
        from . import views

        return views.event_detail(request, self)

    @path("ical/")
    def ical_view(self, request):
        from . import views

        return views.event_ical(request, self)

    @path("organisation-quota/")
    def quota_view(self, request):
        from . import views

        return views.organisation_quota(request, self)

    @classmethod
    def get_edit_handler(cls):
        from wagtail.admin.panels import ObjectList, TabbedInterface

        return TabbedInterface(
            [
                ObjectList(cls.content_panels, heading=_("Content")),
                ObjectList(cls.registration_panels, heading=_("Registration")),
                ObjectList(cls.promote_panels, heading=pgettext_lazy("editor tab", "Promote")),
                ObjectList(cls.settings_panels, heading=_("Settings"), classname="settings"),
            ]
        ).bind_to_model(cls)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration cannot close after the event has ended.")
        if errors:
            raise ValidationError(errors)

    @property
    def meta_description(self):
        if self.search_description or self.summary:
            return self.search_description or self.summary
        text = " ".join(html.unescape(strip_tags(self.description)).split())
        return Truncator(text).chars(200)

    @property
    def takes_registrations(self):
        return self.registration_mode != RegistrationMode.NONE

    @property
    def is_delegate_mode(self):
        return self.registration_mode == RegistrationMode.DELEGATES

    @property
    def effective_registration_closes(self):
        return self.registration_closes or self.start

    @property
    def map_link(self):
        if self.map_url:
            return self.map_url
        place = ", ".join(part for part in (self.venue_name, self.venue_address) if part)
        return f"https://www.google.com/maps/search/?api=1&query={quote_plus(place)}" if place else ""

    def registration_event(self):
        """The page that holds the registrations: translations share those of the default-language page."""
        default = locales_by_code().get(settings.LANGUAGE_CODE)
        if default is None or self.locale_id == default.pk:
            return self
        original = self.get_translation_or_none(default)
        return original.specific if original is not None else self

    def get_search_extras(self):
        facets = {"kind": [str(self.get_kind_display())]}
        if self.district:
            facets["district"] = [self.district]
        return {"date": self.start, "facets": facets, "text": " ".join(filter(None, [self.summary, self.venue_name]))}


class EventQuota(Orderable):
    """How many delegates one organisation of a kind may send, optionally for one role only."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="quotas")
    organisation_kind = models.CharField(
        _("kind of organisation"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("Empty: every kind of organisation."),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=DelegateRole.choices, blank=True, help_text=_("Empty: any role.")
    )
    max_per_organisation = models.PositiveSmallIntegerField(_("delegates per organisation"), default=1)

    panels = [FieldPanel("organisation_kind"), FieldPanel("role"), FieldPanel("max_per_organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")

    def __str__(self):
        kind = self.get_organisation_kind_display() if self.organisation_kind else _("Any organisation")
        role = self.get_role_display() if self.role else _("delegates")
        return f"{kind}: {self.max_per_organisation} × {role}"

    def applies_to_kind(self, kind):
        return self.organisation_kind in ("", kind)

    def applies_to_role(self, role):
        return self.role in ("", role)


class QuestionKind(models.TextChoices):
    TEXT = "text", pgettext_lazy("question kind", "Text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


class EventQuestion(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line (for the Choice kind)."))
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("kind"),
        FieldPanel("choices"),
        FieldPanel("required"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    def clean(self):
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def holding_seats(self):
        return self.filter(status__in=SEAT_HOLDING_STATUSES)


class Registration(models.Model):
    """One submission of the form: a person, or an organisation's delegates (the attendees)."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(_("reference code"), max_length=12, unique=True)
    token = models.CharField(max_length=64, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    contact_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    email_normalised = models.CharField(max_length=254, editable=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    language = models.CharField(max_length=10, default="vi")
    consented_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    source = models.CharField(max_length=10, default="web", editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(_("note for organisers"), blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            # The last line of defence behind the service's own check: one active registration per address.
            models.UniqueConstraint(
                fields=["event", "email_normalised"],
                condition=Q(status__in=ACTIVE_STATUSES, anonymised_at__isnull=True),
                name="events_one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="events_one_registration_per_submission",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return self.reference

    @property
    def seats(self):
        return len(self.attendees.all())

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def display_reference(self):
        return f"{self.reference[:4]}-{self.reference[4:]}"


class Attendee(models.Model):
    """A person who takes a seat: the registrant, or one delegate of an organisation."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendees")
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=DelegateRole.choices, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["registration_id", "pk"]

    def __str__(self):
        return self.full_name
