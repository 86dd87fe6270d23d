"""How forms render their fields: Django's renderer, with the plain ``<input>`` written out in Python.

Each text, e-mail, checkbox or hidden input went through the template engine three times (its
own template, ``input.html``, ``attrs.html``): about 0.14 ms an input, a millisecond for the event
registration form, an eighth of that page's whole render. The markup is the same, character for
character (``tests/portal/test_forms.py`` compares it with Django's templates); anything else
(selects, radios, textareas, whole forms) goes through the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

# Django's widget templates that are nothing but ``{% include "django/forms/widgets/input.html" %}``.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "email", "url", "number", "password", "hidden", "search", "tel", "date")
    + ("datetime", "time", "color", "checkbox")
)


def input_html(widget):
    """``django/forms/widgets/input.html`` for a widget's template context."""
    parts = [f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"']
    if widget["value"] is not None:
        parts.append(f' value="{_attribute(widget["value"])}"')
    for name, value in widget["attrs"].items():
        if value is not False:
            name = conditional_escape(name)
            parts.append(f" {name}" if value is True else f' {name}="{_attribute(value)}"')
    parts.append(">")
    return mark_safe("".join(parts))


def _attribute(value):
    # The templates' ``value|stringformat:'s'``: a safe string stays as it is, anything else is escaped.
    return conditional_escape(value if hasattr(value, "__html__") else str(value))


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES:
            return input_html(context["widget"])
        return super().render(template_name, context, request=request)
