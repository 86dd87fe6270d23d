"""Form fields every public form shares: Vietnamese phone numbers, e-mail addresses with a message
that says what is wrong, and units named in the page's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .phones import normalise_phone

# Django's own Vietnamese for an invalid address reads "Nhập địa chỉ email." ("enter an address").
INVALID_EMAIL = _("This e-mail address is not valid: check it, for example lan@example.org.")


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneField(forms.CharField):
    """A Vietnamese mobile or landline number (0… or +84…), kept as Vietnamese write it."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("help_text", _("For example 0903 123 456 or 028 3829 1875."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value):
        return normalise_phone(super().clean(value))


def email_field(**kwargs):
    return forms.EmailField(error_messages={"invalid": INVALID_EMAIL}, **kwargs)


def organisation_label(organisation):
    """A unit's name in the page's language, with its area to tell namesakes apart."""
    if organisation.area_id:
        return f"{organisation.label} ({organisation.area.label})"
    return organisation.label
