"""The registration form on an event page, and the delegates form of the private link."""

import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import Organisation, OrganisationKind
from portal.fields import PhoneField, email_field, organisation_label
from portal.pagecache import hole
from portal.prepared import PreparedQuery, related

from .models import DelegateRole, EventQuestion, QuestionKind
from .services import ContactDetails, DelegateData, RegistrationRequest

QUESTIONS = PreparedQuery(lambda event_id: EventQuestion.objects.filter(event_id=event_id))

HONEYPOT_FIELD = "company_website"
DEFAULT_DELEGATE_ROWS = 5
MAX_DELEGATE_ROWS = 10


def delegate_rows(event):
    """As many delegate rows as the most generous quota allows (no JS needed to add rows)."""
    quotas = list(event.quotas.all())
    if not quotas:
        return DEFAULT_DELEGATE_ROWS
    kinds = {q.organisation_kind for q in quotas if q.organisation_kind} or {""}
    most = max(sum(q.max_per_organisation for q in quotas if q.applies_to_kind(kind)) for kind in kinds)
    return max(1, min(most, MAX_DELEGATE_ROWS))


def role_choices(event):
    roles = {q.role for q in event.quotas.all()}
    if not roles or "" in roles:
        return list(DelegateRole.choices)
    return [(value, label) for value, label in DelegateRole.choices if value in roles]


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return organisation_label(obj)


def offered_organisations(event):
    """The organisations the form lets a person choose: those of a kind some quota invites."""
    kinds = {q.organisation_kind for q in event.quotas.all()}
    queryset = Organisation.objects.order_by("kind", "name")
    if kinds and "" not in kinds:
        queryset = queryset.filter(kind__in=kinds)
    return queryset


def organisation_field(event):
    queryset = offered_organisations(event)
    field = OrganisationChoiceField(queryset=queryset, label=_("Organisation"), empty_label=_("— Choose —"))
    # Grouped by kind, so that a school officer finds their school among the schools.
    labels = dict(OrganisationKind.choices)
    groups = {}
    for organisation in queryset:
        groups.setdefault(labels.get(organisation.kind, organisation.kind), []).append(
            (organisation.pk, organisation_label(organisation))
        )
    field.choices = [("", _("— Choose —")), *((str(kind), options) for kind, options in groups.items())]
    return field


class ErrorSummaryMixin:
    """Each field's errors in the order the fields are shown, for the summary above the form."""

    def summary_fields(self):
        return self.visible_fields()

    def summary_label(self, field):
        row = re.fullmatch(r"delegate_(\d+)_\w+", field.name)
        if row:
            return _("Delegate %(number)s – %(field)s") % {"number": int(row.group(1)) + 1, "field": field.label}
        return field.label

    def error_summary(self):
        return [
            {"field": field, "label": self.summary_label(field), "error": error}
            for field in self.summary_fields()
            for error in field.errors
        ]


class DelegateRowsMixin:
    """Fixed rows of delegate fields: ``delegate_<n>_<field>``; empty rows are ignored."""

    delegate_fields = ("full_name", "role", "position", "email", "phone")

    def add_delegate_fields(self, event, initial_delegates=()):
        self.delegate_row_count = max(delegate_rows(event), len(initial_delegates))
        roles = role_choices(event)
        for n in range(self.delegate_row_count):
            initial = initial_delegates[n] if n < len(initial_delegates) else None
            prefix = f"delegate_{n}_"
            self.fields[prefix + "full_name"] = forms.CharField(
                label=_("Full name"), max_length=150, required=False, initial=getattr(initial, "full_name", "")
            )
            self.fields[prefix + "role"] = forms.ChoiceField(
                label=_("Role"),
                choices=[("", _("— Choose —")), *roles],
                required=False,
                initial=getattr(initial, "role", "") or (roles[0][0] if len(roles) == 1 else ""),
            )
            self.fields[prefix + "position"] = forms.CharField(
                label=_("Position"), max_length=150, required=False, initial=getattr(initial, "position", "")
            )
            self.fields[prefix + "email"] = email_field(
                label=_("E-mail"), required=False, initial=getattr(initial, "email", "")
            )
            self.fields[prefix + "phone"] = PhoneField(
                label=_("Phone"), required=False, initial=getattr(initial, "phone", ""), help_text=""
            )
            self.fields[prefix + "full_name"].widget.attrs["autocomplete"] = "off"
        self.delegate_errors = []

    def delegate_rows_for_template(self):
        return [
            {"number": n + 1, "fields": [self[f"delegate_{n}_{name}"] for name in self.delegate_fields]}
            for n in range(self.delegate_row_count)
        ]

    def clean_delegates(self):
        delegates = []
        for n in range(self.delegate_row_count):
            values = {name: self.cleaned_data.get(f"delegate_{n}_{name}") or "" for name in self.delegate_fields}
            # A pre-selected role alone does not make a row filled in.
            if not any(value for name, value in values.items() if name != "role"):
                continue
            if not values["full_name"].strip():
                self.add_error(f"delegate_{n}_full_name", _("Enter the delegate's full name."))
                continue
            if not values["role"]:
                self.add_error(f"delegate_{n}_role", _("Choose the delegate's role."))
                continue
            delegates.append(DelegateData(**values))
        if not delegates and not self.errors:
            self.delegate_errors.append(_("Enter at least one delegate."))
        return delegates


