"""How forms render their fields: Django's renderer, with plain ``<input>`` and ``<select>``
written out in Python.

Each text, e-mail, checkbox or hidden input went through the template engine three times (its
own template, ``input.html``, ``attrs.html``): about 0.14 ms an input, a millisecond for the event
registration form, an eighth of that page's whole render. A select goes through it twice more for
each of its options: the filter forms of the indexes took a third of a millisecond or more. The
markup is the same, character for character (``tests/portal/test_forms.py`` compares it with
Django's templates); anything else (radios, textareas, whole forms) goes through the templates as
before.
"""

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Django's widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "email", "url", "number", "password", "hidden", "search", "tel", "date")
    + ("datetime", "time", "color", "checkbox")
)


# The defaults of a template's context (autoescape on, the settings' localisation and time zone),
# which ``render_value_in_context`` only reads.
_CONTEXT = Context()

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def input_html(widget):
    """``django/forms/widgets/input.html`` for a widget's template context."""
    parts = [f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_attribute(widget["value"])}"')
    parts.extend(_attributes(widget["attrs"]))
    parts.append(">")
    return mark_safe("".join(parts))


def select_html(widget):
    """``django/forms/widgets/select.html`` and its options for a widget's template context, or
    None when an option has a template of its own."""
    parts = [f'<select name="{_text(widget["name"])}"', *_attributes(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(f'\n  <option value="{_attribute(option["value"])}"')
            parts.extend(_attributes(option["attrs"]))
            # The option's template ends with a line break, which its include keeps.
            parts.append(f">{_text(option['label'])}</option>\n")
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


def _attributes(attrs):
    # ``django/forms/widgets/attrs.html``.
    for name, value in attrs.items():
        if value is not False:
            name = _text(name)
            yield f" {name}" if value is True else f' {name}="{_attribute(value)}"'


def _text(value):
    # A variable as the template engine writes it: localised, then escaped.
    return render_value_in_context(value, _CONTEXT)


def _attribute(value):
    # The templates' ``value|stringformat:'s'``: a safe string stays as it is, anything else is escaped.
    return conditional_escape(value if hasattr(value, "__html__") else str(value))


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        if template_name == SELECT_TEMPLATE:
            html = select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
