"""The portal's form renderer writes plain inputs out in Python: the markup must be Django's own."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.forms import INPUT_TEMPLATES, FormRenderer

VALUES = [None, "", "Nguyễn Văn An", 'a "quoted" <b>value</b> & more', mark_safe("<b>safe</b>"), 0, 12, 1.5]
ATTRS = [
    {},
    {"required": True, "disabled": False, "maxlength": 150},
    {"autocomplete": "name", "aria-describedby": "id_name_helptext id_name_error", "aria-invalid": "true"},
    {"placeholder": 'Ví dụ: "Trung tâm" <học tập>', "data-x": mark_safe("&amp;"), "tabindex": "-1"},
]
WIDGETS = [
    forms.TextInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.SearchInput,
    forms.TelInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
    forms.ColorInput,
]


@pytest.mark.parametrize("widget_class", WIDGETS)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_an_input_is_written_as_djangos_template_writes_it(widget_class, value, attrs):
    widget = widget_class(attrs=attrs)
    assert widget.template_name in INPUT_TEMPLATES
    expected = widget.render("field", value, renderer=DjangoTemplates())
    assert widget.render("field", value, renderer=FormRenderer()) == expected


@pytest.mark.parametrize("value", [True, False, None, "", "on"])
@pytest.mark.parametrize("attrs", ATTRS)
def test_a_checkbox_is_written_as_djangos_template_writes_it(value, attrs):
    widget = forms.CheckboxInput(attrs=attrs)
    assert widget.render("consent", value, renderer=FormRenderer()) == widget.render(
        "consent", value, renderer=DjangoTemplates()
    )


def test_a_date_value_and_other_widgets_keep_djangos_templates():
    assert forms.DateInput().render(
        "day", datetime.date(2024, 12, 11), renderer=FormRenderer()
    ) == forms.DateInput().render("day", datetime.date(2024, 12, 11), renderer=DjangoTemplates())
    textarea = forms.Textarea()
    assert textarea.render("note", "Ghi chú", renderer=FormRenderer()) == textarea.render(
        "note", "Ghi chú", renderer=DjangoTemplates()
    )


CHOICES = [
    [],
    [("", "Tất cả chiến dịch"), (2023, 2023), (12345, 12345), ("b", 'Hai "<b>" & ba')],
    [("", _("All categories")), ("tin", mark_safe("<em>Tin</em>")), (1.5, 1.5)],
    [
        ("Quận, huyện", [("q1", "Quận 1"), ("q3", "Quận 3")]),
        ("Tỉnh <khác>", [("hn", "Hà Nội")]),
        ("", "Không chọn"),
    ],
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("choices", CHOICES)
@pytest.mark.parametrize("value", [None, "", "b", 2023, "q3", ["q1", "hn"]])
@pytest.mark.parametrize("attrs", ATTRS[:2] + ATTRS[3:])
@pytest.mark.parametrize("widget_class", [forms.Select, forms.SelectMultiple])
def test_a_select_is_written_as_djangos_template_writes_it(widget_class, attrs, value, choices, language):
    widget = widget_class(attrs=attrs, choices=choices)
    with translation.override(language):
        expected = widget.render("choice", value, renderer=DjangoTemplates())
        assert widget.render("choice", value, renderer=FormRenderer()) == expected


def test_a_yes_no_select_is_written_as_djangos_template_writes_it():
    widget = forms.NullBooleanSelect()
    for value in (None, True, False, "unknown"):
        assert widget.render("ok", value, renderer=FormRenderer()) == widget.render(
            "ok", value, renderer=DjangoTemplates()
        )


def test_the_site_renders_its_forms_with_it():
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), FormRenderer)