class ContactForm(ErrorSummaryMixin, forms.Form):
    """The registrant's own details: on the event's form, and on the private page until the deadline."""

    contact_name = forms.CharField(label=_("Full name"), max_length=150)
    email = email_field(label=_("E-mail"), help_text=_("Your confirmation and private link are sent here."))
    phone = PhoneField(label=_("Phone"), required=False)
    position = forms.CharField(label=_("Position and workplace"), max_length=150, required=False)

    def __init__(self, *args, delegate_mode=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if delegate_mode:
            self.fields["contact_name"].label = _("Your full name (the person registering)")
            self.fields["position"].label = _("Your position")

    def contact_fields(self):
        return [self[name] for name in ("contact_name", "email", "phone", "position")]

    def summary_fields(self):
        return self.contact_fields()

    def to_details(self):
        data = self.cleaned_data
        return ContactDetails(data["contact_name"], data["email"], data.get("phone", ""), data.get("position", ""))


class RegistrationForm(DelegateRowsMixin, ContactForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data as described above."))

    def __init__(self, event, *args, language="vi", **kwargs):
        super().__init__(*args, delegate_mode=event.is_delegate_mode, **kwargs)
        self.event = event
        self.language = language
        # Filled per response (events.views): a kept copy of the page never holds anyone's key.
        self.fields["idempotency_key"].initial = hole("events.form_key")
        self.fields[HONEYPOT_FIELD] = forms.CharField(required=False, label=_("Leave this field empty"))
        self.fields[HONEYPOT_FIELD].widget.attrs.update(tabindex="-1", autocomplete="off")
        registration_event = event.registration_event()
        if event.is_delegate_mode:
            self.fields["organisation"] = organisation_field(registration_event)
            self.add_delegate_fields(registration_event)
        else:
            self.delegate_row_count = 0
            self.delegate_errors = []
        self.questions = related(event, "questions", QUESTIONS)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._question_field(question)

    @staticmethod
    def _question_field(question):
        common = {"label": question.label, "required": question.required, "help_text": question.help_text}
        if question.kind == QuestionKind.CHOICE:
            choices = [(c, c) for c in question.choice_list]
            return forms.ChoiceField(choices=[("", _("— Choose —")), *choices], **common)
        if question.kind == QuestionKind.YES_NO:
            return forms.TypedChoiceField(
                choices=[("", _("— Choose —")), ("yes", _("Yes")), ("no", _("No"))], widget=forms.Select, **common
            )
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    def renew_key(self):
        """Give the re-rendered form a key of its own: the submitted one belongs to a registration."""
        self.data = self.data.copy()
        self.data["idempotency_key"] = secrets.token_urlsafe(24)

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))

    def honeypot_field(self):
        return self[HONEYPOT_FIELD]

    def question_fields(self):
        return [self[f"question_{q.pk}"] for q in self.questions]

    def summary_fields(self):
        delegates = [field for row in self.delegate_rows_for_template() for field in row["fields"]]
        return [*self.contact_fields(), *delegates, *self.question_fields(), self["consent"]]

    def contact_fields(self):
        fields = super().contact_fields()
        return [self["organisation"], *fields] if self.event.is_delegate_mode else fields

    def clean(self):
        cleaned = super().clean()
        if self.event.is_delegate_mode:
            cleaned["delegates"] = self.clean_delegates()
            if self.delegate_errors:
                raise forms.ValidationError(self.delegate_errors[0], code="delegates")
        return cleaned

    def answers(self):
        answers = []
        for question in self.questions:
            value = self.cleaned_data.get(f"question_{question.pk}") or ""
            if question.kind == QuestionKind.YES_NO and value:
                value = str(_("Yes") if value == "yes" else _("No"))
            answers.append({"question": question.label, "answer": value})
        return answers

    def to_request(self):
        data = self.cleaned_data
        return RegistrationRequest(
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data.get("phone", ""),
            position=data.get("position", ""),
            organisation=data.get("organisation"),
            delegates=data.get("delegates", []),
            answers=self.answers(),
            language=self.language,
            idempotency_key=data["idempotency_key"],
            consent=data["consent"],
        )


class DelegatesForm(ErrorSummaryMixin, DelegateRowsMixin, forms.Form):
    def __init__(self, registration, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_delegate_fields(registration.event, list(registration.attendees.all()))

    def summary_fields(self):
        return [field for row in self.delegate_rows_for_template() for field in row["fields"]]

    def clean(self):
        cleaned = super().clean()
        cleaned["delegates"] = self.clean_delegates()
        if self.delegate_errors:
            raise forms.ValidationError(self.delegate_errors[0], code="delegates")
        return cleaned
