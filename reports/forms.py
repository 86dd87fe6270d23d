from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class VersionForm(WagtailAdminModelForm):
    """Checks the version's structure as a whole, and refuses structural changes to a version in use."""

    def is_valid(self):
        if not super().is_valid():
            return False
        from .models import IndicatorSetVersion
        from .services import STRUCTURAL_FIELDS, structure_errors, version_structure

        sections = []
        for section_form in self.formsets["sections"].forms:
            data = section_form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            indicators = [
                {"code": f.cleaned_data["code"], **{name: f.cleaned_data.get(name) for name in STRUCTURAL_FIELDS}}
                for f in section_form.formsets["indicators"].forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            sections.append({"code": data["code"], "indicators": indicators})
        frozen, periods, errors = None, [], []
        if self.instance.pk and self.instance.is_in_use:
            stored = IndicatorSetVersion.objects.get(pk=self.instance.pk)
            frozen, periods = version_structure(stored), list(stored.periods.all())
            if (stored.indicator_set_id, stored.number) != (self.instance.indicator_set_id, self.instance.number):
                errors.append(_("This version is in use: its set and number can no longer change."))
        errors += structure_errors(sections, frozen, periods)
        for error in errors:
            self.add_error(None, error)
        return not errors


YES_NO_CHOICES = [("", _("Not answered")), ("yes", _("Yes")), ("no", _("No"))]


class SubmissionForm(forms.Form):
    """One field per indicator the report's level fills in; rates are computed, evidence is uploaded."""

    def __init__(self, indicators, submission, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from . import values
        from .models import IndicatorKind

        self.indicators = indicators
        self.codes = {}
        for indicator in indicators:
            if indicator.kind in (IndicatorKind.RATE, IndicatorKind.EVIDENCE):
                continue
            name = f"indicator_{indicator.pk}"
            self.codes[name] = indicator.code
            help_text = " ".join(filter(None, [indicator.description, _unit(indicator)]))
            if indicator.kind == IndicatorKind.YES_NO:
                field = forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, required=False)
            elif indicator.kind == IndicatorKind.TEXT:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
            else:
                mode = "decimal" if indicator.kind == IndicatorKind.PERCENTAGE else "numeric"
                field = forms.CharField(
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "report-number"}),
                )
            field.label = indicator.label + (" *" if indicator.required else "")
            field.help_text = help_text
            field.initial = values.as_input(indicator.kind, submission.values.get(indicator.code))
            self.fields[name] = field

    def raw(self):
        return {code: self.cleaned_data.get(name, "") for name, code in self.codes.items()}

    def add_check(self, check):
        names = {code: name for name, code in self.codes.items()}
        for code, messages in check.errors.items():
            for message in messages:
                self.add_error(names.get(code), message)

    def field_for(self, code):
        for name, field_code in self.codes.items():
            if field_code == code:
                return self[name]
        return None


def _unit(indicator):
    return str(_("Unit: %(unit)s.") % {"unit": indicator.unit}) if indicator.unit else ""


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the reporter"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning the report: say what to correct."),
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("Document"))
    indicator_code = forms.ChoiceField(label=_("Evidence for"), required=False)
    is_public = forms.BooleanField(
        label=_("Publish with the approved report"),
        required=False,
        initial=True,
        help_text=_("Untick it for documents with personal data."),
    )

    def __init__(self, evidence_indicators, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = [("", _("The report as a whole"))] + [
            (i.code, f"{i.code} {i.label}") for i in evidence_indicators
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = Path(upload.name).suffix.lower().lstrip(".")
        if extension not in settings.REPORTS_EVIDENCE_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of type “%(extension)s” cannot be attached. Allowed types: %(types)s.")
                % {"extension": extension, "types": ", ".join(settings.REPORTS_EVIDENCE_EXTENSIONS)}
            )
        if upload.size > settings.REPORTS_EVIDENCE_MAX_SIZE:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.REPORTS_EVIDENCE_MAX_SIZE)}
            )
        return upload


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template (.xlsx)"),
        help_text=_(
            "Download the period's template, fill it in, and upload it here. Nothing is saved before you confirm."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("Upload the .xlsx template of the period."))
        if upload.size > settings.REPORTS_IMPORT_MAX_SIZE:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.REPORTS_IMPORT_MAX_SIZE)}
            )
        return upload
