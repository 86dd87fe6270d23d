"""The public forms: starting a self-assessment, its details, sending the links again; and the
reviewers' decision form."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import Area, AreaLevel, LearningTitle, Organisation, valid_on_q
from network.services import AreaGraph

from .services import DecisionRequest, StartRequest

HONEYPOT_FIELD = "website"


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


def area_field(day=None, queryset=None, required=True, label=None):
    """Communes and wards in force today, grouped under their province or city (no JS needed)."""
    day = day or timezone.localdate()
    queryset = queryset if queryset is not None else Area.objects.valid_on(day).filter(level=AreaLevel.COMMUNE)
    field = AreaChoiceField(
        queryset=queryset,
        label=label or _("Commune or ward"),
        empty_label=_("— Choose —"),
        required=required,
    )
    graph = AreaGraph()
    tops = {}
    areas = list(queryset.order_by("name"))
    top_ids = {graph.ancestors(a.pk)[-1] for a in areas}
    names = {a.pk: a.label for a in Area.objects.filter(pk__in=top_ids)}
    for area in areas:
        top = graph.ancestors(area.pk)[-1]
        tops.setdefault(names.get(top, ""), []).append((area.pk, area.label))
    field.choices = [("", _("— Choose —")), *((name, options) for name, options in sorted(tops.items()))]
    return field


class SpamMixin:
    def add_honeypot(self):
        self.fields[HONEYPOT_FIELD] = forms.CharField(required=False, label=_("Leave this field empty"))
        self.fields[HONEYPOT_FIELD].widget.attrs.update(tabindex="-1", autocomplete="off")

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT_FIELD))


class StartForm(SpamMixin, forms.Form):
    """Name, e-mail and area: enough to open a draft and send its private link."""

    subject_name = forms.CharField(max_length=255)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    contact_name = forms.CharField(label=_("Your full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Your private link is sent to this address."))
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)

    def __init__(self, period, *args, language="vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.language = language
        title = period.title
        self.fields["area"] = area_field()
        self.fields["birth_year"].widget.attrs["max"] = timezone.localdate().year
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update(autocomplete="tel", inputmode="tel")
        self.fields["birth_year"].widget.attrs["inputmode"] = "numeric"
        labels = {
            LearningTitle.LEARNING_CITIZEN: _("Your full name"),
            LearningTitle.LEARNING_FAMILY: _("The family, e.g. “Gia đình ông Nguyễn Văn An”"),
            LearningTitle.LEARNING_CLAN: _("The clan, e.g. “Dòng họ Trần thôn Đông”"),
            LearningTitle.LEARNING_COMMUNITY: _("The community, e.g. “Tổ dân phố 5”"),
            LearningTitle.LEARNING_UNIT: _("The unit's name, if it is not in the list"),
        }
        self.fields["subject_name"].label = labels[title]
        if title == LearningTitle.LEARNING_CITIZEN:
            del self.fields["contact_name"], self.fields["organisation"]
            self.fields["subject_name"].widget.attrs["autocomplete"] = "name"
        else:
            del self.fields["birth_year"]
            self.fields["contact_name"].label = _("Your full name (the representative filling it in)")
            self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        if title == LearningTitle.LEARNING_UNIT:
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.filter(is_active=True).select_related("area").order_by("name")
            field.label = _("The unit")
            field.empty_label = _("— Not in the list: type its name below —")
            field.label_from_instance = str
            self.fields["subject_name"].required = False
            self.fields["area"].required = False
            self.fields["area"].help_text = _("For a unit from the list, its own area is used.")
        elif "organisation" in self.fields:
            del self.fields["organisation"]
        self.add_honeypot()

    def ordered_fields(self):
        order = ["organisation", "subject_name", "area", "address", "birth_year", "contact_name", "email", "phone"]
        return [self[name] for name in order if name in self.fields]

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        if self.period.title == LearningTitle.LEARNING_UNIT and organisation is None:
            if not cleaned.get("subject_name"):
                self.add_error("subject_name", _("Choose the unit in the list, or type its name."))
            if not cleaned.get("area") and "area" not in self.errors:
                self.add_error("area", _("Choose the commune or ward of the unit."))
        if organisation is not None and organisation.area_id is None and not cleaned.get("area"):
            self.add_error("area", _("This unit has no area on record: choose its commune or ward."))
        year = cleaned.get("birth_year")
        if year and year > timezone.localdate().year:
            self.add_error("birth_year", _("Check the year of birth."))
        return cleaned

    def to_request(self):
        data = self.cleaned_data
        organisation = data.get("organisation")
        subject_name = data.get("subject_name") or ""
        return StartRequest(
            period=self.period,
            subject_name=subject_name,
            contact_name=data.get("contact_name") or subject_name,
            email=data["email"],
            phone=data.get("phone", ""),
            area=data.get("area") or (organisation.area if organisation else None),
            organisation=organisation,
            address=data.get("address", ""),
            birth_year=data.get("birth_year"),
            language=self.language,
        )


class DetailsForm(forms.Form):
    """What the person may correct in their draft (not the e-mail: it is how the link reaches them)."""

    subject_name = forms.CharField(max_length=255)
    contact_name = forms.CharField(label=_("Filled in by"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False, min_value=1900)

    def __init__(self, assessment, *args, **kwargs):
        initial = {
            "subject_name": assessment.subject_name,
            "contact_name": assessment.contact_name,
            "phone": assessment.phone,
            "address": assessment.address,
            "birth_year": assessment.birth_year,
            "area": assessment.area_id,
        }
        super().__init__(*args, initial=initial, prefix="details", **kwargs)
        self.fields["area"] = area_field(
            # Today's communes and wards, and the one chosen before the 2025 reform if it was one of those.
            queryset=Area.objects.filter(level=AreaLevel.COMMUNE).filter(
                valid_on_q(timezone.localdate()) | Q(pk=assessment.area_id)
            )
        )
        self.fields["subject_name"].label = (
            _("Full name") if assessment.title == LearningTitle.LEARNING_CITIZEN else _("Name")
        )
        if assessment.title == LearningTitle.LEARNING_CITIZEN:
            del self.fields["contact_name"]
        else:
            del self.fields["birth_year"]
        if assessment.organisation_id:
            del self.fields["subject_name"], self.fields["area"]

    def ordered_fields(self):
        order = ["subject_name", "area", "address", "birth_year", "contact_name", "phone"]
        return [self[name] for name in order if name in self.fields]


class ResendForm(SpamMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.add_honeypot()


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Decision number"), max_length=60, help_text=_("E.g. “125/QĐ-UBND”."))
    signed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    issuing_body = forms.CharField(label=_("Issued by"), max_length=255)
    signer_name = forms.CharField(label=_("Signed by"), max_length=150)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=150, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.fields["assessments"] = forms.MultipleChoiceField(
            label=_("Recognised by this decision"),
            choices=[
                (str(a.pk), f"{a.display_reference} – {a.subject_name} ({a.area.label})") for a in self.candidates
            ],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Choose at least one approved self-assessment.")},
        )

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate() + datetime.timedelta(days=1):
            raise forms.ValidationError(_("A decision cannot be dated in the future."))
        return day

    def to_request(self, period, area):
        data = self.cleaned_data
        return DecisionRequest(
            period=period,
            area=area,
            number=data["number"],
            signed_on=data["signed_on"],
            issuing_body=data["issuing_body"],
            signer_name=data["signer_name"],
            signer_position=data.get("signer_position", ""),
            note=data.get("note", ""),
        )

    def chosen(self):
        wanted = set(self.cleaned_data.get("assessments", []))
        return [a for a in self.candidates if str(a.pk) in wanted]
